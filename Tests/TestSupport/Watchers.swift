import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches one file with inotify for opens (IN_OPEN) from the moment it is made.
public final class FileOpenWatch {
    private let descriptor: Int32

    public init(_ url: URL) throws {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, url.path, UInt32(IN_OPEN)) >= 0 else {
            throw POSIXError(.init(rawValue: errno) ?? .EINVAL)
        }
    }

    deinit { close(descriptor) }

    /// Opens seen so far.
    public func opens() -> Int {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while true {
            let got = read(descriptor, &buffer, buffer.count)
            guard got > 0 else { return count }
            var offset = 0
            while offset < got {
                let length = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset + 12, as: UInt32.self) }
                count += 1
                offset += 16 + Int(length)
            }
        }
    }
}

/// A TCP listener on 127.0.0.1 that counts connections and closes each at once. `@unchecked Sendable`:
/// `accepted` is read and written only under `lock`; the port and the socket never change.
public final class LoopbackListener: @unchecked Sendable {
    public let port: Int
    private let socketDescriptor: Int32
    private let lock = NSLock()
    private var accepted = 0
    private var running = true

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketDescriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [weak self] in
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { return }
                close(client)
                guard let self else { return }
                self.lock.withLock { self.accepted += 1 }
            }
        }
        thread.start()
    }

    deinit {
        shutdown(socketDescriptor, Int32(SHUT_RDWR))
        close(socketDescriptor)
    }

    public func connections() -> Int { lock.withLock { accepted } }
}
