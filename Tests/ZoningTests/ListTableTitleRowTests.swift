import Datasets
import Foundation
import Testing
import Zoning

/// Provinces publish unit lists with a title row ("附件2 …准入清单", merged across the columns) above the
/// header. Fixtures/zoning/list-title-row holds Fixtures/demo-official's list with such a row added
/// (Tests/reference/make_list_title_row.py): it must give exactly the clauses the plain table gives.
@Suite("Unit list tables with a title row")
struct ListTableTitleRowTests {
    @Test("the header is found below the title row, and the clauses equal the plain table's")
    func titleRow() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-title-\(UUID().uuidString)")
        let copy = root.appendingPathComponent("official")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: TestDatasets.url("demo-official"), to: copy)
        let manifest = copy.appendingPathComponent("dataset.yaml")
        let demo = TestDatasets.url("demo").path
        var text = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(of: "../demo/", with: demo + "/")
        let titled = TestDatasets.url("zoning/list-title-row/单元清单（带标题行）.xlsx").path
        text = text.replacingOccurrences(of: "file: lists/单元清单.xlsx", with: "file: \(titled)")
        try text.write(to: manifest, atomically: true, encoding: .utf8)

        let withTitle = try DatasetLoader.load(from: copy)
        let plain = TestDatasets.load("demo-official")
        #expect(withTitle.clauses == plain.clauses)
        // The demo's unit text splits into 548 unit clauses (Fixtures/demo/README.md).
        #expect(withTitle.clauses.filter(\.fromUnitText).count == 548)
    }
}
