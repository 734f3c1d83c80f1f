// Measures in metres of geometries given in CGCS2000 longitude/latitude (EPSG:4490).

extension Geometry {
    /// Area in m² (0 for points and lines).
    public func area(_ method: MeasureMethod = .ellipsoidal) throws(GeometryError) -> Area {
        switch method {
        case .ellipsoidal:
            try checkGeographicRange()
            return Area(squareMetres: Geodesic.cgcs2000.area(of: self), method: method)
        case .projected(let crs):
            let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: crs).transform(self)
            return Area(squareMetres: try projected.planarArea(), method: method)
        }
    }

    /// Length of lines, perimeter of polygons, in metres.
    public func length(_ method: MeasureMethod = .ellipsoidal) throws(GeometryError) -> Length {
        switch method {
        case .ellipsoidal:
            try checkGeographicRange()
            return Length(metres: Geodesic.cgcs2000.length(of: self), method: method)
        case .projected(let crs):
            let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: crs).transform(self)
            return Length(metres: try projected.planarLength(), method: method)
        }
    }

    /// Shortest distance in metres (0 when the geometries intersect).
    ///
    /// Ellipsoidal: between two points, the geodesic distance. Otherwise edges are read as straight in
    /// longitude/latitude (as GeoJSON has them) and densified to at most 0.005° (about 500 m) per
    /// segment; the two nearest points are found in the CGCS2000 Gauss-Krüger zone of the pair's
    /// centre and the geodesic distance between them is returned. A projected chord strays from the
    /// edge by an amount growing with the square of its length (0.12 m for a 16.6 km meridian segment
    /// 1.5° from the central meridian); at 500 m it is under a millimetre.
    public func distance(to other: Geometry, _ method: MeasureMethod = .ellipsoidal) throws(GeometryError) -> Length {
        switch method {
        case .ellipsoidal:
            try checkGeographicRange()
            try other.checkGeographicRange()
            if case .point(let a) = self, case .point(let b) = other {
                return Length(metres: Geodesic.cgcs2000.distance(a, b), method: method)
            }
            guard !isEmpty, !other.isEmpty else { throw .invalidInput(.emptyGeometry(operation: "distance")) }
            let zone = try CRS.measuringCRS(forLongitude: envelope.union(other.envelope).center.x)
            let transformer = try CoordinateTransformer.cached(from: .cgcs2000, to: zone)
            let (a, b) = try transformer.transform(densified(maxSegment: 0.005))
                .nearestPoints(to: transformer.transform(other.densified(maxSegment: 0.005)))
            if a == b { return Length(metres: 0, method: method) }
            let back = try CoordinateTransformer.cached(from: zone, to: .cgcs2000)
            return Length(metres: Geodesic.cgcs2000.distance(try back.transform(a), try back.transform(b)), method: method)
        case .projected(let crs):
            let transformer = try CoordinateTransformer.cached(from: .cgcs2000, to: crs)
            return Length(metres: try transformer.transform(self).planarDistance(to: transformer.transform(other)), method: method)
        }
    }

    /// The same shape with extra vertices so that no segment is longer than `maxSegment` (in the
    /// coordinates' units), interpolated linearly.
    public func densified(maxSegment: Double) -> Geometry {
        guard maxSegment > 0, maxSegment.isFinite else { return self }
        func densify(_ points: [Coordinate]) -> [Coordinate] {
            guard let first = points.first else { return points }
            var result = [first]
            for (a, b) in zip(points, points.dropFirst()) {
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                let pieces = length.isFinite ? max(1, Int((length / maxSegment).rounded(.up))) : 1
                for step in 1..<pieces {
                    let t = Double(step) / Double(pieces)
                    result.append(Coordinate(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
                }
                result.append(b)
            }
            return result
        }
        func polygon(_ p: Polygon) -> Polygon { Polygon(exterior: densify(p.exterior), holes: p.holes.map(densify)) }
        switch self {
        case .point, .multiPoint: return self
        case .lineString(let points): return .lineString(densify(points))
        case .polygon(let p): return .polygon(polygon(p))
        case .multiLineString(let lines): return .multiLineString(lines.map(densify))
        case .multiPolygon(let polygons): return .multiPolygon(polygons.map(polygon))
        case .geometryCollection(let members): return .geometryCollection(members.map { $0.densified(maxSegment: maxSegment) })
        }
    }

    /// Area in m² of the intersection with `other`.
    public func intersectionArea(_ other: Geometry, _ method: MeasureMethod = .ellipsoidal) throws(GeometryError) -> Area {
        try intersection(other).area(method)
    }

    /// Buffer by `metres` around a longitude/latitude geometry: buffered in its Gauss-Krüger zone and
    /// brought back to longitude/latitude.
    public func buffer(metres: Double, quadrantSegments: Int = 8) throws(GeometryError) -> Geometry {
        guard metres.isFinite else { throw .invalidInput(.invalidDistance(metres)) }
        try checkGeographicRange()
        guard !isEmpty else { throw .invalidInput(.emptyGeometry(operation: "buffer")) }
        let zone = try CRS.measuringCRS(forLongitude: envelope.center.x)
        let projected = try CoordinateTransformer.cached(from: .cgcs2000, to: zone).transform(self)
        let buffered = try projected.buffer(metres, quadrantSegments: quadrantSegments)
        return try CoordinateTransformer.cached(from: zone, to: .cgcs2000).transform(buffered)
    }
}
