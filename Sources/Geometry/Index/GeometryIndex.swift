/// A pair from an index query: `query` indexes the query geometries, `item` the indexed ones.
public struct IndexPair: Hashable, Sendable {
    public let query: Int
    public let item: Int

    public init(query: Int, item: Int) {
        self.query = query
        self.item = item
    }
}

/// Indexed, prepared geometries for repeated queries: a frozen `EnvelopeTree` for candidates and,
/// per item, a prepared geometry for exact predicates and distances.
///
/// Items are materialised and prepared on first use: a query pays for the items it reaches, once,
/// and an index over a province's zones costs nothing until then. A worker that touches a handful of
/// zones holds a handful of prepared geometries, not all of them.
///
/// Not Sendable: it owns prepared GEOS geometries, which are not thread-safe. For several workers,
/// build the tree once and give each worker its own index over the same values with `init(_:tree:)`.
public final class GeometryIndex {
    public let source: any IndexedGeometries
    /// The source when it is a packed table: points are then located on its rings in place.
    let packed: PackedGeometries?
    public let tree: EnvelopeTree
    /// Optional coarse rasters of the items (same order), which settle most point and small-polygon
    /// tests without GEOS; see `CoverageGrid`.
    public let grids: CoverageGrids?
    private var materialised: [Geometry?]
    private var prepared: [PreparedGeometry?]
    let context: GEOSContext
    /// The nearest search's queue, kept between calls (an index belongs to one thread).
    var nearestScratch = NearestSearchScratch()
    /// Point nearest searches answered so far, and once there are enough of them (a batch), the
    /// candidates per grid cell that answer the next ones (see `NearestCells`).
    var pointNearestQueries = 0
    var nearestCells: NearestCells?
    /// Per item, a chord bound for line strings (nil for anything else), for nearest searches, worked
    /// out when a search first reaches the item (an engine over a national dataset's shoreline pieces
    /// reaches a few of them per site); nil while not yet worked out. A packed source holds zones,
    /// which are polygons and have none.
    private var chordBounds: [ChordBound??]

    /// Builds the tree; geometries are prepared on first use. GEOS builds each prepared geometry's own
    /// edge index on its first test, so the first query touching an item pays for that item once.
    public convenience init(_ geometries: [Geometry], nodeCapacity: Int = 16) throws(GeometryError) {
        for geometry in geometries { try geometry.checkStructure() }
        try self.init(geometries, tree: EnvelopeTree(geometries.map(\.envelope), nodeCapacity: nodeCapacity))
    }

    /// Shares a tree built elsewhere (it must have been built from these geometries' envelopes).
    public init(_ source: any IndexedGeometries, tree: EnvelopeTree, grids: CoverageGrids? = nil) throws(GeometryError) {
        precondition(tree.count == source.count, "the tree was built over a different set of geometries")
        precondition(grids.map { $0.count == source.count } ?? true, "the grids were built over a different set of geometries")
        self.source = source
        self.packed = source.packedTable
        self.tree = tree
        self.grids = grids
        self.materialised = Array(repeating: nil, count: source.count)
        self.prepared = Array(repeating: nil, count: source.count)
        // Packed sources are zones (polygons): no chord bounds, and no array for them.
        self.chordBounds = packed == nil ? Array(repeating: nil, count: source.count) : []
        self.context = try GEOSContext()
    }

    /// Item `item`'s chord bound when it is a line string (worked out once, on first use).
    func chordBound(_ item: Int) -> ChordBound? {
        guard item < chordBounds.count else { return nil }
        if let known = chordBounds[item] { return known }
        var made: ChordBound?
        if case .lineString(let line) = geometry(item) { made = ChordBound(line) }
        chordBounds[item] = .some(made)
        return made
    }

    /// The same, with grids built in memory.
    public convenience init(_ source: any IndexedGeometries, tree: EnvelopeTree, grids: [CoverageGrid]) throws(GeometryError) {
        try self.init(source, tree: tree, grids: CoverageGrids(grids))
    }

    public var count: Int { source.count }

    /// One item as a Swift value, copied out of a packed source once and kept.
    public func geometry(_ item: Int) -> Geometry {
        if let done = materialised[item] { return done }
        let made = source.geometry(at: item)
        materialised[item] = made
        return made
    }

    /// The prepared form of one item, made on first use.
    public func preparedItem(_ item: Int) throws(GeometryError) -> PreparedGeometry {
        if let done = prepared[item] { return done }
        let made = try PreparedGeometry(geometry(item), context: context)
        prepared[item] = made
        return made
    }

    /// How many items have been prepared so far (what this index holds in GEOS memory).
    public var preparedCount: Int { prepared.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Items for which `predicate(query, item)` holds, in ascending item order (the shapely STRtree
    /// convention: the query geometry is the first argument).
    public func query(_ geometry: Geometry, _ predicate: SpatialPredicate) throws(GeometryError) -> [Int] {
        let made = try geometry.makeGEOS(in: context)
        return try query(made, envelope: geometry.envelope, predicate)
    }

    /// Items whose prepared geometry satisfies `predicate(point, item)`; the point-in-polygon path.
    public func query(point: Coordinate, _ predicate: SpatialPredicate) throws(GeometryError) -> [Int] {
        guard point.isFinite else { throw .invalidInput(.nonFiniteCoordinate(index: 0)) }
        return try query(.point(point), predicate)
    }

    /// All pairs (query i, item j) with `predicate(queries[i], item j)`, ordered by query then item.
    public func query(_ geometries: [Geometry], _ predicate: SpatialPredicate) throws(GeometryError) -> [IndexPair] {
        var pairs: [IndexPair] = []
        for (index, geometry) in geometries.enumerated() {
            for item in try query(geometry, predicate) { pairs.append(IndexPair(query: index, item: item)) }
        }
        return pairs
    }

    /// The nearest item by planar distance (coordinate units) with that distance; `include` filters
    /// items (e.g. only main-stream shorelines). Nil when nothing qualifies within `maxDistance`.
    /// Line items are first ruled out where their chord bound allows (the geometry lies within
    /// `reach` of its envelope's centre); polygons and lines are then measured against them in Swift
    /// (`LineSetDistance`), anything else by GEOS.
    public func nearest(to geometry: Geometry, maxDistance: Double = .infinity,
                        where include: (Int) -> Bool = { _ in true }) throws(GeometryError) -> (item: Int, distance: Double)? {
        try geometry.checkStructure()
        guard !geometry.isEmpty else { throw .invalidInput(.emptyGeometry(operation: "nearest")) }
        // Made only if an item needs GEOS: parcels against shoreline pieces never do.
        var made: GEOSGeometry?
        let site = LineSetDistance(geometry)
        let measuredInSwift: Bool
        switch geometry {
        case .polygon, .multiPolygon, .lineString, .multiLineString: measuredInSwift = true
        default: measuredInSwift = false
        }
        do {
            return try tree.nearest(to: geometry.envelope, maxDistance: maxDistance, scratch: &nearestScratch,
                                    bounds: { item in
                                        guard let (lower, upper) = self.chordBound(item)?.bounds(from: site.centre) else { return (0, .infinity) }
                                        // Every point of the geometry is within `reach` of the centre.
                                        return (lower - site.reach, upper + site.reach)
                                    }) { item, limit in
                guard include(item) else { return nil }
                if measuredInSwift, case .lineString(let line) = self.geometry(item) { return site.distance(to: line, limit: limit) }
                if made == nil { made = try geometry.makeGEOS(in: context) }
                guard let made else { return nil }
                return try self.preparedItem(item).distance(to: made)
            }
        } catch let error as GeometryError {
            throw error
        } catch {
            throw .libraryFailed(library: "GEOS", operation: "nearest", message: "\(error)")
        }
    }

    private func query(_ made: GEOSGeometry, envelope: Envelope, _ predicate: SpatialPredicate) throws(GeometryError) -> [Int] {
        // Prepared items are the first argument of GEOS's call, so ask the converse relation.
        let itemPredicate = predicate.converse
        var candidates: [Int]
        switch predicate {
        case .withinDistance(let distance):
            guard distance.isFinite, distance >= 0 else { throw .invalidInput(.invalidDistance(distance)) }
            candidates = tree.search(envelope.expanded(by: distance))
        case .disjoint:
            candidates = Array(0..<count)
        default:
            candidates = tree.search(envelope)
        }
        candidates.sort()
        var result: [Int] = []
        if case .disjoint = predicate {
            let touching = Set(tree.search(envelope))
            for item in candidates {
                if !touching.contains(item) {
                    result.append(item)
                } else if try preparedItem(item).evaluate(itemPredicate, made) {
                    result.append(item)
                }
            }
            return result
        }
        for item in candidates where try preparedItem(item).evaluate(itemPredicate, made) { result.append(item) }
        return result
    }
}
