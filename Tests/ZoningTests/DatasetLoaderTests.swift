import Datasets
import Foundation
import Testing
import Zoning
import Wording

/// Broken datasets made from a copy of Fixtures/zoning/tiny with one thing changed each; the loader
/// and `DatasetCheck` must name the file, the feature and the problem, and list every problem at once.
@Suite("Loading and checking datasets")
struct DatasetLoaderTests {
    /// A private copy of the tiny dataset, changed by `edit`, removed when the test ends.
    static func withCopy<T>(_ edit: (URL) throws -> Void, _ body: (URL) throws -> T) throws -> T {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatasets.url("zoning/tiny"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try edit(copy)
        return try body(copy)
    }

    static func replace(in file: URL, _ old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        precondition(text.contains(old), "\(file.lastPathComponent) does not contain \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    static func loadError(_ directory: URL) -> DatasetError? {
        do {
            _ = try DatasetLoader.load(from: directory)
            return nil
        } catch {
            return error
        }
    }

    @Test("the tiny dataset loads with its counts and no warnings")
    func loads() {
        let dataset = TestDatasets.tiny
        #expect(dataset.units.count == 3 && dataset.redLines.count == 1 && dataset.shorelines.count == 2)
        // 5 clauses in the file + unit text: A 1, B 2 (spatial) + 2 (pollutant) = 10.
        #expect(dataset.clauses.count == 10)
        #expect(dataset.warnings.isEmpty)
        #expect(dataset.contentHash.count == 64)
        #expect(DatasetCheck.problems(dataset).isEmpty)
    }

    @Test("a missing layer file is named, with its role")
    func missingLayer() throws {
        let error = try Self.withCopy({ try FileManager.default.removeItem(at: $0.appendingPathComponent("layers/redlines.geojson")) }) {
            Self.loadError($0)
        }
        #expect(error?.problems.contains(.fileMissing(path: "layers/redlines.geojson", role: "redLines")) == true)
        #expect(error?.message(.zh).contains("缺少文件 layers/redlines.geojson") == true)
    }

    @Test("a broken manifest says where the YAML is wrong")
    func brokenManifest() throws {
        let error = try Self.withCopy({ try "formatVersion: [1\nname: x\n".write(to: $0.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8) }) {
            Self.loadError($0)
        }
        guard case .fileInvalid(let path, _)? = error?.problems.first else {
            Issue.record("expected fileInvalid, got \(String(describing: error?.problems))")
            return
        }
        #expect(path == "dataset.yaml")
    }

    @Test("a mapped field the layer lacks is one problem naming the fields it has, not one per feature")
    func absentField() throws {
        let error = try Self.withCopy({ try Self.replace(in: $0.appendingPathComponent("dataset.yaml"), "code: HJGKDYBM", with: "code: DYBM") }) {
            Self.loadError($0)
        }
        let absent = error?.problems.filter { if case .fieldAbsent(_, _, "code", "DYBM", _) = $0 { return true } else { return false } }
        #expect(absent?.count == 1)
        // The fixture's units.geojson has these five properties (see the file).
        #expect(error?.message(.zh).contains("layers/units.geojson 图层 units 没有映射字段 DYBM（code）") == true)
        #expect(error?.message(.zh).contains("HJGKDYBM") == true)
        #expect(error?.problems.contains { if case .fieldMissing = $0 { return true } else { return false } } == false)
    }

    @Test("a feature whose mapped field is empty is named with its number and id")
    func emptyField() throws {
        // The second unit (乙工业园区) loses its name.
        let error = try Self.withCopy({ try Self.replace(in: $0.appendingPathComponent("layers/units.geojson"), "\"HJGKDYMC\":\"乙工业园区\"", with: "\"HJGKDYMC\":\"\"") }) {
            Self.loadError($0)
        }
        let missing = error?.problems.filter { if case .fieldMissing(_, 1, _, "name", "HJGKDYMC") = $0 { return true } else { return false } }
        #expect(missing?.count == 1)
        #expect(error?.message(.zh).contains("layers/units.geojson 第 2 个要素") == true)
    }

    @Test("overlapping units and a gap inside the tiling are located and measured")
    func tiling() throws {
        let problems = try Self.withCopy({ copy in
            let units = copy.appendingPathComponent("layers/units.geojson")
            // B's west edge moves to x 501900: it overlaps A by 100 m x 2,000 m = 200,000 m².
            try Self.replace(in: units, "[[[502000,3300000],[504000,3300000],[504000,3302000],[502000,3302000],[502000,3300000]]]",
                             with: "[[[501900,3300000],[504000,3300000],[504000,3302000],[501900,3302000],[501900,3300000]]]")
            // C gets a 100 m x 100 m hole that no unit fills: a 10,000 m² gap centred at (501050, 3303050).
            try Self.replace(in: units, "[[[500000,3302000],[504000,3302000],[504000,3304000],[500000,3304000],[500000,3302000]]]",
                             with: "[[[500000,3302000],[504000,3302000],[504000,3304000],[500000,3304000],[500000,3302000]],[[501000,3303000],[501000,3303100],[501100,3303100],[501100,3303000],[501000,3303000]]]")
        }) { DatasetCheck.problems(try DatasetLoader.load(from: $0)) }
        let overlap = problems.compactMap { problem -> Double? in
            if case .tilingOverlap("ZH42909910001", "ZH42909920001", _, let area) = problem { return area } else { return nil }
        }
        #expect(overlap.count == 1 && abs((overlap.first ?? 0) - 200_000) < 1e-6)
        let gaps = problems.compactMap { problem -> Double? in
            if case .tilingGap(_, let area) = problem { return area } else { return nil }
        }
        #expect(gaps.count == 1 && abs((gaps.first ?? 0) - 10_000) < 1e-6)
    }

    @Test("clauses naming unknown units and industry codes, and malformed unit codes, are all listed")
    func references() throws {
        let problems = try Self.withCopy({ copy in
            try Self.replace(in: copy.appendingPathComponent("lists/clauses.yaml"), "units: [ZH42909920001]", with: "units: [ZH42909920999]")
            try Self.replace(in: copy.appendingPathComponent("lists/clauses.yaml"), "industries: [C3011]", with: "industries: [C3019]")
            try Self.replace(in: copy.appendingPathComponent("layers/units.geojson"), "\"ZH42909930001\"", with: "\"ZH42909920002\"")
        }) { DatasetCheck.problems(try DatasetLoader.load(from: $0)) }
        #expect(problems.contains(.clauseUnknownUnit(clause: "T-U-01", unit: "ZH42909920999")))
        #expect(problems.contains(.unknownIndustry(owner: "T-P-02", code: "C3019")))
        #expect(problems.contains { if case .malformedUnitCode("ZH42909920002", _) = $0 { return true } else { return false } })
    }

    @Test("duplicate unit codes stop the load")
    func duplicates() throws {
        let error = try Self.withCopy({ try Self.replace(in: $0.appendingPathComponent("layers/units.geojson"), "\"ZH42909930001\"", with: "\"ZH42909910001\"") }) {
            Self.loadError($0)
        }
        #expect(error?.problems.contains(.duplicateCode(layer: "controlUnits", code: "ZH42909910001")) == true)
    }
}
