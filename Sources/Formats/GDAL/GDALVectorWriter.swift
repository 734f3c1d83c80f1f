internal import CGDAL
import Foundation
import Geometry

/// Writes features to a GeoPackage or FlatGeobuf file through GDAL, in CGCS2000 longitude/latitude
/// (EPSG:4490, longitude first), under a hidden temporary name renamed over the target when GDAL has
/// finished. Columns follow the features' `propertyOrder` (else sorted names); a column whose values
/// are all numbers is numeric, any other text (arrays and objects as JSON).
public enum GDALVectorWriter {
    public enum Format: String, Sendable {
        case geoPackage = "GPKG"
        case flatGeobuf = "FlatGeobuf"

        var fileExtension: String { self == .geoPackage ? "gpkg" : "fgb" }
    }

    public static func write(_ features: [Feature], layer name: String, format: Format, to url: URL) throws(GDALError) {
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
        // The driver goes by the ending, so the temporary name keeps it.
        let temporaryName = ".\(target.deletingPathExtension().lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)-tmp.\(format.fileExtension)"
        try GDALNewFile.write(driver: format.rawValue, to: target, temporaryName: temporaryName) { dataset, path throws(GDALError) in
            guard let srs = OSRNewSpatialReference(nil) else {
                throw .libraryFailed(file: path, operation: "OSRNewSpatialReference", message: "out of memory")
            }
            defer { OSRDestroySpatialReference(srs) }
            _ = OSRImportFromEPSG(srs, 4490)
            OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
            guard let layer = GDALDatasetCreateLayer(dataset, name, srs, wkbUnknown, nil) else {
                throw .libraryFailed(file: path, operation: "GDALDatasetCreateLayer(\(name))", message: GDALLibrary.lastErrorMessage("cannot add layer"))
            }
            for (column, field) in columns.enumerated() {
                guard let definition = OGR_Fld_Create(field, numeric[column] ? OFTReal : OFTString) else {
                    throw .libraryFailed(file: path, operation: "OGR_Fld_Create", message: "out of memory")
                }
                defer { OGR_Fld_Destroy(definition) }
                guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                    throw .libraryFailed(file: path, operation: "OGR_L_CreateField(\(field))", message: GDALLibrary.lastErrorMessage("cannot add column"))
                }
            }
            guard let definition = OGR_L_GetLayerDefn(layer) else {
                throw .libraryFailed(file: path, operation: "OGR_L_GetLayerDefn", message: GDALLibrary.lastErrorMessage("no layer definition"))
            }
            for feature in features {
                guard let record = OGR_F_Create(definition) else {
                    throw .libraryFailed(file: path, operation: "OGR_F_Create", message: "out of memory")
                }
                defer { OGR_F_Destroy(record) }
                for (column, field) in columns.enumerated() {
                    guard let value = feature.properties[field], value != .null else { continue }
                    if numeric[column], case .number(let number) = value {
                        OGR_F_SetFieldDouble(record, Int32(column), number)
                    } else {
                        OGR_F_SetFieldString(record, Int32(column), value.text ?? value.jsonText)
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
                guard OGR_L_CreateFeature(layer, record) == OGRERR_NONE else {
                    throw .libraryFailed(file: path, operation: "OGR_L_CreateFeature", message: GDALLibrary.lastErrorMessage("cannot add feature"))
                }
            }
        }
    }
}
