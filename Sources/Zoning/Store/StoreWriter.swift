import Foundation
import Formats
import Geometry

/// Writes a loaded dataset as a compiled store (see `StoreLayout`).
enum StoreWriter {
    static func bytes(of dataset: Dataset, geometryProblems: [DatasetProblem]?) -> [UInt8] {
        var sections: [(StoreLayout.Section, [UInt8])] = []

        var info = BinaryWriter()
        info.append(dataset.directory.standardizedFileURL.path)
        info.append(dataset.contentHash)
        info.putArray(dataset.sources) { $0.put($1) }
        info.put(dataset.metadata)
        info.put(dataset.workingCRS)
        info.put(dataset.measurement)
        sections.append((.info, info.bytes))

        // Units, red lines and clauses as record tables, each record readable alone (`RecordList`).
        var units = BinaryWriter()
        units.putRecords(dataset.units) { w, u in
            w.append(u.code); w.append(u.name); w.append(UInt8(u.unitClass.rawValue)); w.append(u.subclass); w.append(u.county)
            w.putArray(Dimension.allCases.filter { u.listText[$0] != nil }) { w, d in w.put(d); w.append(u.listText[d] ?? "") }
        }
        sections.append((.unitRecords, units.bytes))
        var redLines = BinaryWriter()
        redLines.putRecords(dataset.redLines) { w, r in w.append(r.code); w.append(r.name); w.append(r.type) }
        sections.append((.redLineRecords, redLines.bytes))

        var zones = BinaryWriter()
        zones.putArray(dataset.shorelines) { w, s in w.append(s.riverName); w.put(s.riverClass) }
        zones.putArray(dataset.sensitiveLayers) { w, l in w.append(l.id); w.append(l.kind); w.append(l.role?.rawValue) }
        zones.putArray(dataset.sensitiveAreas) { w, a in w.append(a.layer); w.append(a.kind); w.append(a.code); w.append(a.name); w.append(a.level) }
        zones.putOptional(dataset.parks) { w, parks in
            w.putArray(parks) { w, p in
                w.append(p.code); w.append(p.name); w.put(p.kind); w.append(p.level)
                w.putOptional(p.compliant) { $0.append($1) }
            }
        }
        sections.append((.zones, zones.bytes))

        var clauses = BinaryWriter(capacity: dataset.clauses.count * 256)
        clauses.putRecords(dataset.clauses) { $0.put($1) }
        sections.append((.clauses, clauses.bytes))
        sections.append((.clauseIndex, clauseIndex(dataset.clauseIndex, clauseCount: dataset.clauses.count)))

        var extras = BinaryWriter()
        extras.put(dataset.rules)
        extras.put(dataset.catalogue)
        extras.putArray(dataset.warnings) { $0.put($1) }
        extras.putOptional(geometryProblems) { w, problems in w.putArray(problems) { $0.put($1) } }
        extras.appendBytes(Array(GeoJSONWriter.featureCollection(dataset.sites)))
        sections.append((.extras, extras.bytes))

        // Zones already live in packed tables (in memory after reading the sources): copied as they are.
        sections.append((.unitShapes, Array(dataset.shapes.units.packedBytes)))
        sections.append((.redLineShapes, Array(dataset.shapes.redLines.packedBytes)))
        sections.append((.shorelineShapes, Array(dataset.shapes.shorelines.packedBytes)))
        sections.append((.sensitiveShapes, Array(dataset.shapes.sensitiveAreas.packedBytes)))
        sections.append((.parkShapes, Array(dataset.shapes.parks.packedBytes)))

        var trees = BinaryWriter()
        for tree in [dataset.trees.units, dataset.trees.redLines, dataset.trees.sensitiveAreas, dataset.trees.parks] { put(tree, &trees) }
        sections.append((.trees, trees.bytes))

        var grids = BinaryWriter()
        for layer in [dataset.trees.unitGrids, dataset.trees.redLineGrids, dataset.trees.sensitiveGrids, dataset.trees.parkGrids] {
            grids.putOptional(layer) { w, grids in w.putRecords(grids) { put($1, &$0) } }
            grids.align()
        }
        sections.append((.grids, grids.bytes))

        return assemble(sections)
    }

    /// The clause index (`ClauseIndex`): the general lists, each clause's rank, then a record table of
    /// unit codes in byte order, each with its clause lists.
    private static func clauseIndex(_ index: ClauseIndex, clauseCount: Int) -> [UInt8] {
        var w = BinaryWriter()
        func list(_ values: [Int], _ w: inout BinaryWriter) {
            w.append(UInt32(values.count))
            for value in values { w.append(Int32(value)) }
        }
        list(index.general, &w)
        list(index.decisiveGeneral, &w)
        w.align()
        w.append(UInt64(clauseCount))
        for clause in 0..<clauseCount { w.append(Int32(index.rank(clause))) }
        w.align()
        w.putRecords(index.unitLists) { w, entry in
            w.append(entry.code)
            list(entry.all, &w)
            list(entry.decisive, &w)
        }
        return w.bytes
    }

    private static func put(_ tree: EnvelopeTree, _ w: inout BinaryWriter) {
        let parts = tree.storedParts
        w.append(UInt64(tree.count)); w.append(UInt64(tree.nodeCapacity)); w.append(UInt64(parts.levels.count))
        for level in parts.levels {
            w.appendAligned(level.flatMap { [$0.minX, $0.minY, $0.maxX, $0.maxY] })
        }
        w.append(UInt64(parts.itemOrder.count))
        for item in parts.itemOrder { w.append(item) }
        w.align()
    }

    private static func put(_ grid: CoverageGrid, _ w: inout BinaryWriter) {
        let e = grid.envelope
        for value in [e.minX, e.minY, e.maxX, e.maxY, grid.cellWidth, grid.cellHeight] { w.append(value) }
        w.append(UInt32(grid.columns)); w.append(UInt32(grid.rows))
        w.append(contentsOf: grid.cells)
    }

    /// Header, directory, then each section at an 8-byte boundary; the checksum last.
    static func assemble(_ sections: [(StoreLayout.Section, [UInt8])]) -> [UInt8] {
        var out = BinaryWriter(capacity: sections.reduce(0) { $0 + $1.1.count } + 4096)
        out.append(contentsOf: StoreLayout.magic)
        out.append(StoreLayout.formatVersion)
        out.append(UInt32(sections.count))
        out.append(UInt64(0))  // length, patched below
        out.append(UInt64(0))  // checksum, patched below
        out.align(to: StoreLayout.headerSize)
        let directory = out.count
        for _ in sections { out.append(contentsOf: [UInt8](repeating: 0, count: StoreLayout.directoryEntrySize)) }
        for (number, (kind, bytes)) in sections.enumerated() {
            out.align()
            let entry = directory + number * StoreLayout.directoryEntrySize
            out.patch(kind.rawValue, at: entry)
            out.patch(UInt64(out.count), at: entry + 8)
            out.patch(UInt64(bytes.count), at: entry + 16)
            out.append(contentsOf: bytes)
        }
        out.align()
        out.patch(UInt64(out.count), at: 16)
        var bytes = out.bytes
        let checksum = bytes.withUnsafeBytes { StoreChecksum.of(UnsafeRawBufferPointer(rebasing: $0[StoreLayout.headerSize...])) }
        withUnsafeBytes(of: checksum.littleEndian) { raw in for (index, byte) in raw.enumerated() { bytes[24 + index] = byte } }
        return bytes
    }
}
