import Datasets
import Foundation
import Formats
import Geometry
import Testing
import TestSupport
import Zoning

/// Every demo site against Fixtures/demo/expected.csv, whose answers were worked out independently
/// by the dataset's generator (shapely and pyproj in EPSG:4546, the rules applied as documented) and
/// read by eye; see Fixtures/demo/README.md.
@Suite("The demo dataset's sites")
struct DemoDatasetTests {
    /// Through the compiled store, as every command opens it (the sources path is checked against the
    /// same table by the CLI and service tests).
    static let dataset = TestDatasets.compiled("demo")
    static let expected = FixtureTable.load("demo/expected.csv")

    static func ids(_ text: String) -> Set<String> { Set(text.split(separator: ";").map(String.init)) }

    static func screen(_ id: String, clauses detail: ClauseDetail = .all) throws -> ScreeningResult {
        let engine = try ScreeningEngine(dataset: dataset)
        let feature = try #require(dataset.sites.first { ($0.id ?? $0.properties["id"]?.text) == id })
        let properties = feature.properties
        let profile = ProjectProfile(industry: properties["industry"]?.text,
                                     nature: properties["nature"]?.text.flatMap(ProjectNature.init(parsing:)),
                                     chemical: properties["chemical"]?.bool,
                                     flags: Set((properties["flags"]?.array ?? []).compactMap(\.text)))
        return try engine.screen(Site(id: id, geometry: try #require(feature.geometry), crs: dataset.metadata.crs, profile: profile), clauses: detail)
    }

    @Test("verdict, cited reasons and reasons that must not be cited", arguments: expected.rows)
    func verdict(row: FixtureTable.Row) throws {
        let result = try Self.screen(row["site"])
        #expect(result.verdict.rawValue == row["verdict"], "\(row["how"])")
        let cited = Set(result.reasons.map(\.ruleId))
        #expect(Self.ids(row["mustCite"]).isSubset(of: cited), "missing \(Self.ids(row["mustCite"]).subtracting(cited))")
        #expect(Self.ids(row["mustNotCite"]).isDisjoint(with: cited), "wrongly cited \(Self.ids(row["mustNotCite"]).intersection(cited))")
        // Every reason cites its rule's source document: a titled document, or the dataset's own unit lists.
        #expect(result.reasons.allSatisfy { !($0.source.title ?? "").isEmpty || $0.source.document == "unitLists" })
    }

    @Test("red lines, units with shares, and shoreline distances", arguments: expected.rows)
    func spatialFacts(row: FixtureTable.Row) throws {
        let result = try Self.screen(row["site"])
        #expect(Set(result.redLines.map(\.code)) == Self.ids(row["redLines"]))
        var expectedUnits: [String: Double?] = [:]
        for entry in row["units"].split(separator: ";") {
            let parts = entry.split(separator: ":")
            expectedUnits[String(parts[0])] = parts.count > 1 ? Double(parts[1]) : nil
        }
        #expect(Set(result.controlUnits.map(\.code)) == Set(expectedUnits.keys))
        for unit in result.controlUnits {
            if let share = expectedUnits[unit.code] ?? nil {
                // Shares were recorded in percent with one decimal.
                #expect(abs(unit.overlap.share * 100 - share) <= 0.051, "\(unit.code): \(unit.overlap.share * 100) %")
            }
        }
        // Distances were recorded with one decimal.
        #expect(abs((result.shorelines.nearestMainStream?.distance.metres ?? .nan) - row.double("mainStreamDistanceM")) <= 0.051)
        #expect(abs((result.shorelines.nearestTributary?.distance.metres ?? .nan) - row.double("tributaryDistanceM")) <= 0.051)
    }

    @Test("the dataset passes its own check: units tile the county without gaps or overlaps")
    func check() {
        #expect(DatasetCheck.problems(Self.dataset).isEmpty)
        #expect(Self.dataset.metadata.fictional)
    }

    @Test("the catalogue shipped with the demo is the full GB/T 4754-2017 list: 20 / 97 / 473 / 1,380")
    func catalogue() {
        let catalogue = Self.dataset.catalogue
        let counts: [Int] = [catalogue.count(of: .section), catalogue.count(of: .division), catalogue.count(of: .group), catalogue.count(of: .class)]
        #expect(counts == [20, 97, 473, 1380])
    }
}
