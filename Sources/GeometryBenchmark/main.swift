import Foundation

// GeometryBenchmark: a plain executable (not a test) that prints ns per operation for the Geometry
// module, and hosts the leak-check driver used by scripts/leak-check.
//
//   swift run -c release --scratch-path .build-bench GeometryBenchmark            full run (~1 min)
//   swift run -c release --scratch-path .build-bench GeometryBenchmark --quick    shorter runs
//   GeometryBenchmark leak [--iterations N] [--report-every K] [--prepared-every P]
//                          [--transformer-every T] [--max-rss-growth-kb KB]

let usage = """
    usage: GeometryBenchmark [--quick]
           GeometryBenchmark leak [--iterations N] [--report-every K] [--prepared-every P]
                                  [--transformer-every T] [--max-rss-growth-kb KB]
                                  [--inject-leak-every L]   (self-test: leaks 64 bytes every L)
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n" + usage + "\n").utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "leak" {
    var options = LeakCheckOptions()
    var rest = arguments.dropFirst()
    while let flag = rest.popFirst() {
        guard let text = rest.popFirst(), let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
            fail("\(flag) needs a positive integer")
        }
        switch flag {
        case "--iterations": options.iterations = value
        case "--report-every": options.reportEvery = value
        case "--prepared-every": options.preparedEvery = value
        case "--transformer-every": options.transformerEvery = value
        case "--max-rss-growth-kb": options.maxGrowthKilobytes = value
        case "--inject-leak-every": options.injectLeakEvery = value
        default: fail("unknown option \(flag)")
        }
    }
    exit(runLeakCheck(options))
}

var quick = false
for argument in arguments {
    switch argument {
    case "--quick": quick = true
    case "-h", "--help": print(usage); exit(0)
    default: fail("unknown argument \(argument)")
    }
}

do {
    try runBenchmarks(quick: quick)
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
