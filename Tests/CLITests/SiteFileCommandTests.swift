import Foundation
import Testing
import TestSupport

/// Site files as planners have them (Fixtures/sites/) through the command line: the input's own
/// columns kept in tables, GeoJSON answers in longitude/latitude, every error naming the feature.
@Suite("zonescreen on planners' site files", .serialized)
struct SiteFileCommandTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-sites-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a GBK vertex table becomes three parcels; the CSV keeps its columns (decoded) before the results")
    func vertexTableToCSV() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("parks.csv")
        let output = try await CLI.run(["screen", "Fixtures/sites/vertices_parcels_gbk.csv", "--format", "csv", "--output", out.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = String(decoding: try Data(contentsOf: out), as: UTF8.self).split(separator: "\r\n").map(String.init)
        // The table's own columns minus the vertex ones (圈号, 点号) and the coordinates, then what the reader adds.
        #expect(lines.first?.hasPrefix("\u{FEFF}地块编号,地块名称,vertexCount,holeCount,sourceRows,序号,站点编号,名称,结论") == true)
        #expect(lines.count == 4)
        // DK-03 (飞地): two parts, 26,250 m² (expected.csv, shapely).
        #expect(lines[3].hasPrefix("DK-03,新材料产业园（飞地）,7,0,18-24,3,DK-03,新材料产业园（飞地）,"))
        #expect(lines[3].contains(",MultiPolygon,26250,"))
        #expect(output.stderr.contains("按“地块编号”分为地块"))
    }

    @Test("a later feature's new property becomes a column; earlier rows get an empty cell")
    func columnsGrow() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("two.geojson"), out = folder.appendingPathComponent("two.csv")
        try Data(#"""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"site_id":"A"},"geometry":{"type":"Point","coordinates":[111.7312807,30.5291253]}},
        {"type":"Feature","properties":{"site_id":"B","园区":"化工园"},"geometry":{"type":"Point","coordinates":[111.7312807,30.5291253]}}]}
        """#.utf8).write(to: input)
        let output = try await CLI.run(["screen", input.path, "--format", "csv", "--output", out.path])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = String(decoding: try Data(contentsOf: out), as: UTF8.self).split(separator: "\r\n").map(String.init)
        #expect(lines[0].hasPrefix("\u{FEFF}site_id,园区,序号,站点编号"))
        #expect(lines[1].hasPrefix("A,,1,A,"))
        #expect(lines[2].hasPrefix("B,化工园,2,B,"))
    }

    @Test("GeoJSON from a Gauss-Krüger 勘测定界 file comes back in longitude/latitude, also for a parcel outside the dataset")
    func geoJSONInDegrees() async throws {
        let output = try await CLI.run(["screen", "Fixtures/sites/survey_multipart_rings.txt", "Fixtures/survey/survey_zone36.txt", "--format", "geojson"])
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let features = json?["features"] as? [[String: Any]] ?? []
        #expect(features.count == 4)
        // YC2025-501's first corner, from expected.csv (pyproj): 111.510501407, 30.515762266.
        let geometry = features.first?["geometry"] as? [String: Any]
        #expect(geometry?["type"] as? String == "MultiPolygon")
        let corner = (((geometry?["coordinates"] as? [Any])?.first as? [Any])?.first as? [Any])?.first as? [Double] ?? []
        #expect(corner.count == 2 && abs(corner[0] - 111.510501407) < 1e-7 && abs(corner[1] - 30.515762266) < 1e-7)
        // survey_zone36.txt lies near 108.2°E, far from the demo county: failed, yet with its geometry in degrees.
        let outside = features.last
        let error = (outside?["properties"] as? [String: Any])?["zonescreenError"] as? String
        #expect(error?.contains("完全在数据集范围") == true)
        let outsideCoordinates = ((outside?["geometry"] as? [String: Any])?["coordinates"] as? [Any]).map { "\($0)" } ?? ""
        #expect(outsideCoordinates.contains("108."))
        #expect(!outsideCoordinates.contains("36"))   // no zone-36 eastings (36 5xx xxx) or northings left
    }

    @Test("--id-field picks the ID; an invalid parcel among good ones is named by file, number and ID")
    func idFieldAndNamedErrors() async throws {
        let output = try await CLI.run(["screen", "Fixtures/sites/sites_with_ids.geojson", "--id-field", "site_id", "--format", "csv"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("sites_with_ids.geojson 第 3 个要素（P-103）：几何无效：自相交"))
        #expect(output.stdout.contains("\r\nP-104,"))
    }

    @Test("metres without a zone prefix: a message asking for --crs; with --crs CM111 both parcels are screened")
    func needsCRS() async throws {
        let refused = try await CLI.run(["screen", "Fixtures/sites/vertices_no_prefix.csv"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("东坐标前没有带号，无法确定投影带：请用 --crs 指定坐标系"))
        let given = try await CLI.run(["screen", "Fixtures/sites/vertices_no_prefix.csv", "--crs", "CM111", "--format", "csv"])
        #expect(given.status == 0, "\(given.stderr)")
        // ZD-1: 31,531.767 m² (expected.csv, shapely in EPSG:4546).
        #expect(given.stdout.contains(",ZD-1,") && given.stdout.contains(",31531.767,"))
    }

    @Test("XLSX output carries the input's columns too (read back with ogr2ogr)")
    func xlsxColumns() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ids.xlsx")
        let output = try await CLI.run(["screen", "Fixtures/sites/points_northing_easting.csv", "--format", "xlsx", "--output", out.path])
        #expect(output.status == 0, "\(output.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = ["-f", "CSV", "/vsistdout/", out.path, "站点"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.hasPrefix("编号,项目名称,序号,站点编号,名称,结论"))
        #expect(text.contains("XM-2025-003,点军区农产品加工园,"))
    }
}
