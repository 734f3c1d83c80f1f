import Foundation
import Testing

/// `--quiet` on the commands that print progress: nothing on stderr but problems.
@Suite("--quiet", .serialized)
struct QuietCommandTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-quiet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("suitability: the summary without --quiet; with it and a dataset compiled for the first time, nothing on stderr")
    func suitability() async throws {
        for quiet in [false, true] {
            let folder = try Self.scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let out = folder.appendingPathComponent("map.csv")
            // The quiet run compiles the dataset into a cache of its own, which would otherwise be said.
            let output = try await CLI.run(["suitability", "--industry", "C2614", "--nature", "新建", "--format", "csv", "--output", out.path] + (quiet ? ["--quiet"] : []),
                                     environment: quiet ? ["ZONESCREEN_CACHE": folder.path] : [:])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(FileManager.default.fileExists(atPath: out.path))
            if quiet {
                #expect(output.stderr.isEmpty, "\(output.stderr)")
            } else {
                #expect(output.stderr.contains("适宜性地图："))
            }
        }
    }

    @Test("dataset build --quiet: the store is written, nothing printed (the demo has no problems)")
    func datasetBuild() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("demo.zsd")
        let output = try await CLI.run(["dataset", "build", "Fixtures/demo", "--output", store.path, "--quiet"], environment: ["ZONESCREEN_CACHE": folder.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.isEmpty && output.stderr.isEmpty, "\(output.stdout)\(output.stderr)")
        #expect(FileManager.default.fileExists(atPath: store.path))
    }

    @Test("screen --quiet on a dataset compiled for the first time: no note, no summary")
    func screen() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try await CLI.run(["screen", "--demo-sites", "--format", "json", "--quiet"], environment: ["ZONESCREEN_CACHE": folder.path])
        #expect(output.status == 0)
        #expect(output.stderr.isEmpty, "\(output.stderr)")
    }
}
