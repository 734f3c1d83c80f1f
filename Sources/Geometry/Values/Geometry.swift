/// A polygon: one outer ring and any number of holes, each ring closed (first point repeated last).
public struct Polygon: Hashable, Sendable {
    public var exterior: [Coordinate]
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    public var rings: [[Coordinate]] { [exterior] + holes }
}

/// A planar geometry as a plain Swift value: safe to share between threads and tasks. Operations that
/// need GEOS convert it on demand; repeated tests against the same geometry use `PreparedGeometry`.
///
/// Empty geometries are the multi or collection cases with no parts (`.multiPolygon([])`).
public enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon(Polygon)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([Polygon])
    case geometryCollection([Geometry])

    /// The GeoJSON / OGC name of the type, as users see it in messages.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    public var isEmpty: Bool {
        switch self {
        case .point: false
        case .lineString(let points): points.isEmpty
        case .polygon(let polygon): polygon.exterior.isEmpty
        case .multiPoint(let points): points.isEmpty
        case .multiLineString(let lines): lines.allSatisfy(\.isEmpty)
        case .multiPolygon(let polygons): polygons.allSatisfy { $0.exterior.isEmpty }
        case .geometryCollection(let members): members.allSatisfy(\.isEmpty)
        }
    }

    /// Every coordinate, in storage order (rings in order, exterior first).
    public var coordinates: [Coordinate] {
        var all: [Coordinate] = []
        forEachCoordinateList { all.append(contentsOf: $0) }
        return all
    }

    public var coordinateCount: Int {
        var count = 0
        forEachCoordinateList { count += $0.count }
        return count
    }

    public var envelope: Envelope {
        var envelope = Envelope.empty
        forEachCoordinateList { list in
            for point in list { envelope.expand(toInclude: point) }
        }
        return envelope
    }

    /// Whether the geometry has area (polygons), which decides whether area shares make sense.
    public var dimension: Int {
        switch self {
        case .point, .multiPoint: 0
        case .lineString, .multiLineString: 1
        case .polygon, .multiPolygon: 2
        case .geometryCollection(let members): members.map(\.dimension).max() ?? 0
        }
    }

    func forEachCoordinateList(_ body: ([Coordinate]) -> Void) {
        switch self {
        case .point(let point): body([point])
        case .lineString(let points), .multiPoint(let points): body(points)
        case .polygon(let polygon): polygon.rings.forEach(body)
        case .multiLineString(let lines): lines.forEach(body)
        case .multiPolygon(let polygons): polygons.forEach { $0.rings.forEach(body) }
        case .geometryCollection(let members): members.forEach { $0.forEachCoordinateList(body) }
        }
    }

    /// The same shape with every coordinate passed through `transform`, structure kept.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        func ring(_ list: [Coordinate]) throws -> [Coordinate] { try list.map(transform) }
        func polygon(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let point): return .point(try transform(point))
        case .lineString(let points): return .lineString(try ring(points))
        case .polygon(let p): return .polygon(try polygon(p))
        case .multiPoint(let points): return .multiPoint(try ring(points))
        case .multiLineString(let lines): return .multiLineString(try lines.map(ring))
        case .multiPolygon(let polygons): return .multiPolygon(try polygons.map(polygon))
        case .geometryCollection(let members):
            return .geometryCollection(try members.map { try $0.mapCoordinates(transform) })
        }
    }

    /// Replaces all coordinates, in `coordinates` order, by those of `replacement` (same count).
    func replacingCoordinates(with replacement: [Coordinate]) -> Geometry {
        var index = 0
        return mapCoordinates { _ in
            defer { index += 1 }
            return replacement[index]
        }
    }
}
