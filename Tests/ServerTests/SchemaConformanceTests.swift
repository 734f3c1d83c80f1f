import Foundation
import Testing
import TestSupport

/// The service's answers against the schemas a client reads in openapi.json (checked by
/// `OpenAPISchema`, written from the JSON Schema rules, not from the code that writes the answers).
@Suite("HTTP service: answers match openapi.json")
struct SchemaConformanceTests {
    static var spec: OpenAPISchema? { try? OpenAPISchema.load() }

    static func check(_ reply: HTTPReply, path: String, method: String = "post", contentType: String = "application/json") throws {
        let spec = try #require(Self.spec)
        let schema = try spec.response(path, method, status: reply.status, contentType: contentType)
        let value = try JSONSerialization.jsonObject(with: reply.body, options: [.fragmentsAllowed])
        let problems = spec.problems(value, against: schema)
        #expect(problems.isEmpty, "\(method.uppercased()) \(path) \(reply.status): \(problems.prefix(5))")
    }

    static var s01: [String: Any] { ["coordinates": ServiceTests.s01GCJ, "offset": "gcj02", "industry": "C2614", "nature": "新建"] }

    @Test("the checker itself: a wrong type, a missing member and a value outside an enum are each found")
    func checkerFindsProblems() throws {
        let spec = try #require(Self.spec)
        let error = try spec.schema("Error")
        #expect(spec.problems(["error": ["status": 400, "code": "malformedRequest", "message": "x"]], against: error).isEmpty)
        #expect(!spec.problems(["error": ["status": "400", "code": "malformedRequest", "message": "x"]], against: error).isEmpty)
        let reasons = try spec.schema("ReasonsAnswer")
        #expect(!spec.problems(["site": [:], "verdict": "prohibited", "verdictName": "x", "controlUnits": [], "shorelines": [:]], against: reasons).isEmpty)
        #expect(!spec.problems(["site": [:], "verdict": "allowed", "verdictName": "x", "controlUnits": [], "shorelines": [:], "applicableClauseCount": 1],
                               against: reasons).isEmpty)
        #expect(OpenAPISchema.isBool(NSNumber(value: true)) && !OpenAPISchema.isBool(NSNumber(value: 1)))
        #expect(spec.problems(NSNull(), against: ["type": "object", "nullable": true]).isEmpty && !spec.problems(NSNull(), against: ["type": "object"]).isEmpty)
    }

    @Test("POST /api/screen at each detail, in both languages", arguments: ["verdict", "reasons", "full"], ["zh", "en"])
    func screenAnswers(detail: String, lang: String) async throws {
        let reply = try await HTTP.post("/api/screen?detail=\(detail)&lang=\(lang)", json: Self.s01)
        #expect(reply.status == 200)
        try Self.check(reply, path: "/api/screen")
    }

    @Test("POST /api/screen with allIndustries: the IndustryVerdicts")
    func allIndustries() async throws {
        let reply = try await HTTP.post("/api/screen", json: ["coordinates": ServiceTests.s01GCJ, "offset": "gcj02", "allIndustries": true])
        #expect(reply.status == 200)
        try Self.check(reply, path: "/api/screen")
    }

    @Test("POST /api/screen for an upload of several parcels: an AnswerCollection, also with a feature that could not be read",
          arguments: ["Fixtures/api-requests/file_geojson.json", "survey"])
    func uploadCollection(request: String) async throws {
        let body: Data
        if request == "survey" {
            let text = try String(contentsOf: FixtureTable.url("survey/survey_area_mismatch.txt"), encoding: .utf8)
            body = try JSONSerialization.data(withJSONObject: ["file": ["fileName": "地块.txt", "content": text]])
        } else {
            body = try Data(contentsOf: FixtureTable.root().appendingPathComponent(request))
        }
        let reply = try await HTTP.request("POST", "/api/screen", body: body)
        #expect(reply.status == 200)
        try Self.check(reply, path: "/api/screen", contentType: "application/geo+json")
    }

    @Test("POST /api/screen/batch at each detail, a feature that fails among them", arguments: ["verdict", "reasons", "full"])
    func batchAnswers(detail: String) async throws {
        let body = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[111.7312807,30.5291253]},"properties":{"industry":"C2614"}},{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[100,30]},"properties":{}}]}"#
        let reply = try await HTTP.request("POST", "/api/screen/batch?detail=\(detail)", body: Data(body.utf8))
        #expect(reply.status == 200 && reply.headers["x-zonescreen-failed"] == "1")
        try Self.check(reply, path: "/api/screen/batch", contentType: "application/geo+json")
        // Each answer inside the collection is an answer of /api/screen's kind.
        let spec = try #require(Self.spec)
        let answerSchema = try spec.response("/api/screen", "post", status: 200)
        let features = reply.json?["features"] as? [[String: Any]] ?? []
        let answers = features.compactMap { ($0["properties"] as? [String: Any])?["zonescreen"] }
        #expect(answers.count == 1)
        for answer in answers { #expect(spec.problems(answer, against: answerSchema).isEmpty, "\(spec.problems(answer, against: answerSchema).prefix(5))") }
    }

    @Test("errors have the Error shape: 400, 413, 422")
    func errors() async throws {
        try Self.check(try await HTTP.request("POST", "/api/screen", body: Data("{not json".utf8)), path: "/api/screen")
        try Self.check(try await HTTP.post("/api/screen", json: ["coordinates": "100.0,30.0"]), path: "/api/screen")
        try Self.check(try await HTTP.request("POST", "/api/screen", body: Data(repeating: 0x20, count: 100 * 1024)), path: "/api/screen")
        try Self.check(try await HTTP.request("POST", "/api/screen/batch", body: Data("[]".utf8)), path: "/api/screen/batch")
    }

    @Test("health, industries and the clause dictionary")
    func otherAnswers() async throws {
        try Self.check(try await HTTP.request("GET", "/api/health"), path: "/api/health", method: "get")
        try Self.check(try await HTTP.request("GET", "/api/industries?q=%E6%9C%89%E6%9C%BA%E5%8C%96%E5%AD%A6"), path: "/api/industries", method: "get")
        try Self.check(try await HTTP.request("GET", "/api/clauses"), path: "/api/clauses", method: "get")
        try Self.check(try await HTTP.request("GET", "/api/clauses/K3-KJ-01"), path: "/api/clauses/{id}", method: "get")
    }
}
