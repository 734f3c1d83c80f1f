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

        /// `timeout`: how long a read waits for the server (generous: it bounds only a failing test).
        init(port: Int, timeout: Int = 30) throws {
            socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            var wait = timeval(tv_sec: timeout, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { Glibc.close(socket) }

        /// False once the server has closed the connection (MSG_NOSIGNAL: no SIGPIPE for the test process).
        @discardableResult func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }

        /// What arrives until the end of the first answer's head (or the connection closes, or the
        /// read times out).
        func readHead() async -> String {
            await Self.blocking { [socket] in
                var received: [UInt8] = []
                var byte: UInt8 = 0
                while !received.suffix(4).elementsEqual("\r\n\r\n".utf8), Glibc.recv(socket, &byte, 1, 0) == 1 { received.append(byte) }
                return String(decoding: received, as: UTF8.self)
            }
        }

        /// What arrives until the server closes the connection (or the read times out): the text and whether it closed.
        func readToClose() async -> (text: String, closed: Bool) {
            await Self.blocking { [socket] in
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

        /// A blocking read on a thread of its own: two tests waiting in `recv` on the cooperative threads
        /// (two on a 2-core machine) left none for anything else in the process, the server they read
        /// from included; found with gdb on a hung run.
        private static func blocking<T: Sendable>(_ read: @escaping @Sendable () -> T) async -> T {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread { continuation.resume(returning: read()) }
            }
        }
    }

    /// Measured in bytes, not seconds: on a loaded machine the test's own 300 ms naps stretch, which
    /// only lets fewer bytes through before the cut. A server that waited for the body would take all
    /// 200 (a minute at this pace) and answer.
    @Test("a body trickled a byte every 300 ms is cut off long before it could finish (1 s read timeout)")
    func slowBody() async throws {
        let port = try await Self.server.port()
        let start = ContinuousClock.now  // before connecting, as the server's read timeout starts at accept
        let client = try RawClient(port: port)
        client.send("POST /api/screen HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
        var sent = 1
        var stillOpen = true
        while stillOpen && sent < 200 {
            try await Task.sleep(for: .milliseconds(300))
            // A send into a connection the server closed fails once the reset has come back.
            stillOpen = client.send(" ")
            if stillOpen { sent += 1 }
        }
        let elapsed = (ContinuousClock.now - start) / .seconds(1)
        #expect(!stillOpen, "the whole body went through in \(elapsed) s")
        // Not before the read timeout; a third of the body at most (10 s at this pace, ten times the timeout).
        #expect(elapsed >= 1, "closed after \(elapsed) s")
        #expect(sent < 67, "\(sent) of 200 bytes went through before the cut, over \(elapsed) s")
    }

    @Test("headers that never end are cut off too")
    func unfinishedHeaders() async throws {
        let port = try await Self.server.port()
        // Timed from before the connection: the server's read timeout starts when it accepts it.
        let start = ContinuousClock.now
        let client = try RawClient(port: port)
        client.send("GET /api/health HTTP/1.1\r\nHost: te")
        let (_, closed) = await client.readToClose()
        let elapsed = (ContinuousClock.now - start) / .seconds(1)
        // Closed by the 1 s read timeout: not before it, and well before the 20 s request timeout or
        // the client's own 30 s wait, whichever a server without a read timeout would reach first.
        #expect(closed, "still open after \(elapsed) s")
        #expect(elapsed >= 1 && elapsed < 15, "closed after \(elapsed) s")
    }

    @Test("a fourth connection is closed at once while three are open; afterwards requests work again")
    func connectionCap() async throws {
        // A read timeout long enough that the three idle connections stay open however slow the machine.
        let port = try await Self.capped.port()
        var held: [RawClient] = []
        for _ in 0..<3 {
            let client = try RawClient(port: port)
            // Answered, so surely counted by the server (a pause could be too short on a loaded machine).
            client.send("GET /api/health HTTP/1.1\r\nHost: test\r\n\r\n")
            await #expect(client.readHead().hasPrefix("HTTP/1.1 200 OK"))
            held.append(client)
        }
        let extra = try RawClient(port: port)
        extra.send("GET /api/health HTTP/1.1\r\nHost: test\r\n\r\n")
        let (text, closed) = await extra.readToClose()
        #expect(closed && !text.contains("200 OK"))
        held.removeAll()
        // The server sees the three closes in its own time: tried again for up to 20 s, not for ever.
        var answered = false
        let start = ContinuousClock.now
        while !answered && ContinuousClock.now - start < .seconds(20) {
            let after = try RawClient(port: port)
            after.send("GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            answered = await after.readToClose().text.hasPrefix("HTTP/1.1 200 OK")
            if !answered { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(answered)
    }

    @Test("HEAD answers GET routes with their status and length and no body")
    func head() async throws {
        // The service with the long read timeout: HEAD has nothing to do with slow clients, and a
        // request read late on a loaded machine must not be cut off by the 1 s one.
        let port = try await Self.capped.port()
        let get = try RawClient(port: port)
        get.send("GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        let getText = await get.readToClose().text
        let head = try RawClient(port: port)
        head.send("HEAD /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        let headText = await head.readToClose().text
        #expect(headText.hasPrefix("HTTP/1.1 200 OK"))
        let body = getText.components(separatedBy: "\r\n\r\n").last ?? ""
        #expect(headText.lowercased().contains("content-length: \(body.utf8.count)"))
        #expect(headText.hasSuffix("\r\n\r\n"))
        let missing = try RawClient(port: port)
        missing.send("HEAD /nowhere HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        await #expect(missing.readToClose().text.hasPrefix("HTTP/1.1 404"))
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
        task = Task(executorPreference: ServerExecutor.shared) { try await app.runService() }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw POSIXError(.ECONNREFUSED) }
        bound = port
        return port
    }
}
