import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// The sites of a `POST /api/screen` request: one (a geometry, pasted coordinates, an upload of one
/// parcel, or an upload's parcels merged as asked), or an upload's parcels each as its own site, as
/// the command line screens a file.
enum RequestSites: Sendable {
    case one(Site)
    /// Every parcel of the upload by its place in the file, those that could not be read included.
    case parcels([IndexedJob])
}

/// A batch job and its feature's place in the input.
struct IndexedJob: Sendable {
    let index: Int
    let job: BatchJob
}

/// Turns requests into sites through the library's one intake (`SiteIntake`), checking everything a
/// user could have got wrong, in their language.
struct SiteBuilder: Sendable {
    let dataset: Dataset
    let language: Language
    /// How far an uploaded file may expand while it is read; its vertex limit holds for every site.
    var uploadLimits: ReadLimits = .uploads

    /// The profile a request gives, checked; it applies over what an uploaded feature's own
    /// properties say, as command-line options do over a file's.
    func overrides(industry: String?, nature: String?, chemical: Bool?, flags: [String]?, products: String? = nil,
                   investment: String? = nil) throws(APIError) -> ProfileOverrides {
        do {
            // `"flags": []` answers the flags (none); no `flags` at all leaves them unanswered.
            return try ProfileOverrides(industry: industry, nature: nature, chemical: chemical, flags: flags ?? [], flagsStated: flags != nil, products: products,
                                        investment: investment, catalogue: dataset.catalogue,
                                        vocabulary: dataset.flags)
        } catch {
            throw Self.apiError(error, language)
        }
    }

    func profile(industry: String?, nature: String?, chemical: Bool?, flags: [String]?, products: String? = nil,
                 investment: String? = nil) throws(APIError) -> ProjectProfile? {
        let given = try overrides(industry: industry, nature: nature, chemical: chemical, flags: flags, products: products, investment: investment)
        do { return try given.profile(over: nil, catalogue: dataset.catalogue) } catch { throw Self.apiError(error, language) }
    }

    /// A query parameter's yes-or-no for "chemical", read as everywhere else (`ProjectProfile.chemical(parsing:)`).
    func chemical(_ text: String?) throws(APIError) -> Bool? {
        guard let text, !text.isEmpty else { return nil }
        do { return try ProjectProfile.chemical(parsing: text) } catch { throw Self.apiError(error, language) }
    }

    static func apiError(_ error: ProfileInputError, _ language: Language) -> APIError {
        switch error {
        case .unknownIndustry, .ambiguousIndustry: return APIError(kind: .unknownIndustry, message: error.message(language))
        default: break
        }
        return APIError(kind: .malformedRequest, message: error.message(language))
    }

    /// A site the intake could not make, as the API answers it.
    static func apiError(_ failure: BatchInputError, _ language: Language) -> APIError {
        let message = failure.message(language)
        return switch failure.kind {
        case .invalidGeometry: APIError(kind: .invalidGeometry, message: message)
        case .outsideDataset: APIError(kind: .outsideDataset, message: message)
        case .unreadable, .profile, .other: APIError(kind: .malformedRequest, message: message)
        }
    }

    /// The intake for a request's features: its CRS (standing in where a file says none), offset, ID
    /// property and profile.
    func intake(crs: CRS?, offset: WebMapDatum, idField: String?, overrides: ProfileOverrides = ProfileOverrides()) -> SiteIntake {
        SiteIntake(dataset: dataset, options: SiteIntake.Options(crs: crs, offset: offset, idField: idField, overrides: overrides,
                                                                 untrusted: true, limits: uploadLimits))
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

    /// The request's one site; an upload of several parcels must ask for them to be merged.
    /// Throws `APIError`, or `CancellationError` when reading an upload was stopped.
    func site(_ request: ScreenRequest) throws -> Site {
        switch try sites(request) {
        case .one(let site): return site
        case .parcels(let jobs):
            let name = request.file?.fileName ?? ""
            throw APIError.malformed(language, "文件 \(name) 含 \(jobs.count) 个地块，此处只能筛查一个站点：请设 mergeParcels 为 true 合并为一个站点，或每次上传一个地块",
                                     "file \(name) holds \(jobs.count) parcels and this answers for one site: set mergeParcels to true to screen them as one site, or upload one parcel at a time")
        }
    }

    /// Throws `APIError`, or `CancellationError` when reading an upload was stopped.
    func sites(_ request: ScreenRequest) throws -> RequestSites {
        let l = language
        let given = [request.geometry != nil, request.coordinates != nil, request.file != nil].filter { $0 }.count
        guard given == 1 else {
            throw APIError.malformed(l, "请给出 geometry、coordinates、file 三者之一", "give exactly one of geometry, coordinates or file")
        }
        let crs = try crs(request.crs)
        let intake = intake(crs: crs, offset: try datum(request.offset), idField: nil,
                            overrides: try overrides(industry: request.industry, nature: request.nature, chemical: request.chemical, flags: request.flags,
                                                    products: request.products, investment: request.investment))
        if let file = request.file {
            return try uploaded(file, request: request, intake: intake)
        }
        let feature: Feature
        if let object = request.geometry {
            do { feature = Feature(id: request.id, geometry: try Geometry(geoJSONObject: object.anyValue)) } catch {
                throw APIError(kind: .malformedRequest, message: error.message(l))
            }
        } else if let text = request.coordinates {
            do {
                let parsed = try CoordinateText.parse(text, geographic: crs.isKnownGeographic)
                feature = Feature(id: request.id, geometry: parsed.geometry, notes: parsed.notes.map(InputNote.coordinates))
            } catch {
                throw APIError(kind: .malformedRequest, message: error.message(l))
            }
        } else {
            throw APIError.malformed(l, "请给出 geometry、coordinates、file 三者之一", "give exactly one of geometry, coordinates or file")
        }
        var source = intake.request("request")
        return .one(try source.job(feature, name: request.name).site.mapError { Self.apiError($0, l) }.get())
    }

    /// An uploaded file's parcels: each its own site unless the request merges them. With one parcel,
    /// or merged, the request's `id` and `name` name the site.
    private func uploaded(_ file: ScreenRequest.UploadedFile, request: ScreenRequest, intake: SiteIntake) throws -> RequestSites {
        let l = language
        let upload = try UploadedBoundary(file: file, language: l, limits: uploadLimits)
        let batch = try upload.read()
        let merging = request.mergeParcels == true
        // One bad parcel makes a merged boundary (or the only parcel) incomplete: say which, rather
        // than screen the rest as the whole.
        if let problem = batch.problems.first, merging || batch.problems.count + batch.features.count == 1 {
            if case .overLimit = problem { throw APIError(kind: .inputTooLarge, message: problem.message(l)) }
            throw APIError(kind: .malformedRequest, message: problem.message(l))
        }
        guard !batch.problems.isEmpty || batch.features.contains(where: { $0.geometry != nil }) else {
            throw APIError.malformed(l, "文件 \(file.fileName) 中没有几何", "file \(file.fileName) holds no geometry")
        }
        var source = intake.source(file.fileName)
        if merging {
            let jobs = batch.features.map { source.job($0) }
            return .one(try intake.merged(jobs, source: file.fileName, id: request.id, name: request.name).site.mapError { Self.apiError($0, l) }.get())
        }
        if batch.problems.isEmpty, batch.features.count == 1, var only = batch.features.first {
            if let id = request.id { only.id = id }
            return .one(try source.job(only, name: request.name).site.mapError { Self.apiError($0, l) }.get())
        }
        let read = batch.problems.map { (index: $0.featureIndex ?? 0, read: Result<Feature, FeatureError>.failure($0)) }
            + batch.features.map { (index: $0.index, read: Result<Feature, FeatureError>.success($0)) }
        return .parcels(read.sorted { $0.index < $1.index }.map { IndexedJob(index: $0.index, job: source.job($0.read)) })
    }
}

/// A boundary file uploaded from the web page or a client, its content decoded.
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

    /// Every parcel in the file as its reader gives it (the file's own CRS, or none), and the
    /// problems with the others. Throws `APIError`, or `CancellationError` when the work was stopped
    /// (its request timed out).
    func read() throws -> FeatureBatch {
        let l = language
        guard SiteFiles.uploadEndings.contains(URL(fileURLWithPath: fileName).pathExtension.lowercased()) else {
            throw APIError.malformed(l, "不支持的文件类型：\(fileName)（支持 GeoJSON、KML/KMZ、GeoPackage、DXF、CSV、XLSX、Shapefile 的 .zip 压缩包、勘测定界 .txt）",
                                     "unsupported file type: \(fileName) (GeoJSON, KML/KMZ, GeoPackage, DXF, CSV, XLSX, a zipped Shapefile and 勘测定界 .txt are supported)")
        }
        do {
            // The request's CRS only stands in where the file says none (the intake's default).
            return try SiteFiles.features(data: data, fileName: fileName, options: SiteIntake.Options(crs: nil, untrusted: true, limits: limits))
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
    }
}
