import Foundation
import Testing

/// `zonescreen dataset build` and a compiled store named with --dataset, as a user runs them.
@Suite("dataset build")
struct DatasetBuildCommandTests {
    @Test("build writes a .zsd and says so; screening with --dataset FILE.zsd gives the demo's summary")
    func buildAndUse() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("demo.zsd")
        let built = try await CLI.run(["dataset", "build", "Fixtures/demo", "--output", store.path], environment: ["ZONESCREEN_CACHE": folder.path])
        #expect(built.status == 0, "\(built.stderr)")
        // The demo's counts, as its README states them: 59 units, 5 red lines, 620 clauses.
        #expect(built.stdout.contains("单元 59 个，红线 5 个"))
        #expect(built.stdout.contains("条款 620 条"))
        #expect(built.stdout.contains("已写出编译数据集：\(store.path)"))
        #expect(built.stdout.contains("未发现问题"))
        #expect(FileManager.default.fileExists(atPath: store.path))

        let screened = try await CLI.run(["screen", "--demo-sites", "--dataset", store.path], environment: ["ZONESCREEN_CACHE": folder.path])
        #expect(screened.status == 0)
        // The same summary line DemoCommandTests expects of the sources.
        #expect(screened.stderr.contains("共 34 个站点：禁止 19，限制 3，需论证 8，符合 4；失败 0"))
        // Nothing was compiled for this run: the named store was mapped.
        #expect(!screened.stderr.contains("已编译数据集"))
    }

    @Test("a damaged .zsd named directly is refused with a message naming it, exit 2")
    func damaged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("broken.zsd")
        _ = try await CLI.run(["dataset", "build", "Fixtures/demo", "--output", store.path], environment: ["ZONESCREEN_CACHE": folder.path])
        // Cut in half, as an interrupted copy would leave it.
        let whole = try Data(contentsOf: store)
        try whole.prefix(whole.count / 2).write(to: store)
        let output = try await CLI.run(["screen", "--point", "111.7,30.5", "--dataset", store.path], environment: ["ZONESCREEN_CACHE": folder.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("编译数据集 \(store.path) 已损坏或不完整"))
        #expect(output.stderr.contains("zonescreen dataset build"))
    }

    @Test("--output must name a .zsd file")
    func outputName() async throws {
        let output = try await CLI.run(["dataset", "build", "Fixtures/demo", "--output", "/tmp/demo.bin"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--output 应以 .zsd 结尾"))
    }
}
