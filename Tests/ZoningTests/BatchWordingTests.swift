import Foundation
import Formats
import Geometry
import Testing
import Zoning
import Wording

/// A batch hands back facts: which site (its place in the input) and why it failed. The layer that
/// prints them words them, so one screening serves a Chinese and an English reader alike.
@Suite("Batch items worded where they are printed")
struct BatchWordingTests {
    /// Two features of "parks.geojson" screened once on the tiny dataset (EPSG:4546, units within
    /// x 500000-504000, y 3300000-3304000, region 测试区（虚构）): A, whose nature 拆除 is none of
    /// 新建/扩建/改建, fails at intake; Q-7, 100 km north-east of every unit, fails screening.
    static func screenedOnce() throws -> [BatchItem] {
        let intake = SiteIntake(dataset: TestDatasets.tiny, options: SiteIntake.Options(crs: CRS(epsg: 4546)))
        var source = intake.source("parks.geojson")
        let jobs = [
            source.job(Feature(id: "A", geometry: .point(Coordinate(x: 501_000, y: 3_301_000)), properties: ["nature": .string("拆除")], index: 0)),
            source.job(Feature(id: "Q-7", geometry: .point(Coordinate(x: 600_000, y: 3_400_000)), index: 1)),
        ]
        let pool = BatchEngines.pool(dataset: TestDatasets.tiny, threads: 1)
        defer { pool.shutDown() }
        let screening = BatchScreening(pool: pool) { _ in () }
        for job in jobs { screening.submit(job) }
        screening.finish()
        var items: [BatchItem] = []
        _ = try screening.results { item, _ in items.append(item) }
        return items
    }

    static func failure(_ item: BatchItem) throws -> BatchInputError {
        guard case .failure(let error) = item.outcome else { throw Unexpected(item: item.label.text(.en)) }
        return error
    }

    struct Unexpected: Error { let item: String }

    @Test("a profile no one can read: the same item says which feature and why, in Chinese and in English")
    func intakeFailureBothLanguages() throws {
        let items = try Self.screenedOnce()
        try #require(items.count == 2)
        let item = items[0]
        #expect(item.label == .feature(source: "parks.geojson", number: 1, id: "A"))
        #expect(item.label.text(.zh) == "parks.geojson 第 1 个要素（A）")
        #expect(item.label.text(.en) == "parks.geojson, feature 1 (A)")
        let error = try Self.failure(item)
        #expect(error.kind == .profile)
        #expect(error.message(.zh) == "parks.geojson 第 1 个要素（A）：项目性质“拆除”无法识别，应为 新建、扩建 或 改建")
        #expect(error.message(.en) == "parks.geojson, feature 1 (A): project nature \"拆除\" is unknown; expected new, expansion or rebuild")
    }

    @Test("a site outside the dataset: screening's refusal names the site in the reader's language, the region as the dataset gives it")
    func screeningFailureBothLanguages() throws {
        let items = try Self.screenedOnce()
        try #require(items.count == 2)
        let item = items[1]
        #expect(item.index == 1)
        #expect(item.label.text(.zh) == "parks.geojson 第 2 个要素（Q-7）")
        #expect(item.label.text(.en) == "parks.geojson, feature 2 (Q-7)")
        let error = try Self.failure(item)
        #expect(error.kind == .outsideDataset)
        #expect(error.kind.name(.zh) == "在数据集范围之外" && error.kind.name(.en) == "outside the dataset")
        #expect(error.message(.zh) == "站点 parks.geojson 第 2 个要素（Q-7）：站点完全在数据集范围（测试区（虚构））之外，无法判定")
        #expect(error.message(.en) == "site parks.geojson, feature 2 (Q-7): the site lies wholly outside the dataset's region (测试区（虚构）)")
    }
}
