import Datasets
import Foundation
import Geometry
import Zoning
import Wording

/// Datasets under Fixtures/, loaded once per test process.
enum TestDatasets {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent("Fixtures").appendingPathComponent(relative) }

    static let tiny: Dataset = load("zoning/tiny")

    /// Read straight from the sources and compiled in memory.
    static func load(_ relative: String) -> Dataset {
        do { return try DatasetLoader.load(from: url(relative)) } catch {
            fatalError("cannot load Fixtures/\(relative): \(error.message(.en))")
        }
    }

    /// Written as a compiled store to a temporary file and mapped back, as commands use it.
    static func compiled(_ relative: String) -> Dataset {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-test-\(UUID().uuidString).zsd")
        do {
            try DatasetStore.write(load(relative), geometryProblems: nil, to: file)
            // The mapping stays valid after the name is gone; nothing is left behind.
            defer { try? FileManager.default.removeItem(at: file) }
            return try DatasetStore.openStoreFile(file)
        } catch {
            fatalError("cannot compile Fixtures/\(relative): \(error)")
        }
    }
}
