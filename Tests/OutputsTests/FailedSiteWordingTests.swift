import Datasets
import Foundation
import Formats
import Geometry
import Outputs
import Testing
import TestSupport
import Zoning
import Wording

/// The text output words a failed site's label and reason in its own language, from the same
/// screened item.
@Suite("A failed site in the text output, in either language")
struct FailedSiteWordingTests {
    static let tiny: Dataset = {
        do { return try DatasetLoader.load(from: FixtureTable.url("zoning/tiny")) } catch { fatalError("tiny: \(error)") }
    }()

    /// Feature 2 of "parks.geojson", 100 km north-east of every unit of the tiny dataset
    /// (units within x 500000-504000, y 3300000-3304000 in EPSG:4546; region 测试区（虚构）).
    static func outsideItem() throws -> BatchItem {
        var source = SiteIntake(dataset: tiny, options: SiteIntake.Options(crs: CRS(epsg: 4546))).source("parks.geojson")
        let job = source.job(Feature(id: "Q-7", geometry: .point(Coordinate(x: 600_000, y: 3_400_000)), index: 1))
        let pool = BatchEngines.pool(dataset: tiny, threads: 1)
        defer { pool.shutDown() }
        let screening = BatchScreening(pool: pool) { _ in () }
        screening.submit(job)
        screening.finish()
        var items: [BatchItem] = []
        _ = try screening.results { item, _ in items.append(item) }
        return try #require(items.first)
    }

    static func text(_ item: BatchItem, _ language: Language) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-wording-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let writer = try OutputWriter(format: .text, output: file.path, language: language, dataset: tiny)
        try writer.add(item, OutputRenderer(format: .text, language: language, dataset: tiny).render(item))
        try writer.finish()
        return try String(contentsOf: file, encoding: .utf8)
    }

    @Test("one screening, printed twice: the heading names the feature and the reason follows, each in the output's language")
    func bothLanguages() throws {
        let item = try Self.outsideItem()
        #expect(try Self.text(item, .zh) == """
            ══ parks.geojson 第 2 个要素（Q-7） ══
            无法筛查：站点 parks.geojson 第 2 个要素（Q-7）：站点完全在数据集范围（测试区（虚构））之外，无法判定

            """)
        #expect(try Self.text(item, .en) == """
            ══ parks.geojson, feature 2 (Q-7) ══
            not screened: site parks.geojson, feature 2 (Q-7): the site lies wholly outside the dataset's region (测试区（虚构）)

            """)
    }
}
