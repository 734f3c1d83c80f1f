import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What an operator does to a running service: copy a new edition over the store it serves (in place,
/// as `cp` does), truncate or delete the file, then send SIGHUP. The service must keep answering
/// throughout, swap in the new edition on SIGHUP without a failed request, refuse a broken one, and say
/// in `/api/health` which edition it serves.
@Suite("zonescreen serve: stores changed under it, SIGHUP", .serialized)
struct ServeOperationsTests {
    /// Demo site S01 from 高德 (the load test's request): prohibited in both demo editions
    /// (长江保护法第二十六条, 800 m from the main stream; Fixtures/demo/expected.csv).
    static let request = #"{"coordinates":"111.73706420651364,30.526596965203083","offset":"gcj02","industry":"C2614","nature":"new"}"#

    final class Server {
        let process = Process()
        let port: Int
        private let errors = Pipe()

        init(store: URL, cache: URL) throws {
            process.executableURL = CLI.executable
            process.arguments = ["serve", "--dataset", store.path, "--port", "0", "--concurrency", "2"]
            process.environment = ProcessInfo.processInfo.environment.merging(["ZONESCREEN_CACHE": cache.path]) { _, set in set }
            let out = Pipe()
            process.standardOutput = out
            process.standardError = errors
            try process.run()
            // "ZoneScreen 服务已启动：http://127.0.0.1:PORT/ …", written unbuffered once listening.
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let more = out.fileHandleForReading.availableData
                if more.isEmpty { break }
                line += more
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                  let port = Int(text[range].split(separator: ":").last ?? "") else {
                process.terminate()
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no port in: \(text)"])
            }
            self.port = port
        }

        func stop() -> String {
            process.terminate()
            process.waitUntilExit()
            return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }

        func hangUp() { kill(process.processIdentifier, SIGHUP) }

        func screen() async throws -> (status: Int, verdict: String?) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/screen")!)
            request.httpMethod = "POST"
            request.httpBody = Data(ServeOperationsTests.request.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            let (data, response) = try await URLSession.shared.data(for: request)
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, json?["verdict"] as? String)
        }

        /// S01 answered 200 with its verdict.
        func answersS01() async throws -> Bool {
            let (status, verdict) = try await screen()
            return status == 200 && verdict == "prohibited"
        }

        func health() async throws -> [String: Any] {
            let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/api/health")!)
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }
    }

    /// Overwrites `file` in place (same inode, truncated first), as `cp new old` does.
    static func overwriteInPlace(_ file: URL, with bytes: Data) throws {
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    /// The content hash `dataset info` gives for a store.
    static func contentHash(_ store: URL, cache: URL) async throws -> String {
        let info = try await CLI.run(["dataset", "info", store.path], environment: ["ZONESCREEN_CACHE": cache.path])
        let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("内容哈希：") }
        return line.map { String($0.dropFirst("内容哈希：".count)) } ?? "?"
    }

    @Test("the served store overwritten in place, truncated and deleted: still answering; SIGHUP swaps in the new edition; a broken one is refused")
    func operatorChangesTheStore() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-ops-\(UUID().uuidString)")
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("2024.zsd"), new = folder.appendingPathComponent("2025.zsd")
        for (source, store) in [("Fixtures/demo", old), ("Fixtures/demo-2025", new)] {
            let built = try await CLI.run(["dataset", "build", source, "--output", store.path], environment: ["ZONESCREEN_CACHE": cache.path])
            #expect(built.status == 0, "\(built.stderr)")
        }
        let oldHash = try await Self.contentHash(old, cache: cache), newHash = try await Self.contentHash(new, cache: cache)
        #expect(oldHash != newHash)
        let served = folder.appendingPathComponent("served.zsd")
        try FileManager.default.copyItem(at: old, to: served)

        let server = try Server(store: served, cache: cache)
        var stderr = ""
        defer { if server.process.isRunning { stderr = server.stop() } }
        let before = try await server.health()
        #expect(before["version"] as? String == "2024.1")
        #expect(before["contentHash"] as? String == oldHash)
        #expect(before["reloads"] as? Int == 0)

        // Overwritten in place by another edition (a different size): the service reads its own copy.
        try Self.overwriteInPlace(served, with: try Data(contentsOf: new))
        #expect(try await server.answersS01())
        // Truncated to a few bytes, then deleted: still answering, still the 2024.1 edition.
        try Self.overwriteInPlace(served, with: Data("ZSD".utf8))
        #expect(try await server.answersS01())
        try FileManager.default.removeItem(at: served)
        #expect(try await server.answersS01())
        #expect(try await server.health()["contentHash"] as? String == oldHash)

        // A new edition in place and SIGHUP, with requests going on all the while: none fails.
        try FileManager.default.copyItem(at: new, to: served)
        server.hangUp()
        var failures = 0, answered = 0, swapped = false
        let deadline = Date().addingTimeInterval(60)
        while !swapped && Date() < deadline {
            for _ in 0..<20 {
                let (status, verdict) = try await server.screen()
                answered += 1
                if status != 200 || verdict != "prohibited" { failures += 1 }
            }
            swapped = try await server.health()["contentHash"] as? String == newHash
        }
        #expect(swapped)
        #expect(failures == 0, "\(failures) of \(answered) requests failed during the reload")
        let after = try await server.health()
        #expect(after["version"] as? String == "2025.1")
        #expect(after["reloads"] as? Int == 1)

        // A broken store and SIGHUP: refused, the 2025.1 edition stays and answers.
        try Self.overwriteInPlace(served, with: Data(try Data(contentsOf: new).prefix(1000)))
        server.hangUp()
        try await Task.sleep(for: .seconds(2))
        #expect(try await server.answersS01())
        #expect(try await server.health()["contentHash"] as? String == newHash)
        stderr = server.stop()
        #expect(stderr.contains("重新载入失败，继续使用原版本"))
    }
}
