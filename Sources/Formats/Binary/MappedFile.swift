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
    /// What the file was when mapped (device, inode, size, times): `FileIdentity`.
    public let identity: FileIdentity

    public convenience init(path: String) throws(FileError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path: path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }  // the mapping stays valid after the descriptor is closed
        try self.init(descriptor: descriptor, path: path)
    }

    /// Maps the whole of an open file; `path` is for messages. The descriptor may be closed afterwards.
    public init(descriptor: Int32, path: String) throws(FileError) {
        self.path = path
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(path: path, detail: String(cString: strerror(errno))) }
        identity = FileIdentity(info)
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

/// A file as `stat` saw it: any write, truncation or replacement changes at least one of these (a
/// write or truncation sets the change time; a replacement by rename is another inode).
public struct FileIdentity: Sendable, Hashable, CustomStringConvertible {
    public let device: UInt64
    public let inode: UInt64
    public let size: Int64
    public let modifiedNanoseconds: Int64
    public let changedNanoseconds: Int64

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
        let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        modifiedNanoseconds = Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec)
        changedNanoseconds = Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec)
    }

    /// The file at `path` now, or nil when it cannot be stat'ed.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// One line of text, and back (how a verification record stores it).
    public var description: String { "\(device) \(inode) \(size) \(modifiedNanoseconds) \(changedNanoseconds)" }

    public init?(_ text: Substring) {
        let fields = text.split(separator: " ")
        guard fields.count == 5, let device = UInt64(fields[0]), let inode = UInt64(fields[1]), let size = Int64(fields[2]),
              let modified = Int64(fields[3]), let changed = Int64(fields[4]) else { return nil }
        self.device = device
        self.inode = inode
        self.size = size
        modifiedNanoseconds = modified
        changedNanoseconds = changed
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
