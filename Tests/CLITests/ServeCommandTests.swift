import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("zonescreen serve")
struct ServeCommandTests {
    @Test("a port already in use is a clear Chinese error, exit 2")
    func portInUse() async throws {
        // Hold a listening socket on a free loopback port, then ask the service for that port.
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        #expect(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let output = try await CLI.run(["serve", "--port", String(port)])
        #expect(output.status == 2)
        #expect(output.stderr.contains("无法在 127.0.0.1:\(port) 上监听，端口已被占用"))
    }

    @Test("bad limits are refused before starting")
    func badLimits() async throws {
        let output = try await CLI.run(["serve", "--timeout", "0"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--max-body、--timeout、--concurrency、--max-batch、--read-timeout、--max-connections 须为正数"))
        let connections = try await CLI.run(["serve", "--max-connections", "0"])
        #expect(connections.status != 0)
    }
}
