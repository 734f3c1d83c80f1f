import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Server
import Testing
import TestSupport
import Zoning

/// `POST /api/screen/batch` screens across the engine threads: with two it must answer exactly what one
/// thread answers, feature by feature in input order, for a batch of real size.
@Suite("batch endpoint on several engine threads")
struct ParallelBatchTests {
    /// 2,000 squares of 200-600 m on a side sampled over the demo county and around it (about a quarter
    /// fall outside it and fail, in place), a chemical plant (C2614, new) each, as the screening
    /// benchmark samples its parcels.
    static func parcels() -> Data {
        var random = SplitMix(seed: 25)
        var features: [String] = []
        for index in 0..<2_000 {
            let (x, y) = (111.40 + random.unit() * 0.45, 30.40 + random.unit() * 0.35)
            let half = 0.002 + random.unit() * 0.004
            let ring = [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half), (x - half, y - half)]
                .map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            features.append(#"{"type":"Feature","id":"G\#(index + 1)","properties":{"industry":"C2614","nature":"new"},"#
                + #""geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#)
        }
        return Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8)
    }

    /// A service on a free loopback port with `threads` engine threads, left running for the rest of the
    /// test process as `LiveServer` is (stopping it only logs HummingbirdCore's shutdown errors).
    static func serve(threads: Int) async throws -> Int {
        let configuration = ServiceConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: 8 << 20, requestTimeout: .seconds(120),
                                                 maxConcurrentScreenings: threads, maxBatchFeatures: 10_000)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try ZoneScreenService.buildApplication(dataset: LiveServer.dataset, configuration: configuration) { continuation.yield($0) }
        Task(executorPreference: ServerExecutor.shared) { try await app.runService() }
        var ports = stream.makeAsyncIterator()
        guard let port = await ports.next() else { throw URLError(.cannotConnectToHost) }
        return port
    }

    static func post(_ body: Data, port: Int) async throws -> (status: Int, failed: String?, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/screen/batch")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.timeoutInterval = 300
        request.setValue("zh-CN", forHTTPHeaderField: "Accept-Language")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "X-ZoneScreen-Failed"), data)
    }

    @Test("2,000 parcels: two engine threads answer byte for byte what one thread answers, in input order")
    func sameAsOneThread() async throws {
        let body = Self.parcels()
        let single = try await Self.post(body, port: try await Self.serve(threads: 1))
        let parallel = try await Self.post(body, port: try await Self.serve(threads: 2))
        #expect(single.status == 200)
        #expect(parallel.status == 200)
        #expect(parallel.failed == single.failed)
        #expect(parallel.body == single.body)
        // The 6 MB answer is parsed on a thread of its own: on one of the test process's two executor
        // threads it would hold up the live servers' timeout tests running beside this one.
        let (ids, failed) = await withCheckedContinuation { (continuation: CheckedContinuation<([String?], Int), Never>) in
            Thread.detachNewThread {
                let features = ((try? JSONSerialization.jsonObject(with: parallel.body)) as? [String: Any])?["features"] as? [[String: Any]] ?? []
                continuation.resume(returning: (features.map { $0["id"] as? String },
                                                features.filter { ($0["properties"] as? [String: Any])?["zonescreenError"] != nil }.count))
            }
        }
        #expect(ids == (1...2_000).map { "G\($0)" })
        // Both paths are exercised: parcels screened and parcels outside the county, failed in place.
        #expect(failed > 100 && failed < 1_900)
        #expect(parallel.failed == String(failed))
    }
}
