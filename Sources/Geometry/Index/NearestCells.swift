/// The items that can be nearest to any point of a grid cell, worked out when a cell is first asked,
/// so that a batch of points asks the tree once per cell instead of once per point.
///
/// For a cell with centre `c` and half-diagonal `r`, let `d` be the distance from `c` to its nearest
/// item. Any point `p` of the cell has an item within `d + r` (that one), so its own nearest item lies
/// within `d + r` of `p`, and that item's envelope within `d + r` of the cell. The candidates are the
/// items whose envelopes are that close to the cell: every point of the cell finds its nearest, ties
/// included, among them. They are kept in order of distance from the centre, so the nearest is usually
/// met first and the rest are ruled out by their envelopes.
struct NearestCells {
    struct Candidate {
        let item: Int32
        let envelope: Envelope
        /// Distance from the cell's centre to the envelope: the list's order.
        let fromCentre: Double
    }

    /// Cells per side of the grid.
    static let side = 64
    /// Point searches an index answers through its tree before it keeps candidates per cell: one site
    /// (the service, `screen --point`) never pays for a cell, a batch soon does.
    static let pointsBeforeCells = 64

    let extent: Envelope
    let cellSize: Double
    /// Half a cell's diagonal, a hair wider: no point of a cell is farther from its centre, also where
    /// rounding put a point on the edge into this cell rather than the next.
    let halfDiagonal: Double
    private var cells: [[Candidate]?]

    /// A grid over the items' extent with a margin as wide as it (points beyond it use the tree).
    /// Nil when the extent is empty or degenerate.
    init?(itemsExtent: Envelope) {
        guard !itemsExtent.isEmpty else { return nil }
        let margin = Swift.max(itemsExtent.width, itemsExtent.height) / 2
        let extent = Envelope(minX: itemsExtent.minX - margin, minY: itemsExtent.minY - margin,
                              maxX: itemsExtent.maxX + margin, maxY: itemsExtent.maxY + margin)
        let cellSize = Swift.max(extent.width, extent.height) / Double(Self.side)
        guard cellSize.isFinite, cellSize > 0 else { return nil }
        self.extent = extent
        self.cellSize = cellSize
        halfDiagonal = cellSize * 2.0.squareRoot() / 2 * (1 + 1e-6)
        cells = Array(repeating: nil, count: Self.side * Self.side)
    }

    /// The cell holding `point`, or nil outside the grid.
    func cell(of point: Coordinate) -> Int? {
        let column = ((point.x - extent.minX) / cellSize).rounded(.down)
        let row = ((point.y - extent.minY) / cellSize).rounded(.down)
        guard column >= 0, row >= 0, column < Double(Self.side), row < Double(Self.side) else { return nil }
        return Int(row) * Self.side + Int(column)
    }

    func box(of cell: Int) -> Envelope {
        let column = Double(cell % Self.side), row = Double(cell / Self.side)
        return Envelope(minX: extent.minX + column * cellSize, minY: extent.minY + row * cellSize,
                        maxX: extent.minX + (column + 1) * cellSize, maxY: extent.minY + (row + 1) * cellSize)
    }

    func candidates(_ cell: Int) -> [Candidate]? { cells[cell] }

    mutating func set(_ cell: Int, _ candidates: [Candidate]) { cells[cell] = candidates }
}
