import Foundation
import Formats
import Geometry
import Zoning

/// What the HTTP layer needs from a screening backend. The in-memory engine pool is one; a PostGIS
/// backend can be another.
protocol ScreeningRepository: Sendable {
    var dataset: Dataset { get }
    func screen(_ site: Site, language: Language) async throws -> ScreeningResult
    func mapLayers() -> Data
}

/// The loaded dataset and a pool of engines.
final class LocalScreeningService: ScreeningRepository {
    let dataset: Dataset
    private let pool: EnginePool
    private let layers: Data

    init(dataset: Dataset, engines: Int) throws {
        self.dataset = dataset
        self.pool = try EnginePool(dataset: dataset, size: engines)
        self.layers = try MapLayers.build(dataset)
    }

    func screen(_ site: Site, language: Language) async throws -> ScreeningResult {
        try await pool.withEngine { engine in try engine.screen(site, language: language) }
    }

    func mapLayers() -> Data { layers }
}
