import Datasets
import Foundation
import Testing
import Zoning
import Wording

/// Deliveries in GDAL formats with the faults real ones have (Fixtures/zoning/bad-sources, made from the
/// tiny dataset by Tests/reference/make_bad_sources.sh; its README lists every feature, field and row).
/// Each fault gives one problem that names the file and the layer, feature or spreadsheet row, and one
/// load lists them all. The `valid` case reads the same files rightly, so each other case's problems come
/// from its one change.
@Suite("Problems in GDAL layer files and list tables")
struct DatasetSourceProblemTests {
    static func loadError(_ name: String) -> DatasetError? {
        do {
            _ = try DatasetLoader.load(from: TestDatasets.url("zoning/bad-sources/\(name)"))
            return nil
        } catch {
            return error
        }
    }

    static func problems(_ name: String) -> [DatasetProblem] { loadError(name)?.problems ?? [] }

    static func messages(_ problems: [DatasetProblem]) -> [String] { problems.map { $0.message(.zh) } }

    // The units layers' fields, in the order the generator wrote them (README: "Fields").
    static let unitFields = ["HJGKDYBM", "HJGKDYMC", "ZHGKDYFL", "DYXL", "KJBJYS", "PWWPFGK"]
    // The GeoPackage's layers in the order the generator made them (README: "zoning.gpkg").
    static let geoPackageLayers = ["units", "units_mixed", "redlines", "water", "shorelines"]

    // Expected problems, each worked out from the fixture:
    /// shorelines_noprj.shp has .shp/.shx/.dbf/.cpg and no .prj, and neither the layer nor the manifest
    /// gives a crs: the layer (named after the file) has no CRS.
    static let noPRJ = DatasetProblem.layerCRSUnknown(file: "../layers/shorelines_noprj.shp", layer: "shorelines_noprj",
                                                      detail: "文件未声明坐标系（没有 .prj）")
    /// The unit lists sheet: row 1 the header, rows 2-3 units A and B, row 4 blank, row 5 ZH42909930009
    /// (a typo: the layer has ZH42909910001, ZH42909920001, ZH42909930001), row 6 unit C.
    static let unknownRow = DatasetProblem.listRowUnknownUnit(file: "../lists/unit-lists.xlsx", row: 5, code: "ZH42909930009")
    /// units_mixed holds A, B, then a LineString (丁单元, ZH42909930002), then C: feature 3, index 2.
    static let line = DatasetProblem.wrongGeometryType(file: "../layers/zoning.gpkg:units_mixed", feature: 2, id: "ZH42909930002",
                                                       found: "LineString", expected: "Polygon/MultiPolygon")
    /// The red lines' file has five layers and the manifest names none.
    static let notChosen = DatasetProblem.layerNotChosen(file: "../layers/zoning.gpkg", layers: geoPackageLayers)

    @Test("the control case: the same files, read rightly, load with the tiny dataset's counts and no problem")
    func valid() throws {
        let dataset = try DatasetLoader.load(from: TestDatasets.url("zoning/bad-sources/valid"))
        // As Fixtures/zoning/tiny: 3 units, 1 red line, 2 banks, 1 water zone; 5 clauses in the file
        // + unit text: A 1, B 2 (spatial) + 2 (pollutant) = 10.
        #expect(dataset.units.map(\.code) == ["ZH42909910001", "ZH42909920001", "ZH42909930001"])
        #expect(dataset.redLines.count == 1 && dataset.shorelines.count == 2 && dataset.sensitiveAreas.count == 1)
        #expect(dataset.clauses.count == 10)
        #expect(DatasetCheck.problems(dataset).isEmpty)
    }

    @Test("a Shapefile without .prj and no crs in the manifest: the layer's CRS is unknown, and the message says how to fix it")
    func shapefileWithoutPRJ() {
        let problems = Self.problems("no-prj")
        #expect(problems == [Self.noPRJ])
        #expect(Self.messages(problems) == ["../layers/shorelines_noprj.shp 图层 shorelines_noprj 的坐标系未知（文件未声明坐标系（没有 .prj））：请补上 .prj，或在清单中给该图层写 crs: EPSG:…"])
    }

    @Test("a mapped field the layer lacks is one problem naming the layer and its fields, not one per feature")
    func fieldAbsent() {
        // name: DYMC; the units layer has three features and the fields above, none called DYMC.
        let problems = Self.problems("field-absent")
        #expect(problems == [.fieldAbsent(file: "../layers/zoning.gpkg", layer: "units", field: "name", mappedFrom: "DYMC", available: Self.unitFields)])
        #expect(Self.messages(problems).first?.hasPrefix("../layers/zoning.gpkg 图层 units 没有映射字段 DYMC（name）；现有字段：HJGKDYBM、HJGKDYMC") == true)
    }

    @Test("a LineString among the unit polygons is named by its feature number and unit code")
    func mixedGeometry() {
        let problems = Self.problems("mixed-geometry")
        #expect(problems == [Self.line])
        #expect(Self.messages(problems) == ["../layers/zoning.gpkg:units_mixed 第 3 个要素（ZH42909930002）的几何类型为 LineString，应为 Polygon/MultiPolygon"])
    }

    @Test("a list row whose unit code is not in the layer is named by its row as Excel shows it (header row 1, blank rows counted)")
    func unknownListRow() {
        let problems = Self.problems("unknown-list-row")
        #expect(problems == [Self.unknownRow])
        #expect(Self.messages(problems) == ["../lists/unit-lists.xlsx 第 5 行的单元编码 ZH42909930009 不在管控单元图层中"])
    }

    @Test("a multi-layer GeoPackage without layer: lists its layers")
    func layerNotChosen() {
        let problems = Self.problems("layer-not-chosen")
        #expect(problems == [Self.notChosen])
        #expect(Self.messages(problems) == ["../layers/zoning.gpkg 有多个图层（units、units_mixed、redlines、water、shorelines），请在清单中用 layer: 指定一个"])
    }

    @Test("one load of a dataset with all these faults lists every one of them, in the order the layers are read")
    func allAtOnce() throws {
        let error = try #require(Self.loadError("all-at-once"))
        // Units first (the absent county field, then the line while reading features), then their list
        // table, red lines, shorelines; the water layer is fine.
        let expected: [DatasetProblem] = [
            .fieldAbsent(file: "../layers/zoning.gpkg", layer: "units_mixed", field: "county", mappedFrom: "XZQMC", available: Self.unitFields),
            Self.line,
            Self.unknownRow,
            Self.notChosen,
            Self.noPRJ,
        ]
        #expect(error.problems == expected)
        let message = error.message(.zh)
        #expect(message.contains("有 5 个问题"))
        for line in Self.messages(expected) { #expect(message.contains("  - " + line)) }
    }
}
