import Geometry
import Testing
import Zoning
import Wording

/// Screening facts on Fixtures/zoning/tiny, whose layers are squares and straight banks in EPSG:4546:
/// every expected figure below follows from the coordinates in its README by hand.
@Suite("Screening the tiny hand-drawn dataset")
struct TinyDatasetScreeningTests {
    let engine: ScreeningEngine

    init() throws {
        engine = try ScreeningEngine(dataset: TestDatasets.tiny)
    }

    func screen(_ geometry: Geometry, _ profile: ProjectProfile? = nil) throws -> ScreeningResult {
        try engine.screen(Site(id: "t", geometry: geometry, crs: CRS(epsg: 4546), profile: profile))
    }

    static let chemicalNew = ProjectProfile(industry: "C2614", nature: .new)

    // The main-stream bank is y = 3299500; x = 503800 lies in park unit B, outside the water zone and
    // 2,200 m from the tributary at x = 506000, so only the main stream decides the 1 km band.
    @Test("band edge: 999.5 m and exactly 1,000 m are inside the 1 km band, 1,000.5 m is outside",
          arguments: [(3300499.5, true), (3300500.0, true), (3300500.5, false)])
    func bandEdge(y: Double, inside: Bool) throws {
        let result = try screen(.point(Coordinate(x: 503800, y: y)), Self.chemicalNew)
        let band = try #require(result.shorelines.bands.first { $0.ruleId == "T-AX-1KM" })
        #expect(band.inside == inside)
        #expect(abs((result.shorelines.nearestMainStream?.distance.metres ?? 0) - (y - 3299500)) < 1e-6)
        #expect(result.reasons.contains { $0.ruleId == "T-AX-1KM" } == inside)
        // Outside the band the park's class clause still asks for a risk assessment (chemical, class 2).
        #expect(result.verdict == (inside ? .prohibited : .needsAssessment))
    }

    @Test("the 1 km rule cites the Yangtze River Protection Law and states the distance")
    func citation() throws {
        let result = try screen(.point(Coordinate(x: 503800, y: 3300300)), Self.chemicalNew)
        let reason = try #require(result.reasons.first { $0.ruleId == "T-AX-1KM" })
        #expect(reason.effect == .prohibited)
        #expect(reason.source.title == "中华人民共和国长江保护法" && reason.source.article == "第二十六条")
        // The point is 800 m from the bank line at y = 3,299,500 (by construction of the tiny dataset).
        guard case .shoreline(_, _, let metres, let limit) = reason.detail else {
            Issue.record("expected a shoreline detail, got \(reason.detail)")
            return
        }
        #expect(abs(metres - 800) < 0.01 && limit == 1000)
    }

    @Test("a non-chemical project in the same place is not banned by the chemical band")
    func nonChemical() throws {
        let result = try screen(.point(Coordinate(x: 503800, y: 3300300)), ProjectProfile(industry: "C1391", nature: .new))
        #expect(!result.reasons.contains { $0.ruleId == "T-AX-1KM" })
        // Unit B's list says "1.禁止新建燃煤锅炉": read, it concerns boilers (D4430), not a starch plant.
        #expect(result.verdict == .compliant)
    }

    @Test("a point in the red line's hole touches no red line; one in the ring does")
    func redLineHole() throws {
        let inHole = try screen(.point(Coordinate(x: 501000, y: 3301000)))
        #expect(inHole.redLines.isEmpty)
        let inRing = try screen(.point(Coordinate(x: 500500, y: 3300500)))
        #expect(inRing.redLines.map(\.code) == ["HX01"])
        #expect(inRing.verdict == .prohibited)
        #expect(inRing.reasons.first?.ruleId == "T-HX")
    }

    @Test("a linear infrastructure project in a red line needs assessment instead of being prohibited")
    func positiveList() throws {
        let line = Geometry.lineString([Coordinate(x: 500000, y: 3301500), Coordinate(x: 502000, y: 3301500)])
        let result = try screen(line, ProjectProfile(industry: "G5411", nature: .new, flags: ["linearInfrastructure"]))
        let reason = try #require(result.reasons.first { $0.ruleId == "T-HX" })
        #expect(reason.effect == .needsAssessment)
        // The line y = 3301500 crosses the red line x 500200–501800 (1,600 m of its 2,000 m): 80 %.
        let hit = try #require(result.redLines.first)
        #expect(abs((hit.overlap.length?.metres ?? 0) - 1600) < 1e-6)
        #expect(abs(hit.overlap.share - 0.8) < 1e-12)
        #expect(result.verdict == .needsAssessment)
    }

    @Test("a point on the A/B boundary lies in both units, and says so")
    func sharedBoundary() throws {
        let result = try screen(.point(Coordinate(x: 502000, y: 3301000)))
        #expect(Set(result.controlUnits.map(\.code)) == ["ZH42909910001", "ZH42909920001"])
        #expect(result.onSharedBoundary)
        #expect(result.controlUnits.allSatisfy { $0.onBoundary })
        // Both units' lists apply: the park's text clauses and the class-1 unit's.
        #expect(result.clauses.contains { $0.id == "ZH42909910001-spatialLayout-1" })
        #expect(result.clauses.contains { $0.id == "ZH42909920001-spatialLayout-1" })
    }

    // x 501400–502400 (1,000 m) by y 3300050–3300150 (100 m), split by the A/B edge at x 502000.
    @Test("a parcel straddling A and B: 60 % and 40 % of 100,000 m² (10 ha, 150 亩)")
    func straddlingParcel() throws {
        let parcel = try Geometry(wkt: "POLYGON ((501400 3300050, 502400 3300050, 502400 3300150, 501400 3300150, 501400 3300050))")
        let result = try screen(parcel)
        let area = try #require(result.site.area)
        #expect(abs(area.squareMetres - 100_000) < 1e-6)
        #expect(abs(area.hectares - 10) < 1e-9 && abs(area.mu - 150) < 1e-9)
        #expect(result.controlUnits.map(\.code) == ["ZH42909910001", "ZH42909920001"])
        #expect(abs(result.controlUnits[0].overlap.share - 0.6) < 1e-12)
        #expect(abs((result.controlUnits[1].overlap.area?.squareMetres ?? 0) - 40_000) < 1e-6)
        #expect(result.redLines.isEmpty)  // y 3300050–3300150 lies below the red line's y 3300200
        #expect(!result.onSharedBoundary)
    }

    @Test("a parcel half inside the red line: 10,000 m² of 20,000 m²")
    func partialRedLine() throws {
        let parcel = try Geometry(wkt: "POLYGON ((501700 3301000, 501900 3301000, 501900 3301100, 501700 3301100, 501700 3301000))")
        let hit = try #require(try screen(parcel).redLines.first)
        #expect(abs((hit.overlap.area?.squareMetres ?? 0) - 10_000) < 1e-6)
        #expect(abs(hit.overlap.share - 0.5) < 1e-12)
    }

    @Test("the drinking-water zone's level-1 rule prohibits any project there")
    func drinkingWater() throws {
        let result = try screen(.point(Coordinate(x: 503200, y: 3300200)), ProjectProfile(industry: "I6450", nature: .new))
        #expect(result.sensitiveAreas.map(\.level) == ["一级"])
        #expect(result.reasons.contains { $0.ruleId == "T-SY-1" && $0.effect == .prohibited })
    }

    @Test("a tailings pond 2 km from the main stream is prohibited; 3.5 km is not")
    func tailings() throws {
        let profile = ProjectProfile(industry: "B0810", nature: .new, flags: ["tailingsPond"])
        // y 3301500 is 2,000 m from the bank; y 3303000 is 3,500 m (unit C).
        #expect(try screen(.point(Coordinate(x: 503000, y: 3301500)), profile).reasons.contains { $0.ruleId == "T-AX-3KM" })
        #expect(!(try screen(.point(Coordinate(x: 503000, y: 3303000)), profile).reasons.contains { $0.ruleId == "T-AX-3KM" }))
    }

    @Test("the flags users can answer include those the reader read in the lists: 禁止新建燃煤锅炉 asks coalFiredBoiler")
    func readFlagsAreAsked() {
        // Unit 乙's unannotated "1.禁止新建燃煤锅炉。" (Fixtures/zoning/tiny/layers/units.geojson); the rules ask
        // tailingsPond and linearInfrastructure (rules.yaml).
        let used = TestDatasets.tiny.flags.used
        #expect(used.isSuperset(of: ["coalFiredBoiler", "tailingsPond", "linearInfrastructure"]))
        #expect(TestDatasets.tiny.flags.id(for: "配套燃煤锅炉") == "coalFiredBoiler")
        // The lists' own words, held by one label each (national-rules.yaml: 配套燃煤锅炉, 列入淘汰类或落后产能).
        #expect(TestDatasets.tiny.flags.id(for: "燃煤锅炉") == "coalFiredBoiler")
        #expect(TestDatasets.tiny.flags.id(for: "淘汰类") == "eliminatedCatalogue")
        // 园区 is in two labels (新建或扩建化工园区, 新设工业园区): it names neither; one character names nothing.
        #expect(TestDatasets.tiny.flags.id(for: "园区") == nil)
        #expect(TestDatasets.tiny.flags.id(for: "库") == nil)
    }

    @Test("annotated unit text is matched as a person decided; unannotated text is read by the clause reader, quoting its words")
    func annotatedUnitText() throws {
        let pulp = try screen(.point(Coordinate(x: 503000, y: 3301500)), ProjectProfile(industry: "C2211", nature: .new))
        let annotated = try #require(pulp.reasons.first { $0.ruleId == "ZH42909920001-spatialLayout-2" })
        #expect(annotated.effect == .prohibited && annotated.text == "禁止新建化学制浆造纸项目。" && annotated.decision == .person)
        // "1.禁止新建燃煤锅炉。" has no annotation: the reader reads it (燃煤锅炉 → D4430 or the coalFiredBoiler flag).
        // The paper mill did not say whether it builds a boiler: the clause may concern it (listed, not applied).
        let boiler = try #require(pulp.clauses.first { $0.id == "ZH42909920001-spatialLayout-1" })
        #expect(boiler.decision == .reader && boiler.concernsProject == .unknown)
        #expect(pulp.possibleReasons.contains { $0.ruleId == "ZH42909920001-spatialLayout-1" })
        // Flags answered, without the boiler flag: it does not.
        let answered = try screen(.point(Coordinate(x: 503000, y: 3301500)), ProjectProfile(industry: "C2211", nature: .new, flagsStated: true))
        #expect(answered.clauses.first { $0.id == "ZH42909920001-spatialLayout-1" }?.concernsProject == .doesNotConcern)
        let heat = try screen(.point(Coordinate(x: 503000, y: 3301500)), ProjectProfile(industry: "D4430", nature: .new))
        let read = try #require(heat.reasons.first { $0.ruleId == "ZH42909920001-spatialLayout-1" })
        #expect(read.effect == .prohibited && read.decision == .reader && read.quote == "禁止新建燃煤锅炉")
        // A paper mill that builds its own coal-fired boiler says so by the flag.
        let withBoiler = try screen(.point(Coordinate(x: 503000, y: 3301500)), ProjectProfile(industry: "C2221", nature: .new, flags: ["coalFiredBoiler"]))
        #expect(withBoiler.reasons.contains { $0.ruleId == "ZH42909920001-spatialLayout-1" && $0.effect == .prohibited })
        // "（1）园区污水集中处理" prescribes nothing binding: a plain requirement for every project.
        let sewage = try #require(pulp.clauses.first { $0.id == "ZH42909920001-pollutantDischarge-1" })
        #expect(sewage.effect == .requirement && sewage.concernsProject == .concerns)
    }

    @Test("a data centre in the park gets the park's clauses, its own industry clause marked")
    func dataCentre() throws {
        let result = try screen(.point(Coordinate(x: 503000, y: 3301500)), ProjectProfile(industry: "I6450", nature: .new))
        let ids = Set(result.clauses.map(\.id))
        #expect(ids.isSuperset(of: ["T-U-01", "T-S-01", "T-C-01", "ZH42909920001-pollutantDischarge-2"]))
        #expect(result.clauses.first { $0.id == "T-U-01" }?.concernsProject == .concerns)  // I645 covers I6450
        #expect(result.clauses.first { $0.id == "T-S-01" }?.concernsProject == .doesNotConcern)
        #expect(result.verdict == .compliant)
    }

    @Test("without a profile, conditional rules become possible reasons, not the verdict")
    func noProfile() throws {
        // Unit C: no unread clause there.
        let result = try screen(.point(Coordinate(x: 503500, y: 3302200)))
        #expect(result.verdict == .compliant)
        #expect(result.possibleReasons.contains { $0.ruleId == "T-AX-3KM" })
    }

    @Test("a line of zero length lies where its point does (unit C), not outside the dataset")
    func zeroLengthLine() throws {
        let line = Geometry.lineString([Coordinate(x: 501000, y: 3303000), Coordinate(x: 501000, y: 3303000)])
        #expect(try screen(line).controlUnits.map(\.code) == ["ZH42909930001"])
    }

    @Test("a site wholly outside the dataset is an error naming the site")
    func outside() {
        #expect {
            try screen(.point(Coordinate(x: 600000, y: 3300000)))
        } throws: { error in
            (error as? ScreeningError)?.message(.zh).contains("完全在数据集范围") ?? false
        }
    }

    @Test("a self-intersecting site is refused with GEOS's reason and where")
    func bowTie() {
        let bowTie = Geometry.polygon(Polygon(exterior: [
            Coordinate(x: 501000, y: 3303000), Coordinate(x: 502000, y: 3304000), Coordinate(x: 502000, y: 3303000),
            Coordinate(x: 501000, y: 3304000), Coordinate(x: 501000, y: 3303000)]))
        #expect {
            try screen(bowTie)
        } throws: { error in
            let message = (error as? ScreeningError)?.message(.zh) ?? ""
            // The edges cross at (501500, 3303500), by hand.
            return message.contains("自相交") && message.contains("501500")
        }
    }
}
