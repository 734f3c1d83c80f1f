@testable import Datasets
import Foundation
import Geometry
import Testing
@testable import Zoning

/// A folder of deliverables as a province might hand them over, made from the demo's GeoJSON layers
/// with ogr2ogr (gdal-bin): GBK Shapefiles with renamed fields, two of them projected, one without its
/// .cpg, the county boundary left as GeoJSON, and the unit lists as a CSV table with Chinese headings.
/// The expected roles and mappings below follow from the renames written here.
enum Deliverables {
    static let demoLayers = TestDatasets.url("demo/layers")

    /// Every layer in a new temporary folder; `only` limits it to the named outputs.
    static func make(only: Set<String>? = nil) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-init-\(UUID().uuidString)")
        for sub in ["矢量", "清单"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }
        let units = demoLayers.appendingPathComponent("units.geojson").path
        if wanted("units") {
            // Class as words (优先保护单元...), the name and county under Chinese field names.
            try ogr2ogr(["-f", "ESRI Shapefile", "-a_srs", "EPSG:4490", "-lco", "ENCODING=GBK", "-dialect", "SQLite", "-sql",
                         "SELECT geometry, HJGKDYBM AS DYBM, HJGKDYMC AS 单元名称, CASE ZHGKDYFL WHEN '1' THEN '优先保护单元' "
                         + "WHEN '2' THEN '重点管控单元' ELSE '一般管控单元' END AS GKDYFL, DYXL, COUNTY AS 区县 FROM units",
                         folder.appendingPathComponent("矢量/环境管控单元.shp").path, units])
        }
        if wanted("redLines") {
            // Generic field names: only the file name STBHHX says these are red lines.
            try ogr2ogr(["-f", "ESRI Shapefile", "-s_srs", "EPSG:4490", "-t_srs", "EPSG:4546", "-lco", "ENCODING=GBK",
                         "-sql", "SELECT HXBM AS BM, HXMC AS MC, HXLX AS LX FROM redlines",
                         folder.appendingPathComponent("矢量/STBHHX.shp").path, demoLayers.appendingPathComponent("redlines.geojson").path])
        }
        if wanted("shorelines") {
            try ogr2ogr(["-f", "ESRI Shapefile", "-s_srs", "EPSG:4490", "-t_srs", "EPSG:4546", "-lco", "ENCODING=GBK",
                         "-sql", "SELECT HLMC AS HDMC, HLDJ, AB AS \"岸别\" FROM shorelines",
                         folder.appendingPathComponent("矢量/长江岸线.shp").path, demoLayers.appendingPathComponent("shorelines.geojson").path])
        }
        if wanted("waterSources") {
            // Without its .cpg: raw GBK that GDAL must detect.
            let shapefile = folder.appendingPathComponent("矢量/饮用水水源保护区.shp")
            try ogr2ogr(["-f", "ESRI Shapefile", "-a_srs", "EPSG:4490", "-lco", "ENCODING=GBK", shapefile.path,
                         demoLayers.appendingPathComponent("water-sources.geojson").path])
            try FileManager.default.removeItem(at: shapefile.deletingPathExtension().appendingPathExtension("cpg"))
        }
        if wanted("county") {
            try FileManager.default.copyItem(at: demoLayers.appendingPathComponent("county.geojson"), to: folder.appendingPathComponent("矢量/xzq.geojson"))
        }
        if wanted("lists") {
            try ogr2ogr(["-f", "CSV", "-dialect", "SQLite", "-sql",
                         "SELECT HJGKDYBM AS 环境管控单元编码, HJGKDYMC AS 环境管控单元名称, KJBJYS AS 空间布局约束, PWWPFGK AS 污染物排放管控, "
                         + "HJFXFK AS 环境风险防控, ZYKFXLYQ AS 资源利用效率要求 FROM units",
                         folder.appendingPathComponent("清单/单元准入清单.csv").path, units])
        }
        return folder
    }

    static func ogr2ogr(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ogr2ogr"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailure(message: "ogr2ogr (gdal-bin, installed by scripts/install-deps) failed: \(message)")
        }
    }

    struct ToolFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

@Suite("dataset init: recognising a folder of deliverables")
struct DatasetDraftTests {
    static func withDeliverables<T>(only: Set<String>? = nil, _ body: (URL) throws -> T) throws -> T {
        let folder = try Deliverables.make(only: only)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder)
    }

    @Test("units, red lines, shorelines, water sources and the list table get their roles and field mappings")
    func roles() throws {
        let draft = try Self.withDeliverables { DatasetDraft.make(folder: $0) }

        let units = try #require(draft.layers(.controlUnits).first)
        #expect(units.file == "矢量/环境管控单元.shp")
        #expect(units.featureCount == 59)
        #expect(units.field("code") == "DYBM" && units.field("name") == "单元名称" && units.field("class") == "GKDYFL")
        #expect(units.field("subclass") == "DYXL" && units.field("county") == "区县")
        #expect(units.classValues == [.init(raw: "优先保护单元", mapped: "1"), .init(raw: "重点管控单元", mapped: "2"), .init(raw: "一般管控单元", mapped: "3")])

        // Found by its file name; BM / MC / LX then map as generic code / name / type.
        let redLines = try #require(draft.layers(.redLines).first)
        #expect(redLines.file == "矢量/STBHHX.shp")
        #expect(redLines.field("code") == "BM" && redLines.field("name") == "MC" && redLines.field("type") == "LX")

        let shorelines = try #require(draft.layers(.shorelines).first)
        #expect(shorelines.file == "矢量/长江岸线.shp")
        #expect(shorelines.field("name") == "HDMC" && shorelines.field("class") == "HLDJ")
        #expect(shorelines.classValues == [.init(raw: "干流", mapped: "mainStream"), .init(raw: "重要支流", mapped: "importantTributary"),
                                           .init(raw: "支流", mapped: "tributary")])

        let water = try #require(draft.sensitiveAreas.first)
        #expect(draft.sensitiveAreas.count == 1)
        #expect(water.role == .sensitiveArea(id: "drinkingWater", kind: "饮用水水源保护区"))
        #expect(water.field("code") == "BHQBM" && water.field("name") == "BHQMC" && water.field("level") == "BHJB")

        let table = try #require(draft.layers(.listTable).first)
        #expect(table.file == "清单/单元准入清单.csv")
        #expect(table.field("code") == "环境管控单元编码")
        #expect(table.listField(.spatialLayout) == "空间布局约束")
        #expect(table.listField(.pollutantDischarge) == "污染物排放管控")
        #expect(table.listField(.environmentalRisk) == "环境风险防控")
        #expect(table.listField(.resourceEfficiency) == "资源利用效率要求")

        #expect(draft.unused.map(\.file) == ["矢量/xzq.geojson"])
    }

    @Test("each layer's CRS comes from its .prj, and a Shapefile without .cpg is marked GB18030")
    func crsAndEncoding() throws {
        let draft = try Self.withDeliverables { DatasetDraft.make(folder: $0) }
        // -a_srs EPSG:4490 for units and water sources, -t_srs EPSG:4546 for red lines and shorelines.
        #expect(draft.layers(.controlUnits).first?.crs == CRS(epsg: 4490))
        #expect(draft.layers(.redLines).first?.crs == CRS(epsg: 4546))
        #expect(draft.layers(.shorelines).first?.crs == CRS(epsg: 4546))
        #expect(draft.sensitiveAreas.first?.crs == CRS(epsg: 4490))
        // The .cpg says GBK (GDAL converts, nothing to write); without it GDAL had to detect.
        #expect(draft.layers(.controlUnits).first?.encoding == nil)
        #expect(draft.sensitiveAreas.first?.encoding == "GB18030")
        #expect(draft.yaml.contains("encoding: GB18030  # 猜测："))
        // Every layer names its CRS, so no top-level crs is needed.
        #expect(!draft.yaml.contains("\ncrs:"))
    }

    @Test("region from the one-feature county layer; measuring CRS from the units' central longitude")
    func settings() throws {
        let draft = try Self.withDeliverables { DatasetDraft.make(folder: $0) }
        // county.geojson: XZQMC 沧澜县（虚构）, XZQDM 429099.
        #expect(draft.regionGuess == "沧澜县（虚构）")
        #expect(draft.regionCodeGuess == "429099")
        // Units span 111.237°E–111.872°E (ogrinfo): centre 111.55°E, zone round(111.55 / 3) = 37, central
        // meridian 111°E, which is EPSG:4534 + (37 - 25) = EPSG:4546.
        #expect(draft.suggestedMeasurementCRS == CRS(epsg: 4546))
        #expect(draft.yaml.contains("crs: EPSG:4546  # 待填写（TODO，已填建议值，请核对）"))
    }

    @Test("unfilled, the draft does not load; with its TODOs filled in, it loads every layer and the unit lists")
    func fillAndLoad() throws {
        try Self.withDeliverables { folder in
            let manifest = folder.appendingPathComponent("dataset.yaml")
            let draft = DatasetDraft.make(folder: folder)
            try draft.yaml.write(to: manifest, atomically: true, encoding: .utf8)
            #expect(throws: DatasetError.self) { try DatasetLoader.load(from: folder) }

            // Every key left for the user (commented out, marked TODO), and nothing else, gets a value.
            let values: [String: String] = [
                "name": "测试数据集", "version": "\"1\"", "date": "\"2024-06-30\"", "shorelineBaseline": "waterline",
                "sources": "[{ id: yangtzeLaw, title: 长江保护法 }, { id: provinceList, title: 省级清单 }, { id: unitLists, title: 单元清单 }]",
            ]
            var filled: [String] = []
            var lines: [String] = []
            for line in draft.yaml.components(separatedBy: "\n") {
                let indent = line.prefix { $0 == " " }
                let rest = line.dropFirst(indent.count)
                guard rest.hasPrefix("# "), let marker = rest.range(of: ":  # 待填写（TODO）：") else {
                    lines.append(line)
                    continue
                }
                let key = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<marker.lowerBound])
                let value = try #require(values[key], "unexpected TODO: \(line)")
                filled.append(key)
                lines.append("\(indent)\(key): \(value)")
            }
            #expect(Set(filled) == Set(values.keys))
            try lines.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
            // The empty local rules file `dataset init` writes beside it; the national rules and the
            // catalogue are built in, so nothing is copied from elsewhere.
            let rules = try #require(draft.rulesTemplate)
            try rules.write(to: folder.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)

            let dataset = try DatasetLoader.load(from: folder)
            #expect(dataset.units.count == 59 && dataset.redLines.count == 5 && dataset.shorelines.count == 10 && dataset.sensitiveAreas.count == 3)
            #expect(dataset.metadata.region == "沧澜县（虚构）" && dataset.metadata.regionCode == "429099")
            // ZH + 429099 + class digit 2: a key control unit, its class read from the words 重点管控单元.
            #expect(dataset.unit(code: "ZH42909920001")?.unitClass == .keyControl)
            // The demo's first unit has three numbered spatial-layout items; the third is its outfall ban.
            let third = dataset.clauses.first { $0.id == "ZH42909910001-spatialLayout-3" }
            #expect(third?.text.hasPrefix("禁止在保护区内设置排污口") == true)
            // These deliverables have no parks layer: the national rule on compliant parks says so, and so do
            // the 28 general units' first spatial-layout items (Fixtures/demo/layers/units.geojson: each reads
            // "禁止在合规园区外新建、扩建化工、钢铁…"), read by the clause reader.
            let generalUnits = (1...28).map { String(format: "ZH429099300%02d-spatialLayout-1", $0) }
            #expect(DatasetCheck.problems(dataset) == [.parksLayerMissing(owners: generalUnits + ["CN-FMQD-09"])])
        }
    }

    @Test("layers not found become commented templates and TODOs; the manifest still parses")
    func placeholders() throws {
        try Self.withDeliverables(only: ["units"]) { folder in
            let draft = DatasetDraft.make(folder: folder)
            let keys = draft.toFill.map(\.key)
            #expect(keys.contains("layers.redLines") && keys.contains("layers.shorelines") && !keys.contains("layers.controlUnits"))
            #expect(draft.yaml.contains("  # redLines:  # 待填写（TODO）："))
            #expect(draft.yaml.contains("  # shorelines:  # 待填写（TODO）："))
            // No GeoJSON or file without .prj: nothing needs the top-level crs.
            #expect(!keys.contains("crs"))

            // Valid YAML: the loader gets past parsing and stops at the first empty value.
            try draft.yaml.write(to: folder.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
            do throws(DatasetError) {
                _ = try DatasetLoader.load(from: folder)
                Issue.record("an unfilled draft loaded")
            } catch {
                guard case .fileInvalid("dataset.yaml", let detail)? = error.problems.first else {
                    Issue.record("expected a problem with dataset.yaml, got \(error.problems)")
                    return
                }
                #expect(detail.contains("name"))
            }
        }
    }

    @Test("class values in words or digits", arguments: [
        ("1", "1"), ("3", "3"), ("优先保护单元", "1"), ("重点管控单元（产业集聚类）", "2"), ("一般管控", "3"), ("其他", nil),
    ] as [(String, String?)])
    func unitClassValues(raw: String, expected: String?) {
        #expect(DraftClasses.unitClass(raw) == expected)
    }

    @Test("river classes: 重要支流 before 支流", arguments: [
        ("干流", "mainStream"), ("长江干流", "mainStream"), ("重要支流", "importantTributary"), ("一级支流", "tributary"),
        ("tributary", "tributary"), ("1", nil),
    ] as [(String, String?)])
    func riverClassValues(raw: String, expected: String?) {
        #expect(DraftClasses.riverClass(raw) == expected)
    }

    @Test("YAML scalars are quoted when they would read as something else", arguments: [
        ("单元名称", "单元名称"), ("HJGKDYBM", "HJGKDYBM"), ("EPSG:4490", "EPSG:4490"), ("矢量/STBHHX.shp", "矢量/STBHHX.shp"), ("/data/红线.shp", "/data/红线.shp"), ("../x.shp", "\"../x.shp\""),
        ("429099", "\"429099\""), ("2024.1", "\"2024.1\""), ("yes", "\"yes\""), ("a: b", "\"a: b\""), ("X#1", "\"X#1\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""), ("", "\"\""),
    ])
    func scalars(text: String, expected: String) {
        #expect(DraftYAML.scalar(text) == expected)
    }
}
