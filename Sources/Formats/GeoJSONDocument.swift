import Foundation

/// The features of one GeoJSON text in memory (a file's bytes, stdin read whole, a request body),
/// parsed once: a FeatureCollection feature by feature, anything else as one document.
struct GeoJSONDocument {
    /// What messages call the source.
    let name: String
    /// Only a FeatureCollection will do (a batch request): anything else is `notGeoJSON(.wrongType)`
    /// (or `.notAnObject`, `.missingMember("type")`), found before any feature is delivered.
    var requireCollection = false

    func forEachFeature(in data: Data, _ body: (Result<Feature, FeatureError>) throws -> Void) throws {
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
                    try body(.failure(.malformedFeature(source: name, index: index, id: nil, problem: .notJSON(GeoJSONFile.reason(error)))))
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
            throw FeatureError.notJSON(source: name, detail: GeoJSONFile.reason(error))
        }
        guard let root = object as? [String: Any] else {
            throw FeatureError.notGeoJSON(source: name, problem: .notAnObject)
        }
        guard let type = root["type"] as? String else {
            throw FeatureError.notGeoJSON(source: name, problem: .missingMember("type"))
        }
        if requireCollection && type != "FeatureCollection" {
            throw FeatureError.notGeoJSON(source: name, problem: .wrongType(type))
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
}
