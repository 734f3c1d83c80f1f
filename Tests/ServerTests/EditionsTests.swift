import Datasets
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Server
import Testing
import TestSupport
import Zoning
import Wording

/// A service holding two editions of the demo dataset (2025.1 default, 2024.1), as
/// `serve --dataset Fixtures/demo-2025 --dataset Fixtures/demo` runs it.
@Suite("Several dataset editions in one service", .serialized)
struct EditionsTests {
    static let server = EditionServer()

    static func post(_ path: String, _ body: String) async throws -> (status: Int, json: [String: Any]?) {
        let port = try await server.port()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        request.setValue("zh-CN", forHTTPHeaderField: "Accept-Language")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("GET /api/editions lists both, the first as the default")
    func list() async throws {
        let port = try await Self.server.port()
        let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/api/editions")!)
        let editions = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["editions"] as? [[String: Any]] ?? []
        #expect(editions.map { $0["key"] as? String } == ["2025.1", "2024.1"])
        #expect(editions.map { $0["isDefault"] as? Bool } == [true, false])
    }

    // A rural homestay (H6130 new) at demo site S18's point: needs assessment in 2024.1 (K1-KJ-03, tourist
    // lodging in a priority unit), prohibited in 2025.1 once red line HX429099003 was enlarged over it
    // (CN-HX-01). Worked out by Fixtures/demo/generator/make_demo.py's own evaluation on both folders.
    static let s18 = #""coordinates":"111.7263387,30.6292176","industry":"H6130","nature":"新建""#

    @Test("a homestay at S18 answered by each edition, and compared: stricter, because red line HX429099003 grew")
    func compared() async throws {
        let current = try await Self.post("/api/screen", "{\(Self.s18)}")
        #expect(current.json?["verdict"] as? String == "prohibited")
        let old = try await Self.post("/api/screen", "{\(Self.s18),\"edition\":\"2024.1\",\"detail\":\"full\"}")
        #expect(old.json?["verdict"] as? String == "needsAssessment")
        #expect((old.json?["dataset"] as? [String: Any])?["version"] as? String == "2024.1")
        let both = try await Self.post("/api/screen", "{\(Self.s18),\"compareEdition\":\"2024.1\"}")
        let comparison = both.json?["comparison"] as? [String: Any]
        #expect(both.json?["comparedWith"] as? String == "2024.1")
        #expect(comparison?["direction"] as? String == "stricter")
        #expect(comparison?["redLinesAdded"] as? [String] == ["HX429099003"])
        #expect(comparison?["causes"] as? [String] == ["redLines.changed:HX429099003"])
    }

    @Test("an unknown edition is a 400 naming the editions there are")
    func unknown() async throws {
        let reply = try await Self.post("/api/screen", "{\(Self.s18),\"edition\":\"2019.1\"}")
        #expect(reply.status == 400)
        let message = (reply.json?["error"] as? [String: Any])?["message"] as? String
        #expect(message == "没有数据集版本“2019.1”；本服务的版本：2025.1、2024.1")
    }
}

actor EditionServer {
    private var bound: Int?
    private var task: Task<Void, Error>?

    func port() async throws -> Int {
        if let bound { return bound }
        let editions = try ["demo-2025", "demo"].map { try DatasetLoader.load(from: FixtureTable.url($0)) }
        let configuration = ServiceConfiguration(host: "127.0.0.1", port: 0, maxConcurrentScreenings: 1)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try ZoneScreenService.buildApplication(datasets: editions, configuration: configuration) { continuation.yield($0) }
        task = Task(executorPreference: ServerExecutor.shared) { try await app.runService() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw URLError(.cannotConnectToHost) }
        bound = port
        return port
    }
}
