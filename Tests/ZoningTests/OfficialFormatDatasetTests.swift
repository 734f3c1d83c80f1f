import Datasets
import Foundation
import Formats
import Geometry
import Testing
import Zoning
import Wording

/// The demo dataset as a province delivers it (Fixtures/demo-official, made from Fixtures/demo by
/// Tests/reference/make_demo_official.sh): units in a GBK Shapefile in EPSG:4546 without list fields, red
/// lines, water sources and shorelines in one GeoPackage in EPSG:4490, the unit lists in an XLSX sheet.
/// Loaded through GDAL, it must screen every demo site exactly as the GeoJSON original does.
///
/// Tolerance. Only the units' coordinates differ between the two datasets. The GeoPackage holds the
/// GeoJSON's 7-decimal degrees as the same doubles, and the loader projects them (and the sites) to
/// EPSG:4546 the same way for both datasets, so red lines, water sources, shorelines and sites are equal
/// bit for bit. The units were projected by ogr2ogr (PROJ, transverse Mercator, CGCS2000 to CM 111°E)
/// and stored as doubles in the .shp; the loader projects the GeoJSON's units with PROJ too, so the two
/// results differ by floating-point round-off only: double precision at northings of 3.4e6 m is
/// 4.7e-10 m, and a few operations of round-off each stay far below a micrometre. `vertexRoundOff`
/// (1 µm) is that bound with a wide margin, checked vertex by vertex below. (Measured with GDAL 3.6.2 and
/// PROJ 9.1.1: every vertex, share and distance came out identical, as ogr2ogr and the loader run the same
/// PROJ operation; the tolerances leave room for a PROJ that chooses another one.) A unit edge moved by at most
/// δ = 1 µm changes a parcel's overlap area by at most (length of the unit edges inside the parcel) × δ;
/// for the demo's parcels (at most a few km of edge, areas of 0.1 km² and more) that is below 1e-8 of the
/// area, so shares are compared within `shareTolerance` = 1e-6. Distances to shorelines involve no unit
/// geometry and are compared within 1e-6 m (they come out equal).
@Suite("The demo dataset in the formats provinces deliver (Shapefile, GeoPackage, XLSX)")
struct OfficialFormatDatasetTests {
    static let demo = TestDatasets.load("demo")
    static let official = TestDatasets.load("demo-official")
    static let siteIDs: [String] = demo.sites.compactMap(siteID)

    static let vertexRoundOff = 1e-6       // metres
    static let shareTolerance = 1e-6       // fraction of the site
    static let distanceTolerance = 1e-6    // metres

    static func siteID(_ feature: Feature) -> String? { feature.id ?? feature.properties["id"]?.text }

    static func screen(_ id: String, in dataset: Dataset) throws -> ScreeningResult {
        let engine = try ScreeningEngine(dataset: dataset)
        let feature = try #require(dataset.sites.first { siteID($0) == id })
        let properties = feature.properties
        let profile = ProjectProfile(industry: properties["industry"]?.text,
                                     nature: properties["nature"]?.text.flatMap(ProjectNature.init(parsing:)),
                                     chemical: properties["chemical"]?.bool,
                                     flags: Set((properties["flags"]?.array ?? []).compactMap(\.text)))
        return try engine.screen(Site(id: id, geometry: try #require(feature.geometry), crs: dataset.metadata.crs, profile: profile))
    }

    @Test("both datasets load: 59 units, 5 red lines, 10 shorelines, 3 water-source areas, 3 parks, 34 sites")
    func counts() {
        // Counts from Fixtures/demo/README.md (59 units; 5 red lines HX429099001-005; both banks of five
        // rivers) and the demo's water-sources.geojson (一级, 二级, 准保护区) and sites.geojson (S01-S30).
        for dataset in [Self.demo, Self.official] {
            #expect(dataset.units.count == 59)
            #expect(dataset.redLines.count == 5)
            #expect(dataset.shorelines.count == 10)
            #expect(dataset.sensitiveAreas.count == 3)
            #expect(dataset.sites.count == 34)
            #expect(dataset.parks?.count == 3)
        }
        #expect(Self.official.warnings.isEmpty, "\(Self.official.warnings.map { $0.message(.en) })")
        #expect(DatasetCheck.problems(Self.official).isEmpty)
    }

    @Test("the GBK Shapefile reads back as the same Chinese names, classes and subclasses")
    func unitAttributes() {
        #expect(Self.official.units.map(\.code) == Self.demo.units.map(\.code))
        #expect(Self.official.units.map(\.name) == Self.demo.units.map(\.name))
        #expect(Self.official.units.map(\.unitClass) == Self.demo.units.map(\.unitClass))
        #expect(Self.official.units.map(\.subclass) == Self.demo.units.map(\.subclass))
        #expect(Self.official.units.map(\.county) == Self.demo.units.map(\.county))
        // The first unit's name, as Fixtures/demo/README.md lists it.
        #expect(Self.official.units.first?.name == "沧澜县长江城区饮用水水源保护区优先保护单元")
    }

    @Test("the XLSX lists give the same unit clauses as the layer's list fields: same count, ids and text")
    func clauses() {
        #expect(Self.official.clauses.count == Self.demo.clauses.count)
        #expect(Self.official.clauses.map(\.id) == Self.demo.clauses.map(\.id))
        #expect(Self.official.clauses.map(\.text) == Self.demo.clauses.map(\.text))
        #expect(Self.official.clauses.map(\.effect) == Self.demo.clauses.map(\.effect))
        for unit in Self.demo.units {
            #expect(Self.official.unit(code: unit.code)?.listText == unit.listText, "\(unit.code)")
        }
    }

    @Test("units projected by ogr2ogr match the loader's own projection within 1 µm at every vertex")
    func unitRoundOff() throws {
        var largest = 0.0
        for (mine, theirs) in zip(Self.demo.units, Self.official.units) {
            let a = mine.geometry.coordinates, b = theirs.geometry.coordinates
            // A Shapefile stores outer rings clockwise (GeoJSON's are anticlockwise), so the order of
            // vertices may differ: compare each vertex with the nearest one of the other geometry.
            #expect(a.count == b.count, "\(mine.code): \(a.count) vertices, \(b.count) in the Shapefile")
            for point in a {
                let nearest = b.map { hypot($0.x - point.x, $0.y - point.y) }.min() ?? .infinity
                largest = max(largest, nearest)
            }
        }
        #expect(largest <= Self.vertexRoundOff, "largest vertex difference \(largest) m")
    }

    @Test("every demo site gets the same verdict, units, red lines, clauses, shares and distances", arguments: siteIDs)
    func sameScreening(id: String) throws {
        let expected = try Self.screen(id, in: Self.demo)
        let result = try Self.screen(id, in: Self.official)
        #expect(result.verdict == expected.verdict)
        #expect(result.reasons.map(\.ruleId) == expected.reasons.map(\.ruleId))
        #expect(result.possibleReasons.map(\.ruleId) == expected.possibleReasons.map(\.ruleId))
        #expect(result.controlUnits.map(\.code) == expected.controlUnits.map(\.code))
        #expect(result.redLines.map(\.code) == expected.redLines.map(\.code))
        #expect(result.sensitiveAreas.map(\.name) == expected.sensitiveAreas.map(\.name))
        #expect(result.clauses.map(\.id) == expected.clauses.map(\.id))
        #expect(result.clauses.count == expected.clauses.count)
        for (unit, reference) in zip(result.controlUnits, expected.controlUnits) {
            #expect(abs(unit.overlap.share - reference.overlap.share) <= Self.shareTolerance, "\(unit.code)")
        }
        for (redLine, reference) in zip(result.redLines, expected.redLines) {
            #expect(abs(redLine.overlap.share - reference.overlap.share) <= Self.shareTolerance, "\(redLine.code)")
        }
        #expect(abs(result.site.coveredShare - expected.site.coveredShare) <= Self.shareTolerance)
        for (river, reference) in [(result.shorelines.nearestMainStream, expected.shorelines.nearestMainStream),
                                   (result.shorelines.nearestTributary, expected.shorelines.nearestTributary)] {
            #expect(river?.river == reference?.river)
            #expect(abs((river?.distance.metres ?? .nan) - (reference?.distance.metres ?? .nan)) <= Self.distanceTolerance)
        }
        #expect(result.shorelines.bands.map(\.inside) == expected.shorelines.bands.map(\.inside))
    }
}
