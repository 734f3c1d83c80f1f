import Foundation
import Formats
import Geometry
import Testing
import TestSupport
import Zoning
import Wording

/// The one way features become sites: IDs, names, profiles and labels, as every path uses it.
@Suite("Site intake: IDs, labels, profiles from properties")
struct SiteIntakeTests {
    static let catalogue = TestDatasets.tiny.catalogue

    static func jobs(_ file: String, _ options: SiteIntake.Options = SiteIntake.Options()) throws -> (jobs: [BatchJob], notes: [IntakeNote]) {
        let path = FixtureTable.url("sites/" + file).path
        let intake = SiteIntake(catalogue: catalogue, options: options)
        var source = intake.source(path)
        var jobs: [BatchJob] = []
        try SiteFiles.open(path, options: options).forEachFeature { jobs.append(source.job($0)) }
        return (jobs, source.notes)
    }

    @Test("site_id is recognised as the ID and said once; 项目名称 is the name; labels give file, number and ID")
    func recognisedID() throws {
        let (jobs, notes) = try Self.jobs("sites_with_ids.geojson")
        let path = FixtureTable.url("sites/sites_with_ids.geojson").path
        #expect(jobs.map(\.id) == ["P-101", "P-102", "P-103", "P-104"])
        #expect(notes == [.idFieldRecognised(source: path, field: "site_id")])
        #expect(jobs[2].label.text(.zh) == "\(path) 第 3 个要素（P-103）")
        #expect(try jobs[0].site.get().name == "宜昌港口物流园")
    }

    @Test("the bow-tie P-103 fails screening with a message naming file, feature number and ID")
    func invalidFeatureNamed() throws {
        let (jobs, _) = try Self.jobs("sites_with_ids.geojson")
        let engine = try ScreeningEngine(dataset: TestDatasets.tiny)
        #expect {
            _ = try engine.screen(try jobs[2].site.get())
        } throws: { error in
            guard let error = error as? ScreeningError else { return false }
            return error.message(.zh).hasPrefix("站点 \(FixtureTable.url("sites/sites_with_ids.geojson").path) 第 3 个要素（P-103）：几何无效")
        }
    }

    @Test("--id-field chooses another property; one that no feature has is named with the properties there are")
    func chosenIDField() throws {
        let (byName, _) = try Self.jobs("sites_with_ids.geojson", SiteIntake.Options(idField: "项目名称"))
        #expect(byName.first?.id == "宜昌港口物流园")
        let (missing, notes) = try Self.jobs("sites_with_ids.geojson", SiteIntake.Options(idField: "DKBH"))
        #expect(missing.map(\.id) == [nil, nil, nil, nil])
        #expect(notes.first?.message(.zh).contains("没有 --id-field 指定的字段“DKBH”，现有字段：site_id、备注、投资额_万元、项目名称") == true)
    }

    @Test("no ID at all: sites go by their number, and the note says how to name one with --id-field")
    func noIDField() throws {
        var source = SiteIntake(catalogue: Self.catalogue, options: SiteIntake.Options()).source("parks.geojson")
        let job = source.job(Feature(geometry: .point(Coordinate(x: 111.5, y: 30.5)), properties: ["园区": .string("A")], index: 4))
        #expect(job.id == nil && job.label.text(.zh) == "parks.geojson 第 5 个要素")
        #expect(source.notes == [.noIDField(source: "parks.geojson", available: ["园区"])])
        #expect(source.notes.first?.message(.zh).contains("请用 --id-field 指定") == true)
    }

    @Test("a point table's 编号 becomes the ID and its 项目名称 the name")
    func pointTableIDs() throws {
        let (jobs, notes) = try Self.jobs("points_northing_easting.csv")
        #expect(jobs.map(\.id) == ["XM-2025-001", "XM-2025-002", "XM-2025-003", "XM-2025-004"])
        #expect(notes.map { $0.message(.en) }.first?.contains("\"编号\"") == true)
    }

    @Test("an unknown nature in one feature's properties fails that feature only, naming it; 是 is a chemical yes")
    func profileFromProperties() throws {
        let intake = SiteIntake(catalogue: Self.catalogue, options: SiteIntake.Options())
        var source = intake.source("parks.geojson")
        let point = Geometry.point(Coordinate(x: 111.5, y: 30.5))
        let bad = source.job(Feature(id: "A", geometry: point, properties: ["nature": .string("拆除")], index: 0))
        let good = source.job(Feature(id: "B", geometry: point, properties: ["项目性质": .string("扩建"), "化工": .string("是")], index: 1))
        #expect(throws: BatchInputError.self) { try bad.site.get() }
        if case .failure(let error) = bad.site {
            #expect(error.message(.zh) == "parks.geojson 第 1 个要素（A）：项目性质“拆除”无法识别，应为 新建、扩建 或 改建")
        }
        let profile = try good.site.get().profile
        #expect(profile?.nature == .expansion)
        #expect(profile?.chemical == true)
    }
}
