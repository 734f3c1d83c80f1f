internal import CGDAL
import Foundation
import Geometry
import Wording

/// Writes features to a vector file through GDAL (GeoPackage, FlatGeobuf, Shapefile, GeoJSON, KML),
/// in CGCS2000 longitude/latitude (EPSG:4490, longitude first) or the CRS the caller projected them to,
/// under a hidden temporary name renamed over the target when GDAL has finished. Columns follow the
/// features' `propertyOrder` (else sorted names); a column whose values are all numbers is numeric,
/// any other text (arrays and objects as JSON).
public enum GDALVectorWriter {
    public enum Format: String, Sendable, CaseIterable {
        case geoPackage = "GPKG"
        case flatGeobuf = "FlatGeobuf"
        case shapefile = "ESRI Shapefile"
        case geoJSON = "GeoJSON"
        case kml = "KML"

        public var fileExtension: String {
            switch self {
            case .geoPackage: "gpkg"
            case .flatGeobuf: "fgb"
            case .shapefile: "shp"
            case .geoJSON: "geojson"
            case .kml: "kml"
            }
        }

        /// The files written beside the main one.
        var sidecars: [String] { self == .shapefile ? ["shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"] : [] }

        /// KML holds longitude/latitude only.
        public var needsLongitudeLatitude: Bool { self == .kml }
    }

    /// A feature left out of the file, and why; the others are written.
    public struct Rejected: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// A Shapefile holds one kind of geometry: the file's kind was chosen from most features.
            case otherGeometryKind(file: GeometryKind, feature: GeometryKind)
            /// GDAL refused the feature.
            case library(String)
        }

        /// The feature's place in the list given to `write`, from 0.
        public let index: Int
        public let reason: Reason

        public func message(_ l: Language) -> String {
            switch reason {
            case .otherGeometryKind(let file, let feature):
                return l.pick("Shapefile 一个文件只能有一种几何类型（本文件为\(file.name(l))），此要素是\(feature.name(l))，未写入；请改用 --format gpkg 或 geojson",
                              "a Shapefile holds one kind of geometry (\(file.name(l)) here) and this feature is a \(feature.name(l)): not written; use --format gpkg or geojson")
            case .library(let message):
                return l.pick("GDAL 未能写入此要素：", "GDAL could not write the feature: ") + message
            }
        }
    }

    public enum GeometryKind: Sendable, Hashable {
        case point, line, polygon

        init?(_ geometry: Geometry) {
            switch geometry {
            case .point, .multiPoint: self = .point
            case .lineString, .multiLineString: self = .line
            case .polygon, .multiPolygon: self = .polygon
            default: return nil
            }
        }

        var ogrType: OGRwkbGeometryType {
            switch self {
            case .point: wkbPoint
            case .line: wkbMultiLineString
            case .polygon: wkbMultiPolygon
            }
        }

        func name(_ l: Language) -> String {
            switch self {
            case .point: l.pick("点", "point")
            case .line: l.pick("线", "line")
            case .polygon: l.pick("面", "polygon")
            }
        }
    }

    /// - Parameters:
    ///   - crs: the CRS the features' coordinates are in.
    ///   - rejected: told of each feature left out; without it the first one fails the whole file.
    public static func write(_ features: [Feature], layer name: String, format: Format, crs: CRS = .cgcs2000, to url: URL,
                             rejected: ((Rejected) -> Void)? = nil) throws(GDALError) {
        let target = url.standardizedFileURL
        var columns: [String] = []
        for feature in features {
            for key in feature.propertyOrder ?? feature.properties.keys.sorted() where !columns.contains(key) { columns.append(key) }
        }
        let numeric = columns.map { column in
            features.allSatisfy { feature in
                switch feature.properties[column] {
                case .number?, .null?, nil: true
                default: false
                }
            }
        }
        let written = format == .shapefile ? ShapefileFieldNames.shortened(columns) : columns
        let shapefileKind = format == .shapefile ? Self.commonKind(features) : nil
        var layerOptions: [String] = []
        var datasetOptions: [String] = []
        switch format {
        // GBK with a .cpg saying so: what Chinese GIS software reads, and 5 Chinese characters fit a field name.
        case .shapefile: layerOptions = ["ENCODING=CP936"]
        case .geoJSON where columns.contains("id"): layerOptions = ["ID_FIELD=id"]
        case .kml where columns.contains("id"): datasetOptions = ["NameField=id"]
        default: break
        }
        // The driver goes by the ending, so the temporary name keeps it.
        let temporaryName = ".\(target.deletingPathExtension().lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)-tmp.\(format.fileExtension)"
        try GDALNewFile.write(driver: format.rawValue, to: target, temporaryName: temporaryName, options: datasetOptions,
                              sidecars: format.sidecars) { dataset, path throws(GDALError) in
            guard let srs = OSRNewSpatialReference(nil) else {
                throw .libraryFailed(file: path, operation: "OSRNewSpatialReference", message: "out of memory")
            }
            defer { OSRDestroySpatialReference(srs) }
            guard OSRImportFromEPSG(srs, Int32(crs.epsg)) == OGRERR_NONE else {
                throw .libraryFailed(file: path, operation: "OSRImportFromEPSG(\(crs.epsg))", message: GDALLibrary.lastErrorMessage("unknown EPSG code"))
            }
            OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
            if format == .geoJSON {
                // GDAL would print 15 decimals (37548031.420000001788139); 1e-9° and 0.1 mm are finer than any survey.
                layerOptions.append("COORDINATE_PRECISION=\(OSRIsGeographic(srs) != 0 ? 9 : 4)")
            }
            let created = GDALLibrary.withStringList(layerOptions) { list in
                GDALDatasetCreateLayer(dataset, name, srs, shapefileKind?.ogrType ?? wkbUnknown, list)
            }
            guard let layer = created else {
                throw .libraryFailed(file: path, operation: "GDALDatasetCreateLayer(\(name))", message: GDALLibrary.lastErrorMessage("cannot add layer"))
            }
            guard let definition = OGR_L_GetLayerDefn(layer) else {
                throw .libraryFailed(file: path, operation: "OGR_L_GetLayerDefn", message: GDALLibrary.lastErrorMessage("no layer definition"))
            }
            // Where each column landed: a driver may hold fields of its own (KML's Name, Description).
            var fieldIndex: [Int32] = []
            for (column, field) in written.enumerated() {
                guard let fieldDefinition = OGR_Fld_Create(field, numeric[column] ? OFTReal : OFTString) else {
                    throw .libraryFailed(file: path, operation: "OGR_Fld_Create", message: "out of memory")
                }
                defer { OGR_Fld_Destroy(fieldDefinition) }
                guard OGR_L_CreateField(layer, fieldDefinition, 1) == OGRERR_NONE else {
                    throw .libraryFailed(file: path, operation: "OGR_L_CreateField(\(field))", message: GDALLibrary.lastErrorMessage("cannot add column"))
                }
                let named = OGR_FD_GetFieldIndex(definition, field)
                fieldIndex.append(named >= 0 ? named : OGR_FD_GetFieldCount(definition) - 1)
            }
            for (index, feature) in features.enumerated() {
                if let shapefileKind, let geometry = feature.geometry, let kind = GeometryKind(geometry), kind != shapefileKind {
                    let left = Rejected(index: index, reason: .otherGeometryKind(file: shapefileKind, feature: kind))
                    guard let rejected else { throw .cannotWrite(file: path, detail: left.message(.en)) }
                    rejected(left)
                    continue
                }
                guard let record = OGR_F_Create(definition) else {
                    throw .libraryFailed(file: path, operation: "OGR_F_Create", message: "out of memory")
                }
                defer { OGR_F_Destroy(record) }
                for (column, field) in columns.enumerated() {
                    guard let value = feature.properties[field], value != .null else { continue }
                    if numeric[column], case .number(let number) = value {
                        OGR_F_SetFieldDouble(record, fieldIndex[column], number)
                    } else {
                        OGR_F_SetFieldString(record, fieldIndex[column], value.text ?? value.jsonText)
                    }
                }
                if let geometry = feature.geometry {
                    let bytes: [UInt8]
                    do throws(GeometryError) { bytes = try geometry.wkb() } catch {
                        throw .libraryFailed(file: path, operation: "wkb", message: error.message(.en))
                    }
                    var handle: OGRGeometryH?
                    let status = bytes.withUnsafeBytes { raw in OGR_G_CreateFromWkb(raw.baseAddress, srs, &handle, Int32(raw.count)) }
                    guard status == OGRERR_NONE, let handle else {
                        throw .libraryFailed(file: path, operation: "OGR_G_CreateFromWkb", message: GDALLibrary.lastErrorMessage("bad geometry"))
                    }
                    _ = OGR_F_SetGeometryDirectly(record, handle)
                }
                CPLErrorReset()
                guard OGR_L_CreateFeature(layer, record) == OGRERR_NONE else {
                    let message = GDALLibrary.lastErrorMessage("cannot add feature")
                    guard let rejected else { throw .libraryFailed(file: path, operation: "OGR_L_CreateFeature", message: message) }
                    rejected(Rejected(index: index, reason: .library(message)))
                    continue
                }
            }
        }
    }

    /// The geometry kind of most features (polygons first when as many), for a format of one kind.
    static func commonKind(_ features: [Feature]) -> GeometryKind {
        var counts: [GeometryKind: Int] = [:]
        for feature in features {
            if let geometry = feature.geometry, let kind = GeometryKind(geometry) { counts[kind, default: 0] += 1 }
        }
        return [GeometryKind.polygon, .line, .point].max { (counts[$0] ?? 0) < (counts[$1] ?? 0) } ?? .polygon
    }
}

/// Shapefile (dBASE) column names are at most 10 bytes: longer names are cut here, on whole characters
/// (2 bytes each for Chinese in GBK), and kept distinct, instead of GDAL cutting a character in half.
enum ShapefileFieldNames {
    static let limit = 10

    static func width(_ character: Character) -> Int { character.isASCII ? 1 : 2 }

    static func cut(_ name: String, to bytes: Int) -> String {
        var kept = "", used = 0
        for character in name {
            guard used + width(character) <= bytes else { break }
            kept.append(character)
            used += width(character)
        }
        return kept
    }

    static func shortened(_ names: [String]) -> [String] {
        var taken = Set<String>()
        return names.map { name in
            var candidate = cut(name, to: limit)
            var number = 1
            while !taken.insert(candidate.lowercased()).inserted {
                number += 1
                let suffix = "_\(number)"
                candidate = cut(name, to: limit - suffix.count) + suffix
            }
            return candidate
        }
    }
}
