import Foundation
import Formats
import Geometry
import Testing
import TestSupport
import Zoning

/// What issue 25 made one: the reading of "chemical", the notes a reader leaves, and merging an
/// input's parcels into one site only when asked.
@Suite("Site intake: one reading of chemical, typed notes, merged parcels")
struct IntakeOptionsTests {
    static let intake = SiteIntake(catalogue: TestDatasets.tiny.catalogue, options: SiteIntake.Options())

    @Test("chemical: the same ten spellings everywhere, any case, spaces ignored", arguments: [
        ("true", true), ("TRUE", true), ("yes", true), ("Y", true), ("是", true), ("1", true), (" 是 ", true),
        ("false", false), ("No", false), ("n", false), ("否", false), ("0", false),
    ])
    func chemicalSpellings(text: String, expected: Bool) throws {
        #expect(try ProjectProfile.chemical(parsing: text) == expected)
        #expect(try ProjectProfile.chemical(.string(text)) == expected)
    }

    @Test("chemical: anything else is an error naming it, never a silent no", arguments: ["化工", "maybe", "2", "", "t"])
    func chemicalUnknown(text: String) {
        #expect(throws: ProfileInputError.unknownChemical(text)) { try ProjectProfile.chemical(parsing: text) }
        #expect(ProfileInputError.unknownChemical(text).message(.zh).contains("是否化工项目“\(text)”无法识别"))
    }

    @Test("chemical as JSON: a boolean, 1 or 0; another number is refused")
    func chemicalJSON() throws {
        #expect(try ProjectProfile.chemical(.bool(true)) == true)
        #expect(try ProjectProfile.chemical(.number(0)) == false)
        #expect(try ProjectProfile.chemical(.number(1)) == true)
        #expect(throws: ProfileInputError.unknownChemical("2")) { try ProjectProfile.chemical(.number(2)) }
    }

    static func square(_ x: Double, _ y: Double, side: Double = 0.001) -> Geometry {
        .polygon(Polygon(exterior: [Coordinate(x: x, y: y), Coordinate(x: x + side, y: y), Coordinate(x: x + side, y: y + side),
                                    Coordinate(x: x, y: y + side), Coordinate(x: x, y: y)]))
    }

    @Test("a site file's chemical column in a word the intake does not know fails that feature, named, as a profile problem")
    func chemicalColumnUnknown() throws {
        var source = Self.intake.source("parks.geojson")
        let job = source.job(Feature(id: "P1", geometry: Self.square(111.5, 30.5), properties: ["化工": .string("部分")], index: 1))
        guard case .failure(let error) = job.site else { Issue.record("screened despite an unreadable chemical column"); return }
        #expect(error.kind == .profile)
        #expect(error.message(.zh) == "parks.geojson 第 2 个要素（P1）：是否化工项目“部分”无法识别，应为 是/否、true/false、yes/no、y/n 或 1/0")
        let yes = source.job(Feature(id: "P2", geometry: Self.square(111.5, 30.5), properties: ["chemical": .string("Y")], index: 2))
        #expect(try yes.site.get().profile?.chemical == true)
    }

    @Test("a reader's notes reach the site as they are, typed")
    func notesReachTheSite() throws {
        var source = Self.intake.source("coords")
        let feature = Feature(id: "c", geometry: Self.square(111.5, 30.5), notes: [.coordinates(.closedRing)])
        #expect(try source.job(feature).site.get().notes == [.coordinates(.closedRing)])
    }

    @Test("merged parcels: every polygon in one MultiPolygon, every note and one more saying so (Fixtures/sites/survey_area_units.txt)")
    func mergedSurveyFile() throws {
        let path = FixtureTable.url("sites/survey_area_units.txt").path
        var source = Self.intake.source(path)
        var jobs: [BatchJob] = []
        try SiteFiles.open(path, options: Self.intake.options).forEachFeature { jobs.append(source.job($0)) }
        #expect(jobs.count == 4)
        let merged = Self.intake.merged(jobs, source: path)
        let site = try merged.site.get()
        guard case .multiPolygon(let parts) = site.geometry else { Issue.record("not a MultiPolygon: \(site.geometry.typeName)"); return }
        #expect(parts.count == 4)
        // Fixtures/sites/README.md: 10 x 25 m, 100 x 120 m, 133.333 x 100 m and 100 x 200 m rectangles.
        #expect(abs(try site.geometry.planarArea() - (250 + 12_000 + 13_333.3 + 20_000)) < 0.01)
        #expect(site.notes == [.declaredAreaReadAs(value: 250, unit: .squareMetre), .declaredAreaReadAs(value: 20, unit: .mu),
                               .declaredAreaMismatch(declared: 5, computedHectares: 2), .parcelsMerged(count: 4)])
        #expect(merged.label.text(.zh) == path && site.label?.text(.zh) == path && site.id == nil)
        #expect(site.crs == CRS(epsg: 4525))
    }

    @Test("merging refuses a point among polygons, naming it")
    func mergeRefusesPoints() throws {
        var source = Self.intake.source("upload.geojson")
        let jobs = [source.job(Feature(id: "A", geometry: Self.square(111.5, 30.5), index: 0)),
                    source.job(Feature(id: "B", geometry: .point(Coordinate(x: 111.6, y: 30.6)), index: 1))]
        guard case .failure(let error) = Self.intake.merged(jobs, source: "upload.geojson").site else { Issue.record("merged a point"); return }
        #expect(error.message(.zh) == "upload.geojson 第 2 个要素（B）：只有面状地块才能合并为一个站点，此要素为 Point")
    }

    @Test("merging refuses parcels whose profiles differ (one chemical, one not), rather than drop one")
    func mergeRefusesDifferentProfiles() throws {
        var source = Self.intake.source("upload.geojson")
        let jobs = [source.job(Feature(id: "A", geometry: Self.square(111.5, 30.5), properties: ["chemical": .bool(true)], index: 0)),
                    source.job(Feature(id: "B", geometry: Self.square(111.6, 30.6), properties: ["chemical": .bool(false)], index: 1))]
        guard case .failure(let error) = Self.intake.merged(jobs, source: "upload.geojson").site else { Issue.record("merged two profiles"); return }
        #expect(error.kind == .profile)
        #expect(error.message(.zh).hasPrefix("upload.geojson 第 2 个要素（B）：项目情况与第一个地块不同"))
    }

    @Test("merging keeps the first parcel that could not be read as the whole site's failure")
    func mergeKeepsFailure() throws {
        var source = Self.intake.source("upload.geojson")
        let jobs = [source.job(Feature(id: "A", geometry: Self.square(111.5, 30.5), index: 0)), source.job(Feature(id: "B", geometry: nil, index: 1))]
        guard case .failure(let error) = Self.intake.merged(jobs, source: "upload.geojson").site else { Issue.record("merged a parcel without geometry"); return }
        #expect(error.message(.zh) == "upload.geojson 第 2 个要素（B）：没有几何")
    }
}
