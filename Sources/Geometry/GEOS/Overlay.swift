internal import CGEOS

// Overlay and buffer, planar in the coordinates' own units. For areas in square metres measure the
// result with `area(_:)` (see Measures).

extension Geometry {
    public func intersection(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "GEOSIntersection") { GEOSIntersection_r($0, $1, $2) }
    }

    public func union(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "GEOSUnion") { GEOSUnion_r($0, $1, $2) }
    }

    public func difference(_ other: Geometry) throws(GeometryError) -> Geometry {
        try binary(other, "GEOSDifference") { GEOSDifference_r($0, $1, $2) }
    }

    /// Dissolves all parts into one valid geometry (e.g. merges overlapping polygons).
    public func unaryUnion() throws(GeometryError) -> Geometry {
        try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            return try GEOSGeometry.take(GEOSUnaryUnion_r(context.handle, geometry.pointer), in: context, "GEOSUnaryUnion").toGeometry()
        }
    }

    /// Buffer by `distance` in the coordinates' units (metres for projected data). Use
    /// `buffer(metres:)` for longitude/latitude data.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws(GeometryError) -> Geometry {
        guard distance.isFinite else { throw .invalidInput(.invalidDistance(distance)) }
        return try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            let result = GEOSBuffer_r(context.handle, geometry.pointer, distance, Int32(quadrantSegments))
            return try GEOSGeometry.take(result, in: context, "GEOSBuffer").toGeometry()
        }
    }

    /// The part inside an axis-aligned rectangle, by GEOS's fast rectangle clipping (no full overlay):
    /// for cutting very large shapes into tiles. The result may be empty.
    public func clipped(to rectangle: Envelope) throws(GeometryError) -> Geometry {
        try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            return try GEOSGeometry.take(GEOSClipByRect_r(context.handle, geometry.pointer, rectangle.minX, rectangle.minY, rectangle.maxX, rectangle.maxY),
                                         in: context, "GEOSClipByRect").toGeometry()
        }
    }

    /// A point guaranteed to lie inside the geometry (on a polygon's interior, on a line), unlike its centroid.
    public func pointOnSurface() throws(GeometryError) -> Coordinate {
        let point = try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            return try GEOSGeometry.take(GEOSPointOnSurface_r(context.handle, geometry.pointer), in: context, "GEOSPointOnSurface").toGeometry()
        }
        guard case .point(let coordinate) = point else { throw .invalidInput(.emptyGeometry(operation: "pointOnSurface")) }
        return coordinate
    }

    /// Fewer vertices, each ring kept within `tolerance` (coordinate units) of the original and still
    /// valid (GEOS's topology-preserving simplifier): for drawing, never for measuring.
    public func simplifiedForDrawing(tolerance: Double) throws(GeometryError) -> Geometry {
        guard tolerance.isFinite, tolerance >= 0 else { throw .invalidInput(.invalidDistance(tolerance)) }
        return try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            return try GEOSGeometry.take(GEOSTopologyPreserveSimplify_r(context.handle, geometry.pointer, tolerance), in: context,
                                         "GEOSTopologyPreserveSimplify").toGeometry()
        }
    }

    /// Planar area of the intersection, in the coordinates' units squared.
    public func planarIntersectionArea(_ other: Geometry) throws(GeometryError) -> Double {
        try withGEOS { context throws(GeometryError) in
            let a = try makeGEOS(in: context), b = try other.makeGEOS(in: context)
            return try GEOSGeometry.take(GEOSIntersection_r(context.handle, a.pointer, b.pointer), in: context, "GEOSIntersection").area()
        }
    }

    /// Planar area in the coordinates' units squared (0 for points and lines).
    public func planarArea() throws(GeometryError) -> Double {
        try withGEOS { context throws(GeometryError) in try makeGEOS(in: context).area() }
    }

    /// Planar length (perimeter for polygons) in the coordinates' units.
    public func planarLength() throws(GeometryError) -> Double {
        try withGEOS { context throws(GeometryError) in try makeGEOS(in: context).length() }
    }

    /// Planar distance in the coordinates' units (0 when they intersect).
    public func planarDistance(to other: Geometry) throws(GeometryError) -> Double {
        try withGEOS { context throws(GeometryError) in
            try makeGEOS(in: context).distance(to: other.makeGEOS(in: context))
        }
    }

    /// The two closest points, the first on self, the second on `other` (planar).
    public func nearestPoints(to other: Geometry) throws(GeometryError) -> (Coordinate, Coordinate) {
        try withGEOS { context throws(GeometryError) in
            let a = try makeGEOS(in: context), b = try other.makeGEOS(in: context)
            guard !a.isEmpty, !b.isEmpty else { throw .invalidInput(.emptyGeometry(operation: "nearest points")) }
            // Owned sequence: destroyed here.
            guard let sequence = GEOSNearestPoints_r(context.handle, a.pointer, b.pointer) else {
                throw context.failure("GEOSNearestPoints")
            }
            defer { GEOSCoordSeq_destroy_r(context.handle, sequence) }
            var points: [Coordinate] = []
            for index in 0..<2 {
                var x = 0.0, y = 0.0
                guard GEOSCoordSeq_getXY_r(context.handle, sequence, UInt32(index), &x, &y) == 1 else {
                    throw context.failure("GEOSCoordSeq_getXY")
                }
                points.append(Coordinate(x: x, y: y))
            }
            return (points[0], points[1])
        }
    }

    public var centroid: Coordinate {
        get throws(GeometryError) {
            try withGEOS { context throws(GeometryError) in
                let geometry = try makeGEOS(in: context)
                guard !geometry.isEmpty else { throw .invalidInput(.emptyGeometry(operation: "centroid")) }
                let centroid = try GEOSGeometry.take(GEOSGetCentroid_r(context.handle, geometry.pointer), in: context, "GEOSGetCentroid")
                guard case .point(let point) = try centroid.toGeometry() else { throw context.failure("GEOSGetCentroid") }
                return point
            }
        }
    }

    private func binary(_ other: Geometry, _ operation: String,
                        _ call: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws(GeometryError) -> Geometry {
        try withGEOS { context throws(GeometryError) in
            let a = try makeGEOS(in: context), b = try other.makeGEOS(in: context)
            return try GEOSGeometry.take(call(context.handle, a.pointer, b.pointer), in: context, operation).toGeometry()
        }
    }
}
