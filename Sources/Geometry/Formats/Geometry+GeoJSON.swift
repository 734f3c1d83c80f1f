import Foundation

/// What is wrong with a GeoJSON geometry object.
public enum GeoJSONProblem: Equatable, Sendable {
    case notJSON(String)
    case notAnObject
    case missingMember(String)
    case unknownType(String)
    case notAnArray
    case notAPosition
    case notANumber

}

// GeoJSON geometry objects (RFC 7946 section 3.1). Positions keep x and y; a third value (height) is
// accepted and dropped, since every measure here is 2-D.

extension Geometry {
    public init(geoJSON text: String) throws(GeometryError) {
        try self.init(geoJSON: Data(text.utf8))
    }

    public init(geoJSON data: Data) throws(GeometryError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .invalidInput(.malformedGeoJSON(path: "$", problem: .notJSON(error.localizedDescription)))
        }
        try self.init(geoJSONObject: object)
    }

    /// From an already parsed JSON value (as `JSONSerialization` gives it).
    public init(geoJSONObject object: Any, path: String = "$") throws(GeometryError) {
        func fail(_ path: String, _ problem: GeoJSONProblem) -> GeometryError {
            .invalidInput(.malformedGeoJSON(path: path, problem: problem))
        }
        guard let dictionary = object as? [String: Any] else { throw fail(path, .notAnObject) }
        guard let type = dictionary["type"] as? String else { throw fail(path, .missingMember("type")) }
        if type == "GeometryCollection" {
            guard let members = dictionary["geometries"] else { throw fail(path, .missingMember("geometries")) }
            guard let list = members as? [Any] else { throw fail(path + ".geometries", .notAnArray) }
            var geometries: [Geometry] = []
            for (index, member) in list.enumerated() {
                geometries.append(try Geometry(geoJSONObject: member, path: "\(path).geometries[\(index)]"))
            }
            self = .geometryCollection(geometries)
            return
        }
        guard let coordinates = dictionary["coordinates"] else { throw fail(path, .missingMember("coordinates")) }
        let at = path + ".coordinates"
        let parsed: Geometry
        switch type {
        case "Point": parsed = .point(try Self.position(coordinates, at))
        case "LineString": parsed = .lineString(try Self.positions(coordinates, at))
        case "Polygon": parsed = .polygon(try Self.polygon(coordinates, at))
        case "MultiPoint": parsed = .multiPoint(try Self.positions(coordinates, at))
        case "MultiLineString":
            parsed = .multiLineString(try Self.array(coordinates, at).enumerated().map { (i, v) throws(GeometryError) in
                try Self.positions(v, "\(at)[\(i)]")
            })
        case "MultiPolygon":
            parsed = .multiPolygon(try Self.array(coordinates, at).enumerated().map { (i, v) throws(GeometryError) in
                try Self.polygon(v, "\(at)[\(i)]")
            })
        default:
            throw fail(path + ".type", .unknownType(type))
        }
        try parsed.checkStructure()
        self = parsed
    }

    private static func array(_ value: Any, _ path: String) throws(GeometryError) -> [Any] {
        guard let list = value as? [Any] else { throw .invalidInput(.malformedGeoJSON(path: path, problem: .notAnArray)) }
        return list
    }

    private static func position(_ value: Any, _ path: String) throws(GeometryError) -> Coordinate {
        guard let list = value as? [Any], (2...4).contains(list.count) else {
            throw .invalidInput(.malformedGeoJSON(path: path, problem: .notAPosition))
        }
        var numbers: [Double] = []
        for (index, item) in list.prefix(2).enumerated() {
            // JSONSerialization gives NSNumber; booleans are NSNumber too and must be refused.
            guard let number = item as? NSNumber, type(of: number) != Self.booleanNumberType else {
                throw .invalidInput(.malformedGeoJSON(path: "\(path)[\(index)]", problem: .notANumber))
            }
            numbers.append(number.doubleValue)
        }
        return Coordinate(x: numbers[0], y: numbers[1])
    }

    private static let booleanNumberType = type(of: NSNumber(value: true))

    private static func positions(_ value: Any, _ path: String) throws(GeometryError) -> [Coordinate] {
        try array(value, path).enumerated().map { (i, v) throws(GeometryError) in try position(v, "\(path)[\(i)]") }
    }

    private static func polygon(_ value: Any, _ path: String) throws(GeometryError) -> Polygon {
        let rings = try array(value, path).enumerated().map { (i, v) throws(GeometryError) in try positions(v, "\(path)[\(i)]") }
        guard let exterior = rings.first else { return Polygon(exterior: []) }
        return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
    }

    /// The GeoJSON geometry object as a JSON-compatible value (for embedding in features).
    public var geoJSONObject: [String: Any] {
        func position(_ c: Coordinate) -> [Double] { [c.x, c.y] }
        func positions(_ list: [Coordinate]) -> [[Double]] { list.map(position) }
        func polygon(_ p: Polygon) -> [[[Double]]] { p.exterior.isEmpty ? [] : p.rings.map(positions) }
        switch self {
        case .point(let c): return ["type": "Point", "coordinates": position(c)]
        case .lineString(let l): return ["type": "LineString", "coordinates": positions(l)]
        case .polygon(let p): return ["type": "Polygon", "coordinates": polygon(p)]
        case .multiPoint(let l): return ["type": "MultiPoint", "coordinates": positions(l)]
        case .multiLineString(let ls): return ["type": "MultiLineString", "coordinates": ls.map(positions)]
        case .multiPolygon(let ps): return ["type": "MultiPolygon", "coordinates": ps.map(polygon)]
        case .geometryCollection(let gs): return ["type": "GeometryCollection", "geometries": gs.map(\.geoJSONObject)]
        }
    }

    /// Compact GeoJSON text; numbers are printed in their shortest round-trip form.
    public var geoJSON: String {
        func position(_ c: Coordinate) -> String { "[\(Self.number(c.x)),\(Self.number(c.y))]" }
        func positions(_ list: [Coordinate]) -> String { "[" + list.map(position).joined(separator: ",") + "]" }
        func polygon(_ p: Polygon) -> String { p.exterior.isEmpty ? "[]" : "[" + p.rings.map(positions).joined(separator: ",") + "]" }
        func object(_ type: String, _ coordinates: String) -> String { "{\"type\":\"\(type)\",\"coordinates\":\(coordinates)}" }
        switch self {
        case .point(let c): return object("Point", position(c))
        case .lineString(let l): return object("LineString", positions(l))
        case .polygon(let p): return object("Polygon", polygon(p))
        case .multiPoint(let l): return object("MultiPoint", positions(l))
        case .multiLineString(let ls): return object("MultiLineString", "[" + ls.map(positions).joined(separator: ",") + "]")
        case .multiPolygon(let ps): return object("MultiPolygon", "[" + ps.map(polygon).joined(separator: ",") + "]")
        case .geometryCollection(let gs):
            return "{\"type\":\"GeometryCollection\",\"geometries\":[" + gs.map(\.geoJSON).joined(separator: ",") + "]}"
        }
    }

    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// A geometry encodes as its GeoJSON geometry object (positions as [x, y]).
extension Geometry: Encodable {
    private enum Keys: String, CodingKey { case type, coordinates, geometries }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(typeName, forKey: .type)
        func positions(_ list: [Coordinate]) -> [[Double]] { list.map { [$0.x, $0.y] } }
        func rings(_ polygon: Polygon) -> [[[Double]]] { polygon.exterior.isEmpty ? [] : polygon.rings.map(positions) }
        switch self {
        case .point(let c): try container.encode([c.x, c.y], forKey: .coordinates)
        case .lineString(let l), .multiPoint(let l): try container.encode(positions(l), forKey: .coordinates)
        case .polygon(let p): try container.encode(rings(p), forKey: .coordinates)
        case .multiLineString(let ls): try container.encode(ls.map(positions), forKey: .coordinates)
        case .multiPolygon(let ps): try container.encode(ps.map(rings), forKey: .coordinates)
        case .geometryCollection(let members): try container.encode(members, forKey: .geometries)
        }
    }
}
