import Formats
import Foundation
import Testing

/// `zonescreen dataset clauses` on a copy of the demo whose hand annotations are switched off, so the
/// reader decides every unit clause: the coverage, the review sheet, and a filled-in sheet applied.
@Suite("zonescreen dataset clauses")
struct DatasetClausesCommandTests {
    /// A copy of Fixtures/demo without `unitClauseAnnotations`, and a cache folder of its own.
    static func withUnannotatedDemo<T>(_ body: (_ folder: URL, _ environment: [String: String]) async throws -> T) async throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-clauses-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Fixtures/demo"), to: folder)
        let manifest = folder.appendingPathComponent("dataset.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let lines = text.components(separatedBy: "\n").filter { !$0.hasPrefix("unitClauseAnnotations:") }
        try lines.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
        return try await body(folder, ["ZONESCREEN_CACHE": root.appendingPathComponent("cache").path])
    }

    /// The sheet's rows by clause id, read back through GDAL as a user's spreadsheet would be.
    static func sheetRows(_ url: URL) throws -> [String: [String: String]] {
        var rows: [String: [String: String]] = [:]
        try GDALFile(url: url).forEachRecord { layer, _, values in
            guard layer == "条款审核", case .string(let id)? = values["编号"] else { return }
            rows[id] = values.compactMapValues { if case .string(let text) = $0 { text } else { nil } }
        }
        return rows
    }

    @Test("counts who decided the clauses and lists those needing a person")
    func coverage() async throws {
        try await Self.withUnannotatedDemo { folder, environment in
            let output = try await CLI.run(["dataset", "clauses", folder.path], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            // No annotations: no clause was decided by a person.
            #expect(output.stdout.contains("人工核对 0 条"), "\(output.stdout)")
            // 禁止未经许可……新设排污口: whether a project holds the permit is a fact no profile gives.
            #expect(output.stdout.contains("ZH42909910002-pollutantDischarge-1：禁止未经许可在长江干流新设、改设或者扩大排污口。"), "\(output.stdout)")
        }
    }

    @Test("the review sheet shows what was read: 农药原药和染料 → C2631 and C2645, 禁止")
    func reviewSheet() async throws {
        try await Self.withUnannotatedDemo { folder, environment in
            let sheet = folder.deletingLastPathComponent().appendingPathComponent("审核表.xlsx")
            let output = try await CLI.run(["dataset", "clauses", folder.path, "--review", sheet.path], environment: environment)
            #expect(output.status == 0, "\(output.stderr)")
            let rows = try Self.sheetRows(sheet)
            // Unit ZH42909920002's KJBJYS field, item (2) (Fixtures/demo/layers/units.geojson).
            let pesticide = try #require(rows["ZH42909920002-spatialLayout-2"])
            #expect(pesticide["原文"] == "禁止新建、扩建农药原药和染料生产项目。")
            #expect(pesticide["判定方式"] == "自动识别")
            #expect(pesticide["读出的效力"] == "禁止")
            // GB/T 4754-2017: 2631 化学农药制造 (农药原药), 2645 染料制造.
            let codes = pesticide["行业（代码）"] ?? ""
            #expect(codes.contains("C2631") && codes.contains("C2645"), "\(codes)")
            #expect(pesticide["更正：效力"] == nil)
            #expect(rows["ZH42909910002-pollutantDischarge-1"]?["需人工核对"] == "是")
        }
    }

    @Test("a filled-in sheet is written into a new annotations file; a bad row is named and the others still land")
    func applySheet() async throws {
        try await Self.withUnannotatedDemo { folder, environment in
            let sheet = folder.deletingLastPathComponent().appendingPathComponent("已审核.xlsx")
            let columns = ["编号", "原文", "更正：效力", "更正：行业代码", "更正：项目性质", "更正：项目标记", "更正：其他条件", "核对说明"]
            let rows: [[String]] = [
                ["ZH42909910002-pollutantDischarge-1", "禁止未经许可在长江干流新设、改设或者扩大排污口。", "需论证", "", "", "", "", "入河排污口须经审批"],
                ["ZH42909920002-spatialLayout-1", "园区主导产业为精细化工、化工新材料，禁止引进不符合园区主导产业定位的化工项目。", "禁止", "", "新建、扩建", "化工", "", ""],
                ["ZH42909920002-spatialLayout-2", "禁止新建、扩建农药原药和染料生产项目。", "禁止", "X9999", "", "", "", ""],
            ]
            try XLSXWriter.write(sheets: [(name: "条款审核", columns: columns, rows: rows.map { $0.map { $0.isEmpty ? JSONValue.null : .string($0) } })], to: sheet)

            let applied = try await CLI.run(["dataset", "clauses", folder.path, "--apply", sheet.path], environment: environment)
            // One row could not be written: the run says so and fails, the other two are written.
            #expect(applied.status == 1)
            #expect(applied.stderr.contains("审核表第 4 行（ZH42909920002-spatialLayout-2）：行业代码 X9999 不在 GB/T 4754-2017 中"), "\(applied.stderr)")
            #expect(applied.stdout.contains("已写入 2 条人工核对结果"), "\(applied.stdout)")
            let manifest = try String(contentsOf: folder.appendingPathComponent("dataset.yaml"), encoding: .utf8)
            #expect(manifest.contains("\nunitClauseAnnotations: lists/clause-review.yaml\n"))
            let annotations = try String(contentsOf: folder.appendingPathComponent("lists/clause-review.yaml"), encoding: .utf8)
            #expect(annotations.contains("- clause: \"ZH42909920002-spatialLayout-1\"\n  natures: [new, expansion]\n  chemical: true\n  effect: prohibited\n"), "\(annotations)")

            let coverage = try await CLI.run(["dataset", "clauses", folder.path], environment: environment)
            #expect(coverage.stdout.contains("人工核对 2 条"), "\(coverage.stdout)")

            // S02 (Fixtures/demo/sites.geojson): a new organic-chemicals plant inside the chemical park's unit.
            let screened = try await CLI.run(["screen", "--point", "111.7341286,30.5317595", "--industry", "C2614", "--nature", "new",
                                        "--dataset", folder.path, "--format", "json"], environment: environment)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(screened.stdout.utf8)) as? [String: Any])
            let result = try #require((json["results"] as? [[String: Any]])?.first)
            let reasons = (result["reasons"] as? [[String: Any]]) ?? []
            let clause = reasons.first { $0["ruleId"] as? String == "ZH42909920002-spatialLayout-1" }
            #expect(clause?["decidedBy"] as? String == "person" && clause?["effect"] as? String == "prohibited", "\(reasons)")
            #expect(result["verdict"] as? String == "prohibited")

            // A second sheet correcting the same clause replaces its entry and keeps the other.
            try XLSXWriter.write(sheets: [(name: "条款审核", columns: columns, rows: [rows[1].enumerated().map { $0.offset == 4 ? .string("新建") : ($0.element.isEmpty ? .null : .string($0.element)) }])], to: sheet)
            let again = try await CLI.run(["dataset", "clauses", folder.path, "--apply", sheet.path], environment: environment)
            #expect(again.status == 0, "\(again.stderr)")
            let rewritten = try String(contentsOf: folder.appendingPathComponent("lists/clause-review.yaml"), encoding: .utf8)
            #expect(rewritten.components(separatedBy: "ZH42909920002-spatialLayout-1").count == 2, "\(rewritten)")
            #expect(rewritten.contains("  natures: [new]\n") && rewritten.contains("ZH42909910002-pollutantDischarge-1"), "\(rewritten)")
        }
    }
}
