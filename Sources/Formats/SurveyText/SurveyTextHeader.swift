import Foundation
import Geometry

extension SurveyTextFile {
    /// One `key=value` line of the `[属性描述]` section, trimmed, with its line number.
    public struct Attribute: Hashable, Sendable {
        public var key: String
        public var value: String
        public var line: Int

        public init(key: String, value: String, line: Int) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// What the file says about itself (`[属性描述]`) and what the reader worked out from it and from
    /// the coordinates: encoding, axis order, zone and CRS.
    public struct Header: Hashable, Sendable {
        /// Every `[属性描述]` line in file order, including keys this reader does not interpret.
        public var attributes: [Attribute]
        public var encoding: SurveyTextEncoding
        /// True when the file writes easting before northing (X and Y swapped), found by magnitude.
        public var axesSwapped: Bool
        public var datum: CRS.Datum
        /// 3 or 6 (degrees of longitude per zone).
        public var zoneWidth: Int
        public var zone: Int
        /// True when the eastings carry the zone number in front (8 digits for 3-degree zones).
        public var zonePrefixedEasting: Bool
        /// The projected CRS of the parcels' geometries (easting, northing in metres), with the file's
        /// seven parameters as its datum shift when a Xian 1980 or Beijing 1954 file gives them.
        public var crs: CRS
        /// Parcel header lines in `[地块坐标]`, good or not.
        public var parcelCount: Int

        /// The value of the first `[属性描述]` line with this key, or nil.
        public subscript(key: String) -> String? {
            attributes.first { $0.key == key }?.value
        }

        public var formatVersion: String? { self["格式版本号"] }
        public var producer: String? { self["数据产生单位"] }
        public var productionDate: String? { self["数据产生日期"] }
        public var coordinateSystemName: String? { self["坐标系"] }
        public var zoneWidthText: String? { self["几度分带"] }
        public var projectionType: String? { self["投影类型"] }
        public var unit: String? { self["计量单位"] }
        public var zoneText: String? { self["带号"] }
        public var precision: String? { self["精度"] }
        public var transformationParameters: String? { self["转换参数"] }

        /// True for Xian 1980 and Beijing 1954: PROJ has no published shift from these to CGCS2000 and
        /// only changes the ellipsoid, so positions in CGCS2000 can be tens of metres off.
        public var isLegacyDatum: Bool { datum == .xian1980 || datum == .beijing1954 }
    }

    /// The datum a `坐标系` value names, or nil. Spaces and case do not matter; accepted spellings
    /// include 2000国家大地坐标系 / CGCS2000 / 国家2000, 1980西安坐标系 / 1980国家大地坐标系 / 西安80 /
    /// Xian 1980, and 1954北京坐标系 / 北京54 / Beijing 1954.
    public static func datum(forCoordinateSystemName name: String) -> CRS.Datum? {
        let key = name.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" && $0 != "'" }
        if key.contains("CGCS") || key.contains("2000") { return .cgcs2000 }
        // "1980国家大地坐标系" is another official name of Xian 1980.
        if key.contains("西安") || key.contains("XIAN") || key.contains("1980") { return .xian1980 }
        if key.contains("北京") || key.contains("BEIJING") || key.contains("1954") { return .beijing1954 }
        return nil
    }

    /// The Gauss-Krüger CRS of a datum, zone width (3 or 6), zone and easting style. 3-degree zones go
    /// through `CRS.gaussKruger3`; 6-degree zones 13-23 (central meridians 75°E-135°E) use EPSG's
    /// "Gauss-Kruger zone N" (prefixed) and "Gauss-Kruger CM N E" (plain) systems.
    public static func projectedCRS(datum: CRS.Datum, zoneWidth: Int, zone: Int, zonePrefixedEasting: Bool) -> CRS? {
        switch zoneWidth {
        case 3:
            return try? CRS.gaussKruger3(datum: datum, zone: zone, zonePrefixedEasting: zonePrefixedEasting)
        case 6:
            guard sixDegreeZones.contains(zone) else { return nil }
            let first: (prefixed: Int, plain: Int)
            switch datum {
            case .cgcs2000: first = (4491, 4502)
            case .xian1980: first = (2327, 2338)
            case .beijing1954: first = (21413, 21453)
            case .wgs84: return nil
            }
            return CRS(epsg: (zonePrefixedEasting ? first.prefixed : first.plain) + zone - sixDegreeZones.lowerBound)
        default:
            return nil
        }
    }

    static let sixDegreeZones = 13...23
    static let threeDegreeZones = CRS.firstChinaZone...CRS.lastChinaZone

    /// The leading integer of a value such as "3", "3度", "37带" or " 37 ".
    static func leadingInteger(_ text: String?) -> Int? {
        guard let text else { return nil }
        let digits = text.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }
}
