import ClauseReading
import Geometry
import Zoning

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
    /// CRS of layer files that carry none of their own (a GeoJSON, a Shapefile without .prj).
    var crs: String?
    var measurement: MeasurementSpec
    var shorelineBaseline: ShorelineBaseline
    var sources: [SourceDocument]
    var layers: LayersSpec
    var clauseFiles: [String]?
    var unitClauseAnnotations: String?
    /// The dataset's own rules (local to it); the national rules are built in.
    var rules: String?
    /// The dataset's own GB/T 4754-2017 table; without one the built-in table is used.
    var industryCatalogue: String?
    /// Switching the built-in national rules off, dropping or changing some.
    var nationalRules: NationalRulesSettings?
    /// Category tables the lists use (一类/二类/三类工业项目): inline or from a table file.
    var industryGroups: [IndustryGroupRecord]?
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
        /// 化工园区, 工业园区/开发区: name, kind, level, whether on the compliant list.
        var parks: LayerSpec?
    }

    struct LayerSpec: Decodable {
        var id: String?
        var kind: String?
        /// Any vector file GDAL reads (Shapefile, .zip, GeoPackage, .gdb folder, GeoJSON, FlatGeobuf, KML).
        var file: String
        /// The layer to read in a multi-layer file (GeoPackage, File Geodatabase).
        var layer: String?
        /// Text encoding of a Shapefile without .cpg when it is not detected (e.g. GBK).
        var encoding: String?
        /// This layer's CRS, over whatever the file says.
        var crs: String?
        var fields: [String: String]
        var classValues: [String: String]?
        var listFields: [String: String]?
        /// Unit lists published as a table (XLSX/CSV), one row per unit.
        var listTable: ListTableSpec?
        /// Parks: every park of the layer is on the compliant list (a layer of the 认定名单), unless
        /// a mapped `compliant` field says otherwise for a park.
        var compliant: Bool?
    }

    /// A spreadsheet of unit lists: a column with the unit code, and one column per list dimension.
    struct ListTableSpec: Decodable {
        var file: String
        var layer: String?
        var encoding: String?
        /// The column holding the unit code (e.g. 环境管控单元编码).
        var code: String
        /// Dimension → column (spatialLayout: 空间布局约束 ...).
        var columns: [String: String]
    }
}

/// A clause file (`lists/*.yaml`).
struct ClauseFile: Decodable {
    var clauses: [ClauseRecord]
    /// A list whose items are noun phrases (a negative list): the effect its title gives them.
    var listEffect: ListEffectRecord?

    struct ListEffectRecord: Decodable {
        var effect: Effect
        var natures: [ProjectNature]?
        /// The list's title or heading, quoted as the deciding words.
        var words: String

        var heading: ListHeading {
            let effect: ReadEffect = switch self.effect {
            case .prohibited: .prohibited
            case .restricted: .restricted
            case .needsAssessment: .needsAssessment
            case .requirement: .requirement
            }
            return ListHeading(effect: effect, natures: natures?.compactMap { ReadNature(rawValue: $0.rawValue) }, words: words)
        }
    }

    struct ClauseRecord: Decodable {
        var id: String
        var level: ClauseLevel
        var scope: ScopeRecord
        var dimension: Dimension
        var conditionRecord: ConditionRecord
        /// Absent: the clause reader reads the text into effect and conditions.
        var effect: Effect?
        var text: String
        var source: Citation

        private enum Keys: String, CodingKey { case id, level, scope, dimension, effect, text, source }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = try c.decode(String.self, forKey: .id)
            level = try c.decode(ClauseLevel.self, forKey: .level)
            scope = try c.decode(ScopeRecord.self, forKey: .scope)
            dimension = try c.decode(Dimension.self, forKey: .dimension)
            conditionRecord = try ConditionRecord(from: decoder)
            effect = try c.decodeIfPresent(Effect.self, forKey: .effect)
            text = try c.decode(String.self, forKey: .text)
            source = try c.decode(Citation.self, forKey: .source)
        }
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
        var conditionRecord: ConditionRecord
        var effect: Effect
        var source: Citation?
        /// The clause's text when the person decided (written by `dataset clauses --apply`): a clause
        /// whose text has changed since is flagged, and read again.
        var reviewedText: String?

        private enum Keys: String, CodingKey { case clause, effect, source, reviewedText }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            clause = try c.decode(String.self, forKey: .clause)
            conditionRecord = try ConditionRecord(from: decoder)
            effect = try c.decode(Effect.self, forKey: .effect)
            source = try c.decodeIfPresent(Citation.self, forKey: .source)
            reviewedText = try c.decodeIfPresent(String.self, forKey: .reviewedText)
        }
    }
}
