import Foundation
import Formats
import Geometry
import Testing
import TestSupport
import Zoning
import Wording

/// Site files as planners have them (Fixtures/sites/), read through the intake's file opener and
/// compared with `Fixtures/sites/expected.csv`, which `Tests/reference/make_site_tables.py` worked
/// out with shapely and pyproj from the coordinates it wrote (nothing from ZoneScreen involved).
@Suite("Site files: vertex tables, X = north, zone prefixes, multi-part parcels")
struct SiteFileReadingTests {
    static let expected = FixtureTable.load("sites/expected.csv").rows.filter { !$0["wktLonLat"].isEmpty }

    static func features(_ file: String, crs: CRS? = nil) throws -> FeatureBatch {
        let path = FixtureTable.url("sites/" + file).path
        return try SiteFiles.open(path, options: SiteIntake.Options(crs: crs)).readAll()
    }

    static func parts(_ geometry: Geometry) -> [Polygon] {
        switch geometry {
        case .polygon(let polygon): [polygon]
        case .multiPolygon(let polygons): polygons
        default: []
        }
    }

    @Test("every expected feature: type, parts, holes, lon/lat within 1e-7° (1 cm), planar area within 0.01 m²", arguments: expected)
    func expectedFeature(_ row: FixtureTable.Row) throws {
        let crs: CRS? = row["note"].contains("--crs EPSG:4546") ? CRS(epsg: 4546) : nil
        let batch = try Self.features(row["file"], crs: crs)
        let number = Int(row["featureNumber"]) ?? 0
        let found = batch.features.first { $0.index + 1 == number }
        let feature = try #require(found, "feature \(number) of \(row["file"]) was not read: \(batch.problems.map { $0.message(.en) })")
        let geometry = try #require(feature.geometry)
        #expect(geometry.typeName == row["geometryType"])
        // Parcels carry their 地块编号 as their own ID; point rows' 编号 / site_id are the intake's to choose (SiteIntakeTests).
        if !row["id"].isEmpty, geometry.dimension == 2, row["file"] != "sites_with_ids.geojson" { #expect(feature.id == row["id"]) }

        let source = feature.crs ?? .cgcs2000
        let lonLat = try geometry.transformed(from: source, to: .cgcs2000)
        let reference = try Geometry(wkt: row["wktLonLat"])
        let (ours, theirs) = (lonLat.coordinates, reference.coordinates)
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            #expect(abs(a.x - b.x) < 1e-7 && abs(a.y - b.y) < 1e-7, "\(a) vs \(b)")
        }
        if geometry.dimension == 2 {
            let polygons = Self.parts(geometry)
            #expect(polygons.count == Int(row["parts"]))
            #expect(polygons.reduce(0) { $0 + $1.holes.count } == Int(row["holes"]))
            if let area = Double(row["areaSquareMetres"]) {
                // GeoJSON rows: the reference measured them in EPSG:4525 (CGCS2000 zone 37, prefixed).
                let measured = source.isKnownGeographic ? try lonLat.transformed(from: .cgcs2000, to: CRS(epsg: 4525)) : geometry
                #expect(abs(try measured.planarArea() - area) < 0.01)
            }
        }
    }

    @Test("metres without a zone prefix and no --crs: the whole table is refused, asking for --crs")
    func noZonePrefix() throws {
        #expect {
            _ = try Self.features("vertices_no_prefix.csv")
        } throws: { error in
            guard let error = error as? GDALError, case .projectedWithoutZone = error else { return false }
            return error.message(.zh).contains("请用 --crs 指定") && error.message(.en).contains("--crs CM111")
        }
        // The same table with the central meridian instead of an EPSG code.
        let byMeridian = try Self.features("vertices_no_prefix.csv", crs: CRS(parsing: "CM111"))
        #expect(byMeridian.features.map(\.id) == ["ZD-1", "ZD-2"])
        #expect(byMeridian.features.first?.crs == CRS(epsg: 4546))
    }

    @Test("a declared area is read in the unit that agrees: 250.00 m², 1.2000 公顷, 20.00 亩; 5.0000 matches none")
    func declaredAreaUnits() throws {
        let features = try Self.features("survey_area_units.txt").features
        #expect(features.map { $0.properties["declaredAreaUnit"] } == [.string("squareMetre"), .string("hectare"), .string("mu"), .null])
        #expect(features.map { $0.properties["areaMismatch"] } == [.bool(false), .bool(false), .bool(false), .bool(true)])
        // What the reader noticed goes with the feature as typed notes, not as properties: YC2025-604 is
        // 100 m x 200 m = 2 公顷 by its corners (Fixtures/sites/README.md), against 5.0000 declared.
        #expect(features.map(\.notes) == [[.declaredAreaReadAs(value: 250, unit: .squareMetre)], [], [.declaredAreaReadAs(value: 20, unit: .mu)],
                                           [.declaredAreaMismatch(declared: 5, computedHectares: 2)]])
        #expect(features[0].notes.first?.message(.zh) == "地块面积 250 按平方米理解（与按界址点计算的面积相符）")
        #expect(features[3].notes.first?.message(.zh) == "申报面积 5.0000 与按界址点计算的 2.0000 公顷不符（按公顷、平方米、亩理解均不符）")
        #expect(features.allSatisfy { $0.properties["inputNotes"] == nil })
    }

    @Test("seven transformation parameters move Xian 1980 corners about 112 m from PROJ's ballpark (README of Fixtures/sites)")
    func sevenParameters() throws {
        let feature = try #require(try Self.features("survey_xian80_seven_params.txt").features.first)
        let crs = try #require(feature.crs)
        #expect(crs.datumShift?.values == [-83.4, 110.2, 45.6, 1.2, -0.8, 2.1, 3.5])
        let geometry = try #require(feature.geometry)
        let shifted = try geometry.transformed(from: crs, to: .cgcs2000).coordinates[0]
        let ballpark = try geometry.transformed(from: crs.withoutDatumShift, to: .cgcs2000).coordinates[0]
        // 1e-3° of latitude is 111 m; the generator measured 112.1 m between the two (GRS80 geodesic).
        let metres = hypot((shifted.x - ballpark.x) * 111_320 * cos(shifted.y * .pi / 180), (shifted.y - ballpark.y) * 110_574)
        #expect(abs(metres - 112.1) < 1)
        #expect(feature.notes == [.legacyDatum(system: "1980西安坐标系", withParameters: true)])
        #expect(feature.notes.first?.message(.zh).contains("按文件给出的七参数") == true)
    }

    @Test("转换参数 that are not seven numbers stop the file with a message saying what they should be")
    func malformedParameters() throws {
        let text = try String(contentsOf: FixtureTable.url("sites/survey_xian80_seven_params.txt"), encoding: .utf8)
            .replacingOccurrences(of: "转换参数=-83.4,110.2,45.6,1.2,-0.8,2.1,3.5", with: "转换参数=-83.4,110.2,abc")
        let file = SurveyTextFile(data: Data(text.utf8), name: "bad.txt")
        #expect(throws: SurveyTextError.malformedTransformationParameters(file: "bad.txt", text: "-83.4,110.2,abc")) { try file.read() }
    }
}
