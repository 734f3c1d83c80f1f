/// Reads what `BinaryWriter` wrote, checking every length against the bytes there are: a truncated or
/// corrupted file gives `BinaryReadError`, never a read past the end.
public struct BinaryReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var position: Int

    public init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    public var remaining: Int { bytes.count - position }

    private mutating func take(_ count: Int) throws(BinaryReadError) -> Int {
        guard count >= 0, count <= remaining else { throw .truncated(at: position, needed: count) }
        let start = position
        position += count
        return start
    }

    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(BinaryReadError) -> T {
        let start = try take(MemoryLayout<T>.size)
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: T.self))
    }

    public mutating func readDouble() throws(BinaryReadError) -> Double { Double(bitPattern: try read(UInt64.self)) }

    public mutating func readBool() throws(BinaryReadError) -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        default: throw .malformed(at: position - 1, detail: "boolean")
        }
    }

    /// A count that must fit in what is left, each element taking at least `minimumSize` bytes.
    public mutating func readCount(minimumSize: Int = 1) throws(BinaryReadError) -> Int {
        let count = Int(try read(UInt32.self))
        guard count * max(minimumSize, 0) <= remaining else { throw .truncated(at: position, needed: count * minimumSize) }
        return count
    }

    public mutating func readString() throws(BinaryReadError) -> String {
        let count = Int(try read(UInt32.self))
        let start = try take(count)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
        guard let text = String(validating: slice.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw .malformed(at: start, detail: "UTF-8 text")
        }
        return text
    }

    public mutating func readOptionalString() throws(BinaryReadError) -> String? {
        try readBool() ? try readString() : nil
    }

    public mutating func readStrings() throws(BinaryReadError) -> [String] {
        let count = try readCount(minimumSize: 4)
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try readString()) }
        return texts
    }

    public mutating func readOptionalStrings() throws(BinaryReadError) -> [String]? {
        try readBool() ? try readStrings() : nil
    }

    /// The next `count` bytes, in place.
    public mutating func readRaw(count: Int) throws(BinaryReadError) -> UnsafeRawBufferPointer {
        let start = try take(count)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<start + count])
    }

    /// The bytes of an `appendBytes` run, in place.
    public mutating func readBytes() throws(BinaryReadError) -> UnsafeRawBufferPointer {
        let count = try read(UInt64.self)
        guard count <= UInt64(remaining) else { throw .truncated(at: position, needed: Int(clamping: count)) }
        let start = try take(Int(count))
        return UnsafeRawBufferPointer(rebasing: bytes[start..<start + Int(count)])
    }

    /// The values of an `appendAligned` run, copied out (wherever they lie).
    public mutating func readDoubles() throws(BinaryReadError) -> [Double] {
        let count = try read(UInt64.self)
        guard count <= UInt64(remaining / 8) else { throw .truncated(at: position, needed: Int(clamping: count) * 8) }
        let start = try take(Int(count) * 8)
        return [Double](unsafeUninitializedCapacity: Int(count)) { buffer, initialised in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[start..<start + Int(count) * 8]))
            initialised = Int(count)
        }
    }

    public mutating func skip(to alignment: Int) throws(BinaryReadError) {
        let padding = (alignment - position % alignment) % alignment
        _ = try take(padding)
    }
}

/// A compiled file that is shorter than its own lengths say, or holds a value that cannot be.
public enum BinaryReadError: Error, Equatable, Sendable {
    case truncated(at: Int, needed: Int)
    case malformed(at: Int, detail: String)
}
