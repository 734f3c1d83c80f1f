import Foundation

/// A coordinate reference system named by its EPSG code. The axis order used throughout ZoneScreen
/// is lon/lat for geographic and easting/northing for projected systems, whatever the EPSG
/// definition says (EPSG:4490 officially lists latitude first).
public struct CRS: Hashable, Sendable, CustomStringConvertible {
    public let epsg: Int
    /// A survey's own seven parameters to WGS 84 / CGCS2000 (a 勘测定界 file's 转换参数), applied
    /// instead of the datum shift PROJ would pick for `epsg` (for Xian 1980 and Beijing 1954 PROJ has
    /// none and only changes the ellipsoid).
    public let datumShift: HelmertParameters?

    public init(epsg: Int, datumShift: HelmertParameters? = nil) {
        self.epsg = epsg
        self.datumShift = datumShift
    }

    public static let cgcs2000 = CRS(epsg: 4490)
    public static let wgs84 = CRS(epsg: 4326)

    /// Accepts `EPSG:4490`, `epsg:4490` or `4490`; and a central meridian, `CM111` or `中央经线111`,
    /// for CGCS2000 3-degree Gauss-Krüger metres without the zone prefix (what survey tables give
    /// when they leave the zone out; a 6-degree zone with the same meridian is the same projection).
    public init(parsing text: String) throws(GeometryError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["CM", "中央经线", "中央子午线"] where trimmed.uppercased().hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " :=：°度Ee"))
            guard let meridian = Int(rest), meridian % 3 == 0 else {
                throw .invalidInput(.unknownCRS(text, detail: "a central meridian is a multiple of 3 degrees, e.g. CM111"))
            }
            self = try Self.gaussKruger3(zone: meridian / 3, zonePrefixedEasting: false)
            return
        }
        let digits = trimmed.uppercased().hasPrefix("EPSG:") ? String(trimmed.dropFirst(5)) : trimmed
        guard let code = Int(digits), code > 0 else {
            throw .invalidInput(.unknownCRS(text, detail: "expected EPSG:CODE"))
        }
        self.init(epsg: code)
    }

    public var description: String {
        datumShift.map { "EPSG:\(epsg) +towgs84=\($0.towgs84)" } ?? "EPSG:\(epsg)"
    }

    /// The same CRS without a survey's own datum shift.
    public var withoutDatumShift: CRS { CRS(epsg: epsg) }

    /// The families ZoneScreen knows by number; any other EPSG code still works through PROJ.
    public enum Family: Hashable, Sendable {
        case geographic(datum: Datum)
        case gaussKruger3(datum: Datum, zone: Int, zonePrefixedEasting: Bool)
        case other
    }

    public enum Datum: String, Hashable, Sendable {
        case cgcs2000, wgs84, xian1980, beijing1954
    }

    /// 3-degree Gauss-Krüger code ranges: the first code is zone 25 (central meridian 75°E) with the
    /// zone number prefixed to the easting, the second the same zones without the prefix.
    private static let gaussKrugerRanges: [(datum: Datum, prefixed: Int, plain: Int)] = [
        (.cgcs2000, 4513, 4534),
        (.xian1980, 2349, 2370),
        (.beijing1954, 2401, 2422),
    ]
    public static let firstChinaZone = 25
    public static let lastChinaZone = 45

    public var family: Family {
        switch epsg {
        case 4490: return .geographic(datum: .cgcs2000)
        case 4326: return .geographic(datum: .wgs84)
        case 4610: return .geographic(datum: .xian1980)
        case 4214: return .geographic(datum: .beijing1954)
        default: break
        }
        let zoneCount = Self.lastChinaZone - Self.firstChinaZone + 1
        for range in Self.gaussKrugerRanges {
            if (range.prefixed..<range.prefixed + zoneCount).contains(epsg) {
                return .gaussKruger3(datum: range.datum, zone: Self.firstChinaZone + epsg - range.prefixed, zonePrefixedEasting: true)
            }
            if (range.plain..<range.plain + zoneCount).contains(epsg) {
                return .gaussKruger3(datum: range.datum, zone: Self.firstChinaZone + epsg - range.plain, zonePrefixedEasting: false)
            }
        }
        return .other
    }

    /// True for the geographic systems ZoneScreen knows; PROJ decides for the others.
    public var isKnownGeographic: Bool {
        if case .geographic = family { return true }
        return false
    }

    /// The 3-degree Gauss-Krüger CRS of `datum` for `zone` (25...45).
    public static func gaussKruger3(datum: Datum = .cgcs2000, zone: Int, zonePrefixedEasting: Bool) throws(GeometryError) -> CRS {
        guard (firstChinaZone...lastChinaZone).contains(zone),
              let range = gaussKrugerRanges.first(where: { $0.datum == datum }) else {
            throw .invalidInput(.gaussKrugerZoneOutOfRange(zone: zone))
        }
        return CRS(epsg: (zonePrefixedEasting ? range.prefixed : range.plain) + zone - firstChinaZone)
    }

    /// The 3-degree zone whose central meridian (3 x zone degrees) is nearest `longitude`. A longitude
    /// exactly on a zone edge (1.5° from two meridians, e.g. 106.5°) goes to the eastern zone.
    public static func gaussKrugerZone(forLongitude longitude: Double) -> Int {
        Int(((longitude + 1.5) / 3).rounded(.down))
    }

    /// The zone carried in the first two digits of a zone-prefixed easting (e.g. 36 512 345.6 -> 36).
    public static func gaussKrugerZone(fromPrefixedEasting easting: Double) throws(GeometryError) -> Int {
        guard easting.isFinite, easting >= 1_000_000 else { throw .invalidInput(.eastingWithoutZonePrefix(easting: easting)) }
        let zone = Int((easting / 1_000_000).rounded(.down))
        guard (firstChinaZone...lastChinaZone).contains(zone) else { throw .invalidInput(.gaussKrugerZoneOutOfRange(zone: zone)) }
        return zone
    }

    /// The CGCS2000 3-degree zone CRS (no prefix) best suited to measure something at `longitude`.
    public static func measuringCRS(forLongitude longitude: Double) throws(GeometryError) -> CRS {
        try gaussKruger3(zone: gaussKrugerZone(forLongitude: longitude), zonePrefixedEasting: false)
    }
}
