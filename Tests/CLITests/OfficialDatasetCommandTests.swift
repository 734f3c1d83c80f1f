import Foundation
import Testing

/// The demo dataset in the formats provinces deliver (Fixtures/demo-official: a GBK Shapefile in
/// EPSG:4546, a GeoPackage, an XLSX list table) through the command line, with a cache folder of its own.
@Suite("zonescreen on the demo dataset as delivered (Shapefile, GeoPackage, XLSX)", .serialized)
struct OfficialDatasetCommandTests {
    /// The line that sums up a batch on stderr ("共 34 个站点：…").
    static func summary(_ output: CLI.Output) -> String? {
        output.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix("共 ") }
    }

    @Test("--demo-sites on demo-official: the same summary and the same table as the demo, compiled once then mapped")
    func demoSites() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let environment = ["ZONESCREEN_CACHE": cache.path]
        let arguments = ["screen", "--demo-sites", "--format", "csv"]

        let official = try await CLI.run(arguments + ["--dataset", "Fixtures/demo-official"], environment: environment)
        #expect(official.status == 0, "\(official.stderr)")
        // First use: the store is compiled into the temporary cache, and the command says so.
        #expect(official.stderr.contains("已编译数据集（首次使用）"))
        #expect(official.stderr.contains(cache.path))

        let demo = try await CLI.run(arguments + ["--dataset", "Fixtures/demo"], environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        // The demo's counts, as DemoCommandTests states them: 34 sites, 19 / 3 / 8 / 4, none failing.
        #expect(Self.summary(demo)?.hasPrefix("共 34 个站点：禁止 19，限制 3，需论证 8，符合 4；失败 0") == true)
        #expect(Self.summary(official) != nil)
        #expect(Self.summary(official) == Self.summary(demo))
        // Every row (verdict, reasons, distances, units, red lines) reads the same.
        #expect(official.stdout == demo.stdout)

        // Second run: the compiled store is fresh and mapped, with no note and the same answer.
        let again = try await CLI.run(arguments + ["--dataset", "Fixtures/demo-official"], environment: environment)
        #expect(again.status == 0)
        #expect(!again.stderr.contains("已编译数据集"))
        #expect(Self.summary(again) == Self.summary(demo))
        #expect(again.stdout == demo.stdout)
    }
}
