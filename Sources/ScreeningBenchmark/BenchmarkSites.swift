import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// The sites a run screens: the dataset folder's `sites_points.geojson` and `sites_parcels.geojson`
/// when present (the synthetic province and county write them), otherwise points and small squares
/// sampled over the units' extent (the demo dataset has no such files).
struct BenchmarkSites {
    var points: [Site]
    var parcels: [Site]
    /// Where they came from, for the printed header.
    var origin: String

    static func load(dataset: Dataset, directory: URL) throws -> BenchmarkSites {
        let pointFile = directory.appendingPathComponent("sites_points.geojson")
        let parcelFile = directory.appendingPathComponent("sites_parcels.geojson")
        if FileManager.default.fileExists(atPath: pointFile.path), FileManager.default.fileExists(atPath: parcelFile.path) {
            return BenchmarkSites(points: try read(pointFile, crs: dataset.metadata.crs), parcels: try read(parcelFile, crs: dataset.metadata.crs),
                                  origin: "sites_points.geojson, sites_parcels.geojson")
        }
        return try sampled(dataset)
    }

    private static func read(_ url: URL, crs: CRS) throws -> [Site] {
        let batch = try GeoJSONFile(url: url).readAll()
        if let problem = batch.problems.first { throw BenchmarkError("\(url.lastPathComponent): \(problem.message(.en))") }
        return batch.features.compactMap { feature in
            guard let geometry = feature.geometry else { return nil }
            let profile = ProjectProfile(industry: feature.properties["industry"]?.text,
                                         nature: feature.properties["nature"]?.text.flatMap(ProjectNature.init(rawValue:)))
            return Site(id: feature.properties["id"]?.text ?? feature.id, geometry: geometry, crs: crs, profile: profile)
        }
    }

    private static func sampled(_ dataset: Dataset) throws -> BenchmarkSites {
        let back = try CoordinateTransformer(from: dataset.workingCRS, to: dataset.metadata.crs)
        let extent = dataset.units.reduce(Envelope.empty) { $0.union($1.geometry.envelope) }
        var random = SplitMix(state: 42)
        func samplePoint() throws -> Coordinate {
            try back.transform(Coordinate(x: extent.minX + random.next() * extent.width, y: extent.minY + random.next() * extent.height))
        }
        let profile = ProjectProfile(industry: "C2614", nature: .new)
        var points: [Site] = [], parcels: [Site] = []
        for index in 0..<20_000 {
            points.append(Site(id: String(format: "P%05d", index + 1), geometry: .point(try samplePoint()), crs: dataset.metadata.crs, profile: profile))
        }
        for index in 0..<5_000 {
            let centre = try samplePoint()
            let half = 0.002 + random.next() * 0.004  // about 200-600 m on a side
            let ring = [Coordinate(x: centre.x - half, y: centre.y - half), Coordinate(x: centre.x + half, y: centre.y - half),
                        Coordinate(x: centre.x + half, y: centre.y + half), Coordinate(x: centre.x - half, y: centre.y + half),
                        Coordinate(x: centre.x - half, y: centre.y - half)]
            parcels.append(Site(id: String(format: "G%05d", index + 1), geometry: .polygon(Polygon(exterior: ring)),
                                crs: dataset.metadata.crs, profile: profile))
        }
        return BenchmarkSites(points: points, parcels: parcels, origin: "sampled over the units' extent (no site files in the dataset)")
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
