import Foundation
import Formats
import Geometry
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Zoning

/// Builds the service: `buildRouter` for tests (any port, any backend), `buildApplication` to run.
public enum ZoneScreenService {
    public typealias Context = BasicRequestContext

    public static func buildApplication(dataset: Dataset, configuration: ServiceConfiguration,
                                        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        try buildApplication(datasets: [dataset], configuration: configuration, onServerRunning: onServerRunning)
    }

    /// Several editions of the dataset, the first the default (requests choose with `edition`). With
    /// `reload`, SIGHUP loads the editions again through it and swaps them in (`EditionReload`).
    public static func buildApplication(datasets: [Dataset], configuration: ServiceConfiguration,
                                        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in },
                                        reload: (@Sendable () throws -> [Dataset])? = nil) throws -> some ApplicationProtocol {
        let service = Editions(try datasets.map { try LocalScreeningService(dataset: $0, engines: configuration.maxConcurrentScreenings) })
        if let reload {
            EditionReload(editions: service, engines: configuration.maxConcurrentScreenings, load: reload).installSignalHandler()
        }
        var logger = Logger(label: "zonescreen")
        logger.logLevel = .warning
        let connections = ConnectionCount()
        let readTimeout = TimeAmount.nanoseconds(Int64(configuration.requestReadTimeout.components.seconds) * 1_000_000_000
            + configuration.requestReadTimeout.components.attoseconds / 1_000_000_000)
        let limit = configuration.maxConnections
        return Application(
            router: buildRouter(service: service, configuration: configuration),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionGuard(readTimeout: readTimeout, count: connections, limit: limit)])),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ZoneScreen"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    static func buildRouter<Service: ScreeningRepository>(service editions: Editions<Service>, configuration: ServiceConfiguration) -> Router<Context> {
        let router = Router(context: Context.self)
        let assets = WebAssets.load()
        let api = APIHandlers(editions: editions, configuration: configuration)

        router.getAndHead("/") { _, _ in assets.response("index.html") }
        router.getAndHead("/web/:file") { _, context in assets.response(context.parameters.get("file") ?? "") }
        router.getAndHead("/vendor/leaflet/**") { request, _ in WebAssets.leaflet(path: request.uri.path) }
        router.getAndHead("/api/openapi.json") { _, _ in assets.response("openapi.json") }
        router.getAndHead("/api/health") { request, _ in await api.handle(request) { try api.health() } }
        router.getAndHead("/api/dataset") { request, _ in await api.handle(request) { try api.datasetInfo() } }
        router.getAndHead("/api/industries") { request, _ in await api.handle(request) { language in try api.industries(request, language) } }
        router.getAndHead("/api/map-layers") { request, _ in
            await api.handle(request) { language in JSONReply(data: try editions.service(APIHandlers<Service>.query(request, "edition"), language: language).mapLayers()) }
        }
        router.getAndHead("/api/editions") { request, _ in await api.handle(request) { try api.editionList() } }
        router.getAndHead("/api/suitability") { request, _ in await api.handle(request) { language in try await api.suitability(request, language) } }
        router.getAndHead("/api/clauses") { request, _ in await api.handle(request) { language in try api.clauses(request, language) } }
        router.getAndHead("/api/clauses/:id") { request, context in
            await api.handle(request) { language in try api.clause(context.parameters.get("id") ?? "", request, language) }
        }
        router.post("/api/screen") { request, _ in await api.handle(request) { language in try await api.screen(request, language) } }
        router.post("/api/screen/batch") { request, _ in await api.handle(request) { language in try await api.batch(request, language) } }
        router.post("/api/report") { request, _ in await api.handle(request) { language in try await api.report(request, language) } }
        router.getAndHead("/api/report") { request, _ in await api.handle(request) { language in try await api.report(request, language) } }
        return router
    }
}

extension Router {
    /// A GET route that also answers HEAD (load balancers' health checks use it) with the same status
    /// and headers, its Content-Length that of the GET body, and no body.
    func getAndHead(_ path: RouterPath, use handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        get(path, use: handler)
        head(path) { request, context in
            let full = try await handler(request, context)
            var headers = full.headers
            if let length = full.body.contentLength { headers[.contentLength] = String(length) }
            return Response(status: full.status, headers: headers, body: .init())
        }
    }
}

/// A JSON body with its status and extra headers.
struct JSONReply: Sendable {
    var data: Data
    var status: HTTPResponse.Status = .ok
    var contentType = "application/json; charset=utf-8"
    var extraHeaders: [(HTTPField.Name, String)] = []

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (name, value) in extraHeaders { headers[name] = value }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension WebAssets {
    func response(_ name: String) -> Response {
        guard let asset = files[name] else { return Self.notFound() }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: asset.data)))
    }

    /// A file of Debian's Leaflet; only plain names below the Leaflet folder are served.
    static func leaflet(path: String) -> Response {
        let relative = String(path.dropFirst("/vendor/leaflet/".count))
        guard !relative.isEmpty, !relative.split(separator: "/").contains(where: { $0 == ".." || $0.hasPrefix(".") }),
              let data = FileManager.default.contents(atPath: leafletFolder + "/" + relative) else { return notFound() }
        var headers = HTTPFields()
        headers[.contentType] = contentType(forFileNamed: relative)
        headers[.cacheControl] = "max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func notFound() -> Response {
        errorResponse(APIError(kind: .notFound, message: "未找到 / not found"))
    }
}
