internal import CPROJ

/// Geodesic computations on the CGCS2000 ellipsoid through PROJ's geodesic routines (Karney).
/// Inputs are longitude/latitude degrees. A value type: safe to use from any thread.
public struct Geodesic: Sendable {
    public static let cgcs2000 = Geodesic(semiMajorAxis: 6_378_137.0, flattening: 1 / 298.257222101)

    public let semiMajorAxis: Double
    public let flattening: Double

    public init(semiMajorAxis: Double, flattening: Double) {
        self.semiMajorAxis = semiMajorAxis
        self.flattening = flattening
    }

    private func withGeodesic<T>(_ body: (UnsafePointer<geod_geodesic>) -> T) -> T {
        var geodesic = geod_geodesic()
        geod_init(&geodesic, semiMajorAxis, flattening)
        return body(&geodesic)
    }

    /// Distance in metres along the geodesic between two lon/lat points.
    public func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        withGeodesic { g in
            var s12 = 0.0
            geod_inverse(g, a.y, a.x, b.y, b.x, &s12, nil, nil)
            return s12
        }
    }

    /// The point reached from `start` after `distance` metres on `azimuth` degrees (clockwise from north).
    public func destination(from start: Coordinate, azimuth: Double, distance: Double) -> Coordinate {
        withGeodesic { g in
            var lat = 0.0, lon = 0.0
            geod_direct(g, start.y, start.x, azimuth, distance, &lat, &lon, nil)
            return Coordinate(x: lon, y: lat)
        }
    }

    /// Sum of geodesic segment lengths along the points.
    public func pathLength(_ points: [Coordinate]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + distance($1.0, $1.1) }
    }

    /// Unsigned area in m² enclosed by a closed ring (the closing point may be repeated or not).
    public func ringArea(_ ring: [Coordinate]) -> Double {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return 0 }
        var lats = points.map(\.y), lons = points.map(\.x)
        return withGeodesic { g in
            var area = 0.0
            geod_polygonarea(g, &lats, &lons, Int32(points.count), &area, nil)
            return abs(area)
        }
    }

    /// Area in m² of a geometry's polygons: each outer ring minus its holes.
    public func area(of geometry: Geometry) -> Double {
        switch geometry {
        case .polygon(let polygon): return polygonArea(polygon)
        case .multiPolygon(let polygons): return polygons.reduce(0) { $0 + polygonArea($1) }
        case .geometryCollection(let members): return members.reduce(0) { $0 + area(of: $1) }
        default: return 0
        }
    }

    /// Length in metres of lines, or the perimeter (all rings) of polygons.
    public func length(of geometry: Geometry) -> Double {
        var total = 0.0
        switch geometry {
        case .point, .multiPoint: break
        default: geometry.forEachCoordinateList { total += pathLength($0) }
        }
        return total
    }

    private func polygonArea(_ polygon: Polygon) -> Double {
        max(0, ringArea(polygon.exterior) - polygon.holes.reduce(0) { $0 + ringArea($1) })
    }
}
