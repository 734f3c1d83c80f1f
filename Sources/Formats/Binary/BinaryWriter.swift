/// Appends values in a fixed little-endian layout: the writing half of `BinaryReader`. Used for the
/// compiled dataset, whose sections are read back by offset, not parsed.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    public mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ value: Double) { append(value.bitPattern) }

    public mutating func append(_ value: Bool) { append(UInt8(value ? 1 : 0)) }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            append(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func append(_ text: String?) {
        append(text != nil)
        if let text { append(text) }
    }

    public mutating func append(_ texts: [String]) {
        append(UInt32(texts.count))
        for text in texts { append(text) }
    }

    public mutating func append(_ texts: [String]?) {
        append(texts != nil)
        if let texts { append(texts) }
    }

    /// A count followed by `Double`s, padded first so the values start at an 8-byte offset (they can
    /// then be read in place from a mapping).
    public mutating func appendAligned(_ values: [Double]) {
        append(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    public mutating func appendBytes(_ raw: [UInt8]) {
        append(UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    /// Pads with zeros to a multiple of `alignment` bytes.
    public mutating func align(to alignment: Int = 8) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    /// Overwrites a previously appended integer at `offset`.
    public mutating func patch<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[offset + index] = byte }
        }
    }

    public mutating func append(contentsOf raw: [UInt8]) { bytes.append(contentsOf: raw) }
}
