extension Geometry {
    /// Checks what GEOS would otherwise reject with a less helpful message: non-finite numbers,
    /// rings that are not closed or have fewer than 4 points, lines with fewer than 2 points.
    public func checkStructure() throws(GeometryError) {
        var offset = 0
        try checkStructure(offset: &offset)
    }

    /// Additionally checks that coordinates are plausible longitude/latitude degrees.
    public func checkGeographicRange() throws(GeometryError) {
        try checkStructure()
        for (index, point) in coordinates.enumerated() {
            if !(-90...90).contains(point.y) {
                throw .invalidInput(.latitudeOutOfRange(index: index, latitude: point.y))
            }
            if !(-180...180).contains(point.x) {
                throw .invalidInput(.longitudeOutOfRange(index: index, longitude: point.x))
            }
        }
    }

    private func checkStructure(offset: inout Int) throws(GeometryError) {
        switch self {
        case .point(let point):
            try Self.checkFinite([point], offset: &offset)
        case .multiPoint(let points):
            try Self.checkFinite(points, offset: &offset)
        case .lineString(let points):
            try Self.checkLine(points, offset: &offset)
        case .multiLineString(let lines):
            for line in lines { try Self.checkLine(line, offset: &offset) }
        case .polygon(let polygon):
            try Self.checkPolygon(polygon, offset: &offset)
        case .multiPolygon(let polygons):
            for polygon in polygons { try Self.checkPolygon(polygon, offset: &offset) }
        case .geometryCollection(let members):
            for member in members { try member.checkStructure(offset: &offset) }
        }
    }

    private static func checkFinite(_ points: [Coordinate], offset: inout Int) throws(GeometryError) {
        for (index, point) in points.enumerated() where !point.isFinite {
            throw .invalidInput(.nonFiniteCoordinate(index: offset + index))
        }
        offset += points.count
    }

    private static func checkLine(_ points: [Coordinate], offset: inout Int) throws(GeometryError) {
        if !points.isEmpty && points.count < 2 {
            throw .invalidInput(.tooFewPoints(kind: "LineString", count: points.count, minimum: 2))
        }
        try checkFinite(points, offset: &offset)
    }

    private static func checkPolygon(_ polygon: Polygon, offset: inout Int) throws(GeometryError) {
        for (ringIndex, ring) in polygon.rings.enumerated() {
            try checkFinite(ring, offset: &offset)
            if ring.isEmpty && ringIndex == 0 && polygon.holes.isEmpty { continue }
            guard ring.count >= 4 else {
                throw .invalidInput(.tooFewPoints(kind: "LinearRing", count: ring.count, minimum: 4))
            }
            if let first = ring.first, let last = ring.last, first != last {
                throw .invalidInput(.ringNotClosed(ring: ringIndex, first: first, last: last))
            }
        }
    }
}
