// Measures in metres of geometries given in CGCS2000 longitude/latitude (EPSG:4490).

extension Geometry {
    /// Area in m² (0 for points and lines).
    public func area(_ method: MeasureMethod = .ellipsoidal) throws(GeometryError) -> Area {
        switch method {
        case .ellipsoidal:
            try checkGeographicRange()
            return Area(squareMetres: Geodesic.cgcs2000.area(of: self), method: method)
        case .projected(let crs):
            let projected = try CoordinateTransformer(from: .cgcs2000, to: crs).transform(self)
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
            let projected = try CoordinateTransformer(from: .cgcs2000, to: crs).transform(self)
            return Length(metres: try projected.planarLength(), method: method)
        }
    }

    /// Shortest distance in metres (0 when the geometries intersect).
    ///
    /// Ellipsoidal: between two points, the geodesic distance. Otherwise the two nearest points are
    /// found in the CGCS2000 Gauss-Krüger zone of the pair's centre, and the geodesic distance between
    /// them is returned; the choice of those points, not the distance, is planar, which differs from
    /// the true geodesic minimum by far less than a millimetre at the scales of a county.
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
            let transformer = try CoordinateTransformer(from: .cgcs2000, to: zone)
            let (a, b) = try transformer.transform(self).nearestPoints(to: transformer.transform(other))
            if a == b { return Length(metres: 0, method: method) }
            let back = try CoordinateTransformer(from: zone, to: .cgcs2000)
            return Length(metres: Geodesic.cgcs2000.distance(try back.transform(a), try back.transform(b)), method: method)
        case .projected(let crs):
            let transformer = try CoordinateTransformer(from: .cgcs2000, to: crs)
            return Length(metres: try transformer.transform(self).planarDistance(to: transformer.transform(other)), method: method)
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
        let projected = try CoordinateTransformer(from: .cgcs2000, to: zone).transform(self)
        let buffered = try projected.buffer(metres, quadrantSegments: quadrantSegments)
        return try CoordinateTransformer(from: zone, to: .cgcs2000).transform(buffered)
    }
}
