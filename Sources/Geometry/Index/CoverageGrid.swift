/// A coarse raster of one polygon over its envelope: each cell lies wholly inside the polygon, wholly
/// outside, or is touched by its boundary. A point in an inside or outside cell, or a small polygon
/// whose envelope meets only inside (or only outside) cells, is answered without GEOS; only boundary
/// cells need the exact test. At province scale a prepared GEOS test costs about a microsecond, mostly
/// cache misses in its edge index, and most sites lie well inside or well outside each candidate.
///
/// Built once per polygon and shared by all workers (a plain value).
///
/// `@unchecked Sendable`: the cells are never written after `init`, and mapped cells stay valid while
/// the grid holds their owner.
public struct CoverageGrid: @unchecked Sendable {
    public enum Cell: UInt8, Sendable {
        case outside = 0
        case inside = 1
        case boundary = 2
    }

    /// Cells on the longer side of a zone's envelope. Measured on the synthetic province, 64 settled
    /// more point lookups without GEOS (0.8x the bare test against 1.3x) but point screening as a
    /// whole was no faster within this machine's noise, for four times the memory (19 MB) and twice
    /// the build time.
    public static let standardSize = 32

    public let envelope: Envelope
    public let columns: Int
    public let rows: Int
    public let cellWidth: Double
    public let cellHeight: Double
    /// Row by row from the envelope's minimum corner, one `Cell` raw value each: in an array, or in
    /// place in a compiled store's bytes (kept alive by `owner`).
    private let storage: Storage

    private enum Storage {
        case owned([UInt8])
        case mapped(UnsafeRawBufferPointer, owner: AnyObject)
    }

    /// The cells, copied out.
    public var cells: [UInt8] {
        switch storage {
        case .owned(let cells): cells
        case .mapped(let bytes, _): Array(bytes)
        }
    }

    @inline(__always)
    private func cellValue(_ index: Int) -> UInt8 {
        switch storage {
        case .owned(let cells): cells[index]
        case .mapped(let bytes, _): bytes[index]
        }
    }

    /// A grid as a compiled dataset stored it; nil when the parts do not fit together.
    public init?(envelope: Envelope, columns: Int, rows: Int, cellWidth: Double, cellHeight: Double, cells: [UInt8]) {
        guard Self.fits(columns: columns, rows: rows, cellWidth: cellWidth, cellHeight: cellHeight, count: cells.count),
              cells.allSatisfy({ $0 <= Cell.boundary.rawValue }) else { return nil }
        self.envelope = envelope
        self.columns = columns
        self.rows = rows
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        storage = .owned(cells)
    }

    /// A grid read in place from a compiled store's bytes, which `owner` keeps valid; nil when the parts
    /// do not fit together. A cell value beyond `boundary` reads as `boundary` (the exact test decides).
    public init?(envelope: Envelope, columns: Int, rows: Int, cellWidth: Double, cellHeight: Double, mapped cells: UnsafeRawBufferPointer,
                 owner: AnyObject) {
        guard Self.fits(columns: columns, rows: rows, cellWidth: cellWidth, cellHeight: cellHeight, count: cells.count) else { return nil }
        self.envelope = envelope
        self.columns = columns
        self.rows = rows
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        storage = .mapped(cells, owner: owner)
    }

    private static func fits(columns: Int, rows: Int, cellWidth: Double, cellHeight: Double, count: Int) -> Bool {
        columns >= 1 && rows >= 1 && columns.multipliedReportingOverflow(by: rows) == (count, false) && cellWidth > 0 && cellHeight > 0
    }

    /// `covers(point)` decides one cell centre per connected group of cells the boundary does not
    /// touch (every cell of such a group is on the same side). `cellsOnLongerSide` sets the size.
    public init(_ geometry: Geometry, cellsOnLongerSide: Int = CoverageGrid.standardSize, covers: (Coordinate) throws -> Bool) rethrows {
        let envelope = geometry.envelope
        self.envelope = envelope
        let side = Swift.max(1, cellsOnLongerSide)
        let longer = Swift.max(envelope.width, envelope.height)
        guard !envelope.isEmpty, longer > 0, longer.isFinite else {
            columns = 1; rows = 1; cellWidth = 1; cellHeight = 1
            storage = .owned([Cell.boundary.rawValue])
            return
        }
        let columns = Swift.max(1, Int((envelope.width / longer * Double(side)).rounded(.up)))
        let rows = Swift.max(1, Int((envelope.height / longer * Double(side)).rounded(.up)))
        let cellWidth = envelope.width > 0 ? envelope.width / Double(columns) : 1
        let cellHeight = envelope.height > 0 ? envelope.height / Double(rows) : 1
        var cells = [UInt8](repeating: UInt8.max, count: columns * rows)  // max: not yet decided

        // Every cell that a boundary segment's envelope meets is a boundary cell (conservative: a long
        // diagonal segment marks more cells than it crosses, which costs speed, never correctness).
        // The same rounding maps points to cells below, and both are monotonic in the coordinate, so a
        // point on a segment always falls in a cell marked for it.
        func column(_ x: Double) -> Int { Self.slot(x, from: envelope.minX, size: cellWidth, count: columns) }
        func row(_ y: Double) -> Int { Self.slot(y, from: envelope.minY, size: cellHeight, count: rows) }
        geometry.forEachCoordinateList { ring in
            guard var previous = ring.first else { return }
            for point in ring.dropFirst() {
                for r in row(Swift.min(previous.y, point.y))...row(Swift.max(previous.y, point.y)) {
                    for c in column(Swift.min(previous.x, point.x))...column(Swift.max(previous.x, point.x)) {
                        cells[r * columns + c] = Cell.boundary.rawValue
                    }
                }
                previous = point
            }
        }

        // Flood each untouched group from one cell and decide it by that cell's centre.
        var stack: [Int] = []
        for start in cells.indices where cells[start] == UInt8.max {
            let centre = Coordinate(x: envelope.minX + (Double(start % columns) + 0.5) * cellWidth,
                                    y: envelope.minY + (Double(start / columns) + 0.5) * cellHeight)
            let value = try covers(centre) ? Cell.inside.rawValue : Cell.outside.rawValue
            cells[start] = value
            stack.append(start)
            while let cell = stack.popLast() {
                let c = cell % columns, r = cell / columns
                for (dc, dr) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                    let nc = c + dc, nr = r + dr
                    guard nc >= 0, nc < columns, nr >= 0, nr < rows else { continue }
                    let next = nr * columns + nc
                    if cells[next] == UInt8.max {
                        cells[next] = value
                        stack.append(next)
                    }
                }
            }
        }
        self.columns = columns
        self.rows = rows
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        storage = .owned(cells)
    }

    /// The cell holding `point`: outside for points beyond the envelope.
    public func cell(at point: Coordinate) -> Cell {
        guard point.x >= envelope.minX, point.x <= envelope.maxX, point.y >= envelope.minY, point.y <= envelope.maxY else { return .outside }
        let c = column(point.x), r = row(point.y)
        return Cell(rawValue: cellValue(r * columns + c)) ?? .boundary
    }

    /// `.inside` when every cell `query` meets is inside (so the polygon covers anything within
    /// `query`), `.outside` when `query` meets only outside cells or lies beyond the envelope, and
    /// `.boundary` otherwise.
    public func classify(_ query: Envelope) -> Cell {
        guard !query.isEmpty else { return .boundary }
        guard query.intersects(envelope) else { return .outside }
        let inside = query.minX >= envelope.minX && query.maxX <= envelope.maxX && query.minY >= envelope.minY && query.maxY <= envelope.maxY
        var seen: UInt8 = 0
        for r in row(query.minY)...row(query.maxY) {
            for c in column(query.minX)...column(query.maxX) {
                let value = cellValue(r * columns + c)
                if value >= Cell.boundary.rawValue { return .boundary }
                seen |= 1 << value
            }
        }
        // Part of the query beyond the envelope is outside the polygon.
        if !inside { seen |= 1 << Cell.outside.rawValue }
        switch seen {
        case 1 << Cell.inside.rawValue: return .inside
        case 1 << Cell.outside.rawValue: return .outside
        default: return .boundary
        }
    }

    private func column(_ x: Double) -> Int { Self.slot(x, from: envelope.minX, size: cellWidth, count: columns) }
    private func row(_ y: Double) -> Int { Self.slot(y, from: envelope.minY, size: cellHeight, count: rows) }

    /// The one cell mapping used both to mark boundary cells and to look points up, so the two agree.
    private static func slot(_ value: Double, from origin: Double, size: Double, count: Int) -> Int {
        Swift.min(count - 1, Swift.max(0, Int(((value - origin) / size).rounded(.down))))
    }

    /// Bytes held by the cells.
    public var byteCount: Int { columns * rows }
}

extension CoverageGrid {
    /// Grids for polygons. Any other geometry gets one cell, a boundary cell (lines and points touch
    /// every cell they meet), so tests within its envelope always go to GEOS.
    public static func grids(for geometries: [Geometry], cellsOnLongerSide: Int = CoverageGrid.standardSize) throws(GeometryError) -> [CoverageGrid] {
        let context = try GEOSContext()
        var grids: [CoverageGrid] = []
        grids.reserveCapacity(geometries.count)
        for geometry in geometries {
            guard geometry.dimension == 2 else {
                grids.append(CoverageGrid(geometry, cellsOnLongerSide: 1) { _ in false })
                continue
            }
            let prepared = try PreparedGeometry(geometry, context: context)
            do {
                grids.append(try CoverageGrid(geometry, cellsOnLongerSide: cellsOnLongerSide) { try prepared.relates(point: $0, .covers) })
            } catch let error as GeometryError {
                throw error
            } catch {
                throw .libraryFailed(library: "GEOS", operation: "coverage grid", message: "\(error)")
            }
        }
        return grids
    }
}

/// The coverage grids of one layer, in the layer's order: built in memory, or read one at a time from
/// a compiled store (`CoverageGrid(mapped:)`), so that opening a store copies none of them.
public struct CoverageGrids: RandomAccessCollection, Sendable {
    private enum Storage: Sendable {
        case values([CoverageGrid])
        case stored(count: Int, grid: @Sendable (Int) -> CoverageGrid)
    }

    private let storage: Storage

    public init(_ grids: [CoverageGrid]) { storage = .values(grids) }

    /// `grid(i)` makes grid `i` from stored bytes (without copying its cells).
    public init(count: Int, grid: @escaping @Sendable (Int) -> CoverageGrid) { storage = .stored(count: count, grid: grid) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .values(let grids): grids.count
        case .stored(let count, _): count
        }
    }

    public subscript(position: Int) -> CoverageGrid {
        switch storage {
        case .values(let grids): grids[position]
        case .stored(_, let grid): grid(position)
        }
    }
}
