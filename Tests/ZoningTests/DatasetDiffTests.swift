import Datasets
import Foundation
import Formats
import Geometry
import Testing
import TestSupport
import Zoning

/// Two editions of the demo dataset (Fixtures/demo 2024.1 and Fixtures/demo-2025 2025.1, made by the
/// generator with six known changes); the expected diff and changed verdicts were worked out by
/// Fixtures/demo/generator/make_demo_2025.py with shapely and its own rule evaluation.
@Suite("Dataset editions: diff and changed verdicts")
struct DatasetDiffTests {
    static let old = TestDatasets.compiled("demo")
    static let new = TestDatasets.compiled("demo-2025")

    /// `actual` carries at least every member `expected` has, with equal values (numbers within 1e-4).
    static func matches(_ actual: Any, _ expected: Any, path: String = "") -> [String] {
        switch (actual, expected) {
        case (let a as [String: Any], let e as [String: Any]):
            return e.flatMap { key, value in a[key].map { matches($0, value, path: path + "." + key) } ?? ["\(path).\(key) missing"] }
        case (let a as [Any], let e as [Any]):
            guard a.count == e.count else { return ["\(path): \(a.count) items, expected \(e.count)"] }
            return zip(a, e).enumerated().flatMap { index, pair in matches(pair.0, pair.1, path: "\(path)[\(index)]") }
        case (let a as NSNumber, let e as NSNumber):
            return abs(a.doubleValue - e.doubleValue) <= 1e-4 ? [] : ["\(path): \(a) vs \(e)"]
        case (let a as String, let e as String):
            return a == e ? [] : ["\(path): \(a) vs \(e)"]
        default:
            return ["\(path): \(actual) vs \(expected)"]
        }
    }

    @Test("2024.1 → 2025.1: every expected difference, and nothing else (expected-diff.json)")
    func expectedDiff() throws {
        let diff = try DatasetDiffer.diff(Self.old, Self.new)
        let actual = try JSONSerialization.jsonObject(with: try CompactJSONEncoder().encode(diff))
        let expected = try JSONSerialization.jsonObject(with: try Data(contentsOf: FixtureTable.url("demo-2025/expected-diff.json")))
        let problems = Self.matches(actual, expected)
        #expect(problems.isEmpty, "\(problems)")
        // The map of changes: the new unit, the split unit's lost piece and the red line's gained piece.
        let pieces = diff.pieces.map { "\($0.layer):\($0.code):\($0.change.rawValue)" }
        #expect(pieces == ["redLines:HX429099003:gained", "units:ZH42909930014:lost", "units:ZH42909930029:added"])
        #expect(abs((diff.pieces.first?.areaHectares ?? 0) - 1080.7903) < 1e-4)
    }

    @Test("an edition against itself: no difference; the same data in the provinces' file formats: none either")
    func noDifference() throws {
        #expect(try DatasetDiffer.diff(Self.old, Self.old).isEmpty)
        #expect(try DatasetDiffer.diff(Self.old, TestDatasets.compiled("demo-official")).isEmpty)
    }

    @Test("the diff is symmetric: NEW → OLD is OLD → NEW reversed")
    func symmetric() throws {
        let forward = try DatasetDiffer.diff(Self.old, Self.new), backward = try DatasetDiffer.diff(Self.new, Self.old)
        var reversed = forward.reversed()
        // Pieces are measured in each diff's own old edition; both editions share EPSG:4546, so they agree.
        reversed.pieces = reversed.pieces.sorted { ($0.layer, $0.code, $0.change.rawValue) < ($1.layer, $1.code, $1.change.rawValue) }
        #expect(reversed.units == backward.units && reversed.redLines == backward.redLines && reversed.clauses == backward.clauses)
        #expect(reversed.rules == backward.rules && reversed.shorelines == backward.shorelines && reversed.sensitiveAreas == backward.sensitiveAreas)
        #expect(reversed.pieces.map(\.change) == backward.pieces.map(\.change))
    }

    @Test("the demo sites under both editions: exactly the changes in expected-changes.csv", arguments: [Int](1...30))
    func siteChanges(_ number: Int) throws {
        let id = String(format: "S%02d", number)
        let expected = FixtureTable.load("demo-2025/expected-changes.csv").rows.first { $0["site"] == id }
        var feature = try #require(Self.old.sites.first { $0.properties["id"]?.text == id })
        feature.crs = feature.crs ?? Self.old.metadata.crs
        // The site and its profile from its properties, as `screen --demo-sites` reads them.
        var source = SiteIntake(catalogue: Self.old.catalogue, options: SiteIntake.Options()).source("demo", numbered: false)
        let site = try source.job(feature).site.get()
        let previous = try ScreeningEngine(dataset: Self.old).screen(site)
        let current = try ScreeningEngine(dataset: Self.new).screen(site)
        let comparison = SiteComparison.compare(previous: previous, current: current, diff: try DatasetDiffer.diff(Self.old, Self.new))
        guard let expected else {
            #expect(!comparison.changed, "\(id): \(comparison.lines(.en))")
            return
        }
        #expect(comparison.changed)
        #expect(comparison.previousVerdict?.rawValue == expected["oldVerdict"] && comparison.verdict?.rawValue == expected["newVerdict"])
        #expect(comparison.direction.rawValue == expected["direction"])
        #expect(Set(current.redLines.map(\.code)) == Set(expected["newRedLines"].split(separator: ";").map(String.init)))
        #expect(comparison.reasonsAdded == expected["addedReasons"].split(separator: ";").map(String.init))
        #expect(comparison.reasonsRemoved == expected["removedReasons"].split(separator: ";").map(String.init))
        #expect(Set(comparison.causes) == Set(expected["cause"].split(separator: ";").map(String.init)))
    }
}
