import CGDAL
import Foundation
import Geometry
import Testing
@testable import Formats

@Suite("GDAL: XLSX writer")
struct GDALXLSXWriterTests {
    static let columns = ["名称", "经度", "纬度", "面积", "结论", "备注"]
    static let rows: [[JSONValue]] = [
        [.string("园区A"), .number(108.512345678), .number(29.565432109), .number(12.5), .string("禁止"), .null],
        [.string("临港化工园"), .number(108.55), .number(29.56), .number(30), .string("限制"), .array([.string("长江"), .number(1)])],
    ]

    @Test("two sheets round-trip: Chinese text stays text, numbers stay numbers, nothing left beside the file")
    func roundTrip() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("筛查结果.xlsx")
        try XLSXWriter.write(sheets: [
            (name: "项目", columns: Self.columns, rows: Self.rows),
            (name: "说明", columns: ["项", "值"], rows: [[.string("数据集"), .string("沧澜县")], [.string("版本"), .number(3)]]),
        ], to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["筛查结果.xlsx"])

        let file = try GDALFile(url: url)
        #expect(file.driver == "XLSX")
        #expect(file.layerNames == ["项目", "说明"])
        let features = try file.features()
        #expect(features.count == 2)
        #expect(features[0].properties["名称"] == .string("园区A"))
        #expect(features[1].properties["名称"] == .string("临港化工园"))
        #expect(features[0].properties["面积"] == .number(12.5))
        #expect(features[1].properties["面积"] == .number(30))
        #expect(features[0].properties["结论"] == .string("禁止"))
        #expect(features[1].properties["备注"] == .string("[\"长江\",1]"))
        #expect(features[0].geometry == .point(Coordinate(x: 108.512345678, y: 29.565432109)))
        // The second sheet has no coordinates: skipped, with a note.
        #expect(file.notes.contains(.skippedSheet(layer: "说明", columns: ["项", "值"])))
    }

    @Test("numeric columns are written as numbers, mixed ones as text (GDAL reads the cell types back)")
    func cellTypes() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("types.xlsx")
        try XLSXWriter.write(sheets: [(name: "表", columns: ["数", "混合"], rows: [
            [.number(1.25), .number(7)],
            [.number(-3), .string("七")],
        ])], to: url)
        let dataset = try GDALDataset.openVector(path: url.path, name: url.path, configuration: [("OGR_XLSX_HEADERS", "FORCE")])
        let layer = try #require(dataset.layers.first)
        let fields = GDALField.fields(of: layer) { String(cString: $0) }
        #expect(fields.map(\.name) == ["数", "混合"])
        #expect(fields[0].type == OFTReal)
        #expect(fields[1].type == OFTString)
    }

    @Test("an existing file is replaced whole; a bad sheet name leaves it untouched")
    func replaceAndRefuse() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.xlsx")
        try XLSXWriter.write(sheets: [(name: "一", columns: ["经度", "纬度"], rows: [[.number(108), .number(29)]])], to: url)
        try XLSXWriter.write(sheets: [(name: "二", columns: ["经度", "纬度"], rows: [[.number(109), .number(30)]])], to: url)
        #expect(try GDALFile(url: url).layerNames == ["二"])

        #expect(throws: GDALError.invalidSheetName("a/b")) {
            try XLSXWriter.write(sheets: [(name: "a/b", columns: [], rows: [])], to: url)
        }
        #expect(throws: GDALError.rowLengthMismatch(sheet: "三", row: 0, cells: 1, columns: 2)) {
            try XLSXWriter.write(sheets: [(name: "三", columns: ["经度", "纬度"], rows: [[.number(1)]])], to: url)
        }
        #expect(try GDALFile(url: url).layerNames == ["二"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.xlsx"])
    }
}
