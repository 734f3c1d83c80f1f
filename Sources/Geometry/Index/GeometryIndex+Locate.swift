/// An indexed polygon that covers a query point.
public struct PointHit: Hashable, Sendable {
    public let item: Int
    /// The point lies on the item's boundary (covered but not in its interior).
    public let onBoundary: Bool

    public init(item: Int, onBoundary: Bool) {
        self.item = item
        self.onBoundary = onBoundary
    }
}

/// How much of a query polygon an indexed polygon takes.
public struct AreaOverlap {
    public let item: Int
    /// The item covers the whole query, so the overlap is the query itself (no overlay was computed).
    public let coversQuery: Bool
    /// Planar area of the overlap, in the coordinates' units squared.
    public let planarArea: Double
    /// The overlap's geometry when asked for and not the whole query (for measures other than planar).
    public let geometry: Geometry?
}

// The screening paths: one GEOS geometry per query, prepared tests, and overlays only where a cheaper
// test cannot settle the answer.
extension GeometryIndex {
    /// Makes GEOS build every polygonal item's lazy indexes now (point-in-area for points, segment
    /// intersection for polygons) rather than on the first query that reaches each item, so a service
    /// or a benchmark starts at full speed.
    public func warmUp() throws(GeometryError) {
        for item in 0..<count where geometry(item).dimension == 2 {
            let envelope = source.envelope(at: item)
            let corner = Coordinate(x: envelope.minX, y: envelope.minY)
            _ = try preparedItem(item).relates(point: corner, .covers)
            // The envelope's diagonal leaves and enters the polygon, so GEOS needs its edge index.
            _ = try preparedItem(item).relates(.lineString([corner, Coordinate(x: envelope.maxX, y: envelope.maxY)]), .intersects)
        }
    }

    /// Items covering `point` (boundary included), in ascending item order. With `boundary`, also
    /// tells whether the point is on each item's boundary (one more prepared test per hit).
    public func locate(point: Coordinate, boundary: Bool = false) throws(GeometryError) -> [PointHit] {
        guard point.isFinite else { throw .invalidInput(.nonFiniteCoordinate(index: 0)) }
        var candidates: [Int] = []
        tree.search(Envelope(point)) { candidates.append($0) }
        guard !candidates.isEmpty else { return [] }
        candidates.sort()
        var made: GEOSGeometry?
        var hits: [PointHit] = []
        for item in candidates {
            switch grids?[item].cell(at: point) ?? .boundary {
            case .outside: continue
            case .inside: hits.append(PointHit(item: item, onBoundary: false))
            case .boundary:
                // On a packed table the rings are tested in place (nothing prepared, nothing per
                // worker); GEOS only decides what double arithmetic cannot.
                switch packed?.locate(point, item: item) ?? .undecided {
                case .outside: continue
                case .inside:
                    hits.append(PointHit(item: item, onBoundary: false))
                    continue
                case .boundary:
                    hits.append(PointHit(item: item, onBoundary: boundary))
                    continue
                case .undecided:
                    break
                }
                if made == nil { made = try Geometry.point(point).makeGEOS(in: context) }
                guard let made, try preparedItem(item).evaluate(.covers, made) else { continue }
                let onBoundary = boundary ? try !preparedItem(item).containsProperly(made) : false
                hits.append(PointHit(item: item, onBoundary: onBoundary))
            }
        }
        return hits
    }

    /// Items whose overlap with `polygon` has positive area, in ascending item order, with that area.
    /// An item that covers the whole polygon needs no overlay: its overlap is the polygon, whose area
    /// is `polygonArea` when given (computed here otherwise).
    public func overlaps(polygon: Geometry, polygonArea: Double? = nil, keepGeometry: Bool = false) throws(GeometryError) -> [AreaOverlap] {
        let envelope = polygon.envelope
        var candidates = tree.search(envelope)
        guard !candidates.isEmpty else { return [] }
        candidates.sort()
        var made: GEOSGeometry?
        var overlaps: [AreaOverlap] = []
        func wholeQuery(_ item: Int, _ made: GEOSGeometry?) throws(GeometryError) {
            var area = polygonArea ?? 0
            if polygonArea == nil {
                if let made { area = try made.area() } else { area = try polygon.makeGEOS(in: context).area() }
            }
            if area > 0 { overlaps.append(AreaOverlap(item: item, coversQuery: true, planarArea: area, geometry: nil)) }
        }
        for item in candidates {
            switch grids?[item].classify(envelope) ?? .boundary {
            case .outside: continue
            case .inside: try wholeQuery(item, made)
            case .boundary:
                if made == nil { made = try polygon.makeGEOS(in: context) }
                guard let made else { continue }
                let prepared = try preparedItem(item)
                guard try prepared.evaluate(.intersects, made) else { continue }
                if try prepared.evaluate(.covers, made) {
                    try wholeQuery(item, made)
                    continue
                }
                let intersection = try prepared.intersection(with: made, within: envelope)
                let area = try intersection.area()
                guard area > 0 else { continue }
                overlaps.append(AreaOverlap(item: item, coversQuery: false, planarArea: area,
                                            geometry: keepGeometry ? try intersection.toGeometry() : nil))
            }
        }
        return overlaps
    }

    /// The nearest item to `point` by planar distance. Line items are measured in Swift on their
    /// coordinates (see `PointToLineDistance`), after a cheaper lower bound from their chord (see
    /// `ChordBound`) has failed to rule them out; other items are measured by GEOS.
    ///
    /// After `NearestCells.pointsBeforeCells` searches without a distance limit (a batch, not one
    /// site), points are answered from the candidates of their grid cell: the same item and distance,
    /// for a fraction of the work.
    public func nearest(toPoint point: Coordinate, maxDistance: Double = .infinity) throws(GeometryError) -> (item: Int, distance: Double)? {
        guard point.isFinite else { throw .invalidInput(.nonFiniteCoordinate(index: 0)) }
        if maxDistance == .infinity {
            pointNearestQueries += 1
            if pointNearestQueries > NearestCells.pointsBeforeCells, let found = try nearestByCell(point) { return found }
        }
        return try treeNearest(toPoint: point, maxDistance: maxDistance)
    }

    /// The search itself, through the tree.
    func treeNearest(toPoint point: Coordinate, maxDistance: Double = .infinity) throws(GeometryError) -> (item: Int, distance: Double)? {
        var made: GEOSGeometry?
        do {
            return try tree.nearest(to: Envelope(point), maxDistance: maxDistance, scratch: &nearestScratch,
                                    bounds: { item in self.chordBound(item)?.bounds(from: point) ?? (0, .infinity) }) { item, _ in
                try self.distance(from: point, toItem: item, made: &made)
            }
        } catch let error as GeometryError {
            throw error
        } catch {
            throw .libraryFailed(library: "GEOS", operation: "nearest", message: "\(error)")
        }
    }

    /// Item `item`'s distance from `point`: in Swift for a line string, else by GEOS (`made` is the
    /// point in GEOS, made on first need and kept for the next item).
    func distance(from point: Coordinate, toItem item: Int, made: inout GEOSGeometry?) throws(GeometryError) -> Double? {
        if let distance = PointToLineDistance.distance(from: point, to: geometry(item)) { return distance }
        if made == nil { made = try Geometry.point(point).makeGEOS(in: context) }
        guard let made else { return nil }
        return try preparedItem(item).distance(to: made)
    }
}
