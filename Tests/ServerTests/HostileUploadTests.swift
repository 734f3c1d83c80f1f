import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Glibc
import Formats
import Server
import Testing
import TestSupport
import Zoning
import Wording

/// Issue 23's attacks on the service, small and fast: uploads that name other files or URLs, an
/// archive that unpacks past its limit, a slow upload under a short timeout, malformed HTTP.
@Suite("Hostile uploads", .serialized)
struct HostileUploadTests {
    /// One engine, a 1 MiB unpacking limit and a 64 MiB body: the slow CSV below fits, the 50 MiB KMZ
    /// does not unpack. The timeouts are long: these answers must not depend on the machine's load. In a
    /// full run the test process's two executor threads can both be held by other suites' command-line
    /// runs for 20 s (a CLI test took 20.4 s there); the malformed-chunk request then went unanswered
    /// until the default 20 s read timeout closed its connection, which is what made that test flaky.
    static let configuration = ServiceConfiguration(
        host: "127.0.0.1", port: 0, maxBodyBytes: 64 << 20, requestTimeout: .seconds(30), maxConcurrentScreenings: 1,
        requestReadTimeout: .seconds(120),
        uploadLimits: ReadLimits(unpackedBytes: .init(1 << 20, setting: "--max-unpacked-bytes"), features: .init(10_000_000, setting: "--max-features"),
                                 vertices: .init(5_000_000, setting: "--max-vertices"), stringBytes: .init(1 << 20, setting: "--max-string-bytes")))
    static let server = ConfiguredServer(configuration)

    static func upload(_ name: String, _ content: Data, base64: Bool = false) async throws -> ConfiguredServer.Reply {
        var file: [String: Any] = ["fileName": name, "content": base64 ? content.base64EncodedString() : String(decoding: content, as: UTF8.self)]
        if base64 { file["contentEncoding"] = "base64" }
        return try await server.post("/api/screen", json: ["file": file, "industry": "C2614"])
    }

    @Test("a VRT named .csv or .kml naming a local file gets 400 and the file is never opened")
    func vrtLocalFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.csv")
        try Data("x,y\n111.73706,30.52660\n".utf8).write(to: secret)
        let watch = try FileOpenWatch(secret)
        let vrt = Data("""
            <OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>CSV:\(secret.path)</SrcDataSource><SrcSQL>SELECT * FROM secret</SrcSQL>\
            <GeometryType>wkbPoint</GeometryType><GeometryField encoding="PointFromColumns" x="x" y="y"/></OGRVRTLayer></OGRVRTDataSource>
            """.utf8)
        for name in ["边界.csv", "边界.kml", "边界.xlsx", "边界.gpkg", "边界.dxf"] {
            let reply = try await Self.upload(name, vrt)
            #expect(reply.status == 400, "\(name)")
            let message = reply.message
            #expect(message.contains(name), "\(name): \(message)")
            // No server path in the answer: the upload is read from memory, under its own name.
            #expect(!message.contains("/vsizonescreen/") && !message.contains("upload."), "\(message)")
        }
        #expect(watch.opens() == 0)
    }

    @Test("a VRT naming a /vsicurl/ URL gets 400 and the listener sees no connection")
    func vrtURL() async throws {
        let listener = try LoopbackListener()
        let vrt = Data("""
            <OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>/vsicurl/http://127.0.0.1:\(listener.port)/x.csv</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>
            """.utf8)
        for name in ["a.csv", "a.kml"] {
            #expect(try await Self.upload(name, vrt).status == 400)
        }
        #expect(listener.connections() == 0)
    }

    @Test("a KMZ unpacking past --max-unpacked-bytes gets 413 naming the limit")
    func expandingKMZ() async throws {
        // Fixtures/hostile/expands-50mib.kmz: 51,256 bytes sent, 52,429,002 bytes of doc.kml.
        let kmz = try Data(contentsOf: FixtureTable.url("hostile/expands-50mib.kmz"))
        let reply = try await Self.upload("边界.kmz", kmz, base64: true)
        #expect(reply.status == 413)
        #expect(reply.code == "inputTooLarge")
        #expect(reply.message.contains("边界.kmz 解压后超过 1048576 字节"))
        #expect(reply.message.contains("--max-unpacked-bytes"))
    }

    @Test("a chunk size that is not hexadecimal gets 400, not 500")
    func badChunkSize() async throws {
        let client = try ConnectionGuardTests.RawClient(port: try await Self.server.port(), timeout: 120)
        client.send("POST /api/screen HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
        let reply = await client.readHead()
        #expect(reply.hasPrefix("HTTP/1.1 400 "), "\(reply)")
    }

    /// The client goes on sending after its bad chunk, as an upload would: the service answers and closes
    /// while bytes are still arriving. A socket closed with unread bytes sends a reset that can overtake
    /// (or discard) the answer; the service half-closes, drains what still comes, then closes.
    @Test("a bad chunk in the middle of an upload still gets its 400 while the client keeps sending")
    func badChunkWhileSending() async throws {
        let client = try ConnectionGuardTests.RawClient(port: try await Self.server.port(), timeout: 120)
        client.send("POST /api/screen HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n")
        let filler = String(repeating: "a", count: 1024)
        for _ in 0..<300 {
            guard client.send(filler) else { break }
            try await Task.sleep(for: .milliseconds(1))
        }
        let reply = await client.readHead()
        #expect(reply.hasPrefix("HTTP/1.1 400 "), "\(reply)")
    }

    @Test("HTTP/1.0 without keep-alive is closed after the answer; with keep-alive, and HTTP/1.1, it stays open")
    func http10Closes() async throws {
        let port = try await Self.server.port()
        let plain = try ConnectionGuardTests.RawClient(port: port)
        plain.send("GET /api/health HTTP/1.0\r\n\r\n")
        let closed = await plain.readToClose()
        #expect(closed.text.contains(" 200 "))
        #expect(closed.closed)
        // Kept alive: a second request on the same connection is answered too.
        let kept = try ConnectionGuardTests.RawClient(port: port)
        kept.send("GET /api/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let both = await kept.readToClose()
        #expect(both.text.components(separatedBy: " 200 OK").count == 3)
        #expect(both.closed)
    }

    /// Five requests sent at once on one connection: answered in the order sent; the fourth, HTTP/1.0
    /// without keep-alive, is the last answered, the connection closing after it (RFC 9112 section 9.3),
    /// so the fifth is never answered.
    @Test("pipelined requests are answered in order, and an HTTP/1.0 request without keep-alive among them ends the connection")
    func pipelinedInOrder() async throws {
        let client = try ConnectionGuardTests.RawClient(port: try await Self.server.port())
        client.send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /api/industries?q=C2614 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /api/health HTTP/1.0\r\n\r\n"
                    + "GET /api/industries?q=C2619 HTTP/1.1\r\nHost: x\r\n\r\n")
        let (text, closed) = await client.readToClose()
        // A body has no line end of its own: the next status line follows it directly.
        let statuses = text.matches(of: /HTTP\/1\.1 \d{3} [^\r]*/).map { String($0.output) }
        #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK", "HTTP/1.1 200 OK"], "\(text)")
        #expect(closed)
        // The bodies follow their own heads: health, then the 404, then C2614's search, then health again.
        let health = text.range(of: #""status":"ok""#), missing = text.range(of: "404 Not Found"), search = text.range(of: #""code":"C2614""#)
        let lastHealth = text.range(of: #""status":"ok""#, options: .backwards)
        if let health, let missing, let search, let lastHealth {
            #expect(health.lowerBound < missing.lowerBound && missing.lowerBound < search.lowerBound && search.lowerBound < lastHealth.lowerBound)
        } else {
            Issue.record("a body is missing: \(text)")
        }
        #expect(!text.contains("C2619"))
    }

    @Test("a GeoJSON upload that is not JSON is named by its file name, not by a temporary file on the server")
    func brokenGeoJSONNamed() async throws {
        let reply = try await Self.upload("边界.geojson", Data(#"{"type":"FeatureCollection","features":["#.utf8))
        #expect(reply.status == 400)
        #expect(reply.message.hasPrefix("边界.geojson 不是合法的 JSON"), "\(reply.message)")
        #expect(!reply.message.contains("/tmp") && !reply.message.contains("zonescreen-"), "\(reply.message)")
    }
}

/// Slow uploads under a 3 s timeout, on their own so that the work they leave to stop does not delay
/// the other hostile-upload tests.
///
/// The slow upload is a CSV of 2,000,000 one-point rows (`1,3`: 8 MB, sent as base64). Its request
/// body decodes in well under a second, but read to the end the rows take the debug build far longer
/// than these tests wait: 30.7 s (and about 500 MB) read directly through `SiteFiles.features` on this
/// machine, load average 3.5 on 2 cores (2026-12-07). So an answer that waited for the work, or an
/// engine still reading it, could not meet the bounds below however slow the machine; the bounds leave
/// the rest of the room to a loaded machine (2 cores shared with builds).
@Suite("Hostile uploads: timeouts", .serialized)
struct UploadTimeoutTests {
    static let timeout = Duration.seconds(3)
    /// Room beyond the timeout for a loaded machine; half the whole read's time. The server runs in the
    /// test process, whose two executor threads the other suites keep busy: in a full run on 2 loaded
    /// cores the 504 came after 11.5 and 13.3 s (2026-12-07), alone after 3.1 s.
    static let margin = Duration.seconds(12)
    static let server = ConfiguredServer({
        var configuration = HostileUploadTests.configuration
        configuration.requestTimeout = timeout
        return configuration
    }())

    /// The request body, made without JSONSerialization (which took 6 s over 22 MB in a debug build,
    /// on one of the test process's two executor threads) and without escapes to decode.
    static let slowBody: Data = {
        let csv = Data(("lon,lat\n" + String(repeating: "1,3\n", count: 2_000_000)).utf8)
        return Data((#"{"industry":"C2614","file":{"fileName":"points.csv","contentEncoding":"base64","content":""#
                     + csv.base64EncodedString() + #""}}"#).utf8)
    }()

    static func slowUpload() async throws -> ConfiguredServer.Reply {
        try await server.post("/api/screen", body: slowBody)
    }

    static func point() async throws -> ConfiguredServer.Reply {
        try await server.post("/api/screen", json: ["coordinates": "111.73706,30.52660"])
    }

    static var bound: Double { (timeout + margin) / .seconds(1) }

    /// The answer is a 504 by the deadline, and the one engine is free again: a point sent right after
    /// is answered 200 within its own 3 s, which it could not be while the reading went on.
    @Test("a slow upload gets 504 at its timeout and its work stops; the next request is answered")
    func timeoutStopsWork() async throws {
        let slow = try await Self.slowUpload()
        #expect(slow.status == 504)
        #expect(slow.seconds >= Self.timeout / .seconds(1) - 0.2, "answered after \(slow.seconds) s, before the timeout")
        #expect(slow.seconds < Self.bound, "answered after \(slow.seconds) s")
        let point = try await Self.point()
        #expect(point.status == 200, "\(point.status) after \(point.seconds) s: the engine is still busy")
    }

    /// A point sent while the slow upload holds the one engine waits for it, and is answered by its
    /// own deadline: 200 if the engine came free in time, else 504 — never after the slow work ends.
    @Test("a request queued behind a slow one is answered by its own deadline")
    func queuedBehindSlow() async throws {
        async let slow = Self.slowUpload()
        try await Task.sleep(for: .milliseconds(300))
        let queued = try await Self.point()
        #expect(queued.status == 200 || queued.status == 504)
        #expect(queued.seconds < Self.bound, "answered after \(queued.seconds) s")
        #expect(try await slow.status == 504)
    }
}

/// The service with a configuration of its own on a free loopback port, started on first use.
actor ConfiguredServer {
    nonisolated let configuration: ServiceConfiguration
    private var bound: Int?
    private var task: Task<Void, Error>?

    init(_ configuration: ServiceConfiguration) { self.configuration = configuration }

    func port() async throws -> Int {
        if let bound { return bound }
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try ZoneScreenService.buildApplication(dataset: LiveServer.dataset, configuration: configuration) { continuation.yield($0) }
        task = Task(executorPreference: ServerExecutor.shared) { try await app.runService() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw POSIXError(.ECONNREFUSED) }
        bound = port
        return port
    }

    struct Reply: Sendable {
        var status: Int
        /// The error shape's code and message, empty for other answers.
        var code: String
        var message: String
        /// From sending to the whole answer.
        var seconds: Double
    }

    nonisolated func post(_ path: String, json: [String: Any]) async throws -> Reply {
        try await post(path, body: try JSONSerialization.data(withJSONObject: json))
    }

    nonisolated func post(_ path: String, body: Data) async throws -> Reply {
        let port = try await port()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("zh-CN", forHTTPHeaderField: "Accept-Language")
        request.timeoutInterval = 60
        let start = ContinuousClock.now
        let (data, response) = try await URLSession.shared.data(for: request)
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let error = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["error"] as? [String: Any]
        return Reply(status: status, code: error?["code"] as? String ?? "", message: error?["message"] as? String ?? "", seconds: seconds)
    }
}
