import Foundation
import Geometry
import Zoning

/// Datasets under Fixtures/, loaded once per test process.
enum TestDatasets {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent("Fixtures").appendingPathComponent(relative) }

    static let tiny: Dataset = load("zoning/tiny")

    static func load(_ relative: String) -> Dataset {
        do { return try DatasetLoader.load(from: url(relative)) } catch {
            fatalError("cannot load Fixtures/\(relative): \(error.message(.en))")
        }
    }
}
