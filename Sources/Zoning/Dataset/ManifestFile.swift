import Geometry

/// `dataset.yaml` as written (see docs/dataset-format.md). Decoded, then checked and resolved by
/// `DatasetLoader`.
struct ManifestFile: Decodable {
    var formatVersion: Int
    var name: String
    var region: String
    var regionCode: String?
    var fictional: Bool?
    var version: String
    var date: String
    var crs: String
    var measurement: MeasurementSpec
    var shorelineBaseline: ShorelineBaseline
    var sources: [SourceDocument]
    var layers: LayersSpec
    var clauseFiles: [String]?
    var unitClauseAnnotations: String?
    var rules: String
    var industryCatalogue: String
    var sites: String?

    struct MeasurementSpec: Decodable {
        var method: String
        var crs: String?
    }

    struct LayersSpec: Decodable {
        var redLines: LayerSpec
        var controlUnits: LayerSpec
        var shorelines: LayerSpec
        var sensitiveAreas: [LayerSpec]?
    }

    struct LayerSpec: Decodable {
        var id: String?
        var kind: String?
        var file: String
        var fields: [String: String]
        var classValues: [String: String]?
        var listFields: [String: String]?
    }
}

/// A clause file (`lists/*.yaml`).
struct ClauseFile: Decodable {
    var clauses: [ClauseRecord]

    struct ClauseRecord: Decodable {
        var id: String
        var level: ClauseLevel
        var scope: ScopeRecord
        var dimension: Dimension
        var industries: [String]?
        var excludeIndustries: [String]?
        var natures: [ProjectNature]?
        var chemical: Bool?
        var flags: [String]?
        var effect: Effect
        var text: String
        var source: Citation
    }

    /// `all`, or a mapping with one of classes / subclasses / units.
    enum ScopeRecord: Decodable {
        case all
        case classes([Int])
        case subclasses([String])
        case units([String])

        private enum Keys: String, CodingKey { case classes, subclasses, units }

        init(from decoder: Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                guard text == "all" else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "scope must be all, or a mapping with classes, subclasses or units; found \(text)"))
                }
                self = .all
                return
            }
            let container = try decoder.container(keyedBy: Keys.self)
            if let classes = try container.decodeIfPresent([Int].self, forKey: .classes) { self = .classes(classes) }
            else if let subclasses = try container.decodeIfPresent([String].self, forKey: .subclasses) { self = .subclasses(subclasses) }
            else if let units = try container.decodeIfPresent([String].self, forKey: .units) { self = .units(units) }
            else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "scope mapping needs classes, subclasses or units"))
            }
        }
    }
}

/// The side table annotating clauses split from unit text.
struct AnnotationFile: Decodable {
    var annotations: [Annotation]

    struct Annotation: Decodable {
        var clause: String
        var industries: [String]?
        var excludeIndustries: [String]?
        var natures: [ProjectNature]?
        var chemical: Bool?
        var flags: [String]?
        var effect: Effect
        var source: Citation?
    }
}
