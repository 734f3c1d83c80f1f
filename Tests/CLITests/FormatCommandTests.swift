import Foundation
import Testing
import TestSupport

/// Demo sites S01, S04 and S20 written by ogr2ogr in the formats planners bring
/// (Tests/reference/make_demo_format_fixtures.sh), screened and compared with the answers in
/// Fixtures/demo/expected.csv, which were worked out independently of this code.
@Suite("Screening Shapefile, KML, GeoPackage, CSV, XLSX and DXF files", .serialized)
struct FormatCommandTests {
    static let expected = Dictionary(uniqueKeysWithValues: FixtureTable.load("demo/expected.csv").rows.map { ($0["site"], $0) })

    static func results(_ file: String, _ extra: [String] = []) async throws -> (CLI.Output, [[String: Any]]) {
        let output = try await CLI.run(["screen", "Fixtures/gdal/demo/" + file, "--format", "json"] + extra)
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return (output, json?["results"] as? [[String: Any]] ?? [])
    }

    static func units(_ result: [String: Any]) -> Set<String> {
        Set((result["controlUnits"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
    }

    static func expectedUnits(_ site: String) -> Set<String> {
        Set((expected[site]?["units"] ?? "").split(separator: ";").map { String($0.split(separator: ":")[0]) })
    }

    @Test("each file's sites get the expected verdict and units", arguments: [
        ("parcels_gbk.shp", ["S04", "S20"]), ("parcels_gbk_shapefile.zip", ["S04", "S20"]), ("sites.kml", ["S01", "S04", "S20"]), ("sites.gpkg", ["S01", "S04", "S20"]),
        ("parcels_wkt.csv", ["S04", "S20"]), ("parcels.xlsx", ["S04", "S20"]),
    ])
    func verdicts(file: String, sites: [String]) async throws {
        let (output, results) = try await Self.results(file)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(results.compactMap { ($0["site"] as? [String: Any])?["id"] as? String } == sites)
        for result in results {
            let id = try #require((result["site"] as? [String: Any])?["id"] as? String)
            #expect(result["verdict"] as? String == Self.expected[id]?["verdict"], "\(file) \(id)")
            #expect(Self.units(result) == Self.expectedUnits(id), "\(file) \(id)")
        }
    }

    @Test("the GBK Shapefile's Chinese names survive")
    func gbkNames() async throws {
        let (_, results) = try await Self.results("parcels_gbk.shp")
        let names = results.compactMap { ($0["site"] as? [String: Any])?["name"] as? String }
        #expect(names.count == 2 && names.allSatisfy { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
    }

    @Test("CAD parcels (closed polylines in DXF) are screened as polygons, in the right units")
    func dxf() async throws {
        let (output, results) = try await Self.results("parcels.dxf")
        #expect(output.stderr.contains("闭合多段线按地块（面）读取"))
        // DXF carries no attributes, so the order (S04 then S20, as written) identifies the parcels.
        #expect(results.map { ($0["site"] as? [String: Any])?["geometryType"] as? String } == ["Polygon", "Polygon"])
        #expect(results.map(Self.units) == [Self.expectedUnits("S04"), Self.expectedUnits("S20")])
    }

    @Test("XLSX output: two sheets written atomically")
    func xlsxOutput() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try await CLI.run(["screen", "Fixtures/gdal/demo/sites.gpkg", "--format", "xlsx", "--output", path, "--quiet"])
        #expect(output.status == 0)
        let data = try #require(FileManager.default.contents(atPath: path))
        #expect(data.starts(with: [0x50, 0x4B]))  // a ZIP container, as XLSX files are
    }

    @Test("a file GDAL cannot read is one failure naming it; exit 2")
    func notReadable() async throws {
        let output = try await CLI.run(["screen", "Fixtures/gdal/not_gdal.dat"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("not_gdal.dat"))
    }
}
