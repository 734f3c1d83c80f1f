import Geometry

/// How a table's two coordinate columns are to be read, worked out from their values: longitude /
/// latitude or Gauss-Krüger metres, which column is which, and (for metres) the zone.
///
/// Chinese survey tables follow the surveying convention X = 北坐标 (northing), Y = 东坐标 (easting),
/// often with the zone number in front of the easting (Y = 37 548 031.42 is zone 37); GIS tables
/// follow the mathematical one (x = easting or longitude). Column names cannot tell the two apart
/// ("X", "Y"), values can: in China northings lie between 2,000,000 and 6,000,000 m, eastings between
/// 100,000 and 900,000 m (13,000,000-45,999,999 with the zone prefixed); latitudes 3-54°, longitudes
/// 73-136°. The reading that fits more rows wins, whatever the columns are called.
struct TableConvention: Equatable {
    /// The CRS of the coordinates once read (x = longitude or easting, y = latitude or northing).
    var crs: CRS
    /// True when the first coordinate column holds the northing (latitude) and the second the easting (longitude).
    var swapped: Bool
    var projected: Bool
    /// Set when the zone was read from the eastings' prefix (no CRS given).
    var zoneFromPrefix: Int?

    static let longitudes = 73.0...136.0
    static let latitudes = 3.0...54.0
    // Gauss-Krüger magnitudes in China, as the 勘测定界 reader knows them.
    static var northings: ClosedRange<Double> { SurveyTextFile.northings }
    static var plainEastings: ClosedRange<Double> { SurveyTextFile.plainEastings }
    static func isPrefixedEasting(_ value: Double) -> Bool { SurveyTextFile.isPrefixedEasting(value) }
    static func isEasting(_ value: Double) -> Bool { SurveyTextFile.isEasting(value) }

    enum Problem: Error, Equatable {
        /// Metres without a zone prefix and no CRS given: the central meridian is unknown.
        case projectedWithoutZone
        /// Zone-prefixed eastings of more than one zone in one table.
        case severalZones([Int])
    }

    /// - Parameters:
    ///   - pairs: the numeric (first column, second column) values of the rows.
    ///   - given: the CRS the user or the file named, if any.
    static func decide(_ pairs: [(Double, Double)], given: CRS?) -> Result<TableConvention, Problem> {
        var geographicAsNamed = 0, geographicSwapped = 0, projectedAsNamed = 0, projectedSwapped = 0
        for (first, second) in pairs {
            if longitudes.contains(first) && latitudes.contains(second) { geographicAsNamed += 1 }
            if latitudes.contains(first) && longitudes.contains(second) { geographicSwapped += 1 }
            if isEasting(first) && northings.contains(second) { projectedAsNamed += 1 }
            if northings.contains(first) && isEasting(second) { projectedSwapped += 1 }
        }
        let geographicRows = max(geographicAsNamed, geographicSwapped), projectedRows = max(projectedAsNamed, projectedSwapped)
        if let given {
            let projected = !GDALCRS.isGeographic(given)
            let swapped = projected ? projectedSwapped > projectedAsNamed : geographicSwapped > geographicAsNamed
            return .success(TableConvention(crs: given, swapped: swapped, projected: projected, zoneFromPrefix: nil))
        }
        guard projectedRows > geographicRows else {
            return .success(TableConvention(crs: .cgcs2000, swapped: geographicSwapped > geographicAsNamed, projected: false, zoneFromPrefix: nil))
        }
        let swapped = projectedSwapped > projectedAsNamed
        var zones: [Int: Int] = [:]
        var plain = 0
        for (first, second) in pairs {
            let easting = swapped ? second : first
            if isPrefixedEasting(easting) { zones[Int(easting / 1_000_000), default: 0] += 1 } else if plainEastings.contains(easting) { plain += 1 }
        }
        guard let (zone, count) = zones.max(by: { $0.value < $1.value }), count >= plain else { return .failure(.projectedWithoutZone) }
        if zones.count > 1 { return .failure(.severalZones(zones.keys.sorted())) }
        // The datum is not in the table: CGCS2000, the datum of every survey since 2018 (a Xian 1980
        // table needs --crs); 3-degree zones are 25-45, 6-degree zones 13-23.
        let crs: CRS?
        if SurveyTextFile.sixDegreeZones.contains(zone) {
            crs = SurveyTextFile.projectedCRS(datum: .cgcs2000, zoneWidth: 6, zone: zone, zonePrefixedEasting: true)
        } else {
            crs = try? CRS.gaussKruger3(zone: zone, zonePrefixedEasting: true)
        }
        guard let crs else { return .failure(.projectedWithoutZone) }
        return .success(TableConvention(crs: crs, swapped: swapped, projected: true, zoneFromPrefix: zone))
    }

    /// The coordinate of one row, or nil when the row does not fit the table's reading.
    func coordinate(_ first: Double, _ second: Double) -> Coordinate? {
        let (x, y) = swapped ? (second, first) : (first, second)
        if projected {
            guard x.isFinite, y.isFinite else { return nil }
            if let zoneFromPrefix {
                guard Self.isPrefixedEasting(x), Int(x / 1_000_000) == zoneFromPrefix, Self.northings.contains(y) else { return nil }
            }
            return Coordinate(x: x, y: y)
        }
        guard (-180...180).contains(x), (-90...90).contains(y) else { return nil }
        return Coordinate(x: x, y: y)
    }
}
