import Foundation
import Glibc
import Server
import Testing
import Zoning

/// Slow and greedy clients against services with at most 3 connections (a 1 s read timeout for the slow clients).
@Suite("Slow clients, the connection cap and HEAD", .serialized)
struct ConnectionGuardTests {
    static let server = GuardedServer(readTimeout: .seconds(1))
    static let capped = GuardedServer(readTimeout: .seconds(60))

    /// A plain blocking TCP client, so a test can send a request as slowly as an attacker would.
    final class RawClient {
        let socket: Int32

        init(port: Int) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { Glibc.close(socket) }

        /// False once the server has closed the connection (MSG_NOSIGNAL: no SIGPIPE for the test process).
        @discardableResult func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }

        /// What arrives until the server closes the connection (or 5 s pass): the text and whether it closed.
        func readToClose() -> (text: String, closed: Bool) {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = Glibc.recv(socket, &buffer, buffer.count, 0)
                if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
                if count < 0 { return (String(decoding: received, as: UTF8.self), errno == ECONNRESET) }
                received += buffer[0..<count]
            }
        }
    }

    @Test("a body trickled a byte every 300 ms is cut off long before it could finish (1 s read timeout)")
    func slowBody() async throws {
        let port = try await Self.server.port()
        let client = try RawClient(port: port)
        let start = Date()
        // 200 bytes at one every 300 ms would take a minute; the server must not wait for that.
        client.send("POST /api/screen HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
        var stillOpen = true
        while stillOpen && Date().timeIntervalSince(start) < 12 {
            try await Task.sleep(for: .milliseconds(300))
            // A send into a connection the server closed fails once the reset has come back.
            stillOpen = client.send(" ")
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(!stillOpen, "still open after \(elapsed) s")
        // The close comes after the 1 s timeout, noticed at the next sends: a few seconds at most, even under a sanitizer.
        #expect(elapsed >= 1 && elapsed < 8, "closed after \(elapsed) s")
    }

    @Test("headers that never end are cut off too")
    func unfinishedHeaders() async throws {
        let client = try RawClient(port: try await Self.server.port())
        let start = Date()
        client.send("GET /api/health HTTP/1.1\r\nHost: te")
        let (_, closed) = client.readToClose()
        #expect(closed)
        #expect(Date().timeIntervalSince(start) < 3)
    }

    @Test("a fourth connection is closed at once while three are open; afterwards requests work again")
    func connectionCap() async throws {
        // A read timeout long enough that the three idle connections stay open however slow the machine.
        let port = try await Self.capped.port()
        var held: [RawClient] = []
        for _ in 0..<3 { held.append(try RawClient(port: port)) }
        try await Task.sleep(for: .milliseconds(100))
        let extra = try RawClient(port: port)
        extra.send("GET /api/health HTTP/1.1\r\nHost: test\r\n\r\n")
        let (text, closed) = extra.readToClose()
        #expect(closed && !text.contains("200 OK"))
        held.removeAll()
        try await Task.sleep(for: .milliseconds(200))
        let after = try RawClient(port: port)
        after.send("GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        #expect(after.readToClose().text.hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test("HEAD answers GET routes with their status and length and no body")
    func head() async throws {
        let port = try await Self.server.port()
        let get = try RawClient(port: port)
        get.send("GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        let getText = get.readToClose().text
        let head = try RawClient(port: port)
        head.send("HEAD /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        let headText = head.readToClose().text
        #expect(headText.hasPrefix("HTTP/1.1 200 OK"))
        let body = getText.components(separatedBy: "\r\n\r\n").last ?? ""
        #expect(headText.lowercased().contains("content-length: \(body.utf8.count)"))
        #expect(headText.hasSuffix("\r\n\r\n"))
        let missing = try RawClient(port: port)
        missing.send("HEAD /nowhere HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        #expect(missing.readToClose().text.hasPrefix("HTTP/1.1 404"))
    }
}

/// A second service with small connection limits, so these tests do not disturb the shared one.
actor GuardedServer {
    private var bound: Int?
    private var task: Task<Void, Error>?
    private let readTimeout: Duration

    init(readTimeout: Duration) {
        self.readTimeout = readTimeout
    }

    func port() async throws -> Int {
        if let bound { return bound }
        let configuration = ServiceConfiguration(host: "127.0.0.1", port: 0, maxBodyBytes: 64 * 1024, requestTimeout: .seconds(20),
                                                 maxConcurrentScreenings: 1, maxBatchFeatures: 10, requestReadTimeout: readTimeout, maxConnections: 3)
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        let app = try ZoneScreenService.buildApplication(dataset: LiveServer.dataset, configuration: configuration) { continuation.yield($0) }
        task = Task { try await app.runService() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw POSIXError(.ECONNREFUSED) }
        bound = port
        return port
    }
}
