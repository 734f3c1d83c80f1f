import Foundation
import Testing

@Suite("zonescreen suitability", .serialized)
struct SuitabilityCommandTests {
    @Test("a new C2614 plant on the demo county: GeoJSON, GeoPackage and the area table agree; shares add up to the whole")
    func formats() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-suitability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let geojson = folder.appendingPathComponent("map.geojson"), gpkg = folder.appendingPathComponent("map.gpkg"), csv = folder.appendingPathComponent("map.csv")
        for (format, file) in [("geojson", geojson), ("gpkg", gpkg), ("csv", csv)] {
            let run = try await CLI.run(["suitability", "--industry", "C2614", "--nature", "新建", "--format", format, "--output", file.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let features = ((try JSONSerialization.jsonObject(with: Data(contentsOf: geojson)) as? [String: Any])?["features"] as? [[String: Any]]) ?? []
        let shares = features.compactMap { ($0["properties"] as? [String: Any])?["share"] as? Double }
        #expect(!features.isEmpty && abs(shares.reduce(0, +) - 1) < 1e-4)
        // The chemical plant is forbidden outside the chemical parks (K3-KJ-01), so 禁止 covers most of the county.
        let verdicts = Set(features.compactMap { ($0["properties"] as? [String: Any])?["verdict"] as? String })
        #expect(verdicts.contains("prohibited"))
        // The GeoPackage read back by GDAL's own ogrinfo: the same number of polygons, in EPSG:4490.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        process.arguments = ["-so", gpkg.path, "suitability"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let info = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(info.contains("Feature Count: \(features.count)") && info.contains("EPSG\",4490"))
        // The CSV's region rows (one per verdict) share out the whole county.
        let rows = String(decoding: try Data(contentsOf: csv), as: UTF8.self).split(separator: "\r\n").dropFirst()
        let regionShares = rows.filter { $0.hasPrefix("全域,") }.compactMap { Double($0.split(separator: ",").last ?? "") }
        #expect(regionShares.count == 4 && abs(regionShares.reduce(0, +) - 1) < 1e-4)
    }
}
