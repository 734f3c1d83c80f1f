import Foundation

// Timing, sinks, tables and machine information for the benchmark and the leak-check driver.

// MARK: - Blackhole

/// Everything a benchmark computes is folded into this sink, which is printed at the end, so the
/// optimiser cannot prove any measured work dead. Single-threaded use only.
nonisolated(unsafe) var blackholeSink: UInt64 = 0

@inline(never)
func blackhole(_ value: Double) { blackholeSink &+= value.bitPattern }

@inline(never)
func blackhole(_ value: Int) { blackholeSink &+= UInt64(truncatingIfNeeded: value) }

@inline(never)
func blackhole(_ value: Bool) { blackholeSink &+= value ? 1 : 0 }

@inline(never)
func blackhole<T>(_ value: T) { withExtendedLifetime(value) { blackholeSink &+= 1 } }

// MARK: - Deterministic random numbers

/// SplitMix64: tiny, fast, and the same sequence on every machine for a given seed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }
}

// MARK: - Clock helpers

extension Duration {
    var nanoseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) * 1e-9
    }
}

/// Times one call of `body`.
func time<T>(_ body: () throws -> T) rethrows -> (value: T, ns: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    return (value, (clock.now - start).nanoseconds)
}

/// The result of one measured operation: `samples` are ns/op of each timed repetition.
struct Measurement {
    let name: String
    let iterations: Int
    let samples: [Double]
    var median: Double {
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    var best: Double { samples.min() ?? .nan }
}

/// Runs `body(n)` (which must perform n operations) once to warm up and calibrate n so that one
/// repetition takes about `target` seconds (n stays within `minIterations...maxIterations`), then
/// `repeats` timed repetitions. Reports ns per operation.
func bench(_ name: String, target: Double = 0.12, repeats: Int = 5,
           minIterations: Int = 1, maxIterations: Int = 5_000_000,
           _ body: (Int) throws -> Void) rethrows -> Measurement {
    // Calibrate: grow n until one run takes at least 10 ms (or the cap is hit).
    var n = max(1, minIterations)
    var elapsed = try time { try body(n) }.ns
    while elapsed < 10e6 && n < maxIterations {
        n = min(maxIterations, n * 8)
        elapsed = try time { try body(n) }.ns
    }
    let perOp = elapsed / Double(n)
    let iterations = max(minIterations, min(maxIterations, Int(target * 1e9 / max(perOp, 0.01))))
    var samples: [Double] = []
    for _ in 0..<repeats {
        samples.append(try time { try body(iterations) }.ns / Double(iterations))
    }
    let result = Measurement(name: name, iterations: iterations, samples: samples)
    Table.operations.row(result)
    return result
}

// MARK: - Tables

enum Table {
    static let operations = OperationTable()

    final class OperationTable: @unchecked Sendable {
        func header(_ title: String) {
            print("")
            print("## \(title)")
            print("")
            print(pad("operation", 66, left: true) + pad("iterations", 12) + pad("ops/s", 14)
                  + pad("ns/op", 12) + pad("best ns/op", 12) + pad("spread", 8))
            print(String(repeating: "-", count: 66 + 12 + 14 + 12 + 12 + 8))
        }

        func row(_ m: Measurement) {
            let spread = m.samples.isEmpty ? 0 : ((m.samples.max()! - m.best) / m.best * 100)
            print(pad(m.name, 66, left: true) + pad(grouped(m.iterations), 12) + pad(grouped(Int((1e9 / m.median).rounded())), 14)
                  + pad(fixed(m.median), 12) + pad(fixed(m.best), 12) + pad(fixed(spread, 0) + "%", 8))
        }
    }

    static func buildHeader(_ title: String) {
        print("")
        print("## \(title)")
        print("")
        print(pad("build", 66, left: true) + pad("items", 10) + pad("build time", 14) + pad("per item", 12) + pad("bytes", 14))
        print(String(repeating: "-", count: 66 + 10 + 14 + 12 + 14))
    }

    /// `ns` is the whole build; `bytes` nil when not applicable.
    static func buildRow(_ name: String, items: Int, ns: Double, bytes: Int?) {
        print(pad(name, 66, left: true) + pad(grouped(items), 10) + pad(duration(ns), 14)
              + pad(duration(ns / Double(max(items, 1))), 12) + pad(bytes.map(grouped) ?? "-", 14))
    }
}

func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    guard text.count < width else { return left ? text + " " : " " + text }
    let fill = String(repeating: " ", count: width - text.count)
    return left ? text + fill : fill + text
}

func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, char) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(char)
    }
    return value < 0 ? "-" + out : out
}

func fixed(_ value: Double, _ decimals: Int = 1) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: ".") {
        let have = text.distance(from: dot, to: text.endIndex) - 1
        if decimals == 0 { text = String(text[..<dot]) } else if have < decimals { text += String(repeating: "0", count: decimals - have) }
    } else if decimals > 0 {
        text += "." + String(repeating: "0", count: decimals)
    }
    return text
}

func duration(_ ns: Double) -> String {
    if ns >= 1e9 { return fixed(ns / 1e9, 2) + " s" }
    if ns >= 1e6 { return fixed(ns / 1e6, 2) + " ms" }
    if ns >= 1e3 { return fixed(ns / 1e3, 2) + " µs" }
    return fixed(ns, 1) + " ns"
}

func megabytes(_ kilobytes: Int) -> String { fixed(Double(kilobytes) / 1024, 1) + " MB" }

// MARK: - Machine information

/// Resident set size in kB from /proc/self/status (VmRSS), or -1 when unavailable.
func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let number = line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
        return number.flatMap { Int($0) } ?? -1
    }
    return -1
}

func cpuModel() -> String {
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in info.split(separator: "\n") where line.hasPrefix("model name") {
        if let colon = line.firstIndex(of: ":") {
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }
    return "unknown"
}

/// Output of a command, trimmed; nil when it cannot be run.
func commandOutput(_ executable: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

func printMachineInfo() {
    let formatter = ISO8601DateFormatter()
    print("machine   : \(cpuModel())")
    print("cores     : \(ProcessInfo.processInfo.activeProcessorCount) (nproc); benchmark runs on one thread")
    print("os        : \(ProcessInfo.processInfo.operatingSystemVersionString)")
    print("date      : \(formatter.string(from: Date()))")
    let versions = commandOutput("pkg-config", ["--modversion", "geos", "proj"])?
        .split(separator: "\n").map(String.init) ?? []
    print("libraries : GEOS \(versions.first ?? "?") / PROJ \(versions.dropFirst().first ?? "?") (pkg-config)"
          + runtimeLibraryVersions())
    #if DEBUG
    print("build     : DEBUG — numbers are meaningless, build with -c release")
    #else
    print("build     : release")
    #endif
}
