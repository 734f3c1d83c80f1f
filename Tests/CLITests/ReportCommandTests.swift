import Foundation
import Testing

@Suite("zonescreen screen --format html")
struct ReportCommandTests {
    @Test("the 34 demo sites as one report: counts per verdict as expected.csv has them, 5 sections, all 34 rows")
    func demoBatch() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("demo.html")
        let run = try await CLI.run(["screen", "--demo-sites", "--format", "html", "--report-sections", "5", "--output", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        // Fixtures/demo/expected.csv: 19 prohibited, 3 restricted, 8 needing assessment, 4 compliant.
        // Bars are 24 units apart from y = 36 in verdict order.
        for (count, word, y) in [(19, "禁止", "36.0"), (3, "限制", "60.0"), (8, "需论证", "84.0"), (4, "符合", "108.0")] {
            #expect(html.contains("<g class=\"bar\" data-count=\"\(count)\"><text x=\"0\" y=\"\(y)\">\(word)</text>"), "\(word)")
        }
        #expect(html.components(separatedBy: "<section class=\"site\"").count - 1 == 5)
        #expect(html.components(separatedBy: "<tr class=").count - 1 == 34)
        #expect(html.contains("其余 29 个只列在下表中"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("pdf without --output is refused with a clear message")
    func pdfNeedsOutput() async throws {
        let run = try await CLI.run(["screen", "--point", "111.7312807,30.5291253", "--format", "pdf"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("pdf 格式需要用 --output 指定文件"))
    }
}
