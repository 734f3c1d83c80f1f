import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// The bodies of `POST /api/screen` and `POST /api/screen/batch` turned into sites, exactly as the
/// handlers do it, without a running server (the fuzz targets call these; the handlers do too).
/// Errors are what the service answers with (`APIError`, `UserFacingError`).
public enum RequestBodies {
    /// The sites of a `POST /api/screen` body: one, or an uploaded file's parcels each as a job.
    /// (The service picks the dataset by the request's `edition`; here it is given.)
    public static func screenSites(_ body: Data, dataset: Dataset, language: Language) throws -> [BatchJob] {
        switch try SiteBuilder(dataset: dataset, language: language).sites(try screenRequest(body, language: language)) {
        case .one(let site): [BatchJob(label: site.reference ?? .name("request"), id: site.id, feature: nil, site: .success(site))]
        case .parcels(let jobs): jobs.map(\.job)
        }
    }

    /// The parcels in an uploaded file (the `file` member of `POST /api/screen`, its content
    /// decoded), read as the service reads it: from memory, only the driver its ending calls for,
    /// nothing outside it, within `limits`.
    public static func uploadedParcels(_ data: Data, fileName: String, limits: ReadLimits, language: Language) throws -> FeatureBatch {
        try UploadedBoundary(fileName: fileName, data: data, language: language, limits: limits).read()
    }

    /// A `POST /api/screen` (or `/api/report`) body decoded.
    static func screenRequest(_ body: Data, language: Language) throws(APIError) -> ScreenRequest {
        // The project's strict parser: Foundation's JSONDecoder was a fifth of a request's time.
        guard case .object(let members)? = JSONValue(parsing: body) else {
            throw APIError.malformed(language, "请求不是合法的 JSON 对象", "the request is not a valid JSON object")
        }
        return try ScreenRequest(members, language: language)
    }

    /// The jobs of a `POST /api/screen/batch` body (a FeatureCollection) with the query's `crs`,
    /// `offset` and `idField`, by feature index. The body is parsed once, where it lies.
    public static func batchJobs(_ body: Data, dataset: Dataset, crs: String?, offset: String?, idField: String?,
                                 maxFeatures: Int, limits: ReadLimits = .uploads, language l: Language) throws -> [(index: Int, job: BatchJob)] {
        try batch(body, dataset: dataset, crs: crs, offset: offset, idField: idField, maxFeatures: maxFeatures, limits: limits, language: l)
            .map { ($0.index, $0.job) }
    }

    static func batch(_ body: Data, dataset: Dataset, crs: String?, offset: String?, idField: String?,
                      maxFeatures: Int, limits: ReadLimits, language l: Language) throws -> [IndexedJob] {
        let builder = SiteBuilder(dataset: dataset, language: l, uploadLimits: limits)
        let crs = try builder.crs(crs)
        let datum = try builder.datum(offset)
        var read: [Result<Feature, FeatureError>] = []
        do {
            try GeoJSONData(data: body, name: "request", requireFeatureCollection: true).forEachFeature { feature in
                guard read.count < maxFeatures else {
                    throw APIError(kind: .bodyTooLarge, message: l.pick("一次最多 \(maxFeatures) 个要素", "at most \(maxFeatures) features per request"))
                }
                read.append(feature)
            }
        } catch FeatureError.notJSON, FeatureError.notGeoJSON(_, .notAnObject), FeatureError.notGeoJSON(_, .missingMember("type")),
                FeatureError.notGeoJSON(_, .wrongType) {
            throw APIError.malformed(l, "请求应为 GeoJSON FeatureCollection", "the request must be a GeoJSON FeatureCollection")
        }
        var source = builder.intake(crs: crs, offset: datum, idField: idField).source("request")
        return read.map { feature in
            switch feature {
            case .success(let feature): IndexedJob(index: feature.index, job: source.job(feature))
            case .failure(let problem): IndexedJob(index: problem.featureIndex ?? 0, job: source.job(.failure(problem)))
            }
        }
    }
}
