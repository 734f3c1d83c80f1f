import Foundation
import Formats
import Geometry

/// Opens a compiled store's bytes (a mapping, normally): checks the header, length and checksum,
/// finds the sections, and builds the `Dataset` whose geometries stay in the bytes.
struct StoreReader {
    let bytes: UnsafeRawBufferPointer
    /// Keeps `bytes` valid (a `MappedFile` or `OwnedBytes`).
    let owner: AnyObject & Sendable
    let path: String
    private var sections: [StoreLayout.Section: UnsafeRawBufferPointer] = [:]

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
            guard StoreChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[StoreLayout.headerSize...])) == checksum else {
                throw StoreError.damaged(path: path, detail: "checksum")
            }
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

    func dataset(origin: DatasetOrigin) throws(StoreError) -> Dataset {
        do {
            return try decode(origin: origin)
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

    private func decode(origin: DatasetOrigin) throws -> Dataset {
        var info = reader(.info)
        let stored = try self.info(&info)
        let metadata = try info.getMetadata()
        let workingCRS = try info.getCRS()
        let measurement = try info.getMeasureMethod()

        let shapes = LayerShapes(units: try shapes(.unitShapes), redLines: try shapes(.redLineShapes),
                                 shorelines: try shapes(.shorelineShapes), sensitiveAreas: try shapes(.sensitiveShapes),
                                 parks: try shapes(.parkShapes))
        var z = reader(.zones)
        var item = 0
        func next(_ table: PackedGeometries) throws(StoreError) -> ZoneShape {
            guard item < table.count else { throw .damaged(path: path, detail: "more zones than shapes") }
            defer { item += 1 }
            return ZoneShape(table: table, item: item)
        }
        let units = try z.getArray { (r: inout BinaryReader) throws in
            let code = try r.readString(), name = try r.readString(), unitClass = try r.getUnitClass()
            let subclass = try r.readOptionalString(), county = try r.readOptionalString()
            var listText: [Dimension: String] = [:]
            for (dimension, text) in try r.getArray({ (r: inout BinaryReader) throws -> (Dimension, String) in (try r.get(Dimension.self), try r.readString()) }) {
                listText[dimension] = text
            }
            return ControlUnit(code: code, name: name, unitClass: unitClass, subclass: subclass, county: county, listText: listText,
                               shape: try next(shapes.units))
        }
        guard item == shapes.units.count else { throw StoreError.damaged(path: path, detail: "unit count") }
        item = 0
        let redLines = try z.getArray { (r: inout BinaryReader) throws in
            RedLine(code: try r.readString(), name: try r.readString(), type: try r.readOptionalString(), shape: try next(shapes.redLines))
        }
        guard item == shapes.redLines.count else { throw StoreError.damaged(path: path, detail: "red-line count") }
        item = 0
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

        var c = reader(.clauses)
        let clauses = try c.getArray { (r: inout BinaryReader) throws in try r.getClause() }

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
        let trees = Dataset.ZoneTrees(units: unitTree, redLines: redLineTree, sensitiveAreas: sensitiveTree, parks: parkTree,
                                      unitGrids: try grids(&g, count: units.count), redLineGrids: try grids(&g, count: redLines.count),
                                      sensitiveGrids: try grids(&g, count: sensitiveAreas.count), parkGrids: try grids(&g, count: parks?.count ?? 0))
        return Dataset(Dataset.Parts(
            directory: stored.directory, metadata: metadata, workingCRS: workingCRS, measurement: measurement, redLines: redLines, units: units,
            shorelines: shorelines, sensitiveLayers: sensitiveLayers, sensitiveAreas: sensitiveAreas, parks: parks, clauses: clauses, rules: rules,
            catalogue: catalogue, sites: sites, contentHash: stored.contentHash, sources: stored.sources, warnings: warnings,
            geometryProblems: geometryProblems, shapes: shapes, trees: trees, origin: origin))
    }

    private func tree(_ r: inout BinaryReader, count expected: Int) throws -> EnvelopeTree {
        let count = Int(try r.read(UInt64.self)), capacity = Int(try r.read(UInt64.self)), levelCount = Int(try r.read(UInt64.self))
        guard levelCount <= 64 else { throw StoreError.damaged(path: path, detail: "tree levels") }
        var levels: [[Envelope]] = []
        for _ in 0..<levelCount {
            let values = try r.readDoubles()
            guard values.count % 4 == 0 else { throw StoreError.damaged(path: path, detail: "tree level") }
            levels.append(stride(from: 0, to: values.count, by: 4).map {
                Envelope(minX: values[$0], minY: values[$0 + 1], maxX: values[$0 + 2], maxY: values[$0 + 3])
            })
        }
        let orderCount = Int(try r.read(UInt64.self))
        guard orderCount <= r.remaining / 4 else { throw StoreError.damaged(path: path, detail: "tree order") }
        let raw = try r.readRaw(count: orderCount * 4)
        let order = (0..<orderCount).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
        try r.skip(to: 8)
        guard count == expected, let tree = EnvelopeTree(count: count, nodeCapacity: capacity, levels: levels, itemOrder: order) else {
            throw StoreError.damaged(path: path, detail: "tree")
        }
        return tree
    }

    private func grids(_ r: inout BinaryReader, count expected: Int) throws -> [CoverageGrid]? {
        try r.getOptional { (r: inout BinaryReader) throws -> [CoverageGrid] in
            let grids = try r.getArray { (r: inout BinaryReader) throws -> CoverageGrid in
                let v = (try r.readDouble(), try r.readDouble(), try r.readDouble(), try r.readDouble(), try r.readDouble(), try r.readDouble())
                let columns = Int(try r.read(UInt32.self)), rows = Int(try r.read(UInt32.self))
                guard columns.multipliedReportingOverflow(by: rows).overflow == false, columns * rows <= r.remaining else {
                    throw StoreError.damaged(path: path, detail: "grid size")
                }
                let cells = Array(try r.readRaw(count: columns * rows))
                guard let grid = CoverageGrid(envelope: Envelope(minX: v.0, minY: v.1, maxX: v.2, maxY: v.3), columns: columns, rows: rows,
                                              cellWidth: v.4, cellHeight: v.5, cells: cells) else {
                    throw StoreError.damaged(path: path, detail: "grid")
                }
                return grid
            }
            guard grids.count == expected else { throw StoreError.damaged(path: path, detail: "grid count") }
            return grids
        }
    }
}

/// The part of a store that says what it was built from.
struct StoreInfo {
    let directory: URL
    let contentHash: String
    let sources: [SourceStamp]
}
