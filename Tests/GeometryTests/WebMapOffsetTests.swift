import Geometry
import Testing
import TestSupport

/// GCJ-02 (高德, 腾讯) and BD-09 (百度) offsets, checked against Fixtures/geometry/webmap_offsets.csv
/// (prcoords 1.0.2 wgs_gcj / gcj_bd, cross-checked with coord-convert and eviltransform's gcj2bd; see
/// the file's header).
@Suite("Web-map offsets GCJ-02 and BD-09")
struct WebMapOffsetTests {
    static let table = FixtureTable.load("geometry/webmap_offsets.csv")
    static let inside = table.rows.filter { $0.bool("inside_china") }
    static let outside = table.rows.filter { !$0.bool("inside_china") }

    static func point(_ row: FixtureTable.Row, _ prefix: String) -> Coordinate {
        Coordinate(x: row.double("\(prefix)_lon"), y: row.double("\(prefix)_lat"))
    }

    /// Ground distance in metres between two lon/lat points (CGCS2000 geodesic).
    static func metres(_ a: Coordinate, _ b: Coordinate) -> Double {
        Geodesic.cgcs2000.distance(a, b)
    }

    // Expected values: webmap_offsets.csv (prcoords.wgs_gcj / gcj_bd; coord-convert agrees within 1e-9°).
    @Test("forward offsets WGS->GCJ, GCJ->BD and WGS->BD equal the reference within 1e-9 degrees", arguments: inside)
    func forward(row: FixtureTable.Row) {
        let wgs = Self.point(row, "wgs"), gcj = Self.point(row, "gcj"), bd = Self.point(row, "bd")
        for (source, sourcePoint, target, expected) in [
            (WebMapDatum.wgs84, wgs, WebMapDatum.gcj02, gcj),
            (.gcj02, gcj, .bd09, bd),
            (.wgs84, wgs, .bd09, bd),
        ] {
            let result = WebMapOffset.convert(sourcePoint, from: source, to: target)
            #expect(result.applied, "\(source) -> \(target)")
            #expect(abs(result.coordinate.x - expected.x) <= 1e-9, "\(source) -> \(target) lon \(result.coordinate.x) vs \(expected.x)")
            #expect(abs(result.coordinate.y - expected.y) <= 1e-9, "\(source) -> \(target) lat \(result.coordinate.y) vs \(expected.y)")
        }
    }

    // Expected values: webmap_offsets.csv inputs; the inverses are iterative, so the reference is the
    // original point of the forward formulas, to 1 cm on the ground.
    @Test("inverse offsets GCJ->WGS, BD->GCJ and BD->WGS recover the reference within 1 cm", arguments: inside)
    func inverse(row: FixtureTable.Row) {
        let wgs = Self.point(row, "wgs"), gcj = Self.point(row, "gcj"), bd = Self.point(row, "bd")
        for (source, sourcePoint, target, expected) in [
            (WebMapDatum.gcj02, gcj, WebMapDatum.wgs84, wgs),
            (.bd09, bd, .gcj02, gcj),
            (.bd09, bd, .wgs84, wgs),
        ] {
            let result = WebMapOffset.convert(sourcePoint, from: source, to: target)
            #expect(result.applied, "\(source) -> \(target)")
            let error = Self.metres(result.coordinate, expected)
            #expect(error <= 0.01, "\(source) -> \(target): \(error) m from the reference")
        }
    }

    // Hand fact (from the forward reference values): the GCJ-02 offset is hundreds of metres, so an
    // unconverted point would be visibly wrong on the map; the offsets tested above are not trivial.
    @Test("the offsets are hundreds of metres, not nothing", arguments: inside)
    func offsetsAreLarge(row: FixtureTable.Row) {
        #expect(Self.metres(Self.point(row, "wgs"), Self.point(row, "gcj")) > 50)
        #expect(Self.metres(Self.point(row, "gcj"), Self.point(row, "bd")) > 500)
    }

    // Expected values: webmap_offsets.csv outside rows (gcj = bd = wgs, inside_china false).
    @Test("outside the China box nothing is offset and applied is false", arguments: outside)
    func outsideUnchanged(row: FixtureTable.Row) {
        let wgs = Self.point(row, "wgs")
        #expect(Self.point(row, "gcj") == wgs && Self.point(row, "bd") == wgs)
        #expect(!WebMapOffset.isInsideChina(wgs))
        for source in WebMapDatum.allCases {
            for target in WebMapDatum.allCases {
                let result = WebMapOffset.convert(wgs, from: source, to: target)
                #expect(!result.applied, "\(source) -> \(target)")
                #expect(result.coordinate == wgs, "\(source) -> \(target)")
            }
        }
    }

    // Expected values: the inside_china column (the reference implementations' box).
    @Test("the box test agrees with the reference", arguments: table.rows)
    func box(row: FixtureTable.Row) {
        #expect(WebMapOffset.isInsideChina(Self.point(row, "wgs")) == row.bool("inside_china"))
    }

    // Hand fact: converting to the same datum does nothing.
    @Test("same source and target: unchanged, not applied", arguments: WebMapDatum.allCases)
    func identity(datum: WebMapDatum) {
        let point = Coordinate(x: 106.551, y: 29.563)
        let result = WebMapOffset.convert(point, from: datum, to: datum)
        #expect(result.coordinate == point)
        #expect(!result.applied)
    }

    // Hand fact: NaN and infinity are not positions; nothing is added to them.
    @Test("a non-finite point is not offset", arguments: [
        Coordinate(x: .nan, y: 30), Coordinate(x: 106, y: .nan), Coordinate(x: .infinity, y: 30), Coordinate(x: 106, y: -.infinity),
    ])
    func nonFinite(point: Coordinate) {
        for (source, target) in [(WebMapDatum.wgs84, WebMapDatum.gcj02), (.gcj02, .bd09), (.bd09, .wgs84)] {
            let result = WebMapOffset.convert(point, from: source, to: target)
            #expect(!result.applied)
            // Compare bit patterns: NaN != NaN.
            #expect(result.coordinate.x.bitPattern == point.x.bitPattern && result.coordinate.y.bitPattern == point.y.bitPattern)
        }
    }

    // Expected values: webmap_offsets.csv (the first inside rows' gcj and the outside Tokyo row): a
    // geometry is converted point by point, and allApplied tells when a point was left alone.
    @Test("a geometry is converted point by point; allApplied is false if a point was outside")
    func geometry() throws {
        let rows = Array(Self.inside.prefix(3))
        let line = Geometry.lineString(rows.map { Self.point($0, "wgs") })
        let (converted, allApplied) = line.converted(from: .wgs84, to: .gcj02)
        #expect(allApplied)
        #expect(converted.coordinates.count == rows.count)
        for (point, row) in zip(converted.coordinates, rows) {
            #expect(abs(point.x - row.double("gcj_lon")) <= 1e-9 && abs(point.y - row.double("gcj_lat")) <= 1e-9, "\(row.testDescription)")
        }
        let outsideRow = try #require(Self.outside.first)
        let mixed = Geometry.multiPoint([Self.point(rows[0], "wgs"), Self.point(outsideRow, "wgs")])
        let (convertedMixed, mixedApplied) = mixed.converted(from: .wgs84, to: .gcj02)
        #expect(!mixedApplied)
        #expect(convertedMixed.coordinates[1] == Self.point(outsideRow, "wgs"))
    }
}
