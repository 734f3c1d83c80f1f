import Datasets
import Foundation
import Geometry
import Testing
import Zoning

/// The tiny dataset's control units delivered in each format GDAL reads, converted by ogr2ogr
/// (gdal-bin, a test dependency) into a copy of the dataset: every format must give the same units,
/// attributes and geometry as the GeoJSON original, and screen the same.
@Suite("Dataset layers in every delivery format")
struct LayerFormatTests {
    struct Delivery: CustomStringConvertible, Sendable {
        let name: String
        /// The file the manifest names.
        let file: String
        let ogr2ogr: [String]
        /// Zipped after conversion (a Shapefile sent as one .zip).
        var zipFolder: String?
        /// Largest area (m²) one version may have that the other lacks. Formats that store the
        /// projected numbers as doubles give them back exactly (0). KML stores WGS 84 degrees only, so
        /// the units go 4546 → 4326 → 4546 through PROJ, and GDAL's KML writer keeps 15 significant
        /// digits (about 1e-13 degrees, 1e-8 m): along a unit boundary of a few kilometres that
        /// moves at most ~1e-4 m² of area, so 0.01 m² leaves room and still catches a lost vertex.
        let tolerance: Double
        var description: String { name }
    }

    static let deliveries: [Delivery] = [
        Delivery(name: "FlatGeobuf", file: "layers/units.fgb", ogr2ogr: ["-f", "FlatGeobuf", "-a_srs", "EPSG:4546"], tolerance: 1e-9),
        Delivery(name: "File Geodatabase", file: "layers/units.gdb", ogr2ogr: ["-f", "OpenFileGDB", "-a_srs", "EPSG:4546", "-nln", "units"], tolerance: 1e-9),
        Delivery(name: "KML", file: "layers/units.kml", ogr2ogr: ["-f", "KML", "-s_srs", "EPSG:4546", "-t_srs", "EPSG:4326"], tolerance: 0.01),
        Delivery(name: "zipped Shapefile", file: "layers/units.zip", ogr2ogr: ["-f", "ESRI Shapefile", "-a_srs", "EPSG:4546", "-lco", "ENCODING=UTF-8"],
                 zipFolder: "layers/units-shp", tolerance: 1e-9),
    ]

    @Test("units read from the format equal the GeoJSON original", arguments: deliveries)
    func sameUnits(delivery: Delivery) throws {
        try DatasetStoreTests.withCopy { dataset, _ in
            let source = dataset.appendingPathComponent("layers/units.geojson").path
            if let folder = delivery.zipFolder {
                let shp = dataset.appendingPathComponent(folder)
                try Deliverables.ogr2ogr(delivery.ogr2ogr + [shp.path, source])
                try Self.run("/usr/bin/env", ["zip", "-qj", dataset.appendingPathComponent(delivery.file).path]
                    + (try FileManager.default.contentsOfDirectory(atPath: shp.path)).map { shp.appendingPathComponent($0).path })
                try FileManager.default.removeItem(at: shp)
            } else {
                try Deliverables.ogr2ogr(delivery.ogr2ogr + [dataset.appendingPathComponent(delivery.file).path, source])
            }
            try DatasetLoaderTests.replace(in: dataset.appendingPathComponent("dataset.yaml"), "file: layers/units.geojson", with: "file: \(delivery.file)")
            let converted = try DatasetLoader.load(from: dataset)
            // Matched by code: a format may store features in its own order (FlatGeobuf sorts them
            // along its spatial index).
            let original = Dictionary(uniqueKeysWithValues: TestDatasets.tiny.units.map { ($0.code, $0) })
            #expect(Set(converted.units.map(\.code)) == Set(original.keys))
            #expect(Set(converted.clauses.map(\.id)) == Set(TestDatasets.tiny.clauses.map(\.id)))
            for unit in converted.units {
                let expected = try #require(original[unit.code])
                #expect(unit.name == expected.name && unit.unitClass == expected.unitClass && unit.subclass == expected.subclass)
                #expect(unit.listText == expected.listText)
                // Writers may reverse rings (Shapefile and File Geodatabase store shells clockwise),
                // so shapes are compared as areas: what one has and the other lacks.
                let (first, second) = (unit.geometry, expected.geometry)
                #expect(first.coordinateCount == second.coordinateCount, "\(unit.code)")
                let gained = try first.difference(second).planarArea(), lost = try second.difference(first).planarArea()
                #expect(gained <= delivery.tolerance && lost <= delivery.tolerance, "\(unit.code): +\(gained) / -\(lost) m²")
                #expect(abs(try first.planarArea() - second.planarArea()) <= max(delivery.tolerance, 1e-6), "\(unit.code)")
            }
        }
    }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Deliverables.ToolFailure(message: "\(arguments.first ?? tool) failed") }
    }
}
