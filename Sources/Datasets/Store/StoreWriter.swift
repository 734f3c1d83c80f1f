import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// Writes a loaded dataset as a compiled store (see `StoreLayout`), section by section into a
/// temporary file renamed into place: a national store is over a gigabyte, and holding it whole in
/// memory (twice, to checksum and write it) was most of a build's peak.
enum StoreWriter {
    /// A section's bytes: made when it is written (and dropped after), or already in memory (packed shapes).
    enum SectionBytes {
        case made(() -> [UInt8])
        case inPlace(UnsafeRawBufferPointer)
    }

    static func sections(of dataset: Dataset, geometryProblems: [DatasetProblem]?) -> [(StoreLayout.Section, SectionBytes)] {
        [(.info, .made { info(dataset) }), (.unitRecords, .made { unitRecords(dataset) }), (.redLineRecords, .made { redLineRecords(dataset) }),
         (.zones, .made { zones(dataset) }), (.clauses, .made { clauseRecords(dataset) }),
         (.clauseIndex, .made { clauseIndex(dataset.clauseIndex, clauseCount: dataset.clauses.count, flags: dataset.clauseFlags) }),
         (.extras, .made { extras(dataset, geometryProblems: geometryProblems) }),
         // Zones already live in packed tables (in memory after reading the sources): written as they are.
         (.unitShapes, .inPlace(dataset.shapes.units.packedBytes)), (.redLineShapes, .inPlace(dataset.shapes.redLines.packedBytes)),
         (.shorelineShapes, .inPlace(dataset.shapes.shorelines.packedBytes)), (.sensitiveShapes, .inPlace(dataset.shapes.sensitiveAreas.packedBytes)),
         (.parkShapes, .inPlace(dataset.shapes.parks.packedBytes)),
         (.trees, .made { trees(dataset) }), (.grids, .made { grids(dataset) })]
    }

    private static func info(_ dataset: Dataset) -> [UInt8] {
        var info = BinaryWriter()
        info.append(dataset.directory.standardizedFileURL.path)
        info.append(dataset.contentHash)
        info.putArray(dataset.sources) { $0.put($1) }
        info.put(dataset.metadata)
        info.put(dataset.workingCRS)
        info.put(dataset.measurement)
        return info.bytes
    }

    // Units, red lines and clauses as record tables, each record readable alone (`RecordList`).
    private static func unitRecords(_ dataset: Dataset) -> [UInt8] {
        var units = BinaryWriter()
        units.putRecords(dataset.units) { w, u in
            w.append(u.code); w.append(u.name); w.append(UInt8(u.unitClass.rawValue)); w.append(u.subclass); w.append(u.county)
            w.putArray(Dimension.allCases.filter { u.listText[$0] != nil }) { w, d in w.put(d); w.append(u.listText[d] ?? "") }
        }
        return units.bytes
    }

    private static func redLineRecords(_ dataset: Dataset) -> [UInt8] {
        var redLines = BinaryWriter()
        redLines.putRecords(dataset.redLines) { w, r in w.append(r.code); w.append(r.name); w.append(r.type) }
        return redLines.bytes
    }

    private static func zones(_ dataset: Dataset) -> [UInt8] {
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
        return zones.bytes
    }

    private static func clauseRecords(_ dataset: Dataset) -> [UInt8] {
        var clauses = BinaryWriter(capacity: dataset.clauses.count * 256)
        clauses.putRecords(dataset.clauses) { $0.put($1) }
        return clauses.bytes
    }

    private static func extras(_ dataset: Dataset, geometryProblems: [DatasetProblem]?) -> [UInt8] {
        var extras = BinaryWriter()
        extras.put(dataset.rules)
        extras.put(dataset.catalogue)
        extras.putArray(dataset.warnings) { $0.put($1) }
        extras.putOptional(geometryProblems) { w, problems in w.putArray(problems) { $0.put($1) } }
        extras.appendBytes(Array(GeoJSONWriter.featureCollection(dataset.sites)))
        return extras.bytes
    }

    private static func trees(_ dataset: Dataset) -> [UInt8] {
        var trees = BinaryWriter()
        for tree in [dataset.trees.units, dataset.trees.redLines, dataset.trees.sensitiveAreas, dataset.trees.parks] { put(tree, &trees) }
        return trees.bytes
    }

    private static func grids(_ dataset: Dataset) -> [UInt8] {
        var grids = BinaryWriter()
        for layer in [dataset.trees.unitGrids, dataset.trees.redLineGrids, dataset.trees.sensitiveGrids, dataset.trees.parkGrids] {
            grids.putOptional(layer) { w, grids in w.putRecords(grids) { put($1, &$0) } }
            grids.align()
        }
        return grids.bytes
    }

    /// The clause index (`ClauseIndex`): the general lists, the flags the clauses ask about, each
    /// clause's rank, then a record table of unit codes in byte order, each with its clause lists.
    private static func clauseIndex(_ index: ClauseIndex, clauseCount: Int, flags: Set<String>) -> [UInt8] {
        var w = BinaryWriter()
        func list(_ values: [Int], _ w: inout BinaryWriter) {
            w.append(UInt32(values.count))
            for value in values { w.append(Int32(value)) }
        }
        list(index.general, &w)
        list(index.decisiveGeneral, &w)
        w.append(flags.sorted())
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

    /// Writes the store to a temporary file beside `path` and renames it into place: header and
    /// directory first as placeholders, then each section at an 8-byte boundary, then the directory,
    /// the length and, read back from the file, the checksum.
    static func write(_ dataset: Dataset, geometryProblems: [DatasetProblem]?, to path: URL) throws(StoreError) {
        let target = path.standardizedFileURL
        TemporaryFiles.removeStale(beside: target)
        let temporary = TemporaryFiles.name(beside: target, unique: true)
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        func failure(_ detail: String) -> StoreError { .cannotWrite(path: target.path, detail: detail) }
        var existing = stat()
        let mode: mode_t = stat(target.path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary.path) }
        }
        _ = fchmod(descriptor, mode)
        /// Writes `bytes` at `offset`; the system's reason when it cannot.
        func put(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> String? {
            var done = 0
            while done < bytes.count {
                let written = pwrite(descriptor, bytes.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset + done))
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                done += written
            }
            return nil
        }
        let plan = sections(of: dataset, geometryProblems: geometryProblems)
        var directory = BinaryWriter()
        var end = StoreLayout.headerSize + plan.count * StoreLayout.directoryEntrySize
        for (kind, content) in plan {
            end = (end + 7) & ~7
            let length: Int
            switch content {
            case .made(let make):
                let bytes = make()
                if let problem = bytes.withUnsafeBytes({ put($0, at: end) }) { throw failure(problem) }
                length = bytes.count
            case .inPlace(let bytes):
                if let problem = put(bytes, at: end) { throw failure(problem) }
                length = bytes.count
            }
            directory.append(kind.rawValue); directory.append(UInt32(0)); directory.append(UInt64(end)); directory.append(UInt64(length))
            end += length
        }
        end = (end + 7) & ~7
        if let problem = directory.bytes.withUnsafeBytes({ put($0, at: StoreLayout.headerSize) }) { throw failure(problem) }
        guard ftruncate(descriptor, off_t(end)) == 0 else { throw failure(String(cString: strerror(errno))) }
        // The checksum covers everything after the header: read back through a mapping of the file.
        let checksum: UInt64
        do {
            let written = try MappedFile(descriptor: descriptor, path: temporary.path)
            checksum = StoreChecksum.of(UnsafeRawBufferPointer(rebasing: written.bytes[StoreLayout.headerSize...]))
        } catch {
            throw failure(error.message(.zh))
        }
        var header = BinaryWriter()
        header.append(contentsOf: StoreLayout.magic)
        header.append(StoreLayout.formatVersion)
        header.append(UInt32(plan.count))
        header.append(UInt64(end))
        header.append(checksum)
        header.align(to: StoreLayout.headerSize)
        if let problem = header.bytes.withUnsafeBytes({ put($0, at: 0) }) { throw failure(problem) }
        guard fsync(descriptor) == 0 else { throw failure(String(cString: strerror(errno))) }
        guard rename(temporary.path, target.path) == 0 else { throw failure(String(cString: strerror(errno))) }
        renamed = true
    }
}
