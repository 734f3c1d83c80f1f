import Foundation
import Formats
import Geometry
import Zoning

/// Opens a compiled store's bytes (a mapping, normally): checks the header and length, finds the sections, and builds the `Dataset` whose geometries stay in the bytes.
struct StoreReader {
    let bytes: UnsafeRawBufferPointer
    /// Keeps `bytes` valid (a `MappedFile` or `OwnedBytes`).
    let owner: AnyObject & Sendable
    let path: String
    private var sections: [StoreLayout.Section: UnsafeRawBufferPointer] = [:]

    /// The checksum the header states, compared with the file's by `verifyChecksum`.
    private(set) var statedChecksum: UInt64 = 0

    /// Checks the header, the length and the section directory; the checksum is `verifyChecksum`'s
    /// (a store checked before is not read whole again: `StoreVerification`).
    init(bytes: UnsafeRawBufferPointer, owner: AnyObject & Sendable, path: String) throws(StoreError) {
        self.bytes = bytes
        self.owner = owner
        self.path = path
        guard bytes.count >= StoreLayout.headerSize, Array(bytes[0..<8]) == StoreLayout.magic else { throw .notAStore(path: path) }
        var header = BinaryReader(bytes, at: 8)
        do {
            let version = try header.read(UInt32.self)
            guard version == StoreLayout.formatVersion else { throw StoreError.otherFormatVersion(path: path, found: Int(version), expected: Int(StoreLayout.formatVersion)) }
            let count = Int(try header.read(UInt32.self))
            let length = try header.read(UInt64.self)
            let checksum = try header.read(UInt64.self)
            guard length == UInt64(bytes.count) else { throw StoreError.damaged(path: path, detail: "length \(bytes.count), header says \(length)") }
            statedChecksum = checksum
            var directory = BinaryReader(bytes, at: StoreLayout.headerSize)
            for _ in 0..<count {
                let kind = try directory.read(UInt32.self)
                _ = try directory.read(UInt32.self)
                let offset = try directory.read(UInt64.self), size = try directory.read(UInt64.self)
                guard offset % 8 == 0, offset <= UInt64(bytes.count), size <= UInt64(bytes.count) - offset else {
                    throw StoreError.damaged(path: path, detail: "section \(kind) out of bounds")
                }
                guard let section = StoreLayout.Section(rawValue: kind) else { continue }
                sections[section] = UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<Int(offset + size)])
            }
            for section in StoreLayout.Section.allCases where sections[section] == nil {
                throw StoreError.damaged(path: path, detail: "section \(section) missing")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .damaged(path: path, detail: "header")
        }
    }

    /// Compares the header's checksum with the file's: the one computed while copying it, or the bytes'.
    func verifyChecksum(computed: UInt64? = nil) throws(StoreError) {
        let actual = computed ?? StoreChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[StoreLayout.headerSize...]))
        guard actual == statedChecksum else { throw .damaged(path: path, detail: "checksum") }
    }

    private func reader(_ section: StoreLayout.Section) -> BinaryReader {
        BinaryReader(sections[section] ?? UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// What the store says about its sources, without decoding the rest.
    func info() throws(StoreError) -> StoreInfo {
        var r = reader(.info)
        return try info(&r)
    }

    /// The start of the info section; `r` is left on what follows (metadata, CRSs).
    private func info(_ r: inout BinaryReader) throws(StoreError) -> StoreInfo {
        do {
            let directory = try r.readString(), contentHash = try r.readString()
            let sources = try r.getArray { (r: inout BinaryReader) throws in try r.getSourceStamp() }
            return StoreInfo(directory: URL(fileURLWithPath: directory), contentHash: contentHash, sources: sources)
        } catch {
            throw .damaged(path: path, detail: "info: \(error)")
        }
    }

    /// The dataset, its units, red lines and clauses decoded on first use. With `validating`, every
    /// record, grid and index entry is decoded once now (and dropped), so that a store whose bytes do not
    /// decode is refused here rather than met later: what a first check of a file does.
    func dataset(origin: DatasetOrigin, validating: Bool = false) throws(StoreError) -> Dataset {
        do {
            return try decode(origin: origin, validating: validating)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .damaged(path: path, detail: "\(error)")
        }
    }

    private func shapes(_ section: StoreLayout.Section) throws -> PackedGeometries {
        guard let bytes = sections[section] else { throw StoreError.damaged(path: path, detail: "\(section)") }
        return try PackedGeometries(bytes: bytes, owner: owner)
    }

    /// A section's record table, with what keeps its bytes alive, for decoding records later.
    private func table(_ section: StoreLayout.Section, count expected: Int?) throws -> SharedTable {
        var r = reader(section)
        let table = try RecordTable(&r)
        if let expected, table.count != expected { throw StoreError.damaged(path: path, detail: "\(section) count \(table.count), \(expected) shapes") }
        return SharedTable(table: table, owner: owner)
    }

    private func decode(origin: DatasetOrigin, validating: Bool) throws -> Dataset {
        var info = reader(.info)
        let stored = try self.info(&info)
        let metadata = try info.getMetadata()
        let workingCRS = try info.getCRS()
        let measurement = try info.getMeasureMethod()

        let shapes = LayerShapes(units: try shapes(.unitShapes), redLines: try shapes(.redLineShapes),
                                 shorelines: try shapes(.shorelineShapes), sensitiveAreas: try shapes(.sensitiveShapes),
                                 parks: try shapes(.parkShapes))
        let unitTable = try table(.unitRecords, count: shapes.units.count)
        let unitShapes = shapes.units
        let units = LazyRecords<ControlUnit>(count: unitTable.table.count) { index in
            var r = try unitTable.table.record(index)
            let code = try r.readString(), name = try r.readString(), unitClass = try r.getUnitClass()
            let subclass = try r.readOptionalString(), county = try r.readOptionalString()
            var listText: [Dimension: String] = [:]
            for (dimension, text) in try r.getArray({ (r: inout BinaryReader) throws -> (Dimension, String) in (try r.get(Dimension.self), try r.readString()) }) {
                listText[dimension] = text
            }
            return ControlUnit(code: code, name: name, unitClass: unitClass, subclass: subclass, county: county, listText: listText,
                               shape: ZoneShape(table: unitShapes, item: index))
        }
        let redLineTable = try table(.redLineRecords, count: shapes.redLines.count)
        let redLineShapes = shapes.redLines
        let redLines = LazyRecords<RedLine>(count: redLineTable.table.count) { index in
            var r = try redLineTable.table.record(index)
            return RedLine(code: try r.readString(), name: try r.readString(), type: try r.readOptionalString(),
                           shape: ZoneShape(table: redLineShapes, item: index))
        }

        var z = reader(.zones)
        var item = 0
        func next(_ table: PackedGeometries) throws(StoreError) -> ZoneShape {
            guard item < table.count else { throw .damaged(path: path, detail: "more zones than shapes") }
            defer { item += 1 }
            return ZoneShape(table: table, item: item)
        }
        let shorelines = try z.getArray { (r: inout BinaryReader) throws in
            Shoreline(riverName: try r.readString(), riverClass: try r.get(RiverClass.self), shape: try next(shapes.shorelines))
        }
        guard item == shapes.shorelines.count else { throw StoreError.damaged(path: path, detail: "shoreline count") }
        let sensitiveLayers = try z.getArray { (r: inout BinaryReader) throws in
            SensitiveLayer(id: try r.readString(), kind: try r.readString(), role: try r.readOptionalString().flatMap(SensitiveRole.init(rawValue:)))
        }
        let roles = Dictionary(sensitiveLayers.map { ($0.id, $0.role) }, uniquingKeysWith: { first, _ in first })
        item = 0
        let sensitiveAreas = try z.getArray { (r: inout BinaryReader) throws in
            let layer = try r.readString()
            return SensitiveArea(layer: layer, kind: try r.readString(), code: try r.readOptionalString(), name: try r.readString(),
                                 level: try r.readOptionalString(), role: roles[layer] ?? nil, shape: try next(shapes.sensitiveAreas))
        }
        guard item == shapes.sensitiveAreas.count else { throw StoreError.damaged(path: path, detail: "sensitive-area count") }
        item = 0
        let parks = try z.getOptional { (r: inout BinaryReader) throws in
            try r.getArray { (r: inout BinaryReader) throws in
                Park(code: try r.readOptionalString(), name: try r.readString(), kind: try r.get(ParkKind.self), level: try r.readOptionalString(),
                     compliant: try r.getOptional { (r: inout BinaryReader) throws in try r.readBool() }, shape: try next(shapes.parks))
            }
        }
        guard item == shapes.parks.count else { throw StoreError.damaged(path: path, detail: "park count") }

        let clauseTable = try table(.clauses, count: nil)
        let clauses = LazyRecords<Clause>(count: clauseTable.table.count) { index in
            var r = try clauseTable.table.record(index)
            return try r.getClause()
        }
        let clauseIndex = try self.clauseIndex(clauseCount: clauses.count)

        var e = reader(.extras)
        let rules = try e.getRules()
        let catalogue = try e.getCatalogue()
        let warnings = try e.getArray { (r: inout BinaryReader) throws in try r.getProblem() }
        let geometryProblems = try e.getOptional { (r: inout BinaryReader) throws in
            try r.getArray { (r: inout BinaryReader) throws in try r.getProblem() }
        }
        let siteBytes = try e.readBytes()
        let sites = try GeoJSONData(data: Data(siteBytes), name: path).features()

        var t = reader(.trees)
        let unitTree = try tree(&t, count: units.count), redLineTree = try tree(&t, count: redLines.count)
        let sensitiveTree = try tree(&t, count: sensitiveAreas.count), parkTree = try tree(&t, count: parks?.count ?? 0)
        var g = reader(.grids)
        let gridLayers = [try grids(&g, count: units.count), try grids(&g, count: redLines.count),
                          try grids(&g, count: sensitiveAreas.count), try grids(&g, count: parks?.count ?? 0)]
        let trees = Dataset.ZoneTrees(units: unitTree, redLines: redLineTree, sensitiveAreas: sensitiveTree, parks: parkTree,
                                      unitGrids: gridLayers[0]?.grids, redLineGrids: gridLayers[1]?.grids,
                                      sensitiveGrids: gridLayers[2]?.grids, parkGrids: gridLayers[3]?.grids)
        if validating {
            try units.validate()
            try redLines.validate()
            try clauses.validate()
            for layer in gridLayers { try layer?.validate() }
            try clauseIndex.units.validate(clauseCount: clauses.count)
        }
        return Dataset(Dataset.Parts(
            directory: stored.directory, metadata: metadata, workingCRS: workingCRS, measurement: measurement,
            redLines: RecordList(stored: redLines), units: RecordList(stored: units), shorelines: shorelines,
            sensitiveLayers: sensitiveLayers, sensitiveAreas: sensitiveAreas, parks: parks, clauses: RecordList(stored: clauses),
            clauseIndex: ClauseIndex(general: clauseIndex.general, decisiveGeneral: clauseIndex.decisiveGeneral, stored: clauseIndex.units),
            clauseFlags: clauseIndex.flags,
            rules: rules, catalogue: catalogue, sites: sites, contentHash: stored.contentHash, sources: stored.sources,
            warnings: warnings, geometryProblems: geometryProblems, shapes: shapes, trees: trees, origin: origin))
    }

    /// The stored clause index: the general lists decoded, the rest read in place.
    private func clauseIndex(clauseCount: Int) throws -> (general: [Int], decisiveGeneral: [Int], units: StoredUnitClauses, flags: Set<String>) {
        var r = reader(.clauseIndex)
        func list(_ r: inout BinaryReader) throws -> [Int] {
            let count = try r.readCount(minimumSize: 4)
            return try (0..<count).map { _ in Int(try r.read(Int32.self)) }
        }
        let general = try list(&r), decisive = try list(&r)
        let flags = Set(try r.readStrings())
        try r.skip(to: 8)
        guard Int(try r.read(UInt64.self)) == clauseCount else { throw StoreError.damaged(path: path, detail: "clause ranks") }
        let ranks = try r.readRaw(count: clauseCount * 4)
        try r.skip(to: 8)
        let units = StoredUnitClauses(ranks: ranks, table: try RecordTable(&r), clauseCount: clauseCount, owner: owner)
        guard (general + decisive).allSatisfy({ (0..<clauseCount).contains($0) }) else { throw StoreError.damaged(path: path, detail: "clause index") }
        return (general, decisive, units, flags)
    }

    private func tree(_ r: inout BinaryReader, count expected: Int) throws -> EnvelopeTree {
        let count = Int(try r.read(UInt64.self)), capacity = Int(try r.read(UInt64.self)), levelCount = Int(try r.read(UInt64.self))
        guard levelCount <= 64 else { throw StoreError.damaged(path: path, detail: "tree levels") }
        var levels: [[Envelope]] = []
        for _ in 0..<levelCount {
            let doubles = Int(clamping: try r.read(UInt64.self))
            guard doubles % 4 == 0, doubles <= r.remaining / 8 else { throw StoreError.damaged(path: path, detail: "tree level") }
            levels.append(Self.copied(try r.readRaw(count: doubles * 8), count: doubles / 4) { raw, index in
                Envelope(minX: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 32, as: UInt64.self))),
                         minY: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 32 + 8, as: UInt64.self))),
                         maxX: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 32 + 16, as: UInt64.self))),
                         maxY: Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 32 + 24, as: UInt64.self))))
            })
        }
        let orderCount = Int(try r.read(UInt64.self))
        guard orderCount <= r.remaining / 4 else { throw StoreError.damaged(path: path, detail: "tree order") }
        let order = Self.copied(try r.readRaw(count: orderCount * 4), count: orderCount) { raw, index in
            Int32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))
        }
        try r.skip(to: 8)
        guard count == expected, let tree = EnvelopeTree(count: count, nodeCapacity: capacity, levels: levels, itemOrder: order) else {
            throw StoreError.damaged(path: path, detail: "tree")
        }
        return tree
    }

    /// `count` values stored back to back in `raw`: copied in one go where the stored bytes are the
    /// values' own layout (a little-endian machine, no padding), else read one by one with `value`.
    private static func copied<T>(_ raw: UnsafeRawBufferPointer, count: Int, value: (UnsafeRawBufferPointer, Int) -> T) -> [T] {
        #if _endian(little)
        if count > 0, MemoryLayout<T>.stride * count == raw.count, let base = raw.baseAddress {
            return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
                guard let target = buffer.baseAddress else { return }
                UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: raw.count)
                initialised = count
            }
        }
        #endif
        return (0..<count).map { value(raw, $0) }
    }

    /// One layer's grids, read one at a time from their record table when asked for.
    private func grids(_ r: inout BinaryReader, count expected: Int) throws -> StoredGrids? {
        let present = try r.readBool()
        defer { try? r.skip(to: 8) }
        guard present else { return nil }
        let table = try RecordTable(&r)
        guard table.count == expected else { throw StoreError.damaged(path: path, detail: "grid count") }
        return StoredGrids(shared: SharedTable(table: table, owner: owner))
    }
}

/// A record table and what keeps its bytes alive.
///
/// `@unchecked Sendable`: the table only points into immutable bytes (a read-only mapping or an owned
/// buffer that is never written), which `owner` keeps valid as long as this value exists.
struct SharedTable: @unchecked Sendable {
    let table: RecordTable
    let owner: AnyObject
}

/// A layer's coverage grids in a store: each record is six doubles (envelope, cell width and height),
/// the column and row counts, then the cells, read in place.
struct StoredGrids: Sendable {
    let shared: SharedTable

    func grid(_ index: Int) throws -> CoverageGrid {
        var r = try shared.table.record(index)
        let v = (try r.readDouble(), try r.readDouble(), try r.readDouble(), try r.readDouble(), try r.readDouble(), try r.readDouble())
        let columns = Int(try r.read(UInt32.self)), rows = Int(try r.read(UInt32.self))
        guard let grid = CoverageGrid(envelope: Envelope(minX: v.0, minY: v.1, maxX: v.2, maxY: v.3), columns: columns, rows: rows,
                                      cellWidth: v.4, cellHeight: v.5, mapped: try r.readRaw(count: r.remaining), owner: shared.owner) else {
            throw BinaryReadError.malformed(at: 0, detail: "grid \(index)")
        }
        return grid
    }

    var grids: CoverageGrids {
        let stored = self
        // A grid that does not read (the store changed while mapped) is one boundary cell: every test
        // then goes to the exact predicate, so it costs speed, never a wrong answer.
        return CoverageGrids(count: shared.table.count) { index in
            (try? stored.grid(index)) ?? CoverageGrid(.polygon(Polygon(exterior: [])), cellsOnLongerSide: 1) { _ in false }
        }
    }

    func validate() throws {
        for index in 0..<shared.table.count {
            let grid = try grid(index)
            guard grid.cells.allSatisfy({ $0 <= CoverageGrid.Cell.boundary.rawValue }) else {
                throw BinaryReadError.malformed(at: 0, detail: "grid \(index) cells")
            }
        }
    }
}

/// The unit part of a stored `ClauseIndex`: each clause's rank, and unit codes in byte order with their
/// clause lists (a record each), found by halving.
struct StoredUnitClauses: UnitClauseTable {
    private let ranks: SharedBytes
    private let table: SharedTable
    private let clauseCount: Int

    init(ranks: UnsafeRawBufferPointer, table: RecordTable, clauseCount: Int, owner: AnyObject) {
        self.ranks = SharedBytes(bytes: ranks, owner: owner)
        self.table = SharedTable(table: table, owner: owner)
        self.clauseCount = clauseCount
    }

    func rank(_ index: Int) -> Int {
        Int(Int32(littleEndian: ranks.bytes.loadUnaligned(fromByteOffset: index * 4, as: Int32.self)))
    }

    /// Record `index`: its code's bytes, and a reader left at its lists.
    private func entry(_ index: Int) throws -> (code: UnsafeRawBufferPointer, rest: BinaryReader) {
        var r = try table.table.record(index)
        let length = Int(try r.read(UInt32.self))
        return (try r.readRaw(count: length), r)
    }

    private static func list(_ r: inout BinaryReader) throws -> [Int] {
        let count = try r.readCount(minimumSize: 4)
        return try (0..<count).map { _ in Int(try r.read(Int32.self)) }
    }

    func clauses(ofUnit code: String, decisiveOnly: Bool) -> [Int]? {
        var code = code
        return code.withUTF8 { wanted -> [Int]? in
            var low = 0, high = table.table.count
            while low < high {
                let middle = (low + high) / 2
                guard let (found, entryRest) = try? entry(middle) else { return nil }
                var rest = entryRest
                if found.elementsEqual(UnsafeRawBufferPointer(wanted)) {
                    guard let all = try? Self.list(&rest) else { return nil }
                    return decisiveOnly ? (try? Self.list(&rest)) : all
                }
                if found.lexicographicallyPrecedes(UnsafeRawBufferPointer(wanted)) { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    var all: [(code: String, all: [Int], decisive: [Int])] {
        (0..<table.table.count).compactMap { index in
            guard let (code, entryRest) = try? entry(index) else { return nil }
            var rest = entryRest
            guard let all = try? Self.list(&rest), let decisive = try? Self.list(&rest) else { return nil }
            return (String(decoding: code, as: UTF8.self), all, decisive)
        }
    }

    /// Every entry decodes, every clause number and rank is within the clauses, the codes are in order.
    func validate(clauseCount: Int) throws {
        for index in 0..<clauseCount where !(0..<clauseCount).contains(rank(index)) {
            throw BinaryReadError.malformed(at: 0, detail: "clause rank \(index)")
        }
        var previous: [UInt8]? = nil
        for index in 0..<table.table.count {
            var (code, rest) = try entry(index)
            let lists = try Self.list(&rest) + Self.list(&rest)
            guard lists.allSatisfy({ (0..<clauseCount).contains($0) }) else { throw BinaryReadError.malformed(at: 0, detail: "clause index entry \(index)") }
            if let previous, !previous.lexicographicallyPrecedes(code) { throw BinaryReadError.malformed(at: 0, detail: "clause index order") }
            previous = Array(code)
        }
    }
}

/// Bytes in a store and what keeps them alive (`@unchecked Sendable` as `SharedTable`).
struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    let owner: AnyObject
}

/// The part of a store that says what it was built from.
struct StoreInfo {
    let directory: URL
    let contentHash: String
    let sources: [SourceStamp]
}
