import Geometry

extension GeoJSONDecoding {
    /// A feature from text parsed by `FastJSON`, when everything about it is as expected; nil
    /// otherwise (an error to report, a GeometryCollection, anything unusual), in which case the
    /// caller decodes it the general way, whose answer and message then stand. So this path only
    /// ever returns what `feature(from:)` would have returned.
    static func plainFeature(_ value: JSONValue, index: Int) -> Feature? {
        guard case .object(let members) = value, case .string(let type)? = members["type"] else { return nil }
        let id: String?
        switch members["id"] {
        case nil: id = nil
        case .some(let member): id = member.text
        }
        if type != "Feature" {
            guard let geometry = plainGeometry(value) else { return nil }
            return Feature(id: nil, geometry: geometry, properties: [:], index: index)
        }
        var properties: [String: JSONValue] = [:]
        switch members["properties"] {
        case nil, .null?: break
        case .object(let object)?: properties = object
        default: return nil
        }
        var geometry: Geometry?
        switch members["geometry"] {
        case nil, .null?: geometry = nil
        case .some(let member):
            guard let parsed = plainGeometry(member) else { return nil }
            geometry = parsed
        }
        return Feature(id: id, geometry: geometry, properties: properties, index: index)
    }

    private static func plainGeometry(_ value: JSONValue) -> Geometry? {
        guard case .object(let members) = value, case .string(let type)? = members["type"],
              case .array(let coordinates)? = members["coordinates"] else { return nil }
        func position(_ value: JSONValue) -> Coordinate? {
            guard case .array(let numbers) = value, (2...4).contains(numbers.count),
                  case .number(let x) = numbers[0], case .number(let y) = numbers[1] else { return nil }
            return Coordinate(x: x, y: y)
        }
        func positions(_ value: JSONValue) -> [Coordinate]? {
            guard case .array(let items) = value else { return nil }
            var list: [Coordinate] = []
            list.reserveCapacity(items.count)
            for item in items {
                guard let coordinate = position(item) else { return nil }
                list.append(coordinate)
            }
            return list
        }
        func polygon(_ value: JSONValue) -> Polygon? {
            guard case .array(let items) = value else { return nil }
            var rings: [[Coordinate]] = []
            for item in items {
                guard let ring = positions(item) else { return nil }
                rings.append(ring)
            }
            guard let exterior = rings.first else { return Polygon(exterior: []) }
            return Polygon(exterior: exterior, holes: Array(rings.dropFirst()))
        }
        func each<T>(_ parse: (JSONValue) -> T?) -> [T]? {
            var list: [T] = []
            for item in coordinates {
                guard let parsed = parse(item) else { return nil }
                list.append(parsed)
            }
            return list
        }
        let geometry: Geometry?
        switch type {
        case "Point": geometry = position(.array(coordinates)).map(Geometry.point)
        case "LineString": geometry = positions(.array(coordinates)).map(Geometry.lineString)
        case "Polygon": geometry = polygon(.array(coordinates)).map(Geometry.polygon)
        case "MultiPoint": geometry = positions(.array(coordinates)).map(Geometry.multiPoint)
        case "MultiLineString": geometry = each(positions).map(Geometry.multiLineString)
        case "MultiPolygon": geometry = each(polygon).map(Geometry.multiPolygon)
        default: geometry = nil
        }
        guard let geometry, (try? geometry.checkStructure()) != nil else { return nil }
        return geometry
    }
}
