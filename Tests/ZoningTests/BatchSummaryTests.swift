import Foundation
import Formats
import Geometry
import Testing
import Zoning

/// The end-of-run counts: sites, failures, verdicts, and sites per unit class, where a site touching
/// two classes counts in both and a failed site in none.
@Suite("Batch summary counts")
struct BatchSummaryTests {
    @Test("five points on the tiny dataset: one per unit, one on the 甲/乙 boundary, one outside")
    func counts() throws {
        // Tiny dataset (EPSG:4546): 甲 class 1 at x 500000-502000, y 3300000-3302000; 乙 class 2 at
        // x 502000-504000 beside it; 丙 class 3 at y 3302000-3304000 above both.
        let points = [
            Coordinate(x: 501_000, y: 3_301_000),  // 甲: class 1
            Coordinate(x: 503_000, y: 3_301_000),  // 乙: class 2
            Coordinate(x: 502_000, y: 3_301_000),  // on the 甲/乙 edge: classes 1 and 2
            Coordinate(x: 503_000, y: 3_303_000),  // 丙: class 3
            Coordinate(x: 600_000, y: 3_400_000),  // outside every unit: fails
        ]
        let intake = SiteIntake(dataset: TestDatasets.tiny, options: SiteIntake.Options(crs: CRS(epsg: 4546)))
        var source = intake.source("points.geojson")
        let pool = BatchEngines.pool(dataset: TestDatasets.tiny, threads: 2)
        defer { pool.shutDown() }
        let screening = BatchScreening(pool: pool, batchSize: 2) { _ in () }
        for (index, point) in points.enumerated() {
            screening.submit(source.job(Feature(id: "P\(index + 1)", geometry: .point(point), properties: ["industry": .string("C2614")], index: index)))
        }
        screening.finish()
        var items: [BatchItem] = []
        let summary = try screening.results { item, _ in items.append(item) }

        #expect(summary.total == 5)
        #expect(summary.failed == 1)
        #expect(summary.byUnitClass == [1: 2, 2: 2, 3: 1])
        // Verdicts as the items themselves give them: the summary counts each screened site once.
        var verdicts: [Verdict: Int] = [:]
        for item in items { if case .success(let result) = item.outcome { verdicts[result.verdict, default: 0] += 1 } }
        #expect(summary.byVerdict == verdicts)
        #expect(summary.byVerdict.values.reduce(0, +) == 4)
    }
}
