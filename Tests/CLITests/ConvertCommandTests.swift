import Foundation
import Testing
import TestSupport

/// `zonescreen convert FILE… --output OUT`: 勘测定界 files (and other site files) written through GDAL,
/// read back with ogr2ogr and measured here against the fixtures' hand-worked figures.
@Suite("zonescreen convert (files)", .serialized)
struct ConvertCommandTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The file's features as GDAL's own ogr2ogr reads them back (GeoJSON on stdout).
    static func readBack(_ file: URL) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = ["-f", "GeoJSON", "/vsistdout/", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return json?["features"] as? [[String: Any]] ?? []
    }

    /// Polygons of a GeoJSON Polygon or MultiPolygon geometry: rings of [x, y].
    static func polygons(_ feature: [String: Any]) -> [[[[Double]]]] {
        let geometry = feature["geometry"] as? [String: Any]
        let coordinates = geometry?["coordinates"]
        if geometry?["type"] as? String == "Polygon" { return [(coordinates as? [[[Double]]]) ?? []] }
        return (coordinates as? [[[[Double]]]]) ?? []
    }

    /// The shoelace formula: shells minus holes, in the square units of the coordinates.
    static func planarArea(_ polygons: [[[[Double]]]]) -> Double {
        func ring(_ points: [[Double]]) -> Double {
            var twice = 0.0
            for (a, b) in zip(points, points.dropFirst()) { twice += a[0] * b[1] - b[0] * a[1] }
            return abs(twice) / 2
        }
        return polygons.reduce(0) { sum, rings in sum + ring(rings[0]) - rings.dropFirst().reduce(0) { $0 + ring($1) } }
    }

    /// The `id` column, or GeoJSON's feature id where the writer put it.
    static func id(_ feature: [String: Any]) -> String? {
        (feature["id"] as? String) ?? (feature["properties"] as? [String: Any])?["id"] as? String
    }

    /// Each fixture's Gauss-Krüger CRS: corners.csv (pyproj) names it; the last two files say 带号=37 with
    /// zone-prefixed eastings in their headers, which is EPSG:4525.
    static let crsOfFile: [String: String] = {
        var found: [String: String] = ["survey_malformed_kinds.txt": "4525", "survey_area_mismatch.txt": "4525"]
        for row in FixtureTable.load("survey/corners.csv").rows { found[row["file"]] = row["epsg"] }
        return found
    }()

    static let expectedFiles = Array(Set(FixtureTable.load("survey/expected_parcels.csv").rows.map { $0["file"] })).sorted()

    @Test("every 勘测定界 fixture converted into its own CRS gives expected_parcels.csv's parcels: count, parts, holes, area",
          arguments: expectedFiles)
    func surveyParcels(file: String) async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = FixtureTable.load("survey/expected_parcels.csv").rows.filter { $0["file"] == file }
        let epsg = try #require(Self.crsOfFile[file])
        let out = folder.appendingPathComponent("parcels.gpkg")
        let output = try await CLI.run(["convert", "Fixtures/survey/" + file, "--to", "EPSG:" + epsg, "--output", out.path])
        // Files with a bad parcel still write the good ones, and say which failed (exit 1).
        let hasBad = ["survey_one_bad_point.txt", "survey_malformed_kinds.txt"].contains(file)
        #expect(output.status == (hasBad ? 1 : 0), "\(output.stderr)")
        let features = try Self.readBack(out)
        #expect(features.count == expected.count)
        for row in expected {
            let feature = try #require(features.first { Self.id($0) == row["parcel"] }, "\(row["parcel"])")
            let polygons = Self.polygons(feature)
            #expect(polygons.count == Int(row["parts"]))
            #expect(polygons.reduce(0) { $0 + $1.count - 1 } == Int(row["holes"]))
            #expect(abs(Self.planarArea(polygons) - row.double("area_m2")) < 0.01, "\(row["parcel"]): \(Self.planarArea(polygons))")
        }
        // Nothing half-written is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["parcels.gpkg"])
    }

    @Test("a bad parcel is named by file, line and ID; the others are written")
    func badParcelReported() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("parcels.geojson")
        let output = try await CLI.run(["convert", "Fixtures/survey/survey_one_bad_point.txt", "--output", out.path])
        #expect(output.status == 1)
        // Line 23 of YC2024-202 has 3375l12.350 (Fixtures/survey/README.md).
        #expect(output.stderr.contains("第 23 行（地块 YC2024-202）"))
        #expect(output.stderr.contains("已写出 2 个要素") && output.stderr.contains("失败 1 个"))
        #expect(try Self.readBack(out).compactMap(Self.id) == ["YC2024-201", "YC2024-203"])
    }

    @Test("to a Shapefile in longitude/latitude: GBK with a .cpg, Chinese column names whole, corners as pyproj puts them")
    func shapefileLonLat() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("地块.shp")
        let output = try await CLI.run(["convert", "Fixtures/survey/survey_cgcs2000_zone37.txt", "--output", out.path, "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty, "\(output.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["地块.cpg", "地块.dbf", "地块.prj", "地块.shp", "地块.shx"])
        #expect(try String(contentsOf: folder.appendingPathComponent("地块.cpg"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "CP936")
        let features = try Self.readBack(out)
        #expect(features.compactMap(Self.id) == ["YC2024-001", "YC2024-002"])
        let properties = features.first?["properties"] as? [String: Any]
        #expect(properties?["landUse"] as? String == "工业用地")
        // J1 of YC2024-001: 111.500307349457, 30.495617892368 (corners.csv, pyproj from EPSG:4525).
        let first = Self.polygons(try #require(features.first))
        let corner = try #require(first.first?.first?.first)
        #expect(abs(corner[0] - 111.500307349457) < 1e-9 && abs(corner[1] - 30.495617892368) < 1e-9)
        // Distinct corners as the fixture lists them: J1–J4 and J5–J8; J1–J6 for the L shape.
        let distinct = features.map { feature in Set(Self.polygons(feature).flatMap { $0.flatMap { $0 } }.map { "\($0)" }).count }
        #expect(distinct == [8, 6])
    }

    @Test("a point among parcels cannot go into a polygon Shapefile: reported, the parcels written")
    func shapefileOneKind() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let points = folder.appendingPathComponent("point.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"site_id":"P1"},"geometry":{"type":"Point","coordinates":[111.5,30.5]}}]}"#.utf8).write(to: points)
        let out = folder.appendingPathComponent("mixed.shp")
        let output = try await CLI.run(["convert", "Fixtures/survey/survey_cgcs2000_zone37.txt", points.path, "--output", out.path])
        #expect(output.status == 1)
        #expect(output.stderr.contains("Shapefile 一个文件只能有一种几何类型"))
        #expect(try Self.readBack(out).count == 2)
    }

    @Test("mistakes are said before anything is read: a file without --output, KML in metres")
    func refused() async throws {
        let noOutput = try await CLI.run(["convert", "Fixtures/survey/survey_cgcs2000_zone37.txt"])
        #expect(noOutput.status != 0)
        #expect(noOutput.stderr.contains("--output"))
        let kml = try await CLI.run(["convert", "Fixtures/survey/survey_cgcs2000_zone37.txt", "--output", "/tmp/never.kml", "--to", "EPSG:4525"])
        #expect(kml.status != 0)
        #expect(kml.stderr.contains("KML 只能是经纬度"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.kml"))
    }
}
