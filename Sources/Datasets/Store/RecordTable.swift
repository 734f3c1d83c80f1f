import Formats
import Zoning

/// A table of variable-length records in a compiled store, any one of which can be read without the
/// others: a count, the offset of every record, then the records.
///
/// ```
/// UInt64 count N
/// UInt64 offset[N + 1]      from the first record's byte; record i is offset[i] ..< offset[i + 1]
/// records                   (padded to 8)
/// ```
struct RecordTable {
    let count: Int
    private let offsets: UnsafeRawBufferPointer
    private let records: UnsafeRawBufferPointer

    /// The table at the reader's position; the reader is left after it.
    init(_ r: inout BinaryReader) throws(BinaryReadError) {
        let count = try r.read(UInt64.self)
        guard count < UInt64(r.remaining / 8) else { throw .truncated(at: r.position, needed: Int(clamping: count) * 8) }
        self.count = Int(count)
        offsets = try r.readRaw(count: (self.count + 1) * 8)
        let length = Int(clamping: UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: self.count * 8, as: UInt64.self)))
        records = try r.readRaw(count: length)
        try r.skip(to: 8)
    }

    private func offset(_ index: Int) -> Int {
        Int(clamping: UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
    }

    /// A reader over record `index` alone.
    func record(_ index: Int) throws(BinaryReadError) -> BinaryReader {
        guard index >= 0, index < count else { throw .malformed(at: 0, detail: "record \(index) of \(count)") }
        let start = offset(index), end = offset(index + 1)
        guard start <= end, end <= records.count else { throw .malformed(at: start, detail: "record \(index) bounds") }
        return BinaryReader(UnsafeRawBufferPointer(rebasing: records[start..<end]))
    }

    /// The bytes of record `index`, in place (for records read as raw values).
    func bytes(_ index: Int) throws(BinaryReadError) -> UnsafeRawBufferPointer {
        try record(index).bytes
    }
}

extension BinaryWriter {
    /// Writes `values` as a `RecordTable`, each record by `put`.
    mutating func putRecords<C: Collection>(_ values: C, _ put: (inout BinaryWriter, C.Element) -> Void) {
        var records = BinaryWriter()
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(values.count + 1)
        for value in values {
            put(&records, value)
            offsets.append(UInt64(records.count))
        }
        append(UInt64(values.count))
        for offset in offsets { append(offset) }
        append(contentsOf: records.bytes)
        align()
    }
}
