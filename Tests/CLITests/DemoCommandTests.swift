import Foundation
import Testing

/// The demo dataset through the command line, as a 招商 officer would use it.
@Suite("zonescreen on the demo dataset", .serialized)
struct DemoCommandTests {
    static func distance(_ output: CLI.Output) throws -> Double? {
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let result = (json?["results"] as? [[String: Any]])?.first
        // The default (`reasons`) answer gives the nearest shoreline's distance in metres, to the millimetre.
        let main = (result?["shorelines"] as? [String: Any])?["nearestMainStream"] as? [String: Any]
        return main?["metres"] as? Double
    }

    // Demo site S01 is at (111.7312807, 30.5291253), 800.0 m from the main-stream shoreline
    // (Fixtures/demo/expected.csv). Its 高德 (GCJ-02) and 百度 (BD-09) coordinates were computed once with
    // prcoords 1.0.2: wgs_gcj -> (111.73706420651364, 30.526596965203083), gcj_bd -> (111.74351926800009, 30.53281044617809).
    @Test("coordinates copied from 高德 (GCJ-02) give the same answer once the offset is removed",
          arguments: [("gcj02", "111.73706420651364,30.526596965203083"), ("bd09", "111.74351926800009,30.53281044617809")])
    func webMapOffset(datum: String, point: String) async throws {
        let output = try await CLI.run(["screen", "--point", point, "--offset", datum, "--industry", "C2614", "--nature", "新建", "--format", "json"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"verdict\":\"prohibited\""))
        #expect(abs((try Self.distance(output) ?? 0) - 800.0) < 0.06)
    }

    @Test("without removing the offset the same coordinates land hundreds of metres away")
    func offsetMatters() async throws {
        let output = try await CLI.run(["screen", "--point", "111.73706420651364,30.526596965203083", "--industry", "C2614", "--format", "json"])
        #expect(abs((try Self.distance(output) ?? 800) - 800.0) > 100)
    }

    @Test("the demo sites, as the README's main command screens them: 34 sites, none failing")
    func demoSites() async throws {
        let output = try await CLI.run(["screen", "--demo-sites", "--format", "csv"])
        #expect(output.status == 0)
        // A header plus 30 rows, with the byte-order mark Excel needs; the sites' own properties
        // (Fixtures/demo/sites.geojson: description, id, industry, name, nature) come first, sorted.
        #expect(output.stdout.hasPrefix("\u{FEFF}description,id,industry,name,nature,序号,站点编号,名称,结论"))
        #expect(output.stdout.split(separator: "\r\n").count == 35)
        #expect(output.stderr.contains("共 34 个站点：禁止 19，限制 3，需论证 8，符合 4；失败 0"))
    }
}
