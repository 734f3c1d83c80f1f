import Geometry
import Testing
import TestSupport
import Wording

/// Coordinate transformations through PROJ, checked against Fixtures/geometry/transforms.csv
/// (pyproj `Transformer.from_crs(source, target, always_xy=True)`, cross-checked with Debian cs2cs;
/// see the file's header). x is always longitude or easting, whatever the EPSG axis order says.
@Suite("Coordinate transformations (PROJ)")
struct TransformTests {
    static let table = FixtureTable.load("geometry/transforms.csv")

    /// Rows grouped by (family, source, target): each group is transformed as one buffer.
    static let groups: [TransformGroup] = {
        var order: [String] = []
        var rowsByKey: [String: [FixtureTable.Row]] = [:]
        for row in table.rows {
            let key = "\(row["family"]) \(row["source"])->\(row["target"])"
            if rowsByKey[key] == nil { order.append(key) }
            rowsByKey[key, default: []].append(row)
        }
        return order.map { TransformGroup(key: $0, rows: rowsByKey[$0]!) }
    }()

    static let families = ["geographic", "gk-prefixed", "gk-plain", "gk-inverse", "xian80", "beijing54"]

    // Expected values: transforms.csv, pyproj 3.7.2 / PROJ 9.5.1, Debian cs2cs 9.1.1 agreeing (note column).
    @Test("every reference row is reproduced within the row's tolerance", arguments: table.rows)
    func referenceRow(row: FixtureTable.Row) throws {
        let transformer = try CoordinateTransformer(from: CRS(parsing: row["source"]), to: CRS(parsing: row["target"]))
        let result = try transformer.transform(Coordinate(x: row.double("x"), y: row.double("y")))
        let tolerance = row.double("tolerance")
        #expect(abs(result.x - row.double("expected_x")) <= tolerance, "x \(result.x) vs \(row["expected_x"]): \(row["note"])")
        #expect(abs(result.y - row.double("expected_y")) <= tolerance, "y \(result.y) vs \(row["expected_y"]): \(row["note"])")
    }

    // The fixture's header names these six families; a missing family would silently shrink coverage.
    @Test("the fixture covers every family", arguments: families)
    func familyPresent(family: String) {
        #expect(Self.table.rows.contains { $0["family"] == family })
    }

    // Expected values: transforms.csv (pyproj); the buffer path must give the same numbers as the
    // reference and, bit for bit, as transforming point by point.
    @Test("a family's points transformed as one buffer match the reference and the one-point path", arguments: groups)
    func buffer(group: TransformGroup) throws {
        let first = group.rows[0]
        let transformer = try CoordinateTransformer(from: CRS(parsing: first["source"]), to: CRS(parsing: first["target"]))
        let inputs = group.rows.map { Coordinate(x: $0.double("x"), y: $0.double("y")) }
        var buffer = inputs
        try transformer.transform(&buffer)
        #expect(buffer.count == group.rows.count)
        for (index, row) in group.rows.enumerated() {
            let tolerance = row.double("tolerance")
            #expect(abs(buffer[index].x - row.double("expected_x")) <= tolerance, "point \(index) (\(row.testDescription)) x")
            #expect(abs(buffer[index].y - row.double("expected_y")) <= tolerance, "point \(index) (\(row.testDescription)) y")
            #expect(try transformer.transform(inputs[index]) == buffer[index], "point \(index): buffer and single-point results differ")
        }
    }

    // Expected values: transforms.csv; all geographic rows of one direction (EPSG:4490 -> EPSG:4326,
    // 15 cities from Kashgar to Fuyuan) in a single call, the longest buffer the fixture offers.
    @Test("the whole geographic family in one buffer per direction")
    func geographicBuffer() throws {
        let rows = Self.table.rows.filter { $0["family"] == "geographic" }
        for (source, target) in [("EPSG:4490", "EPSG:4326"), ("EPSG:4326", "EPSG:4490")] {
            let selected = rows.filter { $0["source"] == source && $0["target"] == target }
            try #require(selected.count >= 10)
            var buffer = selected.map { Coordinate(x: $0.double("x"), y: $0.double("y")) }
            try CoordinateTransformer(from: CRS(parsing: source), to: CRS(parsing: target)).transform(&buffer)
            for (point, row) in zip(buffer, selected) {
                #expect(abs(point.x - row.double("expected_x")) <= row.double("tolerance"), "\(row.testDescription)")
                #expect(abs(point.y - row.double("expected_y")) <= row.double("tolerance"), "\(row.testDescription)")
            }
        }
    }

    // Hand fact: Gauss-Krüger forward and inverse are exact inverses of each other (PROJ's
    // Poder/Engsager series is good to far below a nanodegree within a 3-degree zone).
    @Test("CGCS2000 -> its GK zone -> CGCS2000 returns the point within 1e-9 degrees",
          arguments: table.rows.filter { $0["family"] == "geographic" && $0["source"] == "EPSG:4490" }, [true, false])
    func roundTrip(row: FixtureTable.Row, prefixed: Bool) throws {
        let point = Coordinate(x: row.double("x"), y: row.double("y"))
        let zone = CRS.gaussKrugerZone(forLongitude: point.x)
        let gk = try CRS.gaussKruger3(zone: zone, zonePrefixedEasting: prefixed)
        let there = try CoordinateTransformer(from: .cgcs2000, to: gk).transform(point)
        let back = try CoordinateTransformer(from: gk, to: .cgcs2000).transform(there)
        #expect(abs(back.x - point.x) <= 1e-9, "lon \(back.x) vs \(point.x) via \(gk)")
        #expect(abs(back.y - point.y) <= 1e-9, "lat \(back.y) vs \(point.y) via \(gk)")
        if prefixed {
            // Hand fact: a prefixed easting is zone * 1e6 + 500000 + offset from the CM.
            #expect(try CRS.gaussKrugerZone(fromPrefixedEasting: there.x) == zone)
        }
    }

    // PROJ 9.1 `projinfo -s EPSG:4490 -t EPSG:2381 / EPSG:2433 --summary` says "Ballpark geographic
    // offset from China Geodetic Coordinate System 2000 to Xian 1980 / Beijing 1954 + ..., has ballpark
    // transformation"; transforms.csv notes say ballpark=yes for every xian80/beijing54 row.
    @Test("Xian 1980 and Beijing 1954 targets are ballpark (no datum shift)",
          arguments: table.rows.filter { ["xian80", "beijing54"].contains($0["family"]) })
    func ballpark(row: FixtureTable.Row) throws {
        let transformer = try CoordinateTransformer(from: CRS(parsing: row["source"]), to: CRS(parsing: row["target"]))
        #expect(transformer.isBallpark, "\(transformer.operationDescription)")
        #expect(transformer.operationDescription.contains("Ballpark geographic offset"))
        #expect(transformer.operationDescription.contains(row["family"] == "xian80" ? "Xian 1980" : "Beijing 1954"))
    }

    // PROJ 9.1 `projinfo -s EPSG:4490 -t EPSG:4545 --summary`: "EPSG:16396, 3-degree Gauss-Kruger CM 108E,
    // 0 m" (a pure projection on the same datum, no ballpark step).
    @Test("CGCS2000 -> its own GK zone is an exact projection, not ballpark")
    func notBallpark() throws {
        let transformer = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545))
        #expect(!transformer.isBallpark, "\(transformer.operationDescription)")
        #expect(transformer.operationDescription.contains("Gauss-Kruger CM 108E"), "\(transformer.operationDescription)")
    }

    // PROJ 9.1 `projinfo -s EPSG:4490 -t EPSG:4326 --summary`: "Ballpark geographic offset from China
    // Geodetic Coordinate System 2000 to WGS 84" (also the note of every geographic row): PROJ treats the
    // two as coincident, and says so.
    @Test("CGCS2000 -> WGS 84 is reported as ballpark, as PROJ describes it")
    func wgs84IsBallpark() throws {
        let transformer = try CoordinateTransformer(from: .cgcs2000, to: .wgs84)
        #expect(transformer.isBallpark, "\(transformer.operationDescription)")
    }

    // MARK: errors

    // Hand fact: EPSG has no code 99999 (PROJ's proj.db: `projinfo EPSG:99999` fails).
    @Test("an unknown EPSG code is an input error naming the code")
    func unknownEPSG() throws {
        let error = try #require(caughtError { () throws(GeometryError) in try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 99999)) })
        guard case .invalidInput(.unknownCRS(let name, _)) = error else {
            Issue.record("expected .invalidInput(.unknownCRS), got \(error)")
            return
        }
        #expect(name == "EPSG:99999")
        #expect(error.message(.zh).contains("未知的坐标系 EPSG:99999"), "\(error.message(.zh))")
    }

    // Hand fact: the source is checked too, not only the target.
    @Test("an unknown source EPSG code is refused as well")
    func unknownSourceEPSG() throws {
        let error = try #require(caughtError { () throws(GeometryError) in try CoordinateTransformer(from: CRS(epsg: 99999), to: .cgcs2000) })
        guard case .invalidInput(.unknownCRS("EPSG:99999", _)) = error else {
            Issue.record("expected .invalidInput(.unknownCRS(EPSG:99999)), got \(error)")
            return
        }
    }

    // Hand fact: "EPSG:abc" has no number, so it cannot name an EPSG code.
    @Test("text that is not EPSG:CODE is refused when parsed", arguments: ["EPSG:abc", "abc", "EPSG:", "EPSG:-4490", ""])
    func unparsable(text: String) throws {
        let error = try #require(caughtError { () throws(GeometryError) in try CRS(parsing: text) })
        #expect(error == .invalidInput(.unknownCRS(text, detail: "expected EPSG:CODE")))
        #expect(error.message(.zh).contains("未知的坐标系"), "\(error.message(.zh))")
    }

    // Hand fact: a directory that does not exist cannot contain proj.db.
    @Test("a missing proj.db is reported as such, with how to fix it")
    func missingDatabase() throws {
        let error = try #require(caughtError { () throws(GeometryError) in
            try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545), searchPaths: ["/nonexistent-dir"])
        })
        guard case .invalidInput(.projDatabaseMissing) = error else {
            Issue.record("expected .invalidInput(.projDatabaseMissing), got \(error)")
            return
        }
        let message = error.message(.zh)
        #expect(message.contains("找不到 PROJ 数据库 proj.db"), "\(message)")
        #expect(message.contains("proj-data"), "\(message)")
    }

    // Hand fact: latitude is at most 90 degrees; the third point (index 2) is the bad one.
    @Test("latitude 91 from a geographic CRS names the point; the buffer is left unchanged")
    func latitudeOutOfRange() throws {
        let transformer = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545))
        let original = [Coordinate(x: 108, y: 30), Coordinate(x: 108.5, y: 31), Coordinate(x: 108, y: 91), Coordinate(x: 108, y: 32)]
        var buffer = original
        let error = try #require(caughtError { () throws(GeometryError) in try transformer.transform(&buffer) })
        #expect(error == .invalidInput(.latitudeOutOfRange(index: 2, latitude: 91)))
        #expect(error.message(.zh) == "第 3 个坐标的纬度 91.0 超出 -90～90 度")
        #expect(buffer == original)
    }

    // Hand fact: longitude is at most 180 degrees.
    @Test("longitude 181 from a geographic CRS names the point")
    func longitudeOutOfRange() throws {
        let transformer = try CoordinateTransformer(from: .cgcs2000, to: .wgs84)
        let error = try #require(caughtError { () throws(GeometryError) in try transformer.transform(Coordinate(x: 181, y: 30)) })
        #expect(error == .invalidInput(.longitudeOutOfRange(index: 0, longitude: 181)))
        #expect(error.message(.zh).contains("经度 181.0 超出"), "\(error.message(.zh))")
    }

    // Hand fact: NaN and infinity are not coordinates; the second point (index 1) is the bad one.
    @Test("NaN or infinity names the point", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(value: Double) throws {
        let transformer = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545))
        var buffer = [Coordinate(x: 108, y: 30), Coordinate(x: value, y: 30)]
        let error = try #require(caughtError { () throws(GeometryError) in try transformer.transform(&buffer) })
        #expect(error == .invalidInput(.nonFiniteCoordinate(index: 1)))
        #expect(error.message(.zh) == "第 2 个坐标不是有限数（NaN 或无穷大）")
    }

    // Hand fact: a projected source has no latitude limit, but NaN is still refused.
    @Test("NaN in a projected source is refused too")
    func nonFiniteProjected() throws {
        let transformer = try CoordinateTransformer(from: CRS(epsg: 4545), to: .cgcs2000)
        let error = try #require(caughtError { () throws(GeometryError) in try transformer.transform(Coordinate(x: 500_000, y: .nan)) })
        #expect(error == .invalidInput(.nonFiniteCoordinate(index: 0)))
    }

    // Hand fact: an empty buffer has nothing to do.
    @Test("an empty buffer is fine")
    func emptyBuffer() throws {
        var buffer: [Coordinate] = []
        try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545)).transform(&buffer)
        #expect(buffer.isEmpty)
    }

    // Expected values: transforms.csv rows Chongqing and Xian (gk-plain, EPSG:4490 -> EPSG:4545).
    @Test("a geometry's coordinates are all transformed")
    func geometry() throws {
        let rows = Self.table.rows.filter { $0["family"] == "gk-plain" && $0["target"] == "EPSG:4545" }
        try #require(rows.count == 2)
        let line = Geometry.lineString(rows.map { Coordinate(x: $0.double("x"), y: $0.double("y")) })
        let projected = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545)).transform(line)
        guard case .lineString(let points) = projected else {
            Issue.record("expected a LineString, got \(projected.typeName)")
            return
        }
        for (point, row) in zip(points, rows) {
            #expect(abs(point.x - row.double("expected_x")) <= row.double("tolerance"))
            #expect(abs(point.y - row.double("expected_y")) <= row.double("tolerance"))
        }
    }
}

extension TransformTests {
    /// One (family, source, target) group of transforms.csv rows.
    struct TransformGroup: Sendable, CustomTestStringConvertible {
        let key: String
        let rows: [FixtureTable.Row]
        var testDescription: String { "\(key) (\(rows.count) points)" }
    }
}

/// The error thrown by `body`, or nil if it returned.
fileprivate func caughtError<T>(_ body: () throws(GeometryError) -> T) -> GeometryError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
