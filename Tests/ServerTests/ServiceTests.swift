import Foundation
import Testing
import TestSupport
import Wording

/// Every endpoint and every error status of the service, on the demo dataset. Expected answers come
/// from Fixtures/demo/expected.csv (worked out independently) and prcoords (web-map offsets).
@Suite("HTTP service", .serialized)
struct ServiceTests {
    // Demo site S01 (expected.csv): a C2614 plant 800.0 m from the main-stream shoreline, prohibited by
    // CN-CJ-26-1. Its 高德 coordinates by prcoords 1.0.2: (111.73706420651364, 30.526596965203083).
    static let s01GCJ = "111.73706420651364,30.526596965203083"

    @Test("health names the dataset")
    func health() async throws {
        let reply = try await HTTP.request("GET", "/api/health")
        #expect(reply.status == 200)
        #expect(reply.json?["status"] as? String == "ok")
        #expect((reply.json?["contentHash"] as? String)?.count == 64)
    }

    @Test("dataset info: counts and measurement")
    func dataset() async throws {
        let reply = try await HTTP.request("GET", "/api/dataset")
        let counts = reply.json?["counts"] as? [String: Any]
        #expect(counts?["units"] as? Int == 59)
        #expect(reply.json?["measurement"] as? String == "projected (EPSG:4546)")
        #expect(reply.json?["fictional"] as? Bool == true)
    }

    @Test("industry search by name, and a missing query is a 400 in Chinese")
    func industries() async throws {
        let found = try await HTTP.request("GET", "/api/industries?q=%E6%9C%89%E6%9C%BA%E5%8C%96%E5%AD%A6")  // 有机化学
        let first = (found.json?["industries"] as? [[String: Any]])?.first
        #expect(first?["code"] as? String == "C2614")
        #expect(first?["path"] as? [String] == ["C", "C26", "C261"])
        let missing = try await HTTP.request("GET", "/api/industries")
        #expect(missing.status == 400 && missing.errorMessage == "缺少查询参数 q")
    }

    @Test("a word the lists use: 钢铁 says what it covers and lists its classes first (GB/T 4754-2017: 3110, 3120, 3130)")
    func industryWord() async throws {
        let found = try await HTTP.request("GET", "/api/industries?q=%E9%92%A2%E9%93%81")  // 钢铁
        let meaning = found.json?["meaning"] as? [String: Any]
        #expect((meaning?["codes"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["C311", "C312", "C313"])
        #expect(meaning?["classCount"] as? Int == 3 && meaning?["chemical"] as? Bool == false)
        let codes = (found.json?["industries"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
        #expect(Array(codes.prefix(3)) == ["C3110", "C3120", "C3130"])
        let screened = try await HTTP.post("/api/screen", json: ["coordinates": Self.s01GCJ, "offset": "gcj02", "industry": "钢铁", "nature": "新建"])
        #expect(screened.status == 422 && (screened.errorMessage ?? "").contains("请给出其中一个：C3110 炼铁"), "\(screened.errorMessage ?? "")")
    }

    @Test("screening 高德 coordinates: 禁止, citing the law, 800 m from the main stream")
    func screen() async throws {
        let reply = try await HTTP.post("/api/screen", json: ["coordinates": Self.s01GCJ, "offset": "gcj02", "industry": "有机化学原料制造", "nature": "新建"])
        #expect(reply.status == 200)
        #expect(reply.json?["verdict"] as? String == "prohibited")
        let reasons = reply.json?["reasons"] as? [[String: Any]] ?? []
        let law = reasons.first { $0["ruleId"] as? String == "CN-CJ-26-1" }
        #expect((law?["source"] as? [String: Any])?["title"] as? String == "中华人民共和国长江保护法")
        let main = (reply.json?["shorelines"] as? [String: Any])?["nearestMainStream"] as? [String: Any]
        #expect(abs((main?["metres"] as? Double ?? 0) - 800.0) < 0.06)
    }

    @Test("a GeoJSON geometry and English on request")
    func geometryInEnglish() async throws {
        let body: [String: Any] = ["geometry": ["type": "Point", "coordinates": [111.7312807, 30.5291253]], "industry": "C2614", "nature": "new"]
        let reply = try await HTTP.post("/api/screen?lang=en", json: body)
        #expect(reply.json?["verdictName"] as? String == "prohibited")
        let accept = try await HTTP.post("/api/screen", json: body, headers: ["Accept-Language": "en-GB,en;q=0.9"])
        #expect(accept.json?["verdictName"] as? String == "prohibited")
    }

    @Test("an uploaded 勘测定界 file, its parcels merged as the web page asks, is screened as one site")
    func uploadedSurveyFile() async throws {
        let text = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/survey/survey_cgcs2000_zone37.txt"), encoding: .utf8)
        let reply = try await HTTP.post("/api/screen", json: ["file": ["fileName": "地块.txt", "content": text], "mergeParcels": true])
        #expect(reply.status == 200)
        // Two parcels by hand (Fixtures/survey/expected_parcels.csv): 29,000 + 40,000 m².
        let area = ((reply.json?["site"] as? [String: Any])?["area"] as? [String: Any])?["squareMetres"] as? Double
        #expect(abs((area ?? 0) - 69_000) < 0.01)
    }

    @Test("an uploaded KML boundary (demo site S20) is read through GDAL: 禁止, in red line HX429099002")
    func uploadedKML() async throws {
        let kml = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("browser/s20.kml"))
        let reply = try await HTTP.post("/api/screen", json: ["file": ["fileName": "s20.kml", "content": kml.base64EncodedString(), "contentEncoding": "base64"],
                                                              "detail": "full"])
        #expect(reply.status == 200)
        // Fixtures/demo/expected.csv: S20 is prohibited and touches red line HX429099002.
        #expect(reply.json?["verdict"] as? String == "prohibited")
        #expect((reply.json?["redLines"] as? [[String: Any]])?.first?["code"] as? String == "HX429099002")
        // The full answer gives the site back in longitude/latitude for the map.
        #expect(((reply.json?["site"] as? [String: Any])?["geometry"] as? [String: Any])?["type"] as? String == "Polygon")
    }

    @Test("an uploaded zipped Shapefile (GBK, demo sites S04 and S20), merged under one profile, is screened as one site across their units")
    func uploadedShapefile() async throws {
        let zip = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/gdal/demo/parcels_gbk_shapefile.zip"))
        // The two parcels carry their own industries (C1392, H6110): merged only under one profile, the request's.
        let body: [String: Any] = ["file": ["fileName": "园区.zip", "content": zip.base64EncodedString(), "contentEncoding": "base64"], "mergeParcels": true]
        let refused = try await HTTP.post("/api/screen", json: body)
        #expect(refused.status == 400 && refused.errorMessage?.contains("第 2 个要素（S20）：项目情况与第一个地块不同") == true, "\(refused.errorMessage ?? "")")
        var profiled = body
        (profiled["industry"], profiled["nature"]) = ("H6110", "新建")
        let reply = try await HTTP.post("/api/screen", json: profiled)
        #expect(reply.status == 200)
        // expected.csv: S04 lies in ZH42909920004 and ZH42909930011, S20 in ZH42909910015 and red line HX429099002.
        let units = Set((reply.json?["controlUnits"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        #expect(units == ["ZH42909920004", "ZH42909930011", "ZH42909910015"])
        #expect(reply.json?["verdict"] as? String == "prohibited")
        // Not merged (the default), each parcel is its own site with its own profile: S04 restricted, S20 prohibited.
        let parcels = try await HTTP.post("/api/screen", json: ["file": body["file"] as Any])
        let answers = (parcels.json?["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["zonescreen"] as? [String: Any] }
        #expect(answers.map { ($0["site"] as? [String: Any])?["id"] as? String } == ["S04", "S20"])
        #expect(answers.map { $0["verdict"] as? String } == ["restricted", "prohibited"])
    }

    @Test("errors: 400 malformed JSON and coordinates, 422 bad geometry, outside, unknown industry, 413 too large", arguments: [
        ("{not json", 400, "malformedRequest", "请求不是合法的 JSON 对象"),
        (#"{"coordinates":"abc"}"#, 400, "malformedRequest", "不是坐标数值"),
        (#"{"coordinates":"1,2","geometry":{"type":"Point","coordinates":[1,2]}}"#, 400, "malformedRequest", "请给出 geometry、coordinates、file 三者之一"),
        (#"{"coordinates":"111.70,30.50; 111.72,30.52; 111.72,30.50; 111.70,30.52"}"#, 422, "invalidGeometry", "自相交"),
        (#"{"coordinates":"100.0,30.0"}"#, 422, "outsideDataset", "完全在数据集范围"),
        (#"{"coordinates":"111.73,30.52","industry":"C2699"}"#, 422, "unknownIndustry", "您是否要找：C2619"),
        (#"{"coordinates":"111.73,30.52","offset":"gps"}"#, 400, "malformedRequest", "offset 应为 wgs84、gcj02 或 bd09"),
        (#"{"coordinates":"111.73,30.52","nature":"重建"}"#, 400, "malformedRequest", "项目性质“重建”无法识别，应为 新建、扩建 或 改建"),
    ])
    func errors(body: String, status: Int, code: String, message: String) async throws {
        let reply = try await HTTP.request("POST", "/api/screen", body: Data(body.utf8))
        #expect(reply.status == status)
        #expect(reply.errorCode == code)
        #expect(reply.errorMessage?.contains(message) == true, "\(reply.errorMessage ?? reply.text)")
    }

    @Test("a body over the limit is 413 with the limit in the message")
    func tooLarge() async throws {
        let reply = try await HTTP.request("POST", "/api/screen", body: Data(repeating: 0x20, count: 100 * 1024))
        #expect(reply.status == 413)
        #expect(reply.errorMessage == "请求内容超过上限 65536 字节")
    }

    @Test("batch: results per feature, a bad feature reported in place, order kept")
    func batch() async throws {
        let collection: [String: Any] = ["type": "FeatureCollection", "features": [
            ["type": "Feature", "id": "a", "properties": ["industry": "C2614", "nature": "new"], "geometry": ["type": "Point", "coordinates": [111.7312807, 30.5291253]]],
            ["type": "Feature", "id": "b", "properties": [:], "geometry": ["type": "Point", "coordinates": [100.0, 30.0]]],
            ["type": "Feature", "id": "c", "properties": ["industry": "C9999"], "geometry": ["type": "Point", "coordinates": [111.7312807, 30.5291253]]],
        ]]
        let reply = try await HTTP.post("/api/screen/batch", json: collection)
        #expect(reply.status == 200)
        #expect(reply.headers["x-zonescreen-failed"] == "2")
        let features = reply.json?["features"] as? [[String: Any]] ?? []
        #expect(features.map { $0["id"] as? String } == ["a", "b", "c"])
        let first = (features.first?["properties"] as? [String: Any])?["zonescreen"] as? [String: Any]
        #expect(first?["verdict"] as? String == "prohibited")
        let third = (features.last?["properties"] as? [String: Any])?["zonescreenError"] as? String
        #expect(third?.contains("C9999") == true)
        let notCollection = try await HTTP.post("/api/screen/batch", json: ["type": "Feature"])
        #expect(notCollection.status == 400)
    }

    @Test("batch in Gauss-Krüger metres: IDs from site_id, answers in longitude/latitude, an unknown nature fails only its feature")
    func batchProjected() async throws {
        // XM-2025-001 of Fixtures/sites/points_northing_easting.csv (X = northing, Y = zone-37 easting);
        // expected.csv gives its longitude/latitude from pyproj: 111.481875179, 30.561966326.
        let row = try #require(FixtureTable.load("sites/points_northing_easting.csv").rows.first)
        let point = [row.double("Y"), row.double("X")]
        let collection: [String: Any] = ["type": "FeatureCollection", "features": [
            ["type": "Feature", "properties": ["site_id": "P-1"], "geometry": ["type": "Point", "coordinates": point]],
            ["type": "Feature", "properties": ["site_id": "P-2", "nature": "拆除"], "geometry": ["type": "Point", "coordinates": point]],
        ]]
        let reply = try await HTTP.post("/api/screen/batch?crs=EPSG:4525", json: collection)
        #expect(reply.status == 200)
        #expect(reply.headers["x-zonescreen-failed"] == "1")
        let features = reply.json?["features"] as? [[String: Any]] ?? []
        let first = features.first.flatMap { ($0["properties"] as? [String: Any])?["zonescreen"] as? [String: Any] }
        #expect((first?["site"] as? [String: Any])?["id"] as? String == "P-1")
        let coordinates = (features.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double] ?? []
        #expect(coordinates.count == 2 && abs(coordinates[0] - 111.481875179) < 1e-7 && abs(coordinates[1] - 30.561966326) < 1e-7)
        let error = features.last.flatMap { ($0["properties"] as? [String: Any])?["zonescreenError"] as? String }
        #expect(error == "request 第 2 个要素（P-2）：项目性质“拆除”无法识别，应为 新建、扩建 或 改建")
    }

    @Test("the suitability map in English is the Chinese one with the verdicts named in English: the same regions, rules and areas")
    func suitabilityInBothLanguages() async throws {
        let chinese = try await HTTP.request("GET", "/api/suitability?industry=C2614&nature=new")
        let english = try await HTTP.request("GET", "/api/suitability?industry=C2614&nature=new&lang=en")
        #expect(chinese.status == 200 && english.status == 200)
        let zh = chinese.json?["features"] as? [[String: Any]] ?? []
        let en = english.json?["features"] as? [[String: Any]] ?? []
        #expect(!zh.isEmpty && zh.count == en.count)
        // The four verdicts' names: Chinese as DOMAIN.md gives them, English as the English report words them.
        let chineseNames = ["prohibited": "禁止", "restricted": "限制", "needsAssessment": "需论证", "compliant": "符合"]
        let englishNames = ["prohibited": "prohibited", "restricted": "restricted", "needsAssessment": "needs assessment", "compliant": "compliant"]
        for (a, b) in zip(zh, en) {
            var pa = a["properties"] as? [String: Any] ?? [:], pb = b["properties"] as? [String: Any] ?? [:]
            let verdict = pa["verdict"] as? String ?? ""
            #expect(pa.removeValue(forKey: "verdictName") as? String == chineseNames[verdict])
            #expect(pb.removeValue(forKey: "verdictName") as? String == englishNames[verdict])
            #expect(NSDictionary(dictionary: pa).isEqual(to: pb))
            #expect(NSDictionary(dictionary: a["geometry"] as? [String: Any] ?? [:]).isEqual(to: b["geometry"] as? [String: Any] ?? [:]))
        }
    }

    @Test("map layers hold every unit, red line and shoreline, and the rules' bands")
    func mapLayers() async throws {
        let reply = try await HTTP.request("GET", "/api/map-layers")
        func count(_ key: String) -> Int { ((reply.json?[key] as? [String: Any])?["features"] as? [Any])?.count ?? -1 }
        #expect(count("units") == 59 && count("redLines") == 5 && count("shorelines") == 10)
        #expect(count("bands") >= 3)  // 1 km, 3 km and 5 km at least (rules.yaml)
    }

    @Test("the page, its files and Leaflet are served by the service itself")
    func page() async throws {
        let index = try await HTTP.request("GET", "/")
        #expect(index.status == 200 && index.headers["content-type"]?.hasPrefix("text/html") == true)
        let leaflet = try await HTTP.request("GET", "/vendor/leaflet/leaflet.js")
        #expect(leaflet.status == 200 && leaflet.body.count > 10_000)
        let escape = try await HTTP.request("GET", "/vendor/leaflet/..%2F..%2F..%2Fetc%2Fpasswd")
        #expect(escape.status == 404)
        let unknown = try await HTTP.request("GET", "/api/nothing-here")
        #expect(unknown.status == 404)
    }

    @Test("the OpenAPI document lists every route, and every listed route answers as it says")
    func openAPI() async throws {
        let reply = try await HTTP.request("GET", "/api/openapi.json")
        let paths = reply.json?["paths"] as? [String: [String: Any]] ?? [:]
        #expect(Set(paths.keys) == ["/api/health", "/api/dataset", "/api/industries", "/api/screen", "/api/screen/batch", "/api/report", "/api/map-layers", "/api/editions", "/api/suitability", "/api/openapi.json", "/api/clauses", "/api/clauses/{id}"])
        let samples: [String: (String, String, Data?)] = [
            "/api/health": ("GET", "/api/health", nil), "/api/dataset": ("GET", "/api/dataset", nil),
            "/api/industries": ("GET", "/api/industries?q=C26", nil), "/api/map-layers": ("GET", "/api/map-layers", nil),
            "/api/openapi.json": ("GET", "/api/openapi.json", nil),
            "/api/screen": ("POST", "/api/screen", Data(#"{"coordinates":"111.7312807,30.5291253"}"#.utf8)),
            "/api/screen/batch": ("POST", "/api/screen/batch", Data(#"{"type":"FeatureCollection","features":[]}"#.utf8)),
            "/api/report": ("POST", "/api/report", Data(#"{"coordinates":"111.7312807,30.5291253"}"#.utf8)),
            "/api/editions": ("GET", "/api/editions", nil),
            "/api/suitability": ("GET", "/api/suitability?industry=C2614&nature=new", nil),
            "/api/clauses": ("GET", "/api/clauses?ids=K3-KJ-01", nil), "/api/clauses/{id}": ("GET", "/api/clauses/K3-KJ-01", nil),
        ]
        for (path, operations) in paths {
            let sample = try #require(samples[path])
            #expect(operations.keys.contains(sample.0.lowercased()), "\(path)")
            let answer = try await HTTP.request(sample.0, sample.1, body: sample.2)
            let documented = (operations[sample.0.lowercased()] as? [String: Any])?["responses"] as? [String: Any] ?? [:]
            #expect(documented.keys.contains(String(answer.status)), "\(path) answered \(answer.status)")
        }
    }
}

/// Clause texts by id, and answers at each detail, from the service.
@Suite("HTTP service: clauses and detail", .serialized)
struct ServiceClauseTests {
    @Test("GET /api/clauses/{id} gives a clause as Fixtures/demo/lists/classes.yaml has it; an unknown id is a 404 naming it")
    func oneClause() async throws {
        let reply = try await HTTP.request("GET", "/api/clauses/K3-KJ-01")
        #expect(reply.status == 200)
        #expect(reply.json?["text"] as? String == "禁止在合规园区外新建、扩建化工项目。")
        #expect(reply.json?["effect"] as? String == "prohibited" && reply.json?["level"] as? String == "class")
        #expect(reply.headers["etag"] != nil && reply.headers["cache-control"]?.contains("max-age") == true)
        let missing = try await HTTP.request("GET", "/api/clauses/NO-SUCH-1")
        #expect(missing.status == 404 && missing.errorMessage?.contains("NO-SUCH-1") == true)
    }

    @Test("GET /api/clauses gives every clause (as many as /api/dataset counts), ?ids= some of them")
    func dictionary() async throws {
        let all = try await HTTP.request("GET", "/api/clauses")
        let counts = try await HTTP.request("GET", "/api/dataset")
        #expect(all.json?.count == (counts.json?["counts"] as? [String: Any])?["clauses"] as? Int)
        let some = try await HTTP.request("GET", "/api/clauses?ids=K3-KJ-01,C-FX-01")
        #expect(Set(some.json?.keys ?? [:].keys) == ["K3-KJ-01", "C-FX-01"])
        let partly = try await HTTP.request("GET", "/api/clauses?ids=K3-KJ-01,NOPE")
        #expect(partly.status == 404 && partly.errorMessage?.contains("NOPE") == true)
        let none = try await HTTP.request("GET", "/api/clauses?ids=,")
        #expect(none.status == 400 && none.errorMessage == "ids 应列出 1～1000 个条款编号")
    }

    @Test("the default answer cites clauses by id, names the edition in a header, and /api/clauses has the texts it cites")
    func defaultAnswer() async throws {
        // S01 (expected.csv): prohibited; K3-KJ-01 is one of its clause reasons.
        let body: [String: Any] = ["geometry": ["type": "Point", "coordinates": [111.7312807, 30.5291253]], "industry": "C2614", "nature": "new"]
        let reply = try await HTTP.post("/api/screen", json: body)
        let clause = (reply.json?["reasons"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "K3-KJ-01" }
        #expect(clause?["kind"] as? String == "clause" && clause?["text"] == nil && clause?["level"] as? String == "class")
        let health = try await HTTP.request("GET", "/api/health")
        #expect(reply.headers["x-zonescreen-dataset-hash"] == health.json?["contentHash"] as? String)
        let bad = try await HTTP.post("/api/screen", json: body.merging(["detail": "everything"]) { $1 })
        #expect(bad.status == 400 && bad.errorMessage?.contains("everything") == true)
        let mistyped = try await HTTP.post("/api/screen", json: body.merging(["industry": 2614]) { $1 })
        #expect(mistyped.status == 400 && mistyped.errorMessage == "字段 industry 应为字符串")
    }

    @Test("a batch at the default detail carries the dataset and the cited clause texts once, as members of the collection")
    func batch() async throws {
        let collection: [String: Any] = ["type": "FeatureCollection", "features": [
            ["type": "Feature", "properties": ["id": "S01", "industry": "C2614", "nature": "new"], "geometry": ["type": "Point", "coordinates": [111.7312807, 30.5291253]]],
        ]]
        let reply = try await HTTP.post("/api/screen/batch", json: collection)
        #expect(reply.status == 200)
        #expect((reply.json?["dataset"] as? [String: Any])?["version"] as? String == "2024.1")
        #expect(((reply.json?["clauses"] as? [String: Any])?["K3-KJ-01"] as? [String: Any])?["text"] as? String == "禁止在合规园区外新建、扩建化工项目。")
    }
}
