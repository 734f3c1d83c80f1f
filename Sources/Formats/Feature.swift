import Foundation
import Geometry
import Wording

/// One record of a layer: a geometry (or none, as GeoJSON allows) and its attributes.
public struct Feature: Hashable, Sendable {
    /// The GeoJSON feature `id` member as text (numbers written without a needless ".0"), or nil.
    public var id: String?
    public var geometry: Geometry?
    public var properties: [String: JSONValue]
    /// Position in its source, counting from 0, so messages can point back at the input.
    public var index: Int
    /// The CRS of `geometry` when the source says (a .prj, a survey file's header); nil when the
    /// caller must decide (GeoJSON is CGCS2000/WGS 84 longitude/latitude unless told otherwise).
    public var crs: CRS?
    /// The order of `properties` as the source gives it (a layer's fields, a table's columns), for
    /// outputs that lay them out as columns; nil when the source has none (GeoJSON objects).
    public var propertyOrder: [String]?
    /// What the reader noticed about this feature (a datum converted, a declared area read as 亩...):
    /// facts for the site's report, kept apart from the input's own properties.
    public var notes: [InputNote]

    public init(id: String? = nil, geometry: Geometry?, properties: [String: JSONValue] = [:], index: Int = 0, crs: CRS? = nil,
                propertyOrder: [String]? = nil, notes: [InputNote] = []) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
        self.index = index
        self.crs = crs
        self.propertyOrder = propertyOrder
        self.notes = notes
    }
}

/// A layer reader. GeoJSON is the first; GDAL-backed readers plug in behind the same protocol.
public protocol FeatureSource {
    /// What messages call the source: usually a file path, or "stdin".
    var name: String { get }

    /// Calls `body` for each feature in source order. A feature that cannot be read arrives as a
    /// failure and reading goes on; only a problem with the whole source (unreadable, not JSON) throws.
    func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws

    /// Every feature; the first feature that cannot be read throws. Use `readAll()` to keep the rest.
    func features() throws -> [Feature]
}

/// What a whole source gave: the features that could be read and the problems with the others.
public struct FeatureBatch: Sendable {
    public var features: [Feature]
    public var problems: [FeatureError]

    public init(features: [Feature] = [], problems: [FeatureError] = []) {
        self.features = features
        self.problems = problems
    }
}

extension FeatureSource {
    public func features() throws -> [Feature] {
        var features: [Feature] = []
        try forEachFeature { result in features.append(try result.get()) }
        return features
    }

    /// Reads everything, collecting per-feature problems instead of stopping at the first.
    public func readAll() throws -> FeatureBatch {
        var batch = FeatureBatch()
        try forEachFeature { result in
            switch result {
            case .success(let feature): batch.features.append(feature)
            case .failure(let problem): batch.problems.append(problem)
            }
        }
        return batch
    }
}

/// Why a source, or one feature in it, could not be read.
public enum FeatureError: UserFacingError, Equatable, Sendable {
    /// The whole source could not be read (missing file, no permission, I/O error).
    case unreadable(source: String, detail: String)
    /// The whole file is not JSON, so no feature can be trusted.
    case notJSON(source: String, detail: String)
    /// The file is JSON but neither a FeatureCollection, a Feature nor a geometry.
    case notGeoJSON(source: String, problem: FeatureProblem)
    /// One feature's geometry is malformed; the rest of the source is still read.
    case invalidGeometry(source: String, index: Int, id: String?, problem: GeometryError)
    /// One feature (or one record of a text sequence) is not a usable Feature object.
    case malformedFeature(source: String, index: Int, id: String?, problem: FeatureProblem)
    /// One record of a text sequence is longer than the reader is willing to hold in memory.
    case recordTooLarge(source: String, index: Int, limit: Int)
    /// One parcel of a 勘测定界 coordinate file is malformed (its line, parcel number and problem).
    case surveyParcel(SurveyTextError)
    /// A whole 勘测定界 file could not be read (no parcels section, unknown coordinate system, over a limit…).
    case surveyFile(SurveyTextError)
    /// One site or parcel of a coordinate table: `rows` as a spreadsheet numbers them (header row 1).
    case tableRows(source: String, index: Int, id: String?, rows: ClosedRange<Int>, problem: TableRowsProblem)
    /// One feature is over a limit (its vertices), found before its geometry is converted.
    case overLimit(source: String, index: Int, id: String?, limit: InputLimits.Exceeded)

    public func message(_ language: Language) -> String {
        switch self {
        case .unreadable(let source, let detail):
            return language.pick("无法读取 \(source)：\(detail)", "cannot read \(source): \(detail)")
        case .notJSON(let source, let detail):
            return language.pick("\(source) 不是合法的 JSON：\(detail)", "\(source) is not valid JSON: \(detail)")
        case .notGeoJSON(let source, let problem):
            return language.pick("\(source) 不是 GeoJSON（应为 FeatureCollection、Feature 或几何对象）：\(problem.message(language))",
                                 "\(source) is not GeoJSON (expected a FeatureCollection, a Feature or a geometry): \(problem.message(language))")
        case .invalidGeometry(let source, let index, let id, let problem):
            return language.pick("\(source) 第 \(index + 1) 个要素\(Self.idZh(id))的几何有误：\(problem.message(language))",
                                 "\(source), feature \(index + 1)\(Self.idEn(id)): malformed geometry: \(problem.message(language))")
        case .malformedFeature(let source, let index, let id, let problem):
            return language.pick("\(source) 第 \(index + 1) 个要素\(Self.idZh(id))有误：\(problem.message(language))",
                                 "\(source), feature \(index + 1)\(Self.idEn(id)): \(problem.message(language))")
        case .recordTooLarge(let source, let index, let limit):
            return language.pick("\(source) 第 \(index + 1) 条记录超过 \(limit) 字节，已停止读取",
                                 "\(source), record \(index + 1) is longer than \(limit) bytes; reading stopped")
        case .surveyParcel(let problem), .surveyFile(let problem):
            return problem.message(language)
        case .tableRows(let source, let index, let id, let rows, let problem):
            let span = rows.count == 1 ? "\(rows.lowerBound)" : "\(rows.lowerBound)-\(rows.upperBound)"
            let what = id.map { language.pick("地块 \($0)", "parcel \($0)") } ?? language.pick("第 \(index + 1) 个要素", "feature \(index + 1)")
            return language.pick("\(source) \(what)（第 \(span.replacingOccurrences(of: "-", with: "～")) 行）：\(problem.message(language))",
                                 "\(source), \(what) (rows \(span)): \(problem.message(language))")
        case .overLimit(let source, let index, let id, let limit):
            return language.pick("\(source) 第 \(index + 1) 个要素\(Self.idZh(id))：\(limit.message(language))",
                                 "\(source), feature \(index + 1)\(Self.idEn(id)): \(limit.message(language))")
        }
    }

    /// Index of the feature the problem belongs to, or nil for a whole-source problem.
    public var featureIndex: Int? {
        switch self {
        case .invalidGeometry(_, let index, _, _), .malformedFeature(_, let index, _, _), .recordTooLarge(_, let index, _),
             .tableRows(_, let index, _, _, _), .overLimit(_, let index, _, _):
            index
        case .surveyParcel(let problem):
            problem.parcelIndex
        case .unreadable, .notJSON, .notGeoJSON, .surveyFile:
            nil
        }
    }

    public var featureID: String? {
        switch self {
        case .invalidGeometry(_, _, let id, _), .malformedFeature(_, _, let id, _), .tableRows(_, _, let id, _, _), .overLimit(_, _, let id, _): id
        case .surveyParcel(let problem): problem.parcelNumber
        default: nil
        }
    }

    /// The same problem attributed to another source name (input saved to a temporary file and read
    /// back should still be called "stdin" in messages).
    public func renamingSource(to name: String) -> FeatureError {
        switch self {
        case .unreadable(_, let detail): .unreadable(source: name, detail: detail)
        case .notJSON(_, let detail): .notJSON(source: name, detail: detail)
        case .notGeoJSON(_, let problem): .notGeoJSON(source: name, problem: problem)
        case .invalidGeometry(_, let index, let id, let problem):
            .invalidGeometry(source: name, index: index, id: id, problem: problem)
        case .malformedFeature(_, let index, let id, let problem):
            .malformedFeature(source: name, index: index, id: id, problem: problem)
        case .recordTooLarge(_, let index, let limit): .recordTooLarge(source: name, index: index, limit: limit)
        case .surveyParcel, .surveyFile: self
        case .tableRows(_, let index, let id, let rows, let problem): .tableRows(source: name, index: index, id: id, rows: rows, problem: problem)
        case .overLimit(_, let index, let id, let limit): .overLimit(source: name, index: index, id: id, limit: limit)
        }
    }

    private static func idZh(_ id: String?) -> String { id.map { "（id \($0)）" } ?? "" }
    private static func idEn(_ id: String?) -> String { id.map { " (id \($0))" } ?? "" }
}

/// What is wrong with one feature object, apart from its geometry.
public enum FeatureProblem: Equatable, Sendable {
    case notJSON(String)
    case notAnObject
    case wrongType(String)
    case missingMember(String)
    case propertiesNotAnObject

    public func message(_ language: Language) -> String {
        switch self {
        case .notJSON(let detail):
            language.pick("不是合法的 JSON（\(detail)）", "not valid JSON (\(detail))")
        case .notAnObject:
            language.pick("应为 JSON 对象", "expected a JSON object")
        case .wrongType(let type):
            language.pick("类型为 \"\(type)\"，应为 Feature 或几何对象", "type is \"\(type)\"; expected a Feature or a geometry")
        case .missingMember(let name):
            language.pick("缺少成员 \"\(name)\"（或其值类型不对）", "member \"\(name)\" is missing or of the wrong kind")
        case .propertiesNotAnObject:
            language.pick("properties 应为对象或 null", "properties must be an object or null")
        }
    }
}
