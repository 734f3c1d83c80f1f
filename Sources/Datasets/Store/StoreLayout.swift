import Zoning
/// The compiled dataset file (`.zsd`): a header, a section directory, and sections read in place.
///
/// ```
/// offset 0   "ZSDSTORE"                 magic, 8 bytes
///        8   UInt32 format version      (`StoreLayout.formatVersion`)
///       12   UInt32 section count
///       16   UInt64 file length
///       24   UInt64 checksum            of bytes 64 ..< file length (`StoreChecksum`)
///       32   reserved (zero) up to 64
///       64   section directory          count × (UInt32 kind, UInt32 zero, UInt64 offset, UInt64 length)
///            sections                   each starting at a multiple of 8
/// ```
/// Little-endian throughout; coordinates and envelopes are IEEE doubles in the same byte order, read
/// in place from the mapping. A file from another format version, of another length than it says,
/// or whose checksum differs is refused (and rebuilt from its sources where they are at hand).
enum StoreLayout {
    static let magic: [UInt8] = Array("ZSDSTORE".utf8)
    /// Bump whenever any section's layout or meaning changes.
    static let formatVersion: UInt32 = 9
    static let headerSize = 64
    static let directoryEntrySize = 24

    enum Section: UInt32, CaseIterable {
        /// Source folder, stamps, content hash, metadata, CRSs: all that is needed to judge freshness.
        case info = 1
        /// Shorelines, sensitive layers and areas, parks.
        case zones = 2
        /// A `RecordTable` of clauses.
        case clauses = 3
        /// Rules, catalogue, warnings, geometric check results, demo sites.
        case extras = 4
        /// `RecordTable`s of control units and of red lines.
        case unitRecords = 5
        case redLineRecords = 6
        /// The `ClauseIndex`, made (see `StoreWriter.clauseIndex`).
        case clauseIndex = 7
        case unitShapes = 10
        case redLineShapes = 11
        case shorelineShapes = 12
        case sensitiveShapes = 13
        case parkShapes = 14
        case trees = 20
        /// Per layer, whether it has grids and a `RecordTable` of them.
        case grids = 21
    }
}

/// A fast 64-bit checksum (four independent multiply-rotate lanes over 8-byte words), to notice a
/// truncated or damaged file; not a defence against deliberate tampering, which the content hash of
/// the sources is for. About as fast as memory can be read; a store is verified once per file (see
/// `StoreVerification`), not on every open, since reading the whole file is what opening must avoid.
struct StoreChecksum {
    private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    /// Bytes taken so far, and those of them not yet folded into the lanes (fewer than 32).
    private var count = 0
    private var pending: [UInt8] = []

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = StoreChecksum()
        checksum.add(bytes)
        return checksum.value
    }

    private static func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (lane ^ word) &* prime
        return (mixed << 31) | (mixed >> 33)
    }

    /// Takes the next bytes (a file read in pieces gives the same value as read whole).
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        if !pending.isEmpty {
            let taken = Swift.min(32 - pending.count, bytes.count)
            pending += bytes[0..<taken]
            start = taken
            if pending.count == 32 {
                pending.withUnsafeBytes { fold($0, blocks: 1) }
                count += 32
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - start) / 32
        fold(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + blocks * 32)]), blocks: blocks)
        count += blocks * 32
        pending += bytes[(start + blocks * 32)...]
    }

    private mutating func fold(_ bytes: UnsafeRawBufferPointer, blocks: Int) {
        var l = lanes
        for block in 0..<blocks {
            let base = block * 32
            l.0 = Self.mix(l.0, bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self))
            l.1 = Self.mix(l.1, bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
            l.2 = Self.mix(l.2, bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self))
            l.3 = Self.mix(l.3, bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))
        }
        lanes = l
    }

    /// The checksum of everything taken: the remaining bytes mixed one by one with their offsets.
    var value: UInt64 {
        var tail = lanes.0 ^ (lanes.1 &* 3) ^ (lanes.2 &* 5) ^ (lanes.3 &* 7)
        for (position, byte) in pending.enumerated() { tail = Self.mix(tail, UInt64(byte) | UInt64(count + position) << 8) }
        return Self.mix(tail, UInt64(count + pending.count))
    }
}
