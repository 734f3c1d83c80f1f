internal import CGDAL
import Foundation
import Geometry

/// The columns of a CSV or XLSX table that hold a row's location: a longitude/latitude (x/y) pair,
/// or one geometry column (WKT, GeoJSON or coordinate pairs as text). GDAL reads the table; the cells
/// are turned into geometry here because GDAL's CSV driver knows no 度分秒 (`108°30'15.2"`), and
/// `CoordinateText` (shared with typed-in coordinates) does.
///
/// When a table has both, the geometry column wins (a parcel outline says more than its centre).
/// Whether a row is a site or a boundary point of a parcel is `VertexColumns`' and `TableRows`' to say.
struct CoordinateColumns: Equatable {
    enum Kind: Equatable {
        case pair(x: GDALField, y: GDALField)
        case geometry(GDALField)
    }

    var kind: Kind

    // Which of the pair is the easting does not matter here: `TableConvention` decides by the values
    // (surveyors write X = 北坐标 = 纵坐标, GIS tables x = easting).
    static let xNames: Set<String> = ["经度", "lon", "lng", "long", "longitude", "x", "横坐标", "东坐标", "x坐标", "东经", "easting", "east"]
    static let yNames: Set<String> = ["纬度", "lat", "latitude", "y", "纵坐标", "北坐标", "y坐标", "北纬", "northing", "north"]
    static let geometryNames: Set<String> = ["wkt", "geometry", "geom", "the_geom", "shape", "几何", "wkt_geom", "坐标串"]

    var names: [String] {
        switch kind {
        case .pair(let x, let y): [x.name, y.name]
        case .geometry(let field): [field.name]
        }
    }

    var fieldIndices: [Int32] {
        switch kind {
        case .pair(let x, let y): [x.index, y.index]
        case .geometry(let field): [field.index]
        }
    }

    /// A column name as compared: trimmed, lower-case, a unit in brackets dropped ("经度(°)", "X（米）").
    static func key(_ name: String) -> String {
        var key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let bracket = key.firstIndex(where: { "(（[【".contains($0) }), bracket != key.startIndex {
            key = String(key[..<bracket]).trimmingCharacters(in: .whitespaces)
        }
        return key
    }

    static func find(in fields: [GDALField]) -> CoordinateColumns? {
        if let geometry = fields.first(where: { geometryNames.contains(key($0.name)) }) {
            return CoordinateColumns(kind: .geometry(geometry))
        }
        if let x = fields.first(where: { xNames.contains(key($0.name)) }),
           let y = fields.first(where: { yNames.contains(key($0.name)) }) {
            return CoordinateColumns(kind: .pair(x: x, y: y))
        }
        return nil
    }

    /// Why one row has no usable location.
    enum RowProblem: Error, Equatable {
        case emptyCell(column: String)
        case unreadable(column: String, problem: CoordinateTextError)

        func featureError(source: String, index: Int, id: String?) -> FeatureError {
            switch self {
            case .emptyCell(let column):
                return .malformedFeature(source: source, index: index, id: id, problem: .missingMember(column))
            case .unreadable(let column, let problem):
                switch problem {
                case .malformedGeometry(_, let geometryProblem):
                    return .invalidGeometry(source: source, index: index, id: id, problem: geometryProblem)
                case .longitudeOutOfRange(_, _, let longitude):
                    return .invalidGeometry(source: source, index: index, id: id,
                                            problem: .invalidInput(.longitudeOutOfRange(index: 0, longitude: longitude)))
                case .latitudeOutOfRange(_, _, let latitude):
                    return .invalidGeometry(source: source, index: index, id: id,
                                            problem: .invalidInput(.latitudeOutOfRange(index: 0, latitude: latitude)))
                default:
                    // FeatureError has no case for unreadable cell text; "missing or of the wrong kind".
                    return .malformedFeature(source: source, index: index, id: id, problem: .missingMember(column))
                }
            }
        }
    }

    /// The two cells of a pair as plain numbers (numeric cells, or text that is just a number), or
    /// nil when a cell is empty or holds other text (度分秒, hemisphere letters) for `geometry(of:)`.
    func numbers(of feature: OGRFeatureH, decode: (UnsafePointer<CChar>) -> String) -> (Double, Double)? {
        guard case .pair(let xField, let yField) = kind else { return nil }
        func number(_ field: GDALField) -> Double? {
            guard OGR_F_IsFieldSetAndNotNull(feature, field.index) != 0 else { return nil }
            if field.isNumeric { return OGR_F_GetFieldAsDouble(feature, field.index) }
            guard let text = Self.text(field, feature, decode), let value = Double(text), value.isFinite else { return nil }
            return value
        }
        guard let first = number(xField), let second = number(yField) else { return nil }
        return (first, second)
    }

    /// The location of one row. Numeric cells (XLSX numbers) are taken as they are; text cells go
    /// through `CoordinateText`, which reads decimal degrees, 度分秒 and hemisphere letters.
    func geometry(of feature: OGRFeatureH, geographic: Bool,
                  decode: (UnsafePointer<CChar>) -> String) -> Result<ParsedCoordinates, RowProblem> {
        switch kind {
        case .geometry(let field):
            guard let text = Self.text(field, feature, decode) else { return .failure(.emptyCell(column: field.name)) }
            do {
                return .success(try CoordinateText.parse(text, geographic: geographic))
            } catch {
                return .failure(.unreadable(column: field.name, problem: error))
            }
        case .pair(let xField, let yField):
            if xField.isNumeric, yField.isNumeric,
               OGR_F_IsFieldSetAndNotNull(feature, xField.index) != 0, OGR_F_IsFieldSetAndNotNull(feature, yField.index) != 0 {
                let x = OGR_F_GetFieldAsDouble(feature, xField.index)
                let y = OGR_F_GetFieldAsDouble(feature, yField.index)
                if geographic {
                    guard (-180...180).contains(x) else {
                        return .failure(.unreadable(column: xField.name, problem: .longitudeOutOfRange(pair: 1, text: "\(x)", longitude: x)))
                    }
                    guard (-90...90).contains(y) else {
                        return .failure(.unreadable(column: yField.name, problem: .latitudeOutOfRange(pair: 1, text: "\(y)", latitude: y)))
                    }
                }
                return .success(ParsedCoordinates(geometry: .point(Coordinate(x: x, y: y)), swappedAxes: false, notes: []))
            }
            guard let xText = Self.text(xField, feature, decode) else { return .failure(.emptyCell(column: xField.name)) }
            guard let yText = Self.text(yField, feature, decode) else { return .failure(.emptyCell(column: yField.name)) }
            do {
                let parsed = try CoordinateText.parse("\(xText), \(yText)", geographic: geographic)
                guard case .point = parsed.geometry else {
                    return .failure(.unreadable(column: xField.name, problem: .tooManyValues(pair: 1, text: "\(xText), \(yText)", count: 3)))
                }
                return .success(parsed)
            } catch {
                let column = if case .latitudeOutOfRange = error { yField.name } else { xField.name }
                return .failure(.unreadable(column: column, problem: error))
            }
        }
    }

    /// A cell's text: numbers in full precision (GDAL's own formatting keeps 15 digits), nil if empty.
    private static func text(_ field: GDALField, _ feature: OGRFeatureH, _ decode: (UnsafePointer<CChar>) -> String) -> String? {
        guard OGR_F_IsFieldSetAndNotNull(feature, field.index) != 0 else { return nil }
        let text: String
        if field.type == OFTReal {
            text = "\(OGR_F_GetFieldAsDouble(feature, field.index))"
        } else {
            guard let raw = OGR_F_GetFieldAsString(feature, field.index) else { return nil }
            text = decode(raw)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
