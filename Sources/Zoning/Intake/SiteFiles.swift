import Foundation
import Formats
import Geometry

/// Site files by their form: 勘测定界 coordinate files by their `.txt` ending, GeoJSON by
/// `.geojson`/`.json`, everything else (Shapefile, KML/KMZ, GeoPackage, DXF, CSV, XLSX) through GDAL.
public enum SiteFiles {
    public static func open(_ path: String, options: SiteIntake.Options) throws -> FeatureSource {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "txt": return SurveyTextFile(path: path)
        case "geojson", "json": return GeoJSONFile(path: path)
        default: return try GDALFile(path: path, options: options.readOptions)
        }
    }

    /// Endings an uploaded file may have (a Shapefile comes zipped).
    public static let uploadEndings: Set<String> = ["txt", "geojson", "json", "kml", "kmz", "gpkg", "dxf", "csv", "xlsx", "zip"]

    /// The features of a file held in memory (an upload), named `fileName` in messages. Formats GDAL
    /// reads are read from memory as files from outside (only the driver the ending calls for, no
    /// network, nothing beside the upload; `GDALFile(data:name:options:)`), within `options.limits`.
    public static func features(data: Data, fileName: String, options: SiteIntake.Options) throws -> FeatureBatch {
        let ending = URL(fileURLWithPath: fileName).pathExtension.lowercased()
        switch ending {
        case "txt": return try SurveyTextFile(data: data, name: fileName).readAll()
        case "geojson", "json": return try GeoJSONData(data: data, name: fileName).readAll()
        default: return try GDALFile(data: data, name: fileName, options: options.readOptions).readAll()
        }
    }
}
