import Foundation
import Testing

/// `zonescreen dataset init` on a copy of the demo's layer files (GeoJSON, field names as in
/// Fixtures/demo/dataset.yaml), as a user runs it.
@Suite("zonescreen dataset init")
struct DatasetInitCommandTests {
    /// A folder holding a copy of Fixtures/demo/layers, removed when `body` returns.
    static func withLayers<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-init-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Fixtures/demo/layers"), to: folder.appendingPathComponent("layers"))
        return try await body(folder)
    }

    @Test("writes FOLDER/dataset.yaml with the demo's field mapping and says what it found and what to fill in")
    func writesDraft() async throws {
        try await Self.withLayers { folder in
            let output = try await CLI.run(["dataset", "init", folder.path])
            #expect(output.status == 0, "\(output.stderr)")
            let manifest = folder.appendingPathComponent("dataset.yaml")
            #expect(output.stdout.contains("已写出数据集清单草稿：\(manifest.path)"))
            #expect(output.stdout.contains("layers/units.geojson → 环境管控单元（controlUnits）：code=HJGKDYBM, name=HJGKDYMC, class=ZHGKDYFL"))
            #expect(output.stdout.contains("layers/redlines.geojson → 生态保护红线（redLines）：code=HXBM, name=HXMC, type=HXLX"))
            #expect(output.stdout.contains("layers/shorelines.geojson → 岸线（shorelines）：name=HLMC, class=HLDJ"))
            #expect(output.stdout.contains("layers/water-sources.geojson → 敏感区：饮用水水源保护区"))
            #expect(output.stdout.contains("layers/parks.geojson → 园区（parks）：code=YQBM, name=YQMC, kind=YQLX, level=YQJB, compliant=SFHG"))
            #expect(output.stdout.contains("  - name：数据集名称"))
            // Nothing to copy in: the catalogue and the national rules are built in, the local rules file is written.
            #expect(!output.stdout.contains("industryCatalogue") && !output.stdout.contains("  - rules"))
            #expect(output.stdout.contains("已写出本地规则文件（空，国家规则已内置）：\(folder.appendingPathComponent("rules.yaml").path)"))

            let text = try String(contentsOf: manifest, encoding: .utf8)
            // The demo's own mapping (Fixtures/demo/dataset.yaml), each with its reason.
            #expect(text.contains("      code: HJGKDYBM  # 猜测：字段 HJGKDYBM 像单元编码"))
            #expect(text.contains("      spatialLayout: KJBJYS  # 猜测："))
            #expect(text.contains("    file: layers/shorelines.geojson"))
            // GeoJSON declares no CRS: the top-level crs is guessed from degrees-looking coordinates.
            #expect(text.contains("\ncrs: EPSG:4490  # 猜测："))
            #expect(text.contains("# name:  # 待填写（TODO）："))
        }
    }

    @Test("an existing manifest is left alone without --force (exit 2), replaced with it")
    func refusesOverwrite() async throws {
        try await Self.withLayers { folder in
            let manifest = folder.appendingPathComponent("dataset.yaml")
            let handWritten = "# 手工写的清单\nformatVersion: 1\n"
            try handWritten.write(to: manifest, atomically: true, encoding: .utf8)

            let refused = try await CLI.run(["dataset", "init", folder.path])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("\(manifest.path) 已存在，未覆盖；要覆盖请加 --force"))
            #expect(try String(contentsOf: manifest, encoding: .utf8) == handWritten)

            let english = try await CLI.run(["dataset", "init", folder.path, "--lang", "en"])
            #expect(english.status == 2 && english.stderr.contains("exists and was left alone; add --force"))

            let forced = try await CLI.run(["dataset", "init", folder.path, "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try String(contentsOf: manifest, encoding: .utf8).contains("code: HJGKDYBM"))
        }
    }

    @Test("--output writes elsewhere, with paths relative to that file's folder")
    func output() async throws {
        try await Self.withLayers { folder in
            let target = folder.appendingPathComponent("draft/草稿.yaml")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let output = try await CLI.run(["dataset", "init", folder.path, "--output", target.path, "--lang", "en"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("Draft manifest written: \(target.path)"))
            #expect(output.stdout.contains("rename this to dataset.yaml"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("dataset.yaml").path))
            // The layers are outside draft/, so their paths are absolute.
            #expect(try String(contentsOf: target, encoding: .utf8).contains("file: \(folder.path)/layers/units.geojson"))
        }
    }

    @Test("a folder that does not exist: exit 2 and a message")
    func missingFolder() async throws {
        let output = try await CLI.run(["dataset", "init", "/nonexistent/zonescreen-init"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("找不到目录 /nonexistent/zonescreen-init"))
    }
}
