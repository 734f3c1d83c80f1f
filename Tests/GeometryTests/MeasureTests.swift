import Foundation
import Geometry
import Testing
import TestSupport
import Wording

/// Areas, lengths and distances in metres, on the CGCS2000 ellipsoid (Fixtures/geometry/geodesic.csv,
/// pyproj.Geod with a = 6378137, f = 1/298.257222101) and planar in a Gauss-Krüger zone
/// (Fixtures/geometry/planar_gk.csv, pyproj-projected vertices measured with shapely).
@Suite("Measures: area, length, distance, buffer")
struct MeasureTests {
    static let geodesic = FixtureTable.load("geometry/geodesic.csv")
    static let planar = FixtureTable.load("geometry/planar_gk.csv")

    // MARK: ellipsoidal (geodesic.csv)

    // Expected values: geodesic.csv (pyproj.Geod, Karney), tolerance column in the unit column.
    @Test("ellipsoidal measures match pyproj.Geod", arguments: geodesic.rows)
    func ellipsoidal(row: FixtureTable.Row) throws {
        let a = try Geometry(wkt: row["a"])
        let expected = row.double("expected"), tolerance = row.double("tolerance")
        let actual: Double
        switch row["measure"] {
        case "area":
            let area = try a.area(.ellipsoidal)
            #expect(area.method == .ellipsoidal)
            actual = area.squareMetres
        case "length", "perimeter":  // the perimeter of a polygon is its length (all rings)
            let length = try a.length(.ellipsoidal)
            #expect(length.method == .ellipsoidal)
            actual = length.metres
        case "distance":
            let distance = try a.distance(to: Geometry(wkt: row["b"]), .ellipsoidal)
            #expect(distance.method == .ellipsoidal)
            actual = distance.metres
        default:
            Issue.record("unknown measure \(row["measure"])")
            return
        }
        #expect(abs(actual - expected) <= tolerance, "\(row["case"]) \(row["measure"]): \(actual) vs \(expected) \(row["unit"]) (\(row["note"]))")
    }

    // Expected values: geodesic.csv; distance is symmetric (the geodesic from b to a has the same length).
    @Test("ellipsoidal distance is symmetric", arguments: geodesic.rows.filter { $0["measure"] == "distance" })
    func symmetric(row: FixtureTable.Row) throws {
        let a = try Geometry(wkt: row["a"]), b = try Geometry(wkt: row["b"])
        #expect(abs(try b.distance(to: a).metres - row.double("expected")) <= row.double("tolerance"))
    }

    // MARK: projected (planar_gk.csv)

    // Expected values: planar_gk.csv (pyproj Transformer 4490 -> epsg, then shapely), tolerance column.
    @Test("projected measures match pyproj + shapely", arguments: planar.rows)
    func projected(row: FixtureTable.Row) throws {
        let a = try Geometry(wkt: row["a"])
        let crs = try CRS(parsing: row["epsg"])
        let method = MeasureMethod.projected(crs)
        let expected = row.double("expected"), tolerance = row.double("tolerance")
        let actual: Double
        switch row["measure"] {
        case "area":
            let area = try a.area(method)
            #expect(area.method == method)
            actual = area.squareMetres
        case "length":
            let length = try a.length(method)
            #expect(length.method == method)
            actual = length.metres
        case "distance":
            let distance = try a.distance(to: Geometry(wkt: row["b"]), method)
            #expect(distance.method == method)
            actual = distance.metres
        default:
            Issue.record("unknown measure \(row["measure"])")
            return
        }
        #expect(abs(actual - expected) <= tolerance, "\(row["case"]) \(row["measure"]) in \(crs): \(actual) vs \(expected) \(row["unit"])")
    }

    // Expected values: planar_gk.csv rows chongqing-1km-square (EPSG:4544, 967798.44 m²) and
    // chongqing-1km-square/cm108 (EPSG:4545, 967791.71 m²): the zone chosen changes the planar area,
    // and the method records which zone was used.
    @Test("the projected area depends on the zone, and says which")
    func zoneChoiceMatters() throws {
        let square = try Geometry(wkt: "POLYGON ((106.5 29.5, 106.51 29.5, 106.51 29.509, 106.5 29.509, 106.5 29.5))")
        let in4544 = try square.area(.projected(CRS(epsg: 4544)))
        let in4545 = try square.area(.projected(CRS(epsg: 4545)))
        #expect(abs(in4544.squareMetres - in4545.squareMetres - (967798.4407808306 - 967791.7071018303)) < 0.002)
        #expect(in4544.method == .projected(CRS(epsg: 4544)))
        #expect(in4544.method != in4545.method)
        #expect(in4544.method.description == "projected (EPSG:4544)")
        #expect(in4544.method.label(.zh) == "投影平面（EPSG:4544）")
        #expect(MeasureMethod.ellipsoidal.label(.zh) == "椭球面（CGCS2000）")
    }

    // Expected values: geodesic.csv (ellipsoidal 967290.19 m²) vs planar_gk.csv (EPSG:4544 967798.44 m²)
    // for the same Chongqing square: GK zone 35 (CM 105E) enlarges areas 1.5° off its meridian.
    @Test("ellipsoidal and projected areas of one square differ by the GK scale")
    func ellipsoidalVersusProjected() throws {
        let square = try Geometry(wkt: "POLYGON ((106.5 29.5, 106.51 29.5, 106.51 29.509, 106.5 29.509, 106.5 29.5))")
        let ellipsoidal = try square.area(.ellipsoidal).squareMetres
        let projected = try square.area(.projected(CRS(epsg: 4544))).squareMetres
        #expect(abs(ellipsoidal - 967290.1897773743) <= 0.001)
        #expect(abs(projected - 967798.4407808306) <= 0.001)
        #expect(projected > ellipsoidal)
    }

    // MARK: units

    // Hand facts: 1 ha = 10 000 m²; 1 亩 = 10 000 / 15 m², so 1 ha = 15 亩.
    @Test("hectares and mu")
    func units() {
        let hectare = Area(squareMetres: 10_000, method: .ellipsoidal)
        #expect(hectare.hectares == 1)
        #expect(abs(hectare.mu - 15) < 1e-12)
        #expect(abs(Area(squareMetres: 10_000.0 / 15.0, method: .ellipsoidal).mu - 1) < 1e-12)
        #expect(Area.squareMetresPerMu == 10_000.0 / 15.0)
        #expect(Area(squareMetres: 1_000_000, method: .ellipsoidal).hectares == 100)  // 1 km² = 100 ha
        #expect(abs(Area(squareMetres: 1_000_000, method: .ellipsoidal).mu - 1500) < 1e-9)  // 1 km² = 1500 亩
    }

    // Expected value: geodesic.csv chongqing-1km-square area 967290.1897773743 m², in ha and 亩 by hand.
    @Test("a measured area in hectares and mu")
    func measuredUnits() throws {
        let square = try Geometry(wkt: "POLYGON ((106.5 29.5, 106.51 29.5, 106.51 29.509, 106.5 29.509, 106.5 29.5))")
        let area = try square.area(.ellipsoidal)
        #expect(abs(area.hectares - 96.72901897773743) < 1e-6)
        #expect(abs(area.mu - 967290.1897773743 * 15 / 10_000) < 1e-5)
    }

    // MARK: buffer

    // Hand fact: GEOS buffers a point with 8 segments per quadrant, a regular 32-gon inscribed in the
    // circle. Its area is (n/2)·r²·sin(2π/n), i.e. πr² × (32/(2π))·sin(2π/32) = πr² × 0.9935868511…,
    // 0.64 % less than the circle (3 121 445.15 m² for r = 1000 m instead of 3 141 592.65 m²). On the
    // central meridian of the GK zone the scale factor is 1 (to 1e-8 within 1 km), so the ellipsoidal
    // area of the buffer equals the 32-gon's to well under 0.01 %.
    static let polygonRatio = 32 / (2 * Double.pi) * sin(2 * Double.pi / 32)

    @Test("a 1000 m buffer of a point on a GK central meridian has the area of the inscribed 32-gon")
    func bufferOnMeridian() throws {
        #expect(abs(Self.polygonRatio - 0.9935868511442058) < 1e-15)
        let circle = try Geometry.point(Coordinate(x: 108, y: 30)).buffer(metres: 1000)
        let area = try circle.area(.ellipsoidal).squareMetres
        let expected = Double.pi * 1000 * 1000 * Self.polygonRatio
        #expect(abs(area / expected - 1) < 1e-4, "area \(area) vs 32-gon \(expected)")
        #expect(abs(area / (Double.pi * 1_000_000) - 1) < 0.0065, "area \(area) vs circle")
        #expect(circle.coordinates.count == 33)  // 32 vertices, the first repeated to close the ring
    }

    // Hand fact: 1.5° from the central meridian (the edge of a 3° zone) the GK scale factor at 30°N is
    // 1 + (Δλ·cos φ)²/2 ≈ 1.00026, so a buffer drawn in the zone is up to 0.06 % smaller on the ground
    // than on the plane; it stays within 0.1 % of the 32-gon and within 0.7 % of the circle.
    @Test("buffers anywhere in a zone stay within 0.1 % of the 32-gon", arguments: [
        Coordinate(x: 106.5, y: 29.5), Coordinate(x: 109.49, y: 30), Coordinate(x: 116.391, y: 39.907), Coordinate(x: 75.99, y: 39.47),
    ])
    func bufferAnywhere(centre: Coordinate) throws {
        let area = try Geometry.point(centre).buffer(metres: 1000).area(.ellipsoidal).squareMetres
        let expected = Double.pi * 1_000_000 * Self.polygonRatio
        #expect(abs(area / expected - 1) < 0.001, "area \(area) vs 32-gon \(expected)")
        #expect(abs(area / (Double.pi * 1_000_000) - 1) < 0.007, "area \(area) vs circle")
    }

    // Hand fact: buffering by NaN is meaningless; buffering nothing is refused.
    @Test("buffer refuses a non-finite distance")
    func bufferInvalid() throws {
        #expect(throws: GeometryError.invalidInput(.invalidDistance(.infinity))) {
            try Geometry.point(Coordinate(x: 108, y: 30)).buffer(metres: .infinity)
        }
    }

    // MARK: intersection

    /// A square of `side` metres in EPSG:4545 (CM 108E) with its corner at (x0, y0), vertices every
    /// 500 m along the horizontal edges so that neighbouring squares share their vertices exactly,
    /// brought back to CGCS2000 lon/lat.
    static func gkSquare(x0: Double, y0: Double, side: Double = 1000) throws -> Geometry {
        let bottom = stride(from: x0, through: x0 + side, by: 500).map { Coordinate(x: $0, y: y0) }
        let top = stride(from: x0 + side, through: x0, by: -500).map { Coordinate(x: $0, y: y0 + side) }
        var ring = bottom + top
        ring.append(ring[0])
        try CoordinateTransformer(from: CRS(epsg: 4545), to: .cgcs2000).transform(&ring)
        return .polygon(Polygon(exterior: ring))
    }

    // Hand computation: squares [0, 1000] and [500, 1500] m (east of the 500 km false easting, northing
    // 3 300 km, about 29.8°N on the 108E meridian) overlap in 500 m × 1000 m = 500 000 m², exactly half
    // of one square in EPSG:4545. On the central meridian the GK scale factor is 1 (to 1e-8 here), so
    // the ellipsoidal area is the same to within a square metre.
    @Test("two 1 km squares overlapping by half: 500 000 m² projected and on the ellipsoid")
    func intersectionArea() throws {
        let a = try Self.gkSquare(x0: 500_000, y0: 3_300_000)
        let b = try Self.gkSquare(x0: 500_500, y0: 3_300_000)
        let gk = MeasureMethod.projected(CRS(epsg: 4545))

        let whole = try a.area(gk).squareMetres
        #expect(abs(whole - 1_000_000) < 1e-3, "square \(whole)")
        let overlap = try a.intersectionArea(b, gk)
        #expect(overlap.method == gk)
        #expect(abs(overlap.squareMetres - 500_000) < 1e-3, "overlap \(overlap.squareMetres)")
        #expect(abs(overlap.squareMetres / whole - 0.5) < 1e-9)
        #expect(abs(try b.intersectionArea(a, gk).squareMetres - overlap.squareMetres) < 1e-6)

        let ellipsoidal = try a.intersectionArea(b, .ellipsoidal)
        #expect(ellipsoidal.method == .ellipsoidal)
        #expect(abs(ellipsoidal.squareMetres - 500_000) < 1, "ellipsoidal overlap \(ellipsoidal.squareMetres)")
        #expect(abs(ellipsoidal.squareMetres / (try a.area(.ellipsoidal).squareMetres) - 0.5) < 1e-6)
        #expect(abs(ellipsoidal.hectares - 50) < 1e-4)
        #expect(abs(ellipsoidal.mu - 750) < 2e-3)  // 50 ha = 750 亩
    }

    // Hand fact: squares side by side touch along an edge and share no area.
    @Test("squares that only touch have no intersection area")
    func touchingSquares() throws {
        let a = try Self.gkSquare(x0: 500_000, y0: 3_300_000)
        let b = try Self.gkSquare(x0: 501_000, y0: 3_300_000)
        #expect(try a.intersectionArea(b, .projected(CRS(epsg: 4545))).squareMetres < 1e-3)
        #expect(try a.intersectionArea(b, .ellipsoidal).squareMetres < 1e-3)
    }

    // MARK: distances beyond two points

    // Expected values: planar_gk.csv (EPSG:4544, CM 105E; the shapes lie 1.5° east of it). Hand fact:
    // GK's scale factor there is 1 + (Δλ·cos φ)²/2 ≈ 1.00026, so the ellipsoidal distance is a few
    // parts in 10⁴ below the planar one (a loose 0.1 % bound; the exact value is tested below).
    @Test("ellipsoidal distance between geometries is close to, and below, the planar reference",
          arguments: planar.rows.filter { $0["measure"] == "distance" })
    func ellipsoidalDistanceNearPlanar(row: FixtureTable.Row) throws {
        let a = try Geometry(wkt: row["a"]), b = try Geometry(wkt: row["b"])
        let distance = try a.distance(to: b, .ellipsoidal)
        #expect(distance.method == .ellipsoidal)
        #expect(abs(distance.metres / row.double("expected") - 1) < 0.001, "\(distance.metres) vs planar \(row["expected"])")
        #expect(distance.metres < row.double("expected"), "east of CM 105E the plane is stretched")
    }

    /// The smallest value of `f` on [lo, hi] for a unimodal `f` (golden-section search, 200 steps).
    static func minimum(_ f: (Double) -> Double, _ lo: Double, _ hi: Double) -> Double {
        var a = lo, b = hi
        let g = (sqrt(5) - 1) / 2
        for _ in 0..<200 {
            let c = b - g * (b - a), d = a + g * (b - a)
            if f(c) < f(d) { b = d } else { a = c }
        }
        return f((a + b) / 2)
    }

    // Expected values: the true geodesic minimum, found by minimising Geodesic.cgcs2000.distance (the
    // Karney code checked against pyproj in geodesic.csv) along the line, which is the meridian 106.5E
    // from 29.45N to 29.6N (a geodesic). `distance(to:_:)` documents that choosing the nearest points in
    // the plane "differs from the true geodesic minimum by far less than a millimetre at the scales of a
    // county"; these shapes (a 16.6 km line, a 1.1 km square) are county-sized.
    @Test("ellipsoidal distance to a line is the geodesic minimum within 1 mm (as documented)")
    func ellipsoidalDistanceIsGeodesicMinimum() throws {
        let line = try Geometry(wkt: "LINESTRING (106.5 29.45, 106.5 29.6)")
        let onLine = { (lat: Double) in Coordinate(x: 106.5, y: lat) }

        // planar_gk.csv point-to-line-800m: the point 800 m grid-east of the line at 29.52N.
        let point = Coordinate(x: 106.5082490540841, y: 29.519906654334306)
        let trueToPoint = Self.minimum({ Geodesic.cgcs2000.distance(point, onLine($0)) }, 29.45, 29.6)
        let toPoint = try Geometry.point(point).distance(to: line, .ellipsoidal).metres
        #expect(abs(toPoint - trueToPoint) < 0.001, "code \(toPoint) m, geodesic minimum \(trueToPoint) m")

        // planar_gk.csv line-to-polygon: the square's west edge is the meridian 106.52E (29.5-29.51N);
        // meridians converge northwards, so its nearest point to 106.5E is the corner (106.52, 29.51).
        let square = try Geometry(wkt: "POLYGON ((106.52 29.5, 106.53 29.5, 106.53 29.51, 106.52 29.51, 106.52 29.5))")
        let corner = Coordinate(x: 106.52, y: 29.51)
        let trueToSquare = Self.minimum({ Geodesic.cgcs2000.distance(corner, onLine($0)) }, 29.45, 29.6)
        let toSquare = try line.distance(to: square, .ellipsoidal).metres
        #expect(abs(toSquare - trueToSquare) < 0.001, "code \(toSquare) m, geodesic minimum \(trueToSquare) m")
    }

    // Expected value: as above, for a 1 km piece of the same meridian (29.515-29.525N).
    @Test("ellipsoidal distance to a short line is the geodesic minimum within 1 mm")
    func ellipsoidalDistanceShortLine() throws {
        let line = try Geometry(wkt: "LINESTRING (106.5 29.515, 106.5 29.525)")
        let point = Coordinate(x: 106.5082490540841, y: 29.519906654334306)
        let expected = Self.minimum({ Geodesic.cgcs2000.distance(point, Coordinate(x: 106.5, y: $0)) }, 29.515, 29.525)
        let actual = try Geometry.point(point).distance(to: line, .ellipsoidal).metres
        #expect(abs(actual - expected) < 0.001, "code \(actual) m, geodesic minimum \(expected) m")
    }

    // Hand fact: a point inside a polygon is at distance 0 from it.
    @Test("intersecting geometries are at distance 0")
    func zeroDistance() throws {
        let square = try Geometry(wkt: "POLYGON ((106.5 29.5, 106.51 29.5, 106.51 29.509, 106.5 29.509, 106.5 29.5))")
        let inside = Geometry.point(Coordinate(x: 106.505, y: 29.505))
        #expect(try square.distance(to: inside, .ellipsoidal).metres == 0)
        #expect(try square.distance(to: inside, .projected(CRS(epsg: 4544))).metres == 0)
    }

    // Hand fact: points and lines have no area.
    @Test("points and lines have zero area")
    func zeroArea() throws {
        #expect(try Geometry.point(Coordinate(x: 106.5, y: 29.5)).area().squareMetres == 0)
        #expect(try Geometry(wkt: "LINESTRING (106.5 29.5, 106.51 29.509)").area().squareMetres == 0)
        #expect(try Geometry.point(Coordinate(x: 106.5, y: 29.5)).length().metres == 0)
    }

    // MARK: errors

    // Hand fact: latitude 95 is beyond the pole; the third coordinate (index 2) is the bad one.
    @Test("latitude 95 is refused by ellipsoidal measures, naming the coordinate")
    func latitudeOutOfRange() throws {
        let polygon = try Geometry(wkt: "POLYGON ((106 29, 107 29, 107 95, 106 29))")
        let expected = GeometryError.invalidInput(.latitudeOutOfRange(index: 2, latitude: 95))
        #expect(throws: expected) { try polygon.area(.ellipsoidal) }
        #expect(throws: expected) { try polygon.length(.ellipsoidal) }
        #expect(throws: expected) { try polygon.distance(to: .point(Coordinate(x: 106, y: 29)), .ellipsoidal) }
        #expect(throws: expected) { try polygon.area(.projected(CRS(epsg: 4545))) }
        #expect(throws: expected) { try polygon.buffer(metres: 10) }
        #expect(expected.message(.zh) == "第 3 个坐标的纬度 95.0 超出 -90～90 度")
    }

    // Hand fact: the second point of the pair is checked too (its index counts within that geometry).
    @Test("latitude 95 in the other geometry of a distance is refused")
    func latitudeOutOfRangeOther() throws {
        let a = Geometry.point(Coordinate(x: 106, y: 29)), b = Geometry.point(Coordinate(x: 106, y: 95))
        #expect(throws: GeometryError.invalidInput(.latitudeOutOfRange(index: 0, latitude: 95))) {
            try a.distance(to: b, .ellipsoidal)
        }
    }
}
