import Foundation
import Geometry
import Testing
@testable import Formats
import Wording

// Fixtures are built by Tests/reference/make_gdal_fixtures.sh with ogr2ogr from the hand-written
// GeoJSON under Fixtures/gdal/source/; expected values below are those sources' numbers.

private func gdal(_ path: String, _ options: GDALReadOptions = GDALReadOptions()) throws(GDALError) -> GDALFile {
    try GDALFile(url: FormatsFixtures.url("gdal/" + path), options: options)
}

private func names(_ features: [Feature], key: String = "名称") -> [String] {
    features.compactMap { $0.properties[key]?.text }
}

/// 临港化工园's first vertex as written in sites.geojson (ten decimals: survives every format).
private let parkVertex = Coordinate(x: 108.5312345678, y: 29.5512345678)

private func hasVertex(_ feature: Feature, _ expected: Coordinate, tolerance: Double) -> Bool {
    feature.geometry?.coordinates.contains { abs($0.x - expected.x) <= tolerance && abs($0.y - expected.y) <= tolerance } ?? false
}

@Suite("GDAL: polygon formats")
struct GDALPolygonFormatTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var path: String
        var driver: String
        var epsg: Int
        var testDescription: String { path }
    }

    static let cases: [Case] = [
        Case(path: "shp_gbk/sites.shp", driver: "ESRI Shapefile", epsg: 4490),
        Case(path: "shp_gbk_nocpg/sites.shp", driver: "ESRI Shapefile", epsg: 4490),
        Case(path: "sites.kml", driver: "LIBKML", epsg: 4326),
        Case(path: "sites.kmz", driver: "LIBKML", epsg: 4326),
        Case(path: "sites.gpkg", driver: "GPKG", epsg: 4490),
        Case(path: "source/sites.geojson", driver: "GeoJSON", epsg: 4326),
    ]

    @Test("three polygons with their Chinese names, the source coordinates and the file's CRS", arguments: cases)
    func readsSites(_ fixture: Case) throws {
        let file = try gdal(fixture.path)
        let features = try file.features()
        #expect(file.driver == fixture.driver)
        #expect(features.count == 3)
        #expect(names(features) == ["园区A", "临港化工园", "滨江物流园"])
        #expect(features.allSatisfy { $0.geometry?.typeName == "Polygon" })
        #expect(features.allSatisfy { $0.crs == CRS(epsg: fixture.epsg) })
        #expect(hasVertex(features[1], parkVertex, tolerance: 1e-9))
        #expect(features.map(\.index) == [0, 1, 2])
        #expect(features[0].properties["面积"] == .number(12.5))
        #expect(features[0].properties["类型"] == .string("工业"))
    }

    @Test("a GBK Shapefile follows its .cpg; GDAL converts the names")
    func gbkWithCPG() throws {
        let file = try gdal("shp_gbk/sites.shp")
        #expect(file.textEncoding == .declared("GBK"))
        let features = try file.features()
        #expect(features[0].properties["批复日期"] == .string("2023-05-18"))
        #expect(features[1].properties["批复日期"] == .null)
        #expect(features[2].properties["编号"] == .number(3))
        #expect(features.map(\.id) == [nil, nil, nil])   // no id field: a record number (FID) is no ID
        #expect(features.map(\.index) == [0, 1, 2])
    }

    @Test("a GBK Shapefile without .cpg is detected as GB18030 (the raw DBF text is not UTF-8)")
    func gbkWithoutCPG() throws {
        let file = try gdal("shp_gbk_nocpg/sites.shp")
        #expect(file.textEncoding == .detectedGB18030)
        #expect(file.notes.contains(.textEncoding(.detectedGB18030)))
        let features = try file.features()
        #expect(Set(features[0].properties.keys) == ["编号", "名称", "类型", "面积", "批复日期"])
    }

    @Test("--encoding forces the Shapefile's encoding, whatever the .cpg says or lacks")
    func forcedEncoding() throws {
        let file = try gdal("shp_gbk_nocpg/sites.shp", GDALReadOptions(encoding: "GBK"))
        #expect(file.textEncoding == .forced("GBK"))
        #expect(names(try file.features()) == ["园区A", "临港化工园", "滨江物流园"])
        // Forcing the wrong one is the user's call: Latin-1 turns each GBK byte into a character.
        let wrong = try gdal("shp_gbk/sites.shp", GDALReadOptions(encoding: "ISO-8859-1"))
        #expect(names(try wrong.features()).first != "园区A")
    }

    @Test("an encoding iconv does not know is refused up front")
    func unknownEncoding() throws {
        #expect(throws: GDALError.unknownEncoding(file: FormatsFixtures.url("gdal/shp_gbk/sites.shp").path, encoding: "NO-SUCH-CODEPAGE")) {
            try gdal("shp_gbk/sites.shp", GDALReadOptions(encoding: "NO-SUCH-CODEPAGE"))
        }
    }

    @Test("GeoPackage keeps dates as dates")
    func geoPackageDate() throws {
        let features = try gdal("sites.gpkg").features()
        #expect(features[0].properties["批复日期"] == .string("2023-05-18"))
        #expect(features[2].properties["批复日期"] == .string("2021-11-02"))
    }

    @Test("KML's unused standard fields (timestamp, begin...) are left out, not null")
    func kmlFields() throws {
        let feature = try gdal("sites.kml").features()[0]
        #expect(feature.properties["timestamp"] == nil)
        #expect(feature.properties["编号"] == .number(1))
    }
}

@Suite("GDAL: CRS from the .prj")
struct GDALCRSTests {
    /// The pyproj transform recorded by make_gdal_fixtures.sh (EPSG:4490 -> EPSG:4546).
    static func reference() throws -> (easting: Double, northing: Double) {
        let text = try String(contentsOf: FormatsFixtures.url("gdal/reference_4546.csv"), encoding: .utf8)
        let row = text.split(separator: "\n").first { $0.hasPrefix("临港化工园") }!.split(separator: ",")
        return (Double(row[3])!, Double(row[4])!)
    }

    @Test("a Gauss-Krüger .prj (ESRI WKT, no EPSG code) is recognised as EPSG:4546; coordinates match pyproj within 1 mm")
    func gaussKruger() throws {
        let file = try gdal("shp_4546/sites.shp")
        let features = try file.features()
        #expect(features.count == 3)
        #expect(features.allSatisfy { $0.crs == CRS(epsg: 4546) })
        #expect(file.textEncoding == .declared("UTF-8"))
        #expect(names(features) == ["园区A", "临港化工园", "滨江物流园"])
        let expected = try Self.reference()
        #expect(hasVertex(features[1], Coordinate(x: expected.easting, y: expected.northing), tolerance: 0.001))
    }

    @Test("--crs overrides the file's CRS and says so")
    func override() throws {
        let file = try gdal("shp_4546/sites.shp", GDALReadOptions(crs: CRS(epsg: 4545)))
        #expect(try file.features().allSatisfy { $0.crs == CRS(epsg: 4545) })
        #expect(file.notes.contains(.crsOverridden(layer: "sites", fileCRS: CRS(epsg: 4546), used: CRS(epsg: 4545))))
    }
}

@Suite("GDAL: DXF")
struct GDALDXFTests {
    @Test("closed polylines become parcels, the open line stays a line, the point is skipped with a note")
    func drawing() throws {
        let file = try gdal("cad.dxf")
        let features = try file.features()
        #expect(features.map { $0.geometry?.typeName } == ["Polygon", "Polygon", "LineString"])
        // $DWGCODEPAGE ANSI_936: GDAL converts the GBK layer names.
        #expect(names(features, key: "Layer") == ["园区A", "临港化工园", "排污管线"])
        // The first polyline has the closed flag and no repeated point; GDAL closes the ring.
        guard case .polygon(let first) = features[0].geometry else { Issue.record("not a polygon"); return }
        #expect(first.exterior.count == 5)
        #expect(first.exterior.first == first.exterior.last)
        #expect(first.exterior.contains(Coordinate(x: 108.52, y: 29.575)))
        #expect(hasVertex(features[1], parkVertex, tolerance: 1e-9))
        #expect(features.allSatisfy { $0.crs == nil })
        #expect(file.notes.contains(.noCRS(layer: "entities")))
        #expect(file.notes.contains(.closedPolylinesAsPolygons(layer: "entities", count: 2)))
        #expect(file.notes.contains(.skippedPoints(layer: "entities", count: 1)))
        #expect(features.map(\.index) == [0, 1, 2])
    }

    @Test("--crs gives a drawing its CRS")
    func crsOption() throws {
        let features = try gdal("cad.dxf", GDALReadOptions(crs: .cgcs2000)).features()
        #expect(features.allSatisfy { $0.crs == .cgcs2000 })
    }
}

@Suite("GDAL: coordinate tables")
struct GDALTableTests {
    /// 108°30'15.2" and 29°33'36", worked by hand: d + m/60 + s/3600.
    static let dmsLongitude = 108.0 + 30.0 / 60.0 + 15.2 / 3600.0   // 108.504222...
    static let dmsLatitude = 29.0 + 33.0 / 60.0 + 36.0 / 3600.0     // 29.56

    @Test("CSV with 经度/纬度 columns, one row in 度分秒")
    func csv() throws {
        let file = try gdal("points.csv")
        let features = try file.features()
        #expect(file.isCoordinateTable)
        #expect(features.count == 3)
        #expect(names(features) == ["拟建项目甲", "拟建项目乙", "度分秒点"])
        #expect(features[0].geometry == .point(Coordinate(x: 108.512345678, y: 29.565432109)))
        guard case .point(let dms) = features[2].geometry else { Issue.record("not a point"); return }
        #expect(abs(dms.x - Self.dmsLongitude) < 1e-12)
        #expect(abs(dms.y - Self.dmsLatitude) < 1e-12)
        #expect(features[2].properties["经度"] == nil)   // coordinate columns are not repeated as properties
        #expect(features[2].properties["行业"] == .string("G5942"))
        #expect(features.allSatisfy { $0.crs == nil })
        #expect(file.notes.contains(.coordinateColumns(layer: "points", columns: ["经度", "纬度"])))
        #expect(file.notes.contains { if case .coordinateText(row: 2, _) = $0 { true } else { false } })
    }

    @Test("a GBK CSV (Excel on Chinese Windows) is detected and converted; --encoding forces it")
    func gbkCSV() throws {
        let file = try gdal("points_gbk.csv")
        #expect(file.textEncoding == .detectedGB18030)
        let features = try file.features()
        #expect(names(features) == ["拟建项目甲", "拟建项目乙", "度分秒点"])
        guard case .point(let dms) = features[2].geometry else { Issue.record("not a point"); return }
        #expect(abs(dms.x - Self.dmsLongitude) < 1e-12)
        let forced = try gdal("points_gbk.csv", GDALReadOptions(encoding: "GBK"))
        #expect(forced.textEncoding == .forced("GBK"))
        #expect(names(try forced.features()) == ["拟建项目甲", "拟建项目乙", "度分秒点"])
    }

    @Test("XLSX with numeric 经度/纬度 cells")
    func xlsx() throws {
        let file = try gdal("points.xlsx")
        let features = try file.features()
        #expect(file.layerNames == ["项目点位"])
        #expect(names(features) == ["拟建项目甲", "拟建项目乙", "度分秒点"])
        #expect(features[0].geometry == .point(Coordinate(x: 108.512345678, y: 29.565432109)))
        guard case .point(let third) = features[2].geometry else { Issue.record("not a point"); return }
        #expect(abs(third.x - Self.dmsLongitude) < 1e-9)
    }

    @Test("a WKT column gives polygons")
    func wktColumn() throws {
        let features = try gdal("sites_wkt.csv").features()
        #expect(features.count == 3)
        #expect(features.allSatisfy { $0.geometry?.typeName == "Polygon" })
        #expect(names(features) == ["园区A", "临港化工园", "滨江物流园"])
        #expect(hasVertex(features[1], parkVertex, tolerance: 1e-9))
        #expect(features[0].properties["WKT"] == nil)
    }

    @Test("a row with an empty or impossible coordinate is reported by row; the others are read")
    func badRows() throws {
        let batch = try gdal("points_bad_rows.csv").readAll()
        #expect(names(batch.features) == ["拟建项目甲", "拟建项目乙"])
        #expect(batch.problems.map(\.featureIndex) == [1, 2])
        let message = batch.problems[0].message(.zh)
        #expect(message.contains("points_bad_rows.csv") && message.contains("第 2 个要素") && message.contains("经度"))
    }

    @Test("column names are matched trimmed, case-insensitively, without a bracketed unit")
    func columnNames() {
        #expect(CoordinateColumns.key(" Longitude ") == "longitude")
        #expect(CoordinateColumns.key("经度(°)") == "经度")
        #expect(CoordinateColumns.key("X（米）") == "x")
    }
}

@Suite("GDAL: per-feature problems")
struct GDALFeatureProblemTests {
    @Test("a ring of three points and a missing geometry fail alone; a 3-D point is flattened")
    func badGeometry() throws {
        let batch = try gdal("bad_geometry.geojson").readAll()
        #expect(batch.features.map(\.id) == ["a", "d"])
        #expect(batch.features[1].geometry == .point(Coordinate(x: 108.5, y: 29.56)))
        #expect(batch.problems.count == 2)
        #expect(batch.problems.map(\.featureIndex) == [1, 2])
        #expect(batch.problems.map(\.featureID) == ["b", "c"])
        if case .invalidGeometry = batch.problems[0] {} else { Issue.record("expected invalidGeometry, got \(batch.problems[0])") }
        let message = batch.problems[0].message(.zh)
        #expect(message.contains("bad_geometry.geojson") && message.contains("第 2 个要素") && message.contains("id b"))
    }
}

@Suite("GDAL: whole-file errors")
struct GDALErrorTests {
    @Test("a missing file names the file, in Chinese")
    func missing() {
        let path = FormatsFixtures.url("gdal/no_such_file.shp").path
        do {
            _ = try GDALFile(path: path)
            Issue.record("opened a missing file")
        } catch {
            #expect(error == .fileNotFound(file: path))
            #expect(error.message(.zh) == "找不到文件 \(path)")
        }
    }

    @Test("a file GDAL does not recognise names the file and carries GDAL's reason")
    func notGDAL() {
        do {
            _ = try gdal("not_gdal.dat")
            Issue.record("opened a text file")
        } catch {
            guard case .notRecognised(let file, let detail) = error else { Issue.record("\(error)"); return }
            #expect(file.hasSuffix("not_gdal.dat"))
            #expect(detail.contains("not recognized"))
            #expect(error.message(.zh).hasPrefix("无法识别 \(file) 的格式"))
        }
    }

    @Test("a CSV without coordinate columns says which columns it has")
    func noCoordinates() throws {
        let file = try gdal("no_coordinates.csv")
        #expect(throws: GDALError.noCoordinateColumns(file: file.name, columns: ["名称", "备注"])) {
            try file.features()
        }
        let message = GDALError.noCoordinateColumns(file: file.name, columns: ["名称", "备注"]).message(.zh)
        #expect(message.contains(file.name) && message.contains("找不到坐标列") && message.contains("名称、备注"))
    }

    @Test("a layer name that is not there lists the ones that are")
    func missingLayer() {
        #expect(throws: GDALError.layerNotFound(file: FormatsFixtures.url("gdal/sites.gpkg").path, layer: "地块", available: ["sites"])) {
            try gdal("sites.gpkg", GDALReadOptions(layer: "地块"))
        }
    }
}
