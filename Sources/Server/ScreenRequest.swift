import Foundation
import Formats
import Geometry
import Zoning

/// The body of `POST /api/screen` (see openapi.json): one of geometry, coordinates or file, where
/// the coordinates come from, and the project profile.
struct ScreenRequest: Decodable, Sendable {
    struct UploadedFile: Decodable, Sendable {
        var fileName: String
        var content: String
        var contentEncoding: String?
    }

    var geometry: JSONValue?
    var coordinates: String?
    var file: UploadedFile?
    var crs: String?
    var offset: String?
    var industry: String?
    var nature: String?
    var chemical: Bool?
    var flags: [String]?
    var name: String?
    var id: String?
}

extension JSONValue: Decodable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

/// Turns requests into sites, checking everything a user could have got wrong, in their language.
struct SiteBuilder: Sendable {
    let dataset: Dataset
    let language: Language

    func profile(industry: String?, nature: String?, chemical: Bool?, flags: [String]?) throws(APIError) -> ProjectProfile? {
        let l = language
        var profile = ProjectProfile(chemical: chemical, flags: Set(flags ?? []))
        do {
            if let industry, !industry.trimmingCharacters(in: .whitespaces).isEmpty { profile.industry = try dataset.catalogue.code(for: industry) }
            if let nature, !nature.isEmpty { profile.nature = try ProjectNature.parse(nature) }
        } catch {
            if case .unknownIndustry = error { throw APIError(kind: .unknownIndustry, message: error.message(l)) }
            throw APIError(kind: .malformedRequest, message: error.message(l))
        }
        return profile.industry == nil && profile.nature == nil && chemical == nil && profile.flags.isEmpty ? nil : profile
    }

    func datum(_ offset: String?) throws(APIError) -> WebMapDatum {
        guard let offset, !offset.isEmpty else { return .wgs84 }
        guard let datum = WebMapDatum(rawValue: offset.lowercased()) else {
            throw APIError.malformed(language, "offset 应为 wgs84、gcj02 或 bd09，而不是“\(offset)”", "offset must be wgs84, gcj02 or bd09, not \"\(offset)\"")
        }
        return datum
    }

    func crs(_ text: String?) throws(APIError) -> CRS {
        guard let text, !text.isEmpty else { return .cgcs2000 }
        do { return try CRS(parsing: text) } catch { throw APIError(kind: .malformedRequest, message: error.message(language)) }
    }

    func site(_ request: ScreenRequest) throws(APIError) -> Site {
        let l = language
        let given = [request.geometry != nil, request.coordinates != nil, request.file != nil].filter { $0 }.count
        guard given == 1 else {
            throw APIError.malformed(l, "请给出 geometry、coordinates、file 三者之一", "give exactly one of geometry, coordinates or file")
        }
        var crs = try crs(request.crs)
        var notes: [String] = []
        let geometry: Geometry
        if let object = request.geometry {
            do { geometry = try Geometry(geoJSONObject: object.anyValue) } catch {
                throw APIError(kind: .malformedRequest, message: error.message(l))
            }
        } else if let text = request.coordinates {
            do {
                let parsed = try CoordinateText.parse(text, geographic: crs.isKnownGeographic)
                geometry = parsed.geometry
                notes = parsed.notes.map { $0.message(l) }
            } catch {
                throw APIError(kind: .malformedRequest, message: error.message(l))
            }
        } else if let file = request.file {
            (geometry, crs, notes) = try UploadedBoundary(file: file, language: l).read(defaultCRS: crs)
        } else {
            throw APIError.malformed(l, "请给出 geometry、coordinates、file 三者之一", "give exactly one of geometry, coordinates or file")
        }
        return Site(id: request.id, name: request.name, geometry: geometry, crs: crs, webMapDatum: try datum(request.offset),
                    profile: try profile(industry: request.industry, nature: request.nature, chemical: request.chemical, flags: request.flags),
                    notes: notes)
    }
}

/// A boundary file uploaded from the web page: every polygon in it, as one site.
struct UploadedBoundary {
    let file: ScreenRequest.UploadedFile
    let language: Language

    /// Reads by the file's ending: 勘测定界 .txt ourselves, GeoJSON directly, KML/KMZ/GPKG/DXF/CSV/XLSX
    /// through GDAL (from a private temporary copy, since GDAL reads files).
    static func features(data: Data, fileName: String, language: Language) throws -> [Feature] {
        let ending = URL(fileURLWithPath: fileName).pathExtension.lowercased()
        switch ending {
        case "txt": return try SurveyTextFile(data: data, name: fileName, language: language).features()
        case "geojson", "json": return try GeoJSONData(data: data, name: fileName).features()
        case "kml", "kmz", "gpkg", "dxf", "csv", "xlsx", "zip":
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-upload-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let copy = folder.appendingPathComponent("upload." + ending)
            try data.write(to: copy)
            // The GDAL dataset is closed when `file` goes out of scope, before the folder is removed.
            let file = try GDALFile(url: copy, options: GDALReadOptions(language: language))
            return try file.features().map { feature in
                var renamed = feature
                renamed.properties["sourceFile"] = .string(fileName)
                return renamed
            }
        default:
            throw APIError.malformed(language, "不支持的文件类型：\(fileName)（支持 GeoJSON、KML/KMZ、GeoPackage、DXF、CSV、XLSX、Shapefile 的 .zip 压缩包、勘测定界 .txt）",
                                     "unsupported file type: \(fileName) (GeoJSON, KML/KMZ, GeoPackage, DXF, CSV, XLSX, a zipped Shapefile and 勘测定界 .txt are supported)")
        }
    }

    func read(defaultCRS: CRS) throws(APIError) -> (Geometry, CRS, [String]) {
        let l = language
        let data: Data
        if file.contentEncoding == "base64" {
            guard let decoded = Data(base64Encoded: file.content) else {
                throw APIError.malformed(l, "文件 \(file.fileName) 的 base64 内容有误", "file \(file.fileName): malformed base64 content")
            }
            data = decoded
        } else {
            data = Data(file.content.utf8)
        }
        let features: [Feature]
        do { features = try Self.features(data: data, fileName: file.fileName, language: l) } catch let error as APIError {
            throw error
        } catch {
            throw APIError(kind: .malformedRequest, message: (error as? UserFacingError)?.message(l) ?? "\(error)")
        }
        let geometries = features.compactMap(\.geometry)
        guard let first = geometries.first else {
            throw APIError.malformed(l, "文件 \(file.fileName) 中没有几何", "file \(file.fileName) holds no geometry")
        }
        let crs = features.first?.crs ?? defaultCRS
        guard geometries.count > 1 else { return (first, crs, []) }
        // Several parcels of one project are screened together as one site.
        let polygons = geometries.flatMap { geometry -> [Polygon] in
            switch geometry {
            case .polygon(let polygon): [polygon]
            case .multiPolygon(let polygons): polygons
            default: []
            }
        }
        guard polygons.count == geometries.count || polygons.count > geometries.count else { return (first, crs, []) }
        return (.multiPolygon(polygons), crs, [l.pick("文件中的 \(geometries.count) 个地块合并为一个站点筛查", "the file's \(geometries.count) parcels are screened together as one site")])
    }
}
