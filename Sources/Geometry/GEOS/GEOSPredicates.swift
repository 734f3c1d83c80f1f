internal import CGEOS

extension GEOSGeometry {
    /// Evaluates `predicate(self, other)` without preparation: fine once, slow in a loop.
    func evaluate(_ predicate: SpatialPredicate, _ other: GEOSGeometry) throws(GeometryError) -> Bool {
        let h = context.handle, a = pointer, b = other.pointer
        switch predicate {
        case .intersects: return try context.predicate(GEOSIntersects_r(h, a, b), "GEOSIntersects")
        case .covers: return try context.predicate(GEOSCovers_r(h, a, b), "GEOSCovers")
        case .coveredBy: return try context.predicate(GEOSCoveredBy_r(h, a, b), "GEOSCoveredBy")
        case .contains: return try context.predicate(GEOSContains_r(h, a, b), "GEOSContains")
        case .within: return try context.predicate(GEOSWithin_r(h, a, b), "GEOSWithin")
        case .touches: return try context.predicate(GEOSTouches_r(h, a, b), "GEOSTouches")
        case .disjoint: return try context.predicate(GEOSDisjoint_r(h, a, b), "GEOSDisjoint")
        case .withinDistance(let distance):
            guard distance.isFinite, distance >= 0 else { throw .invalidInput(.invalidDistance(distance)) }
            return try context.predicate(GEOSDistanceWithin_r(h, a, b, distance), "GEOSDistanceWithin")
        }
    }
}

extension Geometry {
    /// `predicate(self, other)`, e.g. `unit.relates(site, .covers)`. For many tests against the same
    /// geometry use `PreparedGeometry` or `GeometryIndex`.
    public func relates(_ other: Geometry, _ predicate: SpatialPredicate) throws(GeometryError) -> Bool {
        try withGEOS { context throws(GeometryError) in
            try makeGEOS(in: context).evaluate(predicate, other.makeGEOS(in: context))
        }
    }

    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .intersects) }
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .covers) }
    public func coveredBy(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .coveredBy) }
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .contains) }
    public func within(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .within) }
    public func touches(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .touches) }
    public func disjoint(_ other: Geometry) throws(GeometryError) -> Bool { try relates(other, .disjoint) }
}
