internal import CGDAL
import Foundation
import Geometry

/// Owns one open GDAL dataset (`GDALDatasetH`), closed in `deinit`. Layers (`OGRLayerH`) belong to
/// the dataset and are never freed on their own. A dataset is not thread-safe: use it on one thread.
final class GDALDataset {
    let handle: GDALDatasetH
    let path: String

    private init(handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        GDALClose(handle)
    }

    /// Opens `path` read-only as a vector dataset. `options` are the driver's open options
    /// ("NAME=VALUE"); `configuration` sets thread-local configuration options for the open call only
    /// (for drivers that read settings such as DXF_ENCODING when opening). `drivers`, when given, are
    /// the only drivers GDAL tries (`GDALOpenEx`'s allowed list). `name` is what messages call the file:
    /// GDAL's own messages have the path replaced by it.
    static func openVector(path: String, name: String, options: [String] = [],
                           configuration: [(String, String)] = [], drivers: [String]? = nil) throws(GDALError) -> GDALDataset {
        var isDirectory: ObjCBool = false
        if path.hasPrefix(ConfinedFiles.prefix) {
            // A file from outside (or the folder of a KMZ's KML files), registered by this process.
            guard ConfinedFiles.exists(path) else { throw .fileNotFound(file: name) }
        } else if path.hasPrefix("/vsimem/") {
            // A file in GDAL's memory file system (the fuzz targets'): only GDAL sees it.
            // (VSIStatBufL is a macro'd struct stat64 that Swift cannot import: open the file instead.)
            guard let handle = VSIFOpenL(path, "rb") else { throw .fileNotFound(file: name) }
            VSIFCloseL(handle)
        } else {
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .fileNotFound(file: name)
            }
            // Opening a FIFO waits for a writer, for ever: refuse what is not a file or a folder.
            var status = stat()
            if !isDirectory.boolValue, stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
                throw .notRegularFile(file: name)
            }
        }
        // A Shapefile travels as a .zip of its .shp, .dbf, .shx, .prj and .cpg: read it inside the archive.
        let gdalPath = !isDirectory.boolValue && path.lowercased().hasSuffix(".zip") ? "/vsizip/" + path : path
        let handle: GDALDatasetH? = GDALLibrary.quietly {
            for (key, value) in configuration { CPLSetThreadLocalConfigOption(key, value) }
            defer { for (key, _) in configuration { CPLSetThreadLocalConfigOption(key, nil) } }
            CPLErrorReset()
            // GDAL_OF_VECTOR imports as Int32; GDALOpenEx takes unsigned flags. Without
            // GDAL_OF_VERBOSE_ERROR a failed open leaves no message ("not recognized as a supported...").
            let flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY) | UInt32(GDAL_OF_VERBOSE_ERROR)
            let handle = GDALLibrary.withStringList(options) { list in
                GDALLibrary.withStringList(drivers ?? []) { allowed in
                    GDALOpenEx(gdalPath, flags, drivers == nil ? nil : GDALLibrary.constList(allowed), GDALLibrary.constList(list), nil)
                }
            }
            // Some drivers read their configuration only when a layer is first described (the XLSX
            // driver looks at OGR_XLSX_HEADERS in its lazy layer set-up): describe every layer now,
            // while the options are still set on this thread.
            if let handle, !configuration.isEmpty {
                for index in 0..<GDALDatasetGetLayerCount(handle) {
                    if let layer = GDALDatasetGetLayer(handle, index) {
                        _ = OGR_L_GetLayerDefn(layer)
                        _ = OGR_L_GetSpatialRef(layer)
                    }
                }
            }
            return handle
        }
        guard let handle else {
            let detail = GDALLibrary.lastErrorMessage(isDirectory.boolValue ? "folder holds no vector data" : "unrecognised")
            throw .notRecognised(file: name, detail: detail.replacingOccurrences(of: gdalPath, with: name).replacingOccurrences(of: path, with: name))
        }
        return GDALDataset(handle: handle, path: path)
    }

    var driverName: String {
        guard let driver = GDALGetDatasetDriver(handle), let name = GDALGetDriverShortName(driver) else { return "?" }
        return String(cString: name)
    }

    var layers: [OGRLayerH] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { GDALDatasetGetLayer(handle, $0) }
    }

    static func layerName(_ layer: OGRLayerH) -> String {
        OGR_L_GetName(layer).map { String(cString: $0) } ?? ""
    }
}

/// One field of a layer, looked up once per layer.
struct GDALField: Equatable {
    var index: Int32
    var name: String
    var type: OGRFieldType
    var subtype: OGRFieldSubType

    /// The fields of `layer`, names decoded with `decode`.
    static func fields(of layer: OGRLayerH, decode: (UnsafePointer<CChar>) -> String) -> [GDALField] {
        guard let definition = OGR_L_GetLayerDefn(layer) else { return [] }
        return (0..<OGR_FD_GetFieldCount(definition)).compactMap { index in
            guard let field = OGR_FD_GetFieldDefn(definition, index) else { return nil }
            let name = OGR_Fld_GetNameRef(field).map(decode) ?? ""
            return GDALField(index: index, name: name, type: OGR_Fld_GetType(field), subtype: OGR_Fld_GetSubType(field))
        }
    }

    var isNumeric: Bool { type == OFTInteger || type == OFTInteger64 || type == OFTReal }

    /// The value in `feature`: nil when the field is unset (KML's unused standard fields), `.null`
    /// when set to null, numbers as numbers, dates as ISO 8601 text, lists as arrays.
    func value(in feature: OGRFeatureH, decode: (UnsafePointer<CChar>) -> String) -> JSONValue? {
        guard OGR_F_IsFieldSet(feature, index) != 0 else { return nil }
        guard OGR_F_IsFieldNull(feature, index) == 0 else { return .null }
        switch type {
        case OFTInteger where subtype == OFSTBoolean:
            return .bool(OGR_F_GetFieldAsInteger(feature, index) != 0)
        case OFTInteger:
            return .number(Double(OGR_F_GetFieldAsInteger(feature, index)))
        case OFTInteger64:
            return .number(Double(OGR_F_GetFieldAsInteger64(feature, index)))
        case OFTReal:
            return .number(OGR_F_GetFieldAsDouble(feature, index))
        case OFTDate, OFTDateTime, OFTTime:
            return dateValue(in: feature)
        case OFTIntegerList:
            var count: Int32 = 0
            guard let values = OGR_F_GetFieldAsIntegerList(feature, index, &count) else { return .array([]) }
            return .array((0..<Int(count)).map { .number(Double(values[$0])) })
        case OFTInteger64List:
            var count: Int32 = 0
            guard let values = OGR_F_GetFieldAsInteger64List(feature, index, &count) else { return .array([]) }
            return .array((0..<Int(count)).map { .number(Double(values[$0])) })
        case OFTRealList:
            var count: Int32 = 0
            guard let values = OGR_F_GetFieldAsDoubleList(feature, index, &count) else { return .array([]) }
            return .array((0..<Int(count)).map { .number(values[$0]) })
        case OFTStringList:
            guard let list = OGR_F_GetFieldAsStringList(feature, index) else { return .array([]) }
            var values: [JSONValue] = []
            var cursor = 0
            while let item = list[cursor] {
                values.append(.string(decode(item)))
                cursor += 1
            }
            return .array(values)
        case OFTBinary:
            var count: Int32 = 0
            guard let bytes = OGR_F_GetFieldAsBinary(feature, index, &count) else { return .null }
            return .string(Data(bytes: bytes, count: Int(count)).base64EncodedString())
        default:
            return OGR_F_GetFieldAsString(feature, index).map { .string(decode($0)) } ?? .null
        }
    }

    /// The raw text GDAL holds for a string field (not decoded), for encoding detection.
    func rawText(in feature: OGRFeatureH) -> UnsafePointer<CChar>? {
        guard type == OFTString, OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else { return nil }
        return OGR_F_GetFieldAsString(feature, index)
    }

    private func dateValue(in feature: OGRFeatureH) -> JSONValue {
        var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, hour: Int32 = 0, minute: Int32 = 0, zone: Int32 = 0
        var second: Float = 0
        guard OGR_F_GetFieldAsDateTimeEx(feature, index, &year, &month, &day, &hour, &minute, &second, &zone) != 0 else {
            return .null
        }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        let wholeSeconds = second.rounded(.down)
        let secondsText = second == wholeSeconds ? String(format: "%02d", Int(second)) : String(format: "%06.3f", second)
        let time = String(format: "%02d:%02d:", hour, minute) + secondsText
        // OGR's time-zone flag: 0 unknown, 1 local time, 100 UTC, 100 ± n for n quarter-hours.
        let zoneText: String
        switch zone {
        case 100: zoneText = "Z"
        case let flag where flag > 1:
            let minutes = Int(flag - 100) * 15
            zoneText = String(format: "%@%02d:%02d", minutes < 0 ? "-" : "+", abs(minutes) / 60, abs(minutes) % 60)
        default: zoneText = ""
        }
        switch type {
        case OFTDate: return .string(date)
        case OFTTime: return .string(time + zoneText)
        default: return .string(date + "T" + time + zoneText)
        }
    }
}

/// Geometry from GDAL to the Swift value: one WKB buffer per feature, flattened to 2-D and linear.
enum GDALGeometry {
    static func convert(_ geometry: OGRGeometryH) throws(GeometryError) -> Geometry {
        let type = OGR_G_GetGeometryType(geometry)
        var owned: OGRGeometryH? = nil
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        var current = geometry
        if OGR_GT_IsNonLinear(type) != 0 {
            // Arcs (CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON...) become line strings with GDAL's
            // default step (4 degrees); the result is a new geometry we own.
            guard let linear = OGR_G_GetLinearGeometry(current, 0, nil) else {
                throw .libraryFailed(library: "GDAL", operation: "OGR_G_GetLinearGeometry",
                                     message: GDALLibrary.lastErrorMessage("curve could not be linearised"))
            }
            owned = linear
            current = linear
        }
        if OGR_GT_HasZ(type) != 0 || OGR_GT_HasM(type) != 0 {
            if owned == nil {
                guard let clone = OGR_G_Clone(current) else {
                    throw .libraryFailed(library: "GDAL", operation: "OGR_G_Clone", message: GDALLibrary.lastErrorMessage("out of memory"))
                }
                owned = clone
                current = clone
            }
            OGR_G_FlattenTo2D(current)   // drops Z and M in place
        }
        let size = Int(OGR_G_WkbSize(current))
        var buffer = [UInt8](repeating: 0, count: size)
        let status = buffer.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(current, wkbNDR, $0.baseAddress) }
        guard status == OGRERR_NONE else {
            throw .libraryFailed(library: "GDAL", operation: "OGR_G_ExportToIsoWkb",
                                 message: GDALLibrary.lastErrorMessage("error \(status)"))
        }
        return try Geometry(wkb: buffer)
    }

    /// Vertices of a GDAL geometry and all its parts (rings, members), without copying it.
    static func vertexCount(_ geometry: OGRGeometryH) -> Int {
        let parts = OGR_G_GetGeometryCount(geometry)
        guard parts > 0 else { return Int(OGR_G_GetPointCount(geometry)) }
        var total = 0
        for index in 0..<parts {
            if let part = OGR_G_GetGeometryRef(geometry, index) { total += vertexCount(part) }
        }
        return total
    }

    /// The flat (2-D, linear) type name of a GDAL geometry, for notes.
    static func flatType(_ geometry: OGRGeometryH) -> OGRwkbGeometryType {
        OGR_GT_GetLinear(OGR_GT_Flatten(OGR_G_GetGeometryType(geometry)))
    }
}

/// Finding an EPSG code for a layer's spatial reference.
enum GDALCRS {
    enum Identification: Equatable {
        case none
        case authority(Int)
        /// Found by OSRFindMatches with GDAL's confidence (0-100).
        case matched(Int, confidence: Int)
        case unidentified(name: String)
    }

    /// GDAL's own threshold for trusting a match is 90-100; below that a `.prj` is only similar.
    static let minimumConfidence: Int32 = 90

    static func identify(_ srs: OGRSpatialReferenceH?) -> Identification {
        guard let srs else { return .none }
        return GDALLibrary.quietly { () -> Identification in
            if let code = epsgCode(srs) { return .authority(code) }
            if let clone = OSRClone(srs) {
                defer { OSRDestroySpatialReference(clone) }
                if OSRAutoIdentifyEPSG(clone) == OGRERR_NONE, let code = epsgCode(clone) { return .authority(code) }
            }
            var count: Int32 = 0
            var confidences: UnsafeMutablePointer<Int32>? = nil
            if let matches = OSRFindMatches(srs, nil, &count, &confidences) {
                defer {
                    OSRFreeSRSArray(matches)
                    VSIFree(confidences)
                }
                if count > 0, let confidences, confidences[0] >= minimumConfidence, let best = matches[0],
                   let code = epsgCode(best) {
                    return .matched(code, confidence: Int(confidences[0]))
                }
            }
            return .unidentified(name: OSRGetName(srs).map { String(cString: $0) } ?? "?")
        }
    }

    private static func epsgCode(_ srs: OGRSpatialReferenceH) -> Int? {
        guard let authority = OSRGetAuthorityName(srs, nil), String(cString: authority).uppercased() == "EPSG",
              let code = OSRGetAuthorityCode(srs, nil) else { return nil }
        return Int(String(cString: code))
    }

    /// Whether an EPSG code names a geographic (degrees) system, asking PROJ through GDAL for codes
    /// ZoneScreen does not know by number.
    static func isGeographic(_ crs: CRS) -> Bool {
        switch crs.family {
        case .geographic: return true
        case .gaussKruger3: return false
        case .other:
            guard let srs = OSRNewSpatialReference(nil) else { return true }
            defer { OSRDestroySpatialReference(srs) }
            let status = GDALLibrary.quietly { OSRImportFromEPSG(srs, Int32(clamping: crs.epsg)) }
            return status != OGRERR_NONE || OSRIsGeographic(srs) != 0
        }
    }
}
