import Foundation
import Geometry
import Wording

/// A GeoJSON file holding a FeatureCollection, a single Feature, or a bare geometry (read as one
/// feature without properties).
public struct GeoJSONFile: FeatureSource, Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path))
    }

    public var name: String { url.path }

    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        let data: Data
        do throws(InputLimits.Exceeded) { try InputLimits.checkFile(url, name: name) } catch {
            throw FeatureError.unreadable(source: name, detail: error.message(.zh) + " / " + error.message(.en))
        }
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FeatureError.unreadable(source: name, detail: Self.reason(error))
        }
        try GeoJSONDocument(name: name).forEachFeature(in: data, body)
    }

    /// Foundation's descriptions of file errors name the file and reason; keep them short.
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return nsError.localizedDescription
    }
}

/// Turning parsed JSON into features; shared by whole-file and record-by-record readers.
enum GeoJSONDecoding {
    static let geometryTypes: Set<String> = [
        "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection",
    ]

    /// Parses JSON text, skipping a UTF-8 byte-order mark that Windows editors like to add.
    static func parseJSON(_ data: Data) throws -> Any {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = data.starts(with: bom) ? data.dropFirst(3) : data[...]
        return try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    /// A feature from a Feature object, or from a bare geometry object (no id, no properties).
    static func feature(from object: Any, index: Int, source: String, path: String) -> Result<Feature, FeatureError> {
        guard let dictionary = object as? [String: Any] else {
            return .failure(.malformedFeature(source: source, index: index, id: nil, problem: .notAnObject))
        }
        let id = dictionary["id"].flatMap { JSONValue(any: $0).text }
        let type = dictionary["type"] as? String ?? ""
        if geometryTypes.contains(type) {
            return geometry(dictionary, path: path, source: source, index: index, id: nil)
                .map { Feature(id: nil, geometry: $0, properties: [:], index: index) }
        }
        guard type == "Feature" else {
            return .failure(.malformedFeature(source: source, index: index, id: id, problem: .wrongType(type)))
        }
        var properties: [String: JSONValue] = [:]
        switch dictionary["properties"] {
        case nil, is NSNull:
            break
        case let object as [String: Any]:
            properties = object.mapValues(JSONValue.init(any:))
        default:
            return .failure(.malformedFeature(source: source, index: index, id: id, problem: .propertiesNotAnObject))
        }
        let geometryValue: Geometry?
        switch dictionary["geometry"] {
        case nil, is NSNull:
            // RFC 7946 allows an unlocated feature; screening will say it has nothing to test.
            geometryValue = nil
        case let member?:
            switch geometry(member, path: path + ".geometry", source: source, index: index, id: id) {
            case .success(let parsed): geometryValue = parsed
            case .failure(let error): return .failure(error)
            }
        }
        return .success(Feature(id: id, geometry: geometryValue, properties: properties, index: index))
    }

    private static func geometry(_ object: Any, path: String, source: String, index: Int, id: String?)
        -> Result<Geometry, FeatureError>
    {
        do {
            return .success(try Geometry(geoJSONObject: object, path: path))
        } catch {
            return .failure(.invalidGeometry(source: source, index: index, id: id, problem: error))
        }
    }
}
