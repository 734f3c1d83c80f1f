import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory. Pages come from the page cache on first touch and are
/// shared with every other process that maps the same file, so many processes (or service replicas)
/// reading one compiled dataset hold one copy of it.
///
/// `@unchecked Sendable`: the mapping is created with PROT_READ and MAP_PRIVATE and never written, its
/// address and length never change after `init`, and it is unmapped only in `deinit`, when no other
/// reference (and so no reader) is left. Concurrent reads of immutable memory are safe.
public final class MappedFile: @unchecked Sendable {
    public let path: String
    public let bytes: UnsafeRawBufferPointer

    public init(path: String) throws(FileError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path: path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }  // the mapping stays valid after the descriptor is closed
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(path: path, detail: String(cString: strerror(errno))) }
        let length = Int(info.st_size)
        guard length > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw .cannotRead(path: path, detail: String(cString: strerror(errno)))
        }
        bytes = UnsafeRawBufferPointer(start: address, count: length)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}

/// Bytes held in memory, for a compiled dataset that could not be written to (or read back from) a file.
///
/// `@unchecked Sendable`: the buffer is allocated and filled in `init`, never written afterwards, and
/// freed only in `deinit`.
public final class OwnedBytes: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer

    public init(_ data: [UInt8]) {
        // Allocated with 16-byte alignment, so 8-byte values at aligned offsets read as in a mapping.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
        data.withUnsafeBytes { buffer.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: data.count)
    }

    deinit { bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0).deallocate() } }
}
