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
    static let formatVersion: UInt32 = 2
    static let headerSize = 64
    static let directoryEntrySize = 24

    enum Section: UInt32, CaseIterable {
        /// Source folder, stamps, content hash, metadata, CRSs: all that is needed to judge freshness.
        case info = 1
        case zones = 2
        case clauses = 3
        /// Rules, catalogue, warnings, geometric check results, demo sites.
        case extras = 4
        case unitShapes = 10
        case redLineShapes = 11
        case shorelineShapes = 12
        case sensitiveShapes = 13
        case parkShapes = 14
        case trees = 20
        case grids = 21
    }
}

/// A fast 64-bit checksum (four independent multiply-rotate lanes over 8-byte words), to notice a
/// truncated or damaged file; not a defence against deliberate tampering, which the content hash of
/// the sources is for. About as fast as memory can be read, so every open checks the whole file.
enum StoreChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        func mix(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (lane ^ word) &* prime
            return (mixed << 31) | (mixed >> 33)
        }
        let words = bytes.count / 8
        var index = 0
        while index + 4 <= words {
            let base = index * 8
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))
            index += 4
        }
        var tail = lanes.0 ^ (lanes.1 &* 3) ^ (lanes.2 &* 5) ^ (lanes.3 &* 7)
        for offset in (index * 8)..<bytes.count { tail = mix(tail, UInt64(bytes[offset]) | UInt64(offset) << 8) }
        return mix(tail, UInt64(bytes.count))
    }
}
