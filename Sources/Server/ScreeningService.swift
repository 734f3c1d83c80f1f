import Foundation
import Formats
import Geometry
import Synchronization
import Wording
import Zoning

/// What the HTTP layer needs from a screening backend. The in-memory engine pool is one; a PostGIS
/// backend can be another.
protocol ScreeningRepository: Sendable {
    var dataset: Dataset { get }
    func screen(_ site: Site) async throws -> ScreeningResult
    /// Screens and renders in one go, on the engine's thread (rendering JSON is as much CPU work as
    /// screening a point).
    func screenJSON(_ site: Site, detail: ClauseDetail, render: @escaping @Sendable (ScreeningResult) -> Data) async throws -> Data
    /// Every industry class on the site (`allIndustries` requests).
    func screenAllIndustries(_ site: Site, nature: ProjectNature?, chemical: Bool?, flags: Set<String>) async throws -> IndustryVerdicts
    /// The suitability map for a profile, as GeoJSON in longitude/latitude (made once per profile).
    func suitability(_ profile: ProjectProfile, language: Language) async throws -> Data
    func mapLayers() -> Data
    /// Works on `inputs` in parallel on the engine threads (`batchSize` at a time) and hands each output
    /// to `each` in input order; stopped between inputs when the request is cancelled or times out.
    func inOrder<Input: Sendable, Output: Sendable>(_ inputs: [Input], batchSize: Int,
                                                    _ work: @escaping @Sendable (ScreeningEngine, Input) throws -> Output,
                                                    each: (Output) async throws -> Void) async throws
    /// Runs blocking work that is not screening (reading an uploaded file) off the async executor, as
    /// cancellable as screening: stopped when the request is cancelled or times out.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T
}

/// The loaded dataset and a pool of engines.
final class LocalScreeningService: ScreeningRepository {
    let dataset: Dataset
    private let engines: EnginePool<ScreeningEngine>
    /// Engines for a point, screened in the request's own task (see `EngineLeases`).
    private let pointEngines: EngineLeases<ScreeningEngine>
    private let layers: LazyMapLayers
    /// Built and drawn once per profile; only the verdict names differ by language.
    private let suitabilityMaps = Mutex<[String: DrawnSuitability]>([:])

    init(dataset: Dataset, engines: Int) throws {
        self.dataset = dataset
        self.engines = EnginePool(threads: engines) { () throws(GeometryError) in try ScreeningEngine(dataset: dataset) }
        try self.engines.ready()
        self.pointEngines = EngineLeases(limit: engines) { () throws(GeometryError) in try ScreeningEngine(dataset: dataset) }
        // Drawing a province's layers (and buffering its shoreline bands) takes seconds: it is done in
        // the background, so screening requests are answered from the first second.
        self.layers = LazyMapLayers(dataset: dataset)
        layers.prepareInBackground()
    }

    func screen(_ site: Site) async throws -> ScreeningResult {
        try await onEngine(for: site) { engine in try engine.screen(site) }
    }

    func screenJSON(_ site: Site, detail: ClauseDetail, render: @escaping @Sendable (ScreeningResult) -> Data) async throws -> Data {
        try await onEngine(for: site) { engine in render(try engine.screen(site, clauses: detail)) }
    }

    /// Runs `work` for `site` where it costs least. A point costs tens of microseconds, less than the
    /// hand-off to a pool thread: it runs here on a lent engine when one is free. Anything larger goes to
    /// the pool, where a slow overlay cannot hold up the async executor and can be cancelled.
    private func onEngine<T: Sendable>(for site: Site, _ work: @escaping @Sendable (ScreeningEngine) throws -> T) async throws -> T {
        if case .point = site.geometry, let done = try pointEngines.withEngine(work) { return done }
        return try await engines.submit(work)
    }

    func screenAllIndustries(_ site: Site, nature: ProjectNature?, chemical: Bool?, flags: Set<String>) async throws -> IndustryVerdicts {
        try await engines.submit { engine in try engine.screenAllIndustries(site, nature: nature, chemical: chemical, flags: flags) }
    }

    func suitability(_ profile: ProjectProfile, language: Language) async throws -> Data {
        let key = "\(profile.industry ?? "")|\(profile.nature?.rawValue ?? "")|\(profile.chemical.map(String.init) ?? "")|\(profile.flags.sorted())|\(profile.flagsStated)|\(profile.products ?? "")|\(profile.investment.map { String($0) } ?? "")"
        if let written = suitabilityMaps.withLock({ $0[key]?.written[language] }) { return written }
        let drawn: [Feature]
        if let cached = suitabilityMaps.withLock({ $0[key]?.drawn }) {
            drawn = cached
        } else {
            let (dataset, engines) = (self.dataset, self.engines)
            // Cutting every unit takes a while on a province: the units are cut on the engine threads,
            // between other requests' jobs; this thread of its own only hands them out and gathers the
            // pieces, which blocks, so it must be neither the async executor's nor an engine's.
            drawn = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Feature], any Error>) in
                Thread.detachNewThread {
                    continuation.resume(with: Result { () throws -> [Feature] in
                        let map = try SuitabilityMap.build(dataset: dataset, profile: profile, pool: engines)
                        let tolerance = map.regions.reduce(Envelope.empty) { $0.union($1.geometry.envelope) }.width / 20_000
                        return try map.drawnFeatures(drawingTolerance: tolerance, rulesAsList: true)
                    })
                }
            }
        }
        let written = GeoJSONWriter.featureCollection(SuitabilityMap.named(drawn, language: language))
        suitabilityMaps.withLock { maps in
            if maps[key] == nil, maps.count > 16 { maps.removeAll() }
            maps[key, default: DrawnSuitability(drawn: drawn)].written[language] = written
        }
        return written
    }

    func mapLayers() -> Data { layers.data }

    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await engines.submit { _ in try work() }
    }

    func inOrder<Input: Sendable, Output: Sendable>(_ inputs: [Input], batchSize: Int,
                                                    _ work: @escaping @Sendable (ScreeningEngine, Input) throws -> Output,
                                                    each: (Output) async throws -> Void) async throws {
        try await engines.inOrder(inputs, batchSize: batchSize, { engine, input, _ in try work(engine, input) }, each: each)
    }
}

/// A profile's suitability map drawn in longitude/latitude, and the documents written from it so far.
struct DrawnSuitability: Sendable {
    var drawn: [Feature]
    var written: [Language: Data] = [:]
}

/// The map layers document, made once: by a background thread started with the service, or by the
/// first request that needs it, whichever comes first (the other waits for it).
///
/// `@unchecked Sendable`: `made` is read and written only under `lock`.
final class LazyMapLayers: @unchecked Sendable {
    private let dataset: Dataset
    private let lock = NSLock()
    private var made: Data?

    init(dataset: Dataset) { self.dataset = dataset }

    var data: Data {
        lock.withLock {
            if let made { return made }
            // A failure draws nothing rather than failing every page load; screening is unaffected.
            let built = (try? MapLayers.build(dataset)) ?? Data(#"{"units":{"type":"FeatureCollection","features":[]},"redLines":{"type":"FeatureCollection","features":[]},"shorelines":{"type":"FeatureCollection","features":[]},"bands":{"type":"FeatureCollection","features":[]},"sensitiveAreas":{"type":"FeatureCollection","features":[]}}"#.utf8)
            made = built
            return built
        }
    }

    func prepareInBackground() {
        Thread.detachNewThread { [self] in _ = self.data }
    }
}
