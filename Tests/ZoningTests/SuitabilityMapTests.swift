import Foundation
import Geometry
import Testing
import TestSupport
import Zoning

/// The suitability map of the demo county for a new C2614 chemical plant, checked against the screener.
@Suite("Suitability map", .serialized)
struct SuitabilityMapTests {
    static let dataset = TestDatasets.compiled("demo")
    static let profile = ProjectProfile(industry: "C2614", nature: .new)
    static let map: SuitabilityMap = {
        do { return try SuitabilityMap.build(dataset: dataset, profile: profile) } catch { fatalError("suitability map: \(error)") }
    }()

    @Test("the regions' areas sum to the county's area within 0.01 %, and they neither overlap nor leave gaps")
    func coversTheRegion() throws {
        let county = try Self.dataset.units.reduce(0.0) { $0 + (try $1.geometry.planarArea()) }
        let regions = Self.map.regions
        let total = regions.reduce(0.0) { $0 + $1.squareMetres }
        #expect(abs(total - county) / county < 1e-4)
        #expect(abs(try regions.reduce(0.0) { $0 + (try $1.geometry.planarArea()) } - county) / county < 1e-4)
        let union = try Geometry.geometryCollection(regions.map(\.geometry)).unaryUnion()
        #expect(abs(try union.planarArea() - county) / county < 1e-4)
        for region in regions { #expect(try region.geometry.validity().isValid) }
        for (i, a) in regions.enumerated() {
            for b in regions[(i + 1)...] where a.geometry.envelope.intersects(b.geometry.envelope) {
                #expect(try a.geometry.planarIntersectionArea(b.geometry) < 1, "\(a.verdict) \(a.rules) / \(b.verdict) \(b.rules)")
            }
        }
    }

    static func screen(_ point: Coordinate, _ engine: ScreeningEngine) throws -> (Verdict, [String]) {
        let result = try engine.screen(Site(geometry: .point(point), crs: dataset.workingCRS, profile: profile), clauses: .decisive)
        return (result.verdict, result.reasons.map(\.ruleId))
    }

    @Test("a point inside each region, and 10,000 random points, get the region's verdict and deciding rules (points within 1 m of an edge aside)")
    func agreesWithScreening() throws {
        let engine = try ScreeningEngine(dataset: Self.dataset)
        for region in Self.map.regions {
            let parts: [Geometry] = switch region.geometry {
            case .multiPolygon(let polygons): polygons.map(Geometry.polygon)
            default: [region.geometry]
            }
            for part in parts {
                let (verdict, rules) = try Self.screen(try part.pointOnSurface(), engine)
                #expect(verdict == region.verdict && rules == region.rules)
            }
        }
        let extent = Self.map.regions.reduce(Envelope.empty) { $0.union($1.geometry.envelope) }
        let index = try GeometryIndex(Self.map.regions.map(\.geometry))
        func region(at point: Coordinate) throws -> Int? {
            let hits = try index.locate(point: point, boundary: true)
            return hits.count == 1 ? hits[0].item : nil
        }
        var random = SplitMix(seed: 42)
        var checked = 0, mismatches: [String] = []
        for _ in 0..<10_000 {
            let point = Coordinate(x: extent.minX + random.unit() * extent.width, y: extent.minY + random.unit() * extent.height)
            guard let found = try region(at: point) else { continue }
            // Within 1 m of the region's edge the band arcs (0.38 m) and the edges themselves decide: skipped.
            // Eight points 1 m away in the eight compass directions must lie in the same region (which keeps
            // every checked point at least 0.92 m from an edge).
            let around = (0..<8).map { k in Coordinate(x: point.x + cos(Double(k) * .pi / 4), y: point.y + sin(Double(k) * .pi / 4)) }
            guard try around.allSatisfy({ try region(at: $0) == found }) else { continue }
            let region = Self.map.regions[found]
            checked += 1
            let (verdict, rules) = try Self.screen(point, engine)
            if verdict != region.verdict || rules != region.rules { mismatches.append("\(point): \(verdict) \(rules) vs \(region.verdict) \(region.rules)") }
        }
        #expect(checked > 5_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
