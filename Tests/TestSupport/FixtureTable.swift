import Foundation
import Testing

/// A CSV case table from `Fixtures/`: `#` comment lines (how the values were obtained), a header,
/// then rows. Fields may be double-quoted ("" inside quotes is a quote).
public struct FixtureTable: Sendable {
    public struct Row: Sendable, CustomTestStringConvertible {
        public let fields: [String: String]
        public let line: Int

        public subscript(_ column: String) -> String {
            guard let value = fields[column] else { fatalError("fixture has no column \(column)") }
            return value
        }

        public func double(_ column: String) -> Double {
            guard let value = Double(self[column]) else { fatalError("line \(line): \(column) is not a number: \(self[column])") }
            return value
        }

        public func bool(_ column: String) -> Bool { self[column] == "true" }

        public var testDescription: String { "line \(line): " + (fields["case"] ?? fields["name"] ?? fields["family"] ?? "") }
    }

    public let rows: [Row]

    public static func root() -> URL {
        // Tests/TestSupport/FixtureTable.swift -> the repository root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static func url(_ relativePath: String) -> URL {
        root().appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    /// Loads `Fixtures/<relativePath>`; a missing or malformed file stops the test run loudly.
    public static func load(_ relativePath: String) -> FixtureTable {
        guard let text = try? String(contentsOf: url(relativePath), encoding: .utf8) else {
            fatalError("cannot read fixture \(relativePath)")
        }
        var header: [String]?
        var rows: [Row] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = parse(trimmed)
            guard let names = header else {
                header = fields
                continue
            }
            precondition(fields.count == names.count, "\(relativePath):\(number + 1): \(fields.count) fields, header has \(names.count)")
            rows.append(Row(fields: Dictionary(uniqueKeysWithValues: zip(names, fields)), line: number + 1))
        }
        return FixtureTable(rows: rows)
    }

    private static func parse(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
