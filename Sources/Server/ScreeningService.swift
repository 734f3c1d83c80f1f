import Foundation
import Formats
import Geometry
import Zoning

/// What the HTTP layer needs from a screening backend. The in-memory engine pool is one; a PostGIS
/// backend can be another.
protocol ScreeningRepository: Sendable {
    var dataset: Dataset { get }
    func screen(_ site: Site, language: Language) async throws -> ScreeningResult
    /// Every industry class on the site (`allIndustries` requests).
    func screenAllIndustries(_ site: Site, nature: ProjectNature?, chemical: Bool?, flags: Set<String>, language: Language) async throws -> IndustryVerdicts
    func mapLayers() -> Data
}

/// The loaded dataset and a pool of engines.
final class LocalScreeningService: ScreeningRepository {
    let dataset: Dataset
    private let pool: EnginePool
    private let layers: LazyMapLayers

    init(dataset: Dataset, engines: Int) throws {
        self.dataset = dataset
        self.pool = try EnginePool(dataset: dataset, size: engines)
        // Drawing a province's layers (and buffering its shoreline bands) takes seconds: it is done in
        // the background, so screening requests are answered from the first second.
        self.layers = LazyMapLayers(dataset: dataset)
        layers.prepareInBackground()
    }

    func screen(_ site: Site, language: Language) async throws -> ScreeningResult {
        try await pool.withEngine { engine in try engine.screen(site, language: language) }
    }

    func screenAllIndustries(_ site: Site, nature: ProjectNature?, chemical: Bool?, flags: Set<String>, language: Language) async throws -> IndustryVerdicts {
        try await pool.withEngine { engine in try engine.screenAllIndustries(site, nature: nature, chemical: chemical, flags: flags, language: language) }
    }

    func mapLayers() -> Data { layers.data }
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
