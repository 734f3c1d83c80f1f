import Foundation
import Formats
import Geometry
import Reports
import Zoning
import Wording

/// The body of `POST /api/screen` (see openapi.json): one of geometry, coordinates or file, where
/// the coordinates come from, and the project profile.
struct ScreenRequest: Sendable {
    struct UploadedFile: Sendable {
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
    /// The dataset edition to answer with (its key from GET /api/editions); the default one when nil.
    var edition: String?
    /// Another edition to compare the answer with.
    var compareEdition: String?
    /// Answer for every industry class at once (the industry is then ignored).
    var allIndustries: Bool?
    /// How much the answer carries: verdict, reasons (the default) or full.
    var detail: String?
}

extension ScreenRequest {
    /// The request from its JSON members; a member of the wrong type is named in the error.
    init(_ members: [String: JSONValue], language l: Language) throws(APIError) {
        func text(_ key: String, in object: [String: JSONValue] = members) throws(APIError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw APIError.malformed(l, "字段 \(key) 应为字符串", "\(key) must be a string")
            }
        }
        func flag(_ key: String) throws(APIError) -> Bool? {
            switch members[key] {
            case nil, .null?: return nil
            case .bool(let value)?: return value
            default: throw APIError.malformed(l, "字段 \(key) 应为 true 或 false", "\(key) must be true or false")
            }
        }
        var flags: [String]?
        switch members["flags"] {
        case nil, .null?: flags = nil
        case .array(let items)?:
            flags = []
            for item in items {
                guard case .string(let value) = item else { throw APIError.malformed(l, "字段 flags 应为字符串数组", "flags must be an array of strings") }
                flags?.append(value)
            }
        default: throw APIError.malformed(l, "字段 flags 应为字符串数组", "flags must be an array of strings")
        }
        var file: UploadedFile?
        switch members["file"] {
        case nil, .null?: file = nil
        case .object(let object)?:
            guard let fileName = try text("fileName", in: object), let content = try text("content", in: object) else {
                throw APIError.malformed(l, "字段 file 应含 fileName 和 content", "file must have fileName and content")
            }
            file = UploadedFile(fileName: fileName, content: content, contentEncoding: try text("contentEncoding", in: object))
        default: throw APIError.malformed(l, "字段 file 应为对象", "file must be an object")
        }
        var geometry = members["geometry"]
        if geometry == .null { geometry = nil }
        self.init(geometry: geometry, coordinates: try text("coordinates"), file: file, crs: try text("crs"), offset: try text("offset"),
                  industry: try text("industry"), nature: try text("nature"), chemical: try flag("chemical"), flags: flags,
                  name: try text("name"), id: try text("id"), edition: try text("edition"), compareEdition: try text("compareEdition"),
                  allIndustries: try flag("allIndustries"), detail: try text("detail"))
    }
}

extension AnswerDetail {
    /// The detail a request asks for (`reasons` when it says nothing), or a clear error.
    static func requested(_ text: String?, language l: Language) throws(APIError) -> AnswerDetail {
        guard let text, !text.isEmpty else { return .reasons }
        guard let detail = AnswerDetail(rawValue: text) else {
            throw APIError.malformed(l, "detail 应为 verdict、reasons 或 full，而不是“\(text)”", "detail must be verdict, reasons or full, not '\(text)'")
        }
        return detail
    }
}

/// Turns requests into sites, checking everything a user could have got wrong, in their language.
struct SiteBuilder: Sendable {
    let dataset: Dataset
    let language: Language
    /// How far an uploaded file may expand while it is read.
    var uploadLimits: ReadLimits = .uploads

    func profile(industry: String?, nature: String?, chemical: Bool?, flags: [String]?) throws(APIError) -> ProjectProfile? {
        do {
            let given = try ProfileOverrides(industry: industry, nature: nature, chemical: chemical, flags: flags ?? [], catalogue: dataset.catalogue,
                                           vocabulary: dataset.flags)
            return try given.profile(over: nil, catalogue: dataset.catalogue)
        } catch {
            throw Self.apiError(error, language)
        }
    }

    static func apiError(_ error: ProfileInputError, _ language: Language) -> APIError {
        switch error {
        case .unknownIndustry, .ambiguousIndustry: return APIError(kind: .unknownIndustry, message: error.message(language))
        default: break
        }
        return APIError(kind: .malformedRequest, message: error.message(language))
    }

    /// The intake for a request's features: its CRS, offset and ID property, no profile overrides
    /// (each feature's own properties give its profile).
    func intake(crs: CRS?, offset: WebMapDatum, idField: String?) -> SiteIntake {
        SiteIntake(dataset: dataset, options: SiteIntake.Options(crs: crs, offset: offset, idField: idField, language: language))
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

    /// Throws `APIError`, or `CancellationError` when reading an upload was stopped.
    func site(_ request: ScreenRequest) throws -> Site {
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
            (geometry, crs, notes) = try UploadedBoundary(file: file, language: l, limits: uploadLimits).read(defaultCRS: crs)
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
    /// The name the sender gave it (its ending says its format).
    let fileName: String
    let data: Data
    let language: Language
    let limits: ReadLimits

    init(fileName: String, data: Data, language: Language, limits: ReadLimits) {
        self.fileName = fileName
        self.data = data
        self.language = language
        self.limits = limits
    }

    /// The file of a request, its content decoded.
    init(file: ScreenRequest.UploadedFile, language l: Language, limits: ReadLimits) throws(APIError) {
        let data: Data
        if file.contentEncoding == "base64" {
            guard let decoded = Data(base64Encoded: file.content) else {
                throw APIError.malformed(l, "文件 \(file.fileName) 的 base64 内容有误", "file \(file.fileName): malformed base64 content")
            }
            data = decoded
        } else {
            data = Data(file.content.utf8)
        }
        self.init(fileName: file.fileName, data: data, language: l, limits: limits)
    }

    /// Throws `APIError`, or `CancellationError` when the work was stopped (its request timed out).
    func read(defaultCRS: CRS) throws -> (Geometry, CRS, [String]) {
        let l = language
        guard SiteFiles.uploadEndings.contains(URL(fileURLWithPath: fileName).pathExtension.lowercased()) else {
            throw APIError.malformed(l, "不支持的文件类型：\(fileName)（支持 GeoJSON、KML/KMZ、GeoPackage、DXF、CSV、XLSX、Shapefile 的 .zip 压缩包、勘测定界 .txt）",
                                     "unsupported file type: \(fileName) (GeoJSON, KML/KMZ, GeoPackage, DXF, CSV, XLSX, a zipped Shapefile and 勘测定界 .txt are supported)")
        }
        let batch: FeatureBatch
        do {
            batch = try SiteFiles.features(data: data, fileName: fileName, options: SiteIntake.Options(crs: nil, language: l, untrusted: true, limits: limits))
        } catch let error as InputLimits.Exceeded {
            throw APIError(kind: .inputTooLarge, message: error.message(l))
        } catch GDALError.overLimit(let limit) {
            throw APIError(kind: .inputTooLarge, message: limit.message(l))
        } catch is WorkCancellation.Stopped {
            throw CancellationError()
        } catch GDALError.stopped {
            throw CancellationError()
        } catch {
            // Never "\(error)": a system error could show a path on the server.
            throw APIError(kind: .malformedRequest, message: (error as? UserFacingError)?.message(l)
                           ?? l.pick("无法读取文件 \(fileName)", "cannot read file \(fileName)"))
        }
        // One bad parcel makes the boundary incomplete: say which, rather than screen the rest as the whole.
        if let problem = batch.problems.first {
            if case .overLimit = problem { throw APIError(kind: .inputTooLarge, message: problem.message(l)) }
            throw APIError(kind: .malformedRequest, message: problem.message(l))
        }
        let features = batch.features
        let geometries = features.compactMap(\.geometry)
        guard let first = geometries.first else {
            throw APIError.malformed(l, "文件 \(fileName) 中没有几何", "file \(fileName) holds no geometry")
        }
        let crs = features.first?.crs ?? defaultCRS
        let notes = features.flatMap { ($0.properties["inputNotes"]?.array ?? []).compactMap(\.text) }
        guard geometries.count > 1 else { return (first, crs, notes) }
        // Several parcels of one project are screened together as one site.
        let polygons = geometries.flatMap { geometry -> [Polygon] in
            switch geometry {
            case .polygon(let polygon): [polygon]
            case .multiPolygon(let polygons): polygons
            default: []
            }
        }
        guard polygons.count >= geometries.count else { return (first, crs, notes) }
        return (.multiPolygon(polygons), crs, notes + [l.pick("文件中的 \(geometries.count) 个地块合并为一个站点筛查", "the file's \(geometries.count) parcels are screened together as one site")])
    }
}
