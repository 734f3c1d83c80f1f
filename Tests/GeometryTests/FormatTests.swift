import Foundation
import Geometry
import Testing
import Wording

@Suite("WKT, WKB and GeoJSON")
struct FormatTests {
    static let samples: [String] = [
        "POINT (106.5 29.5)",
        "LINESTRING (0 0, 1 1, 2 0)",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
        "MULTIPOINT ((1 2), (3 4))",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 2 2))",
    ]

    @Test("WKT to WKB to GeoJSON and back keeps every coordinate", arguments: samples)
    func roundTrip(wkt: String) throws {
        let geometry = try Geometry(wkt: wkt)
        #expect(try Geometry(wkb: geometry.wkb()) == geometry)
        #expect(try Geometry(geoJSON: geometry.geoJSON) == geometry)
        #expect(try Geometry(wkt: geometry.wkt()) == geometry)
    }

    @Test("a polygon with a hole reads as one exterior and one hole, as written")
    func polygonStructure() throws {
        let geometry = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))")
        guard case .polygon(let polygon) = geometry else {
            Issue.record("expected a polygon, got \(geometry.typeName)")
            return
        }
        #expect(polygon.exterior.count == 5)
        #expect(polygon.holes == [[Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 4), Coordinate(x: 4, y: 4),
                                   Coordinate(x: 4, y: 2), Coordinate(x: 2, y: 2)]])
        // By hand: 10 x 10 minus the 2 x 2 hole.
        #expect(try geometry.planarArea() == 96)
    }

    @Test("WKB bytes of a point follow the OGC layout (little-endian, type 1, x, y)")
    func wkbLayout() throws {
        let bytes = try Geometry.point(Coordinate(x: 1, y: 2)).wkb()
        // 1 byte order + 4 type + 8 x + 8 y; 1.0 = 0x3FF0000000000000, 2.0 = 0x4000000000000000.
        #expect(bytes == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40])
    }

    @Test("GeoJSON text as users write it, with a height value that is dropped")
    func geoJSONInput() throws {
        let geometry = try Geometry(geoJSON: #"{"type":"LineString","coordinates":[[106.5,29.5,300],[106.6,29.6,310]]}"#)
        #expect(geometry == .lineString([Coordinate(lon: 106.5, lat: 29.5), Coordinate(lon: 106.6, lat: 29.6)]))
    }

    static let badGeoJSON: [(String, String, String)] = [
        ("{", "$", "不是合法的 JSON"),
        ("[1,2]", "$", "应为 JSON 对象"),
        (#"{"coordinates":[1,2]}"#, "$", "缺少成员 \"type\""),
        (#"{"type":"Circle","coordinates":[1,2]}"#, "$.type", "未知的几何类型 \"Circle\""),
        (#"{"type":"Point"}"#, "$", "缺少成员 \"coordinates\""),
        (#"{"type":"Point","coordinates":[1]}"#, "$.coordinates", "坐标应为"),
        (#"{"type":"Point","coordinates":[true,2]}"#, "$.coordinates[0]", "坐标值应为数字"),
        (#"{"type":"LineString","coordinates":[[0,0],[1,"x"]]}"#, "$.coordinates[1][1]", "坐标值应为数字"),
        (#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":"a"}]}"#, "$.geometries[0].coordinates", "坐标应为"),
    ]

    @Test("malformed GeoJSON names the place and the problem in Chinese", arguments: badGeoJSON)
    func badGeoJSONInput(text: String, path: String, problem: String) {
        do {
            _ = try Geometry(geoJSON: text)
            Issue.record("accepted \(text)")
        } catch {
            guard case .invalidInput(.malformedGeoJSON(let foundPath, _)) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(foundPath == path)
            #expect(error.message(.zh).contains(problem), "\(error.message(.zh))")
            #expect(error.message(.zh).contains(path))
        }
    }

    @Test("malformed WKT and WKB are input errors carrying GEOS's own message")
    func badWellKnown() {
        #expect {
            try Geometry(wkt: "POLYGON ((0 0, 1 0")
        } throws: { error in
            guard case GeometryError.invalidInput(.malformedWKT(let detail)) = error else { return false }
            return detail.contains("ParseException")
        }
        #expect {
            try Geometry(wkb: [1, 3, 0, 0])
        } throws: { error in
            guard case GeometryError.invalidInput(.malformedWKB) = error else { return false }
            return true
        }
    }
}
