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
        if try streamCollection(data, body) { return }
        try readWhole(data, body)
    }

    /// A FeatureCollection is read feature by feature (see `GeoJSONCollectionScanner`). False when the
    /// text is not one, or its brackets do not close: the whole-document parse then says what is wrong.
    private func streamCollection(_ data: Data, _ body: (Result<Feature, FeatureError>) throws -> Void) throws -> Bool {
        try data.withUnsafeBytes { raw -> Bool in
            // A first pass checks the structure only, so a broken file fails before any feature is
            // delivered, as it did when it was parsed whole.
            var check = GeoJSONCollectionScanner(raw)
            guard case .collection(let members) = check.scan({ _ in }) else { return false }
            guard members["type"] as? String == "FeatureCollection" else { return false }
            var scanner = GeoJSONCollectionScanner(raw)
            var index = 0
            _ = try scanner.scan { element in
                defer { index += 1 }
                if let value = FastJSON.parse(element), let feature = GeoJSONDecoding.plainFeature(value, index: index) {
                    try body(.success(feature))
                    return
                }
                let object: Any
                do {
                    object = try JSONSerialization.jsonObject(with: Data(element), options: [])
                } catch {
                    try body(.failure(.malformedFeature(source: name, index: index, id: nil, problem: .notJSON(Self.reason(error)))))
                    return
                }
                try body(GeoJSONDecoding.feature(from: object, index: index, source: name, path: "$.features[\(index)]"))
            }
            return true
        }
    }

    private func readWhole(_ data: Data, _ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        let object: Any
        do {
            object = try GeoJSONDecoding.parseJSON(data)
        } catch {
            throw FeatureError.notJSON(source: name, detail: Self.reason(error))
        }
        guard let root = object as? [String: Any] else {
            throw FeatureError.notGeoJSON(source: name, problem: .notAnObject)
        }
        guard let type = root["type"] as? String else {
            throw FeatureError.notGeoJSON(source: name, problem: .missingMember("type"))
        }
        switch type {
        case "FeatureCollection":
            guard let members = root["features"] as? [Any] else {
                throw FeatureError.notGeoJSON(source: name, problem: .missingMember("features"))
            }
            for (index, member) in members.enumerated() {
                try body(GeoJSONDecoding.feature(from: member, index: index, source: name,
                                                 path: "$.features[\(index)]"))
            }
        case "Feature":
            try body(GeoJSONDecoding.feature(from: root, index: 0, source: name, path: "$"))
        default:
            guard GeoJSONDecoding.geometryTypes.contains(type) else {
                throw FeatureError.notGeoJSON(source: name, problem: .wrongType(type))
            }
            try body(GeoJSONDecoding.feature(from: root, index: 0, source: name, path: "$"))
        }
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
