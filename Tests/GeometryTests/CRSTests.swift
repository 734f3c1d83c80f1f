import Foundation
import Geometry
import Testing
import TestSupport
import Wording

/// EPSG codes, Gauss-Krüger zones and CRS families, checked against Fixtures/geometry/gk_zones.csv
/// (zone = floor((lon + 1.5) / 3); CMs, false eastings and names read from pyproj.CRS(code)) and the
/// target names pyproj reported in transforms.csv.
@Suite("CRS codes, families and Gauss-Krüger zones")
struct CRSTests {
    static let zones = FixtureTable.load("geometry/gk_zones.csv")
    static let transforms = FixtureTable.load("geometry/transforms.csv")

    // Expected values: gk_zones.csv (zone, and central_meridian from pyproj.CRS(code).to_dict()).
    @Test("longitude -> 3-degree zone, boundary longitudes going east", arguments: zones.rows)
    func zoneForLongitude(row: FixtureTable.Row) {
        let zone = CRS.gaussKrugerZone(forLongitude: row.double("lon"))
        #expect(zone == Int(row["zone"]), "lon \(row["lon"]): \(row["note"])")
        #expect(Double(zone * 3) == row.double("central_meridian"), "CM of zone \(zone)")
    }

    // Expected values: gk_zones.csv epsg_prefixed / epsg_plain (names and false eastings from pyproj).
    @Test("zone -> CGCS2000 EPSG codes, prefixed and plain", arguments: zones.rows)
    func zoneCodes(row: FixtureTable.Row) throws {
        let zone = try #require(Int(row["zone"]))
        #expect(try CRS.gaussKruger3(zone: zone, zonePrefixedEasting: true).epsg == Int(row["epsg_prefixed"]))
        #expect(try CRS.gaussKruger3(zone: zone, zonePrefixedEasting: false).epsg == Int(row["epsg_plain"]))
        #expect(try CRS.gaussKruger3(datum: .cgcs2000, zone: zone, zonePrefixedEasting: false).epsg == Int(row["epsg_plain"]))
        // Expected value: epsg_plain, the no-prefix zone of the longitude (what measures use).
        #expect(try CRS.measuringCRS(forLongitude: row.double("lon")).epsg == Int(row["epsg_plain"]))
    }

    // Expected values: gk_zones.csv (the code's zone and prefix convention per pyproj's CRS names).
    @Test("the family of a CGCS2000 GK code names its zone and prefix", arguments: zones.rows)
    func zoneFamily(row: FixtureTable.Row) throws {
        let zone = try #require(Int(row["zone"]))
        let prefixed = try #require(Int(row["epsg_prefixed"])), plain = try #require(Int(row["epsg_plain"]))
        #expect(CRS(epsg: prefixed).family == .gaussKruger3(datum: .cgcs2000, zone: zone, zonePrefixedEasting: true))
        #expect(CRS(epsg: plain).family == .gaussKruger3(datum: .cgcs2000, zone: zone, zonePrefixedEasting: false))
        #expect(!CRS(epsg: prefixed).isKnownGeographic)
    }

    /// The CRS name pyproj gave each transforms.csv target (in the note), parsed into datum, zone and
    /// prefix: "… / 3-degree Gauss-Kruger zone 36" is prefixed, "… / 3-degree Gauss-Kruger CM 108E" is
    /// not (zone = CM / 3).
    static func familyFromName(_ note: String) -> CRS.Family? {
        guard let start = note.range(of: "target '"),
              let end = note[start.upperBound...].firstIndex(of: "'") else { return nil }
        let name = String(note[start.upperBound..<end])
        switch name {
        case "China Geodetic Coordinate System 2000": return .geographic(datum: .cgcs2000)
        case "WGS 84": return .geographic(datum: .wgs84)
        default: break
        }
        let datums: [(String, CRS.Datum)] = [("CGCS2000 / ", .cgcs2000), ("Xian 1980 / ", .xian1980), ("Beijing 1954 / ", .beijing1954)]
        guard let (prefix, datum) = datums.first(where: { name.hasPrefix($0.0) }) else { return nil }
        let rest = name.dropFirst(prefix.count)
        if rest.hasPrefix("3-degree Gauss-Kruger zone "), let zone = Int(rest.dropFirst("3-degree Gauss-Kruger zone ".count)) {
            return .gaussKruger3(datum: datum, zone: zone, zonePrefixedEasting: true)
        }
        if rest.hasPrefix("3-degree Gauss-Kruger CM "), rest.hasSuffix("E"),
           let cm = Int(rest.dropFirst("3-degree Gauss-Kruger CM ".count).dropLast()) {
            return .gaussKruger3(datum: datum, zone: cm / 3, zonePrefixedEasting: false)
        }
        return nil
    }

    // Expected values: the target CRS names pyproj reported in transforms.csv's note column
    // (e.g. "Xian 1980 / 3-degree Gauss-Kruger CM 108E" for EPSG:2381).
    @Test("the family of every transforms.csv target matches pyproj's name for it", arguments: transforms.rows)
    func targetFamily(row: FixtureTable.Row) throws {
        let expected = try #require(Self.familyFromName(row["note"]), "cannot parse the target name in \(row["note"])")
        #expect(try CRS(parsing: row["target"]).family == expected, "\(row["target"])")
    }

    // Expected values: transforms.csv notes, "Xian 1980: EPSG 2349..2369 prefixed zones 25-45,
    // 2370..2390 CM-named without prefix" and "Beijing 1954: EPSG 2401..2421 prefixed zones 25-45,
    // 2422..2442 CM-named without prefix" (from pyproj.CRS names); CGCS2000 from gk_zones.csv's header.
    @Test("every code of the three GK ranges has the right datum, zone and prefix",
          arguments: [(CRS.Datum.cgcs2000, 4513, 4534), (.xian1980, 2349, 2370), (.beijing1954, 2401, 2422)])
    func ranges(datum: CRS.Datum, firstPrefixed: Int, firstPlain: Int) throws {
        for zone in 25...45 {
            let prefixed = firstPrefixed + zone - 25, plain = firstPlain + zone - 25
            #expect(CRS(epsg: prefixed).family == .gaussKruger3(datum: datum, zone: zone, zonePrefixedEasting: true), "EPSG:\(prefixed)")
            #expect(CRS(epsg: plain).family == .gaussKruger3(datum: datum, zone: zone, zonePrefixedEasting: false), "EPSG:\(plain)")
            #expect(try CRS.gaussKruger3(datum: datum, zone: zone, zonePrefixedEasting: true).epsg == prefixed)
            #expect(try CRS.gaussKruger3(datum: datum, zone: zone, zonePrefixedEasting: false).epsg == plain)
        }
        // EPSG registry (`projinfo`): before each prefixed range come 4512 CGCS2000 6-degree CM 135E,
        // 2348 Xian 1980 6-degree CM 135E, 2400 "RT90 2.5 gon W"; after each plain range 4555 New Beijing,
        // 2391 "KKJ / Finland zone 1", 2443 JGD2000: none is a 3-degree GK zone.
        #expect(CRS(epsg: firstPrefixed - 1).family == .other, "EPSG:\(firstPrefixed - 1)")
        #expect(CRS(epsg: firstPlain + 21).family == .other, "EPSG:\(firstPlain + 21)")
    }

    // EPSG registry (Debian PROJ 9.1 `projinfo EPSG:code`): 4490 CGCS2000, 4326 WGS 84, 4610 Xian 1980,
    // 4214 Beijing 1954 are geographic; the neighbours of the 3-degree ranges are other systems:
    // 4512 "CGCS2000 / Gauss-Kruger CM 135E" (6-degree), 4555 "New Beijing" (geographic),
    // 2348 "Xian 1980 / Gauss-Kruger CM 135E" (6-degree), 2443 "JGD2000 / Japan Plane Rectangular CS I".
    @Test("geographic codes and codes outside the GK ranges")
    func otherCodes() {
        #expect(CRS(epsg: 4490).family == .geographic(datum: .cgcs2000))
        #expect(CRS(epsg: 4326).family == .geographic(datum: .wgs84))
        #expect(CRS(epsg: 4610).family == .geographic(datum: .xian1980))
        #expect(CRS(epsg: 4214).family == .geographic(datum: .beijing1954))
        #expect(CRS.cgcs2000.isKnownGeographic && CRS.wgs84.isKnownGeographic)
        #expect(CRS(epsg: 3857).family == .other)
        #expect(CRS(epsg: 4512).family == .other)
        #expect(CRS(epsg: 4555).family == .other)
        #expect(CRS(epsg: 2348).family == .other)
        #expect(CRS(epsg: 2443).family == .other)
    }

    // Hand facts: the three spellings the docs promise, and a description that PROJ accepts back.
    @Test("EPSG:CODE parsing", arguments: ["EPSG:4490", "epsg:4490", "4490", " EPSG:4490 "])
    func parsing(text: String) throws {
        let crs = try CRS(parsing: text)
        #expect(crs == CRS.cgcs2000)
        #expect(crs.description == "EPSG:4490")
    }

    // Hand fact: 36 512 345.6 is zone 36 with 12 345.6 m east of the 500 km false easting.
    @Test("zone from a prefixed easting", arguments: [(36_512_345.6, 36), (25_000_000.0, 25), (45_999_999.9, 45), (39_447_924.48320415, 39)])
    func zoneFromEasting(easting: Double, zone: Int) throws {
        #expect(try CRS.gaussKrugerZone(fromPrefixedEasting: easting) == zone)
    }

    // Hand fact: a 6-digit easting (512 345.6) has no room for a zone prefix.
    @Test("an easting without a zone prefix is refused")
    func eastingWithoutPrefix() {
        #expect(throws: GeometryError.invalidInput(.eastingWithoutZonePrefix(easting: 512_345.6))) {
            try CRS.gaussKrugerZone(fromPrefixedEasting: 512_345.6)
        }
        let message = GeometryError.invalidInput(.eastingWithoutZonePrefix(easting: 512_345.6)).message(.zh)
        #expect(message.contains("没有带号前缀"), "\(message)")
        #expect(throws: GeometryError.invalidInput(.eastingWithoutZonePrefix(easting: .infinity))) {
            try CRS.gaussKrugerZone(fromPrefixedEasting: .infinity)
        }
    }

    // Hand fact: zone 12 (CM 36E) is far west of China's zones 25..45.
    @Test("a prefix outside China's zones is refused", arguments: [(12_512_345.0, 12), (46_500_000.0, 46), (24_999_999.0, 24)])
    func prefixOutOfRange(easting: Double, zone: Int) {
        #expect(throws: GeometryError.invalidInput(.gaussKrugerZoneOutOfRange(zone: zone))) {
            try CRS.gaussKrugerZone(fromPrefixedEasting: easting)
        }
        let message = GeometryError.invalidInput(.gaussKrugerZoneOutOfRange(zone: zone)).message(.zh)
        #expect(message == "3 度带带号 \(zone) 不在中国范围（25～45）内")
    }

    // Hand fact: China's 3-degree zones run from 25 (CM 75E) to 45 (CM 135E).
    @Test("asking for a zone outside 25...45 is refused", arguments: [24, 46, 0])
    func zoneOutOfRange(zone: Int) {
        #expect(throws: GeometryError.invalidInput(.gaussKrugerZoneOutOfRange(zone: zone))) {
            try CRS.gaussKruger3(zone: zone, zonePrefixedEasting: false)
        }
        #expect(throws: GeometryError.invalidInput(.gaussKrugerZoneOutOfRange(zone: zone))) {
            try CRS.gaussKruger3(datum: .xian1980, zone: zone, zonePrefixedEasting: true)
        }
    }

    // Hand fact: WGS 84 has no 3-degree GK series in EPSG, so asking for one is refused.
    @Test("a WGS 84 GK zone does not exist")
    func wgs84Zone() {
        #expect(throws: GeometryError.self) {
            try CRS.gaussKruger3(datum: .wgs84, zone: 36, zonePrefixedEasting: false)
        }
    }
}
