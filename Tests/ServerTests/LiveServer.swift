import Datasets
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Server
import TestSupport
import Zoning
import Wording

/// Runs the live servers' tasks on threads of their own. Tests that speak raw HTTP read their sockets
/// with blocking calls; two of them at once held both cooperative threads of a 2-core machine while the
/// in-process server they waited for needed one of those threads to answer (seen in gdb: both threads in
/// `RawClient.readHead`). A concurrent queue on a global, non-cooperative root queue gets threads of its
/// own, as a service in its own process would.
final class ServerExecutor: TaskExecutor {
    static let shared = ServerExecutor()
    private let queue = DispatchQueue(label: "zonescreen.tests.live-server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// The real service on a free loopback port, shared by the tests of one process.
actor LiveServer {
    static let shared = LiveServer()

    private var port: Int?
    private var task: Task<Void, Error>?

    static let dataset: Dataset = {
        do { return try DatasetLoader.load(from: FixtureTable.url("demo")) } catch {
            fatalError("cannot load the demo dataset: \(error)")
        }
    }()

    /// Small limits so the 413 and batch-limit paths are cheap to reach.
    static let configuration = ServiceConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: 64 * 1024,
                                                    requestTimeout: .seconds(20), maxConcurrentScreenings: 2, maxBatchFeatures: 50)

    func baseURL() async throws -> URL {
        if let port { return URL(string: "http://127.0.0.1:\(port)")! }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try ZoneScreenService.buildApplication(dataset: Self.dataset, configuration: Self.configuration) { port in
            continuation.yield(port)
        }
        task = Task(executorPreference: ServerExecutor.shared) { try await app.runService() }
        var iterator = stream.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw URLError(.cannotConnectToHost) }
        port = bound
        return URL(string: "http://127.0.0.1:\(bound)")!
    }
}

struct HTTPReply {
    let status: Int
    let headers: [String: String]
    let body: Data

    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The message of the error shape `{"error": {"status", "code", "message"}}`.
    var errorMessage: String? { (json?["error"] as? [String: Any])?["message"] as? String }
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }
}

enum HTTP {
    static func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> HTTPReply {
        let base = try await LiveServer.shared.baseURL()
        guard let url = URL(string: base.absoluteString + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        // URLSession on Linux sends "Accept-Language: en-US" unless told otherwise; a Chinese user's
        // browser sends zh-CN. Requests without a language preference get Chinese, tested elsewhere.
        request.setValue("zh-CN,zh;q=0.9", forHTTPHeaderField: "Accept-Language")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        return HTTPReply(status: http.statusCode, headers: fields, body: data)
    }

    static func post(_ path: String, json: [String: Any], headers: [String: String] = [:]) async throws -> HTTPReply {
        try await request("POST", path, body: try JSONSerialization.data(withJSONObject: json), headers: headers)
    }
}
