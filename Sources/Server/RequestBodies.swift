import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// The bodies of `POST /api/screen` and `POST /api/screen/batch` turned into sites, exactly as the
/// handlers do it, without a running server (the fuzz targets call these; the handlers do too).
/// Errors are what the service answers with (`APIError`, `UserFacingError`).
public enum RequestBodies {
    /// The site of a `POST /api/screen` body.
    /// (The service picks the dataset by the request's `edition`; here it is given.)
    public static func screenSite(_ body: Data, dataset: Dataset, language: Language) throws -> Site {
        try SiteBuilder(dataset: dataset, language: language).site(try screenRequest(body, language: language))
    }

    /// The boundary in an uploaded file (the `file` member of `POST /api/screen`, its content
    /// decoded), read as the service reads it: from memory, only the driver its ending calls for,
    /// nothing outside it, within `limits`.
    public static func uploadedBoundary(_ data: Data, fileName: String, limits: ReadLimits, language: Language) throws -> Geometry {
        try UploadedBoundary(fileName: fileName, data: data, language: language, limits: limits).read(defaultCRS: .cgcs2000).0
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
    /// `offset` and `idField`, by feature index, problems first as read.
    public static func batchJobs(_ body: Data, dataset: Dataset, crs: String?, offset: String?, idField: String?,
                                 maxFeatures: Int, language l: Language) throws -> [(index: Int, job: BatchJob)] {
        let builder = SiteBuilder(dataset: dataset, language: l)
        let crs = try builder.crs(crs)
        let datum = try builder.datum(offset)
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any], root["type"] as? String == "FeatureCollection" else {
            throw APIError.malformed(l, "请求应为 GeoJSON FeatureCollection", "the request must be a GeoJSON FeatureCollection")
        }
        let batch = try GeoJSONData(data: body, name: "request").readAll()
        guard batch.features.count + batch.problems.count <= maxFeatures else {
            throw APIError(kind: .bodyTooLarge, message: l.pick("一次最多 \(maxFeatures) 个要素", "at most \(maxFeatures) features per request"))
        }
        var source = builder.intake(crs: crs, offset: datum, idField: idField).source("request")
        return batch.problems.map { ($0.featureIndex ?? 0, source.job(.failure($0))) } + batch.features.map { ($0.index, source.job($0)) }
    }
}
