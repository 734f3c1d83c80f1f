import Foundation
import Geometry
import Testing
import TestSupport
import Zoning

/// `--all-industries`: every class's group must be what screening the site with that one industry gives.
@Suite("What may go on this site: every industry class at once")
struct AllIndustriesTests {
    static let dataset = TestDatasets.compiled("demo")

    // S01 (a point 800 m from the 长江) and S04 (a parcel across two units), Fixtures/demo/sites.geojson.
    static func site(_ index: Int) throws -> (String, Geometry) {
        index == 0 ? ("S01", .point(Coordinate(x: 111.7312807, y: 30.5291253)))
            : ("S04", try Geometry(wkt: "POLYGON((111.4881675 30.5412542, 111.4973498 30.5429073, 111.4958646 30.5490891, 111.4866816 30.5474359, 111.4881675 30.5412542))"))
    }

    @Test("each of the 1,380 classes: the group's verdict and deciding rules equal screening with that class alone", arguments: [0, 1])
    func everyClass(_ index: Int) throws {
        let (name, geometry) = try Self.site(index)
        let engine = try ScreeningEngine(dataset: Self.dataset)
        let site = Site(id: name, geometry: geometry)
        let all = try engine.screenAllIndustries(site, nature: .new)
        let classes = Self.dataset.catalogue.industries.filter { $0.level == .class }
        #expect(classes.count == 1_380)  // GB/T 4754-2017 has 1,380 小类
        #expect(all.groups.reduce(0) { $0 + $1.industries.count } == 1_380)
        var byCode: [String: IndustryVerdicts.Group] = [:]
        for group in all.groups { for entry in group.industries { byCode[entry.code] = group } }
        var mismatches: [String] = []
        for industry in classes {
            var alone = site
            alone.profile = ProjectProfile(industry: industry.code, nature: .new)
            let result = try engine.screen(alone, clauses: .decisive)
            guard let group = byCode[industry.code], group.verdict == result.verdict, group.rules == result.reasons.map(\.ruleId) else {
                mismatches.append(industry.code)
                continue
            }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(10))")
        // S01's chemical plant (C2614) is forbidden 800 m from the 长江 (expected.csv: CN-CJ-26-1).
        if name == "S01" { #expect(byCode["C2614"]?.verdict == .prohibited && byCode["C2614"]?.rules.contains("CN-CJ-26-1") == true) }
    }
}
