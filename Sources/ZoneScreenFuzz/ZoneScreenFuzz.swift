import Foundation
import FuzzTargets
#if ZONESCREEN_FUZZER
import CLibFuzzer
#endif

// The libFuzzer driver. `scripts/fuzz` builds it with `-sanitize=fuzzer,address -DZONESCREEN_FUZZER`:
// `main` hands the command line to libFuzzer (LLVMFuzzerRunDriver), which calls the target chosen by
// the environment variable ZONESCREEN_FUZZ_TARGET (survey, coordinates, geojson, ... see
// `FuzzTargets.all`) with each input. SwiftPM links an executable's `main` through its module's own
// entry point, so the driver is started from here rather than from libFuzzer's `main`. In the
// package's ordinary build (no fuzzer runtime) the executable only says how to build it.

@main
struct ZoneScreenFuzz {
    static func main() {
        #if ZONESCREEN_FUZZER
        let name = ProcessInfo.processInfo.environment["ZONESCREEN_FUZZ_TARGET"] ?? ""
        guard FuzzTargets.target(named: name) != nil else {
            let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("ZoneScreenFuzz: set ZONESCREEN_FUZZ_TARGET to one of: \(names) (got \"\(name)\")\n".utf8))
            exit(2)
        }
        // What a target keeps for the whole run (the demo dataset) is made with LeakSanitizer off: values
        // held only inside multi-payload enums are referenced through pointers whose spare high bits
        // carry the enum case, which LSan does not take for pointers, so it would report them at the
        // first input although the dataset still holds them.
        __lsan_disable()
        FuzzTargets.prepare(name)
        __lsan_enable()
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
        #else
        FileHandle.standardError.write(Data("ZoneScreenFuzz: built without libFuzzer; run scripts/fuzz, which builds it with -sanitize=fuzzer,address\n".utf8))
        exit(2)
        #endif
    }
}

#if ZONESCREEN_FUZZER
/// The target named by ZONESCREEN_FUZZ_TARGET (checked in `main` before the driver starts).
private let chosenTarget: (@Sendable (Data) -> Void)? =
    FuzzTargets.target(named: ProcessInfo.processInfo.environment["ZONESCREEN_FUZZ_TARGET"] ?? "")

/// libFuzzer's callback: one input, 0 always (the target ignores errors; crashes are the findings).
private let testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { bytes, count in
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    chosenTarget?(data)
    return 0
}
#endif
