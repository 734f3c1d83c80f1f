import Datasets
import Foundation
import Geometry
import Testing
import Zoning
import Wording

/// The built-in national rule pack on the hand-drawn tiny dataset (Fixtures/zoning/tiny, EPSG:4546, its
/// README gives every coordinate), switched on in a private copy: what holds where, the manifest's switch,
/// drops and overrides, and the errors a wrong manifest or parks layer gets. Distances are worked out by
/// hand from the README: the main-stream bank is the line y = 3,299,500, the important tributary's the line
/// x = 506,000; units A (class 1) x 500,000–502,000 and B (class 2) x 502,000–504,000, y 3,300,000–3,302,000.
@Suite("Built-in national rules")
struct NationalRulesTests {
    /// The tiny dataset with the national pack on (its manifest switches it off), edited by `edit`.
    static func withNational<T>(_ edit: (URL) throws -> Void = { _ in }, _ body: (URL) throws -> T) throws -> T {
        try DatasetLoaderTests.withCopy({ copy in
            try DatasetLoaderTests.replace(in: copy.appendingPathComponent("dataset.yaml"), "nationalRules: { enabled: false }", with: "")
            try edit(copy)
        }, body)
    }

    static func screen(_ dataset: Dataset, _ x: Double, _ y: Double, _ profile: ProjectProfile?) throws -> ScreeningResult {
        var site = Site(geometry: .point(Coordinate(x: x, y: y)), crs: CRS(epsg: 4546), profile: profile)
        site.label = .name("test")
        return try ScreeningEngine(dataset: dataset).screen(site)
    }

    static func ids(_ result: ScreeningResult) -> Set<String> { Set(result.reasons.map(\.ruleId)) }

    @Test("in Hubei (regionCode 429099) every territory's rules hold, cited to their documents")
    func hubei() throws {
        try Self.withNational({ _ in }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            let national = dataset.rules.national
            #expect(national.enabled && national.regions == ["nationwide", "yangtzeBasin", "yangtzeBelt"])
            #expect(national.notApplicable.isEmpty && !national.regionUnknown)
            // (503,800, 3,300,300) is 800 m from the main-stream bank, in unit B: a new chemical plant.
            let result = try Self.screen(dataset, 503_800, 3_300_300, ProjectProfile(industry: "C2614", nature: .new))
            let law = try #require(result.reasons.first { $0.ruleId == "CN-CJ-26-1" })
            #expect(law.effect == .prohibited && law.origin == .national)
            #expect(law.source.title == "中华人民共和国长江保护法" && law.source.article == "第二十六条第二款")
            #expect(result.dataset.nationalRules.version != nil)
        }
    }

    @Test("in Hebei (130000), outside the Yangtze basin and belt, only the nationwide rules hold")
    func hebei() throws {
        try Self.withNational({ try DatasetLoaderTests.replace(in: $0.appendingPathComponent("dataset.yaml"), "regionCode: \"429099\"", with: "regionCode: \"130000\"") }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            #expect(dataset.rules.national.regions == ["nationwide"])
            #expect(dataset.rules.national.notApplicable.contains("CN-CJ-26-1") && dataset.rules.national.notApplicable.contains("CN-FMQD-09"))
            let result = try Self.screen(dataset, 503_800, 3_300_300, ProjectProfile(industry: "C2614", nature: .new))
            #expect(!Self.ids(result).contains("CN-CJ-26-1"))
        }
    }

    @Test("in Zhejiang (330100), partly in the basin, the basin's rules hold and the dataset says it lies only partly in it")
    func zhejiang() throws {
        try Self.withNational({ try DatasetLoaderTests.replace(in: $0.appendingPathComponent("dataset.yaml"), "regionCode: \"429099\"", with: "regionCode: \"330100\"") }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            #expect(dataset.rules.national.partly == ["yangtzeBasin"])
            #expect(dataset.rules.national.ruleIds.contains("CN-CJ-26-1"))
        }
    }

    @Test("tailings ponds: within 3 km of the main stream prohibited, beyond it not; a rebuild that raises safety is excepted")
    func tailings() throws {
        try Self.withNational({ _ in }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            let pond = ProjectProfile(industry: "B0810", nature: .new, flags: ["tailingsPond"])
            // (503,000, 3,301,500): 2,000 m from the main stream, 3,000 m from the tributary bank x = 506,000.
            #expect(Self.ids(try Self.screen(dataset, 503_000, 3_301_500, pond)).contains("CN-CJ-26-3"))
            // (503,000, 3,303,000): 3,500 m from the main stream, 3,000 m from the important tributary: neither band.
            let far = Self.ids(try Self.screen(dataset, 503_000, 3_303_000, pond))
            #expect(!far.contains("CN-CJ-26-3") && !far.contains("CN-CJ-26-4"))
            let safer = ProjectProfile(industry: "B0810", nature: .rebuild, flags: ["tailingsPond", "safetyUpgrade"])
            #expect(!Self.ids(try Self.screen(dataset, 503_000, 3_301_500, safer)).contains("CN-CJ-26-3"))
            let rebuilt = ProjectProfile(industry: "B0810", nature: .rebuild, flags: ["tailingsPond"])
            #expect(Self.ids(try Self.screen(dataset, 503_000, 3_301_500, rebuilt)).contains("CN-CJ-26-3"))
        }
    }

    @Test("the red line: prohibited for any project; a limited activity on the national list is 需论证, not a pass")
    func redLine() throws {
        try Self.withNational({ _ in }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            // (500,500, 3,300,500) lies in the red line's ring (x 500,200–501,800, hole x 500,800–501,200).
            let shop = try Self.screen(dataset, 500_500, 3_300_500, ProjectProfile(industry: "F5211", nature: .new))
            #expect(shop.reasons.contains { $0.ruleId == "CN-HX-01" && $0.effect == .prohibited })
            #expect(shop.verdict == .prohibited)
            let survey = try Self.screen(dataset, 500_500, 3_300_500, ProjectProfile(industry: "M7471", nature: .new, flags: ["resourceSurvey"]))
            #expect(survey.reasons.contains { $0.ruleId == "CN-HX-01" && $0.effect == .needsAssessment })
        }
    }

    @Test("drinking water, level 1: any project but water supply is prohibited (水污染防治法 第六十五条)")
    func drinkingWater() throws {
        try Self.withNational({ _ in }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            // (503,200, 3,300,200) lies in the level-1 zone x 503,000–503,500, y 3,300,000–3,300,500.
            let hotel = try Self.screen(dataset, 503_200, 3_300_200, ProjectProfile(industry: "H6110", nature: .new))
            #expect(hotel.reasons.contains { $0.ruleId == "CN-SY-65" && $0.effect == .prohibited })
            let waterworks = try Self.screen(dataset, 503_200, 3_300_200, ProjectProfile(industry: "D4610", nature: .rebuild))
            #expect(!Self.ids(waterworks).contains("CN-SY-65"))
        }
    }

    @Test("without a parks layer, 合规园区外 cannot be decided: 需论证 naming the missing layer, and a load warning")
    func noParks() throws {
        try Self.withNational({ _ in }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            #expect(dataset.warnings.contains(.parksLayerMissing(owners: ["CN-FMQD-09"])))
            // (503,000, 3,303,000) in unit C: 3,500 m from the main stream, 3,000 m from the tributary.
            let steel = try Self.screen(dataset, 503_000, 3_303_000, ProjectProfile(industry: "C3120", nature: .new))
            let reason = try #require(steel.reasons.first { $0.ruleId == "CN-FMQD-09" })
            #expect(reason.effect == .needsAssessment)
            #expect(reason.undetermined == Undetermined(missing: .parksLayer, ruleEffect: .prohibited))
        }
    }

    @Test("a parks layer decides 园区内/园区外: outside or in a park not on the list is prohibited, inside a compliant one is not")
    func parks() throws {
        // Park P1 (compliant) covers unit B's west half x 502,000–503,000; P2 (not compliant) x 503,000–504,000
        // y 3,302,000–3,303,000 in unit C.
        try Self.withNational({ copy in
            try Self.writeParks(copy, [
                ("P1", "甲化工园区", "化工园区", "是", "[[502000,3300000],[503000,3300000],[503000,3302000],[502000,3302000],[502000,3300000]]"),
                ("P2", "乙产业园", "工业园区", "否", "[[503000,3302000],[504000,3302000],[504000,3303000],[503000,3303000],[503000,3302000]]"),
            ])
        }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            let steel = ProjectProfile(industry: "C3120", nature: .new)
            let inCompliant = try Self.screen(dataset, 502_500, 3_301_500, steel)
            #expect(!Self.ids(inCompliant).contains("CN-FMQD-09"))
            #expect(inCompliant.parks?.map(\.name) == ["甲化工园区"] && inCompliant.parks?.first?.kind == .chemical)
            let inOther = try Self.screen(dataset, 503_500, 3_302_500, steel)
            #expect(inOther.reasons.contains { $0.ruleId == "CN-FMQD-09" && $0.effect == .prohibited && $0.undetermined == nil })
            let outside = try Self.screen(dataset, 501_000, 3_303_500, steel)
            #expect(outside.reasons.contains { $0.ruleId == "CN-FMQD-09" && $0.effect == .prohibited })
            // A parcel half in P1 (x 502,500–503,500, y 3,301,000–3,301,200: 100,000 m² of it in P1, the rest in B outside any park).
            var parcel = Site(geometry: try Geometry(wkt: "POLYGON ((502500 3301000, 503500 3301000, 503500 3301200, 502500 3301200, 502500 3301000))"),
                              crs: CRS(epsg: 4546), profile: steel)
            parcel.label = .name("parcel")
            let half = try ScreeningEngine(dataset: dataset).screen(parcel)
            #expect(abs((half.parks?.first?.overlap.share ?? 0) - 0.5) < 1e-9)
            #expect(Self.ids(half).contains("CN-FMQD-09"))
        }
    }

    @Test("the manifest can switch the pack off, drop a rule and change one; answers and info say so")
    func settings() throws {
        try Self.withNational({ copy in
            try DatasetLoaderTests.replace(in: copy.appendingPathComponent("dataset.yaml"), "rules: rules.yaml",
                                           with: "rules: rules.yaml\nnationalRules: { drop: [CN-FMQD-11-2], override: [{ id: CN-CJ-26-1, distance: 500 }] }")
        }) { folder in
            let dataset = try DatasetLoader.load(from: folder)
            #expect(dataset.rules.national.dropped == ["CN-FMQD-11-2"] && dataset.rules.national.overridden == ["CN-CJ-26-1"])
            #expect(!dataset.rules.all.contains { $0.id == "CN-FMQD-11-2" })
            // 800 m from the bank: outside the band narrowed to 500 m.
            let result = try Self.screen(dataset, 503_800, 3_300_300, ProjectProfile(industry: "C2614", nature: .new))
            #expect(!Self.ids(result).contains("CN-CJ-26-1"))
            #expect(result.dataset.nationalRules.overridden == ["CN-CJ-26-1"])
        }
        let off = TestDatasets.tiny
        #expect(!off.rules.national.enabled && !off.rules.all.contains { $0.origin == .national })
    }

    @Test("the compiled store keeps the national rules, the manifest's changes and the parks: the same answers mapped as read")
    func store() throws {
        try Self.withNational({ copy in
            try Self.writeParks(copy, [("P1", "甲化工园区", "化工园区", "是", "[[502000,3300000],[503000,3300000],[503000,3302000],[502000,3302000],[502000,3300000]]")])
            try DatasetLoaderTests.replace(in: copy.appendingPathComponent("dataset.yaml"), "rules: rules.yaml",
                                           with: "rules: rules.yaml\nnationalRules: { drop: [CN-FMQD-11-2] }")
        }) { folder in
            let read = try DatasetLoader.load(from: folder)
            let cache = folder.appendingPathComponent("cache")
            let built = try DatasetStore.build(from: folder, cache: cache)
            let mapped = try DatasetStore.openStoreFile(built.path)
            #expect(mapped.rules == read.rules)
            #expect(mapped.parks?.map(\.name) == ["甲化工园区"] && mapped.parks?.first?.compliant == true && mapped.parks?.first?.kind == .chemical)
            #expect(mapped.clauses == read.clauses)
            for (x, y) in [(502_500.0, 3_301_500.0), (503_500.0, 3_302_500.0), (500_500.0, 3_300_500.0)] {
                let profile = ProjectProfile(industry: "C2614", nature: .new)
                let a = try Self.screen(read, x, y, profile), b = try Self.screen(mapped, x, y, profile)
                #expect(a.reasons == b.reasons && a.parks == b.parks && a.verdict == b.verdict)
            }
        }
    }

    @Test("a drop or override of an id the pack does not have is one error naming dataset.yaml and the id; nothing loads")
    func unknownId() throws {
        let error = try Self.withNational({ copy in
            try DatasetLoaderTests.replace(in: copy.appendingPathComponent("dataset.yaml"), "rules: rules.yaml",
                                           with: "rules: rules.yaml\nnationalRules: { override: [{ id: CN-NOPE-1, distance: 500 }] }")
        }) { DatasetLoaderTests.loadError($0) }
        let problems = try #require(error?.problems)
        #expect(problems.count == 1)
        #expect(error?.message(.zh).contains("dataset.yaml 的 nationalRules.override 中的 CN-NOPE-1 不是内置国家规则") == true)
        #expect(error?.message(.en).contains("dataset.yaml nationalRules.override names CN-NOPE-1, which is no built-in national rule") == true)
    }

    @Test("a regionCode that is not an administrative code is one error naming dataset.yaml and regionCode", arguments: [
        ("990000", "前两位 99 不是省级行政区划代码"), ("4290", nil), ("42A099", "应为 2、4 或 6 位数字"), ("4290991", "应为 2、4 或 6 位数字"),
    ])
    func regionCode(code: String, problem: String?) throws {
        let error = try Self.withNational({ try DatasetLoaderTests.replace(in: $0.appendingPathComponent("dataset.yaml"), "regionCode: \"429099\"", with: "regionCode: \"\(code)\"") }) {
            DatasetLoaderTests.loadError($0)
        }
        if let problem {
            #expect(error?.problems.count == 1)
            #expect(error?.message(.zh).contains("dataset.yaml 中的设置 regionCode 有误：") == true && error?.message(.zh).contains(problem) == true)
        } else {
            #expect(error == nil)  // 4290: a city's code (42 湖北)
        }
    }

    @Test("a park with an invalid geometry is an error naming the file, the park and GEOS's reason; nothing loads")
    func invalidPark() throws {
        let error = try Self.withNational({ copy in
            try Self.writeParks(copy, [
                ("P1", "甲化工园区", "化工园区", "是", "[[502000,3300000],[503000,3300000],[503000,3302000],[502000,3302000],[502000,3300000]]"),
                // A bow tie: its edges cross at (502,500, 3,303,500).
                ("P2", "乙产业园", "工业园区", "否", "[[502000,3303000],[503000,3304000],[503000,3303000],[502000,3304000],[502000,3303000]]"),
            ])
        }) { DatasetLoaderTests.loadError($0) }
        let problems = try #require(error?.problems)
        #expect(problems.count == 1)
        #expect(error?.message(.zh).contains("layers/parks.geojson 第 2 个要素（P2）几何无效") == true)
        #expect(error?.message(.zh).contains("502500") == true)
    }

    @Test("a park's compliance value that says neither yes nor no is an error naming the park and the value")
    func unknownCompliance() throws {
        let error = try Self.withNational({ copy in
            try Self.writeParks(copy, [("P1", "甲化工园区", "化工园区", "待定", "[[502000,3300000],[503000,3300000],[503000,3302000],[502000,3302000],[502000,3300000]]")])
        }) { DatasetLoaderTests.loadError($0) }
        #expect(error?.problems == [.unknownClassValue(file: "layers/parks.geojson", feature: 0, id: "P1", value: "待定")])
    }

    /// Writes layers/parks.geojson (EPSG:4546 coordinates, as the tiny dataset's layers) and names it in the manifest.
    static func writeParks(_ copy: URL, _ parks: [(code: String, name: String, kind: String, compliant: String, ring: String)]) throws {
        let features = parks.map { park in
            #"{"type":"Feature","properties":{"YQBM":"\#(park.code)","YQMC":"\#(park.name)","YQLX":"\#(park.kind)","SFHG":"\#(park.compliant)"},"geometry":{"type":"Polygon","coordinates":[\#(park.ring)]}}"#
        }
        try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
            .write(to: copy.appendingPathComponent("layers/parks.geojson"), atomically: true, encoding: .utf8)
        try DatasetLoaderTests.replace(in: copy.appendingPathComponent("dataset.yaml"), "  sensitiveAreas:",
                                       with: "  parks:\n    file: layers/parks.geojson\n    fields: { code: YQBM, name: YQMC, kind: YQLX, compliant: SFHG }\n  sensitiveAreas:")
    }
}
