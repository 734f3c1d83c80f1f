import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
@testable import Server
import Testing
import Zoning

/// The router driven in memory (Hummingbird's `.router` testing: no socket, no connection handling), beside
/// the live-server tests that go through a real port. Expected answers from Fixtures/demo/expected.csv,
/// worked out by hand there: S01 (111.7312807, 30.5291253, a new C2614 plant 800 m from the main stream)
/// is 禁止 and cites CN-CJ-26-1; S33 at the same spot as software (I6513) is not.
@Suite("HTTP router in memory")
struct RouterInMemoryTests {
    static let configuration = ServiceConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: 64 * 1024,
                                                    requestTimeout: .seconds(30), maxConcurrentScreenings: 1, maxBatchFeatures: 50)

    static func application() throws -> some ApplicationProtocol {
        let editions = Editions([try LocalScreeningService(dataset: LiveServer.dataset, engines: 1)])
        return Application(router: ZoneScreenService.buildRouter(service: editions, configuration: configuration))
    }

    static func json(_ buffer: ByteBuffer) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any]
    }

    static func post(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("S01 of the demo is 禁止 citing 长江保护法 第二十六条; the same spot as software is not 禁止")
    func screensThePoint() async throws {
        try await Self.application().test(.router) { client in
            let plant = try Self.post(["coordinates": "111.7312807,30.5291253", "industry": "C2614", "nature": "new"])
            try await client.execute(uri: "/api/screen", method: .post, body: plant) { response in
                #expect(response.status == .ok)
                let answer = Self.json(response.body)
                #expect(answer?["verdict"] as? String == "prohibited")
                let cited = (answer?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
                #expect(cited.contains("CN-CJ-26-1"))
            }
            let software = try Self.post(["coordinates": "111.7312807,30.5291253", "industry": "I6513", "nature": "new"])
            try await client.execute(uri: "/api/screen", method: .post, body: software) { response in
                #expect(response.status == .ok)
                #expect(Self.json(response.body)?["verdict"] as? String != "prohibited")
            }
        }
    }

    @Test("flags: none sent leaves 尾矿库 open at S01 (长江保护法 26-3 possibly applies); an empty list answers no; tailingsPond applies it")
    func flagsAnsweredOrNot() async throws {
        // S01 is 800 m from the main stream, inside CN-CJ-26-3's 3 km band (demo expected.csv).
        try await Self.application().test(.router) { client in
            func ids(_ extra: [String: Any]) async throws -> (applied: [String], possible: [String]) {
                var body: [String: Any] = ["coordinates": "111.7312807,30.5291253", "industry": "B0810", "nature": "new", "detail": "verdict"]
                body.merge(extra) { _, new in new }
                var found: ([String], [String]) = ([], [])
                try await client.execute(uri: "/api/screen", method: .post, body: try Self.post(body)) { response in
                    #expect(response.status == .ok)
                    let answer = Self.json(response.body)
                    found = (answer?["ruleIds"] as? [String] ?? [], answer?["possibleRuleIds"] as? [String] ?? [])
                }
                return found
            }
            let unanswered = try await ids([:])
            #expect(unanswered.possible.contains("CN-CJ-26-3") && !unanswered.applied.contains("CN-CJ-26-3"))
            let none = try await ids(["flags": [String]()])
            #expect(!none.possible.contains("CN-CJ-26-3") && !none.applied.contains("CN-CJ-26-3"))
            let pond = try await ids(["flags": ["tailingsPond"]])
            #expect(pond.applied.contains("CN-CJ-26-3"))
        }
    }

    @Test("mistakes get their status and a message in the asked language: bad JSON 400, unknown industry 422, no route 404")
    func refusals() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/api/screen", method: .post, body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
                #expect((Self.json(response.body)?["error"] as? [String: Any])?["status"] as? Int == 400)
            }
            let unknown = try Self.post(["coordinates": "111.7312807,30.5291253", "industry": "Z9999"])
            try await client.execute(uri: "/api/screen?lang=en", method: .post, body: unknown) { response in
                #expect(response.status == .unprocessableContent)
                let message = (Self.json(response.body)?["error"] as? [String: Any])?["message"] as? String ?? ""
                // English wording (the suggestions after it keep the standard's Chinese class names).
                #expect(message.hasPrefix("industry \"Z9999\" is not in GB/T 4754-2017"))
            }
            try await client.execute(uri: "/api/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("health names the demo dataset; a clause is given by its id as the dataset lists it")
    func healthAndClauses() async throws {
        try await Self.application().test(.router) { client in
            try await client.execute(uri: "/api/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.json(response.body)?["status"] as? String == "ok")
                // Fixtures/demo/dataset.yaml's name.
                #expect(Self.json(response.body)?["dataset"] as? String == "沧澜县三线一单生态环境分区管控数据集（虚构示例）")
            }
            // K3-KJ-01, Fixtures/demo/lists/classes.yaml: 禁止在合规园区外新建、扩建化工项目 (the expected.csv note on S01).
            try await client.execute(uri: "/api/clauses/K3-KJ-01", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.json(response.body)?["text"] as? String == "禁止在合规园区外新建、扩建化工项目。")
            }
        }
    }
}
