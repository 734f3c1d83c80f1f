import Formats
import Foundation
import Geometry
import Zoning

// Screening benchmark: prints figures, asserts nothing. Usage:
//   ScreeningBenchmark [DATASET_DIR] [--zonescreen PATH]
// With --zonescreen, also times cold single-site answers of that binary (a new process each time).

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    var result: T?
    let elapsed = try clock.measure { result = try body() }
    // measure's closure always runs once, so result is set.
    return (result!, seconds(elapsed))
}

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
    return kilobytes / 1024
}

/// Deterministic points (SplitMix64) so runs compare.
struct Random {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
var binary: String?
if let flag = arguments.firstIndex(of: "--zonescreen"), flag + 1 < arguments.count {
    binary = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
guard let directory = arguments.first.map({ URL(fileURLWithPath: $0) }) ?? DatasetLoader.defaultDirectory() else {
    print("no dataset: pass a dataset folder")
    exit(2)
}

print("# ZoneScreen screening benchmark")
print("dataset   : \(directory.path)")
print("date      : \(ISO8601DateFormatter().string(from: Date()))")
print("cores     : \(ProcessInfo.processInfo.activeProcessorCount); single thread")
let rssStart = residentMegabytes()
let (dataset, loadTime) = try time { try DatasetLoader.load(from: directory) }
let (engine, engineTime) = try time { try ScreeningEngine(dataset: dataset) }
print(String(format: "load      : %.1f ms (%d units, %d red lines, %d shorelines, %d clauses)", loadTime * 1000,
             dataset.units.count, dataset.redLines.count, dataset.shorelines.count, dataset.clauses.count))
print(String(format: "engine    : %.1f ms (prepared geometries over the shared trees)", engineTime * 1000))
print(String(format: "memory    : RSS %.1f MB -> %.1f MB", rssStart, residentMegabytes()))

// Sample points inside the units' extent, in the layer CRS.
let back = try CoordinateTransformer(from: dataset.workingCRS, to: dataset.metadata.crs)
let extent = dataset.units.reduce(Envelope.empty) { $0.union($1.geometry.envelope) }
var random = Random(state: 42)
@MainActor func samplePoint() throws -> Coordinate {
    try back.transform(Coordinate(x: extent.minX + random.next() * extent.width, y: extent.minY + random.next() * extent.height))
}
let profile = ProjectProfile(industry: "C2614", nature: .new)
var points: [Site] = []
for _ in 0..<2000 { points.append(Site(geometry: .point(try samplePoint()), crs: dataset.metadata.crs, profile: profile)) }
var parcels: [Site] = []
for _ in 0..<300 {
    let centre = try samplePoint()
    let half = 0.002 + random.next() * 0.004  // about 200-600 m on a side
    let ring = [Coordinate(x: centre.x - half, y: centre.y - half), Coordinate(x: centre.x + half, y: centre.y - half),
                Coordinate(x: centre.x + half, y: centre.y + half), Coordinate(x: centre.x - half, y: centre.y + half),
                Coordinate(x: centre.x - half, y: centre.y - half)]
    parcels.append(Site(geometry: .polygon(Polygon(exterior: ring)), crs: dataset.metadata.crs, profile: profile))
}

let (_, firstTime) = time { try? engine.screen(points[0]) }
print(String(format: "first     : %.2f ms (first screening; GEOS builds prepared indexes on first use)", firstTime * 1000))

@MainActor func throughput(_ name: String, _ sites: [Site], rounds: Int) {
    var failures = 0
    var best = Double.infinity
    for _ in 0..<rounds {
        let (_, elapsed) = time {
            for site in sites { if (try? engine.screen(site)) == nil { failures += 1 } }
        }
        best = min(best, elapsed)
    }
    let perSite = best / Double(sites.count)
    print(String(format: "%-34@ %10.0f sites/s %10.1f µs/site  (best of %d rounds of %d; %d outside)",
                 name as NSString, 1 / perSite, perSite * 1e6, rounds, sites.count, failures / rounds))
}
if let sample = try? engine.screen(Site(geometry: .point(try back.transform(extent.center)), crs: dataset.metadata.crs, profile: profile)) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var bytes = 0
    let (_, encodeTime) = time { for _ in 0..<500 { bytes = (try? encoder.encode(sample))?.count ?? 0 } }
    print(String(format: "json      : %.0f µs to encode one full result (%d bytes, %d clauses) with Foundation's JSONEncoder",
                 encodeTime / 500 * 1e6, bytes, sample.clauses.count))
    let compact = CompactJSONEncoder()
    let (_, compactTime) = time { for _ in 0..<500 { bytes = (try? compact.encode(sample))?.count ?? 0 } }
    print(String(format: "json      : %.0f µs with CompactJSONEncoder (%d bytes)", compactTime / 500 * 1e6, bytes))
}
print("")
throughput("warm point screening (full result)", points, rounds: 3)
throughput("warm parcel screening (full result)", parcels, rounds: 3)
print(String(format: "memory    : RSS after screening %.1f MB", residentMegabytes()))

// Batch: 10,000 parcels through BatchScreener (one engine per worker, results in order), with and
// without turning each result into JSON on the worker.
var batchParcels: [Site] = []
for _ in 0..<10_000 {
    let centre = try samplePoint()
    let half = 0.002 + random.next() * 0.004
    batchParcels.append(Site(geometry: .polygon(Polygon(exterior: [
        Coordinate(x: centre.x - half, y: centre.y - half), Coordinate(x: centre.x + half, y: centre.y - half),
        Coordinate(x: centre.x + half, y: centre.y + half), Coordinate(x: centre.x - half, y: centre.y + half),
        Coordinate(x: centre.x - half, y: centre.y - half)])), crs: dataset.metadata.crs, profile: profile))
}
print("")
for json in [false, true] {
    for workers in [1, 2] {
        let screener = BatchScreener(dataset: dataset, workers: workers, language: .zh) { item -> Int in
            guard json, case .success(let result) = item.outcome else { return 0 }
            return ((try? CompactJSONEncoder().encode(result)) ?? Data()).count
        }
        let (summary, elapsed) = try time { () throws -> BatchSummary in
            let sites = batchParcels
            let feeder = Thread {
                var submitter = screener.submitter()
                for site in sites { submitter.submit(BatchJob(label: "", feature: nil, site: .success(site))) }
                submitter.finish()
            }
            feeder.start()
            return try screener.results { _, _ in }
        }
        print(String(format: "batch     : %d parcels, %d worker%@%@: %.2f s, %.0f parcels/s (%d outside the county)",
                     summary.total, workers, (workers == 1 ? "" : "s") as NSString, (json ? ", JSON per result" : "") as NSString,
                     elapsed, Double(summary.total) / elapsed, summary.failed))
    }
}

if let binary {
    let centre = try back.transform(extent.center)
    var times: [Double] = []
    for _ in 0..<15 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["screen", "--dataset", directory.path, "--point", "\(centre.x),\(centre.y)", "--industry", "C2614", "--nature", "new"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let (_, elapsed) = try time {
            try process.run()
            process.waitUntilExit()
        }
        times.append(elapsed)
    }
    times.sort()
    print(String(format: "\ncold CLI  : median %.0f ms, best %.0f ms, worst %.0f ms over %d runs (new process: load + index + one screening + report)",
                 times[times.count / 2] * 1000, times[0] * 1000, times[times.count - 1] * 1000, times.count))
}
