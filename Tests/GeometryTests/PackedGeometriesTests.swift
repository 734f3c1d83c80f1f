import Foundation
import Geometry
import Testing
import TestSupport

/// Packing zones into one flat buffer and reading them back in place.
@Suite("Packed geometries")
struct PackedGeometriesTests {
    static func ring(_ points: [(Double, Double)]) -> [Coordinate] { points.map { Coordinate(x: $0.0, y: $0.1) } }

    static let square = ring([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)])
    static let hole = ring([(2, 2), (4, 2), (4, 4), (2, 4), (2, 2)])
    static let island = ring([(20, 20), (21, 20), (21, 21), (20, 20)])
    static let geometries: [Geometry] = [
        .polygon(Polygon(exterior: square, holes: [hole])),
        .multiPolygon([Polygon(exterior: square), Polygon(exterior: island)]),
        .lineString(ring([(0, 0), (5, 5), (7, 1)])),
        .multiLineString([ring([(0, 0), (1, 1)]), ring([(3, 3), (4, 3), (5, 9)])]),
    ]

    final class Holder: @unchecked Sendable {
        // Immutable after init (test helper): keeps the aligned copy alive for the table.
        let buffer: UnsafeMutableRawBufferPointer
        init(_ bytes: [UInt8]) {
            buffer = .allocate(byteCount: max(bytes.count, 1), alignment: 16)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
        deinit { buffer.deallocate() }
    }

    static func open(_ bytes: [UInt8]) throws -> PackedGeometries {
        let holder = Holder(bytes)
        return try PackedGeometries(bytes: UnsafeRawBufferPointer(rebasing: holder.buffer[0..<bytes.count]), owner: holder)
    }

    @Test("polygons with holes, multi-polygons, lines and multi-lines come back exactly, with their envelopes")
    func roundTrip() throws {
        let table = try Self.open(try PackedGeometries.encode(Self.geometries))
        #expect(table.count == 4)
        for (index, geometry) in Self.geometries.enumerated() {
            #expect(table.geometry(at: index) == geometry)
            #expect(table.envelope(at: index) == geometry.envelope)
        }
        // The multi-polygon's envelope spans the square and the island: (0,0)-(21,21), by hand.
        #expect(table.envelope(at: 1) == Envelope(minX: 0, minY: 0, maxX: 21, maxY: 21))
        // Item 0 has two rings (shell and hole), the second of 5 points.
        #expect(table.rings(of: 0).count == 2 && table.ring(table.rings(of: 0).upperBound - 1).count == 5)
    }

    @Test("points and collections are refused when packing")
    func unsupported() {
        #expect(throws: PackedGeometryError.unsupported(item: 1, type: "Point")) {
            try PackedGeometries.encode([Self.geometries[0], .point(Coordinate(x: 1, y: 1))])
        }
    }

    @Test("a truncated buffer or offsets that run backwards are refused, never read past")
    func malformed() throws {
        let bytes = try PackedGeometries.encode(Self.geometries)
        #expect(throws: PackedGeometryError.self) { try Self.open(Array(bytes.dropLast(8))) }
        #expect(throws: PackedGeometryError.self) { try Self.open(Array(bytes.prefix(16))) }
        // The first partStart entry (UInt32 after the 32-byte header and 4 kind bytes padded to 8) must be 0.
        var backwards = bytes
        backwards[40] = 7
        #expect(throws: PackedGeometryError.self) { try Self.open(backwards) }
        // An unknown kind byte (first byte after the header).
        var kind = bytes
        kind[32] = 99
        #expect(throws: PackedGeometryError.malformed("kind 99")) { try Self.open(kind) }
    }

    @Test("an index over a packed table answers like one over the values, preparing only what it touches")
    func lazyIndex() throws {
        let table = try Self.open(try PackedGeometries.encode(Self.geometries))
        let index = try GeometryIndex(table, tree: EnvelopeTree(Self.geometries.map(\.envelope)))
        #expect(index.preparedCount == 0)
        // (3, 2.5) is in the square but inside the hole of item 0, and on neither line, so only item 1
        // covers it; all four envelopes hold it, so all four items were prepared to decide.
        #expect(try index.query(point: Coordinate(x: 3, y: 2.5), .coveredBy) == [1])
        #expect(index.preparedCount == 4)
        let fresh = try GeometryIndex(table, tree: EnvelopeTree(Self.geometries.map(\.envelope)))
        #expect(try fresh.query(point: Coordinate(x: 20.5, y: 20.2), .coveredBy) == [1])
        // Only item 1's envelope holds (20.5, 20.2): one item prepared.
        #expect(fresh.preparedCount == 1)
    }

    // The square [0,10]² with the hole [2,4]², worked out by hand: inside, outside, on the shell's
    // vertices and edges (horizontal, vertical), on the hole's boundary, in the hole, and on the ray's
    // line through a vertex (the half-open rule must not count the vertex twice).
    static let pointCases: [(Double, Double, PackedPointLocation)] = [
        (5, 5, .inside), (1, 1, .inside), (9.999, 0.001, .inside), (3, 3, .outside), (11, 5, .outside), (-1, 0, .outside),
        (0, 0, .boundary), (10, 10, .boundary), (5, 0, .boundary), (5, 10, .boundary), (0, 5, .boundary), (10, 7.25, .boundary),
        (2, 3, .boundary), (3, 4, .boundary), (4, 4, .boundary), (1, 10, .boundary), (-5, 10, .outside), (-5, 2, .outside),
        (1, 2, .inside), (1, 4, .inside), (5, 2, .inside),
    ]

    @Test("point in polygon on packed rings: hand-worked cases, each also what GEOS's covers and containsProperly say")
    func pointLocation() throws {
        let polygon = Self.geometries[0]
        let table = try Self.open(try PackedGeometries.encode([polygon]))
        let prepared = try PreparedGeometry(polygon)
        for (x, y, expected) in Self.pointCases {
            let point = Coordinate(x: x, y: y)
            #expect(table.locate(point, item: 0) == expected, "(\(x), \(y))")
            let covers = try prepared.relates(point: point, .covers)
            let interior = try prepared.relates(point: point, .contains)
            let geos: PackedPointLocation = interior ? .inside : covers ? .boundary : .outside
            #expect(geos == expected, "GEOS disagrees with the hand-worked case (\(x), \(y))")
        }
    }

    @Test("lines are not located in place (GEOS decides)")
    func linesUndecided() throws {
        let table = try Self.open(try PackedGeometries.encode(Self.geometries))
        #expect(table.locate(Coordinate(x: 1, y: 1), item: 2) == .undecided)
    }

    @Test("on 20,000 points around an irregular polygon with a hole, in-place answers equal GEOS's wherever they are given")
    func agreesWithGEOS() throws {
        // A 200-vertex star-like ring (radius varying with angle) around (500000, 3300000), with a hole.
        func ring(radius: (Double) -> Double, count: Int) -> [Coordinate] {
            var points = (0..<count).map { index -> Coordinate in
                let angle = Double(index) / Double(count) * 2 * .pi
                let r = radius(angle)
                return Coordinate(x: 500_000 + r * cos(angle), y: 3_300_000 + r * sin(angle))
            }
            points.append(points[0])
            return points
        }
        let shell = ring(radius: { 1_000 + 300 * sin(7 * $0) + 0.123 * cos(31 * $0) }, count: 200)
        let hole = ring(radius: { 200 + 50 * cos(3 * $0) }, count: 60).reversed()
        let polygon = Geometry.polygon(Polygon(exterior: shell, holes: [Array(hole)]))
        #expect(try polygon.validity().isValid)
        let table = try Self.open(try PackedGeometries.encode([polygon]))
        let prepared = try PreparedGeometry(polygon)
        var generator = SplitMix(seed: 20261201)
        var decided = 0
        for index in 0..<20_000 {
            // Half uniform over the envelope, half exactly on vertices or edge midpoints of the rings.
            let point: Coordinate
            if index % 2 == 0 {
                point = Coordinate(x: 498_600 + generator.unit() * 2_800, y: 3_298_600 + generator.unit() * 2_800)
            } else {
                let all = shell + hole
                let at = Int(generator.unit() * Double(all.count - 1))
                let a = all[at], b = all[at + 1]
                point = index % 4 == 1 ? a : Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            }
            let found = table.locate(point, item: 0)
            guard found != .undecided else { continue }
            decided += 1
            let covers = try prepared.relates(point: point, .covers)
            let interior = try prepared.relates(point: point, .contains)
            let geos: PackedPointLocation = interior ? .inside : covers ? .boundary : .outside
            #expect(found == geos, "\(point)")
        }
        // Midpoints of edges are rarely exactly representable on the edge: those are the undecided
        // ones; every uniform point and every vertex must be decided.
        #expect(decided >= 15_000)
    }
}
