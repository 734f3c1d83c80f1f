import Foundation

// Clocks, memory readings and the printed tables. Figures are printed, never asserted.

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` once and returns its result with the wall time in seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let result = try body()
    return (result, seconds(ContinuousClock.now - start))
}

/// Best wall time of `rounds` runs of `body`.
func bestOf(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var best = Double.infinity
    for _ in 0..<rounds { best = min(best, try timed(body).1) }
    return best
}

enum Memory {
    /// Resident set size now (`VmRSS`) or its peak so far (`VmHWM`), in MB.
    static func megabytes(_ field: String = "VmRSS") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kilobytes / 1024
    }
}

/// Deterministic numbers (SplitMix64) so runs compare.
struct SplitMix {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}

/// A markdown table printed as rows arrive, in the manner of tg's benchmark tables.
struct Table {
    let columns: [String]
    let rightAligned: Set<Int>
    private(set) var rows: [[String]] = []

    init(_ columns: [String], rightAligned: Set<Int>) {
        self.columns = columns
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let widths = columns.indices.map { column in ([columns[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            "| " + cells.indices.map { column in
                let pad = String(repeating: " ", count: widths[column] - cells[column].count)
                return rightAligned.contains(column) ? pad + cells[column] : cells[column] + pad
            }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.indices.map { rightAligned.contains($0) ? String(repeating: "-", count: widths[$0] + 1) + ":" : String(repeating: "-", count: widths[$0] + 2) }.joined(separator: "|") + "|"
        return ([line(columns), rule] + rows.map(line)).joined(separator: "\n")
    }
}

func grouped(_ value: Double) -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return formatter.string(from: NSNumber(value: value.rounded())) ?? String(format: "%.0f", value)
}

/// Seconds as "812.4 ms" or "2.31 s".
func duration(_ value: Double) -> String {
    value >= 1 ? String(format: "%.2f s", value) : String(format: "%.1f ms", value * 1000)
}
