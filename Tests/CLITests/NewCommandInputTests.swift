import Foundation
import Testing

/// Bad input to the commands and options this session added: each a clear message and a failing exit.
@Suite("Bad input to suitability, dataset diff, --compare-dataset and --all-industries")
struct NewCommandInputTests {
    @Test("an unknown industry for a suitability map is refused with the nearest codes")
    func unknownIndustry() async throws {
        let run = try await CLI.run(["suitability", "--industry", "C9999", "--output", "/dev/null"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("行业“C9999”不在 GB/T 4754-2017 中；您是否要找"))
    }

    @Test("a GeoPackage or FlatGeobuf map needs --output")
    func binaryNeedsOutput() async throws {
        let run = try await CLI.run(["suitability", "--format", "gpkg"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("gpkg、fgb 格式需要用 --output 指定文件"))
    }

    @Test("a missing edition, for dataset diff and for --compare-dataset, names the folder and what is missing")
    func missingEdition() async throws {
        let diff = try await CLI.run(["dataset", "diff", "Fixtures/demo", "/nonexistent-edition"])
        #expect(diff.status == 2)
        #expect(diff.stderr.contains("数据集 /nonexistent-edition 有 1 个问题") && diff.stderr.contains("缺少文件 dataset.yaml"))
        let compare = try await CLI.run(["screen", "--point", "111.7312807,30.5291253", "--compare-dataset", "/nonexistent-edition"])
        #expect(compare.status == 2)
        #expect(compare.stderr.contains("数据集 /nonexistent-edition 有 1 个问题"))
    }

    @Test("--all-industries with a table format is refused, naming the formats it supports")
    func allIndustriesFormat() async throws {
        let run = try await CLI.run(["screen", "--point", "111.7312807,30.5291253", "--all-industries", "--format", "csv"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--all-industries 只支持 --format text 或 json"))
    }
}
