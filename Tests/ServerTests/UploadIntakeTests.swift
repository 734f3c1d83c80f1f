import Foundation
import Testing
import TestSupport

/// `POST /api/screen` reads what it is given through the same intake as the command line: an upload's
/// parcels are each their own site with their own IDs, names, profiles and notes unless the request
/// merges them, and "chemical" is read the one way.
@Suite("HTTP service: one intake")
struct UploadIntakeTests {
    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: FixtureTable.url(path), encoding: .utf8)
    }

    static func features(_ reply: HTTPReply) -> [[String: Any]] { reply.json?["features"] as? [[String: Any]] ?? [] }
    static func answer(_ feature: [String: Any]) -> [String: Any]? { (feature["properties"] as? [String: Any])?["zonescreen"] as? [String: Any] }
    static func squareMetres(_ answer: [String: Any]?) -> Double? {
        ((answer?["site"] as? [String: Any])?["area"] as? [String: Any])?["squareMetres"] as? Double
    }

    @Test("a 勘测定界 file of two parcels: each its own site by default, named by its 地块编号, areas 29,000 and 40,000 m²")
    func parcelsEachTheirOwnSite() async throws {
        let reply = try await HTTP.post("/api/screen", json: ["file": ["fileName": "地块.txt", "content": try Self.fixture("survey/survey_cgcs2000_zone37.txt")]])
        #expect(reply.status == 200)
        #expect(reply.headers["content-type"]?.hasPrefix("application/geo+json") == true)
        #expect(reply.headers["x-zonescreen-failed"] == "0")
        let features = Self.features(reply)
        // Fixtures/survey/expected_parcels.csv, by hand: 200 x 150 m less a 40 x 25 m hole; an L of 300 x 100 + 100 x 100 m.
        #expect(features.map { $0["id"] as? String } == ["YC2024-001", "YC2024-002"])
        let areas = features.map { Self.squareMetres(Self.answer($0)) ?? 0 }
        #expect(areas.count == 2 && abs(areas[0] - 29_000) < 0.01 && abs(areas[1] - 40_000) < 0.01, "\(areas)")
        #expect(features.allSatisfy { (Self.answer($0)?["site"] as? [String: Any])?["id"] as? String == $0["id"] as? String })
        // Gauss-Krüger corners come back in degrees (the fixture lies near 111.5°E, 30.5°N).
        let ring = (((features.first?["geometry"] as? [String: Any])?["coordinates"] as? [Any])?.first as? [[Double]]) ?? []
        #expect(ring.first.map { abs($0[0] - 111.5) < 0.1 && abs($0[1] - 30.5) < 0.1 } == true, "\(ring.first ?? [])")
    }

    @Test("mergeParcels: the same file as one site of 69,000 m², saying the two parcels were merged")
    func mergedParcels() async throws {
        let reply = try await HTTP.post("/api/screen", json: ["file": ["fileName": "地块.txt", "content": try Self.fixture("survey/survey_cgcs2000_zone37.txt")],
                                                              "mergeParcels": true, "id": "园区一期"])
        #expect(reply.status == 200)
        let site = reply.json?["site"] as? [String: Any]
        #expect(abs((Self.squareMetres(reply.json) ?? 0) - 69_000) < 0.01)
        #expect(site?["id"] as? String == "园区一期")
        #expect(site?["geometryType"] as? String == "MultiPolygon")
        #expect((site?["notes"] as? [String])?.contains("文件中的 2 个地块合并为一个站点筛查") == true)
    }

    @Test("the declared-area note reaches the service's answer: YC2024-301 declares 3.2 ha, its corners enclose 3.0 ha")
    func declaredAreaNote() async throws {
        let reply = try await HTTP.post("/api/screen", json: ["file": ["fileName": "mismatch.txt", "content": try Self.fixture("survey/survey_area_mismatch.txt")]])
        let features = Self.features(reply)
        #expect(features.count == 4)
        let first = features.first { $0["id"] as? String == "YC2024-301" }
        let notes = (Self.answer(first ?? [:])?["site"] as? [String: Any])?["notes"] as? [String] ?? []
        // expected_parcels.csv: 200 m x 150 m = 3 ha against 3.2 declared; YC2024-302 agrees (3.01 within 0.5 %).
        #expect(notes.contains("申报面积 3.2000 与按界址点计算的 3.0000 公顷不符（按公顷、平方米、亩理解均不符）"), "\(notes)")
        let second = features.first { $0["id"] as? String == "YC2024-302" }
        #expect((Self.answer(second ?? [:])?["site"] as? [String: Any])?["notes"] == nil)
    }

    @Test("an uploaded GeoJSON's own IDs and profiles are used, the request's profile over them (demo S01 and S20, expected.csv)")
    func uploadedProfiles() async throws {
        // Demo sites S01 (C2614 新建, 800 m from the main stream: prohibited by CN-CJ-26-1) and S20 (in red line
        // HX429099002: prohibited by CN-HX-01), each with its own properties from Fixtures/demo/sites.geojson.
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: FixtureTable.url("demo/sites.geojson"))) as? [String: Any]
        let chosen = (all?["features"] as? [[String: Any]] ?? []).filter { ["S01", "S20"].contains(($0["properties"] as? [String: Any])?["id"] as? String) }
        #expect(chosen.count == 2)
        let upload = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": chosen])
        let reply = try await HTTP.post("/api/screen", json: ["file": ["fileName": "sites.geojson", "content": String(decoding: upload, as: UTF8.self)]])
        let answers = Self.features(reply).map(Self.answer)
        #expect(answers.map { ($0?["site"] as? [String: Any])?["id"] as? String } == ["S01", "S20"])
        #expect((answers.first??["profile"] as? [String: Any])?["industry"] as? String == "C2614")
        #expect(answers.first??["verdict"] as? String == "prohibited")
        #expect(((answers.first??["reasons"] as? [[String: Any]]) ?? []).contains { $0["ruleId"] as? String == "CN-CJ-26-1" })
        // The request's industry goes over each feature's own: S01 as a data centre (I6450) is no longer a chemical plant.
        let overridden = try await HTTP.post("/api/screen", json: ["file": ["fileName": "sites.geojson", "content": String(decoding: upload, as: UTF8.self)],
                                                                   "industry": "I6450"])
        let first = Self.features(overridden).first.flatMap(Self.answer)
        #expect((first?["profile"] as? [String: Any])?["industry"] as? String == "I6450")
        #expect(!((first?["reasons"] as? [[String: Any]]) ?? []).contains { $0["ruleId"] as? String == "CN-CJ-26-1" })
    }

    @Test("a report answers for one site: an upload of several parcels must be merged, and says so")
    func reportNeedsOneSite() async throws {
        let body: [String: Any] = ["file": ["fileName": "地块.txt", "content": try Self.fixture("survey/survey_cgcs2000_zone37.txt")]]
        let refused = try await HTTP.post("/api/report", json: body)
        #expect(refused.status == 400)
        #expect(refused.errorMessage?.contains("含 2 个地块") == true && refused.errorMessage?.contains("mergeParcels") == true, "\(refused.errorMessage ?? "")")
        var merged = body
        merged["mergeParcels"] = true
        #expect(try await HTTP.post("/api/report", json: merged).status == 200)
    }

    @Test("chemical in a request body: the same words as a site file's column; others are a 400 naming them")
    func chemicalBody() async throws {
        let base: [String: Any] = ["coordinates": ServiceTests.s01GCJ, "offset": "gcj02", "industry": "C2614", "nature": "新建"]
        var yes = base, no = base, bad = base, bool = base
        yes["chemical"] = "是"; no["chemical"] = "no"; bad["chemical"] = "化工"; bool["chemical"] = true
        let byWord = try await HTTP.post("/api/screen", json: yes)
        let byBool = try await HTTP.post("/api/screen", json: bool)
        #expect(byWord.status == 200 && byWord.body == byBool.body)
        #expect(((try await HTTP.post("/api/screen", json: no)).json?["profile"] as? [String: Any])?["chemical"] as? Bool == false)
        let refused = try await HTTP.post("/api/screen", json: bad)
        #expect(refused.status == 400 && refused.errorMessage == "是否化工项目“化工”无法识别，应为 是/否、true/false、yes/no、y/n 或 1/0")
    }

    @Test("the products words of a request come back in the answer's profile, from a body and from a site file's column")
    func productsWords() async throws {
        let body: [String: Any] = ["coordinates": ServiceTests.s01GCJ, "offset": "gcj02", "industry": "C2614", "nature": "新建", "products": "年产5万吨醋酸乙烯"]
        let reply = try await HTTP.post("/api/screen", json: body)
        #expect(reply.status == 200)
        #expect((reply.json?["profile"] as? [String: Any])?["products"] as? String == "年产5万吨醋酸乙烯")
        var wrong = body
        wrong["products"] = 5
        let refused = try await HTTP.post("/api/screen", json: wrong)
        #expect(refused.status == 400 && refused.errorMessage == "字段 products 应为字符串")
        // The investment: a number of 万元 or a sum with its unit; anything else a 400 naming it.
        var invested = body
        invested["investment"] = "2亿元"
        #expect(((try await HTTP.post("/api/screen", json: invested)).json?["profile"] as? [String: Any])?["investmentWanYuan"] as? Double == 20000)
        invested["investment"] = 8000
        #expect(((try await HTTP.post("/api/screen", json: invested)).json?["profile"] as? [String: Any])?["investmentWanYuan"] as? Double == 8000)
        invested["investment"] = "很多"
        let badSum = try await HTTP.post("/api/screen", json: invested)
        #expect(badSum.status == 400 && badSum.errorMessage?.contains("投资额“很多”无法识别") == true, "\(badSum.errorMessage ?? "")")
    }

    @Test("chemical as a query parameter: yes is true as in a site file (it was false here), an unknown word a 400")
    func chemicalQuery() async throws {
        let yes = try await HTTP.request("GET", "/api/suitability?industry=C2614&chemical=yes")
        let truth = try await HTTP.request("GET", "/api/suitability?industry=C2614&chemical=true")
        #expect(yes.status == 200 && yes.body == truth.body)
        let refused = try await HTTP.request("GET", "/api/suitability?industry=C2614&chemical=maybe")
        #expect(refused.status == 400 && refused.errorMessage?.contains("“maybe”无法识别") == true)
    }

    @Test("the batch body must be a FeatureCollection; a Feature is refused before anything is screened")
    func batchRefusesFeature() async throws {
        let feature = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[111.73,30.52]},"properties":{}}"#
        let reply = try await HTTP.request("POST", "/api/screen/batch", body: Data(feature.utf8))
        #expect(reply.status == 400 && reply.errorMessage == "请求应为 GeoJSON FeatureCollection")
    }
}
