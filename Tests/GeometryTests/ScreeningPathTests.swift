import Foundation
import Geometry
import Testing

/// The index paths the screening uses: point locate and overlap areas (with and without coverage
/// grids), and the nearest search over lines measured in Swift with chord bounds. Expected answers
/// are worked out by hand from the layouts, or checked against GEOS's own unprepared predicates and
/// distances (a different code path from the one under test).
@Suite("Screening paths of the index")
struct ScreeningPathTests {
    static let cells = IndexTests.cells

    static func indexes() throws -> [GeometryIndex] {
        let tree = EnvelopeTree(cells.map(\.envelope))
        return [try GeometryIndex(cells, tree: tree), try GeometryIndex(cells, tree: tree, grids: CoverageGrid.grids(for: cells))]
    }

    @Test("locate: a point inside one cell, on a shared vertex, on an edge, and outside")
    func locate() throws {
        for index in try Self.indexes() {
            #expect(try index.locate(point: Coordinate(x: 3.5, y: 4.5), boundary: true) == [PointHit(item: 43, onBoundary: false)])
            // Vertex (3, 4) is a corner of cells (2,3), (3,3), (2,4), (3,4): on the boundary of all four.
            #expect(try index.locate(point: Coordinate(x: 3, y: 4), boundary: true).map(\.item) == [32, 33, 42, 43])
            #expect(try index.locate(point: Coordinate(x: 3, y: 4), boundary: true).allSatisfy(\.onBoundary))
            // (3, 4.5) lies on the edge between cells (2,4) and (3,4).
            #expect(try index.locate(point: Coordinate(x: 3, y: 4.5), boundary: true) ==
                    [PointHit(item: 42, onBoundary: true), PointHit(item: 43, onBoundary: true)])
            #expect(try index.locate(point: Coordinate(x: 10.5, y: 4.5)) == [])
        }
    }

    @Test("overlaps: areas of a straddling polygon, a polygon inside one cell, and a block that only touches its neighbours")
    func overlaps() throws {
        for index in try Self.indexes() {
            // [0.5, 1.5] x [0.5, 0.9] takes 0.5 x 0.4 = 0.2 of cell 0 and of cell 1.
            let straddling = try Geometry(wkt: "POLYGON ((0.5 0.5, 1.5 0.5, 1.5 0.9, 0.5 0.9, 0.5 0.5))")
            let found = try index.overlaps(polygon: straddling)
            #expect(found.map(\.item) == [0, 1])
            #expect(found.allSatisfy { abs($0.planarArea - 0.2) < 1e-12 && !$0.coversQuery })
            // Triangle (9.2 9.2, 9.8 9.2, 9.8 9.8): half of 0.6 x 0.6 = 0.18, wholly in cell 99.
            let triangle = try Geometry(wkt: "POLYGON ((9.2 9.2, 9.8 9.2, 9.8 9.8, 9.2 9.2))")
            let inside = try index.overlaps(polygon: triangle)
            #expect(inside.count == 1 && inside[0].item == 99 && inside[0].coversQuery && abs(inside[0].planarArea - 0.18) < 1e-12)
            // The 2 x 2 block touches 12 more cells along lines only: no area, so not listed.
            let block = try index.overlaps(polygon: try Geometry(wkt: "POLYGON ((2 2, 4 2, 4 4, 2 4, 2 2))"))
            #expect(block.map(\.item) == [22, 23, 32, 33] && block.allSatisfy { abs($0.planarArea - 1) < 1e-12 })
            // Asked for, the overlap's geometry comes back when it is not the whole query.
            let kept = try index.overlaps(polygon: straddling, keepGeometry: true)
            #expect(try kept.allSatisfy { abs((try $0.geometry?.planarArea() ?? 0) - 0.2) < 1e-12 })
        }
    }

    /// Square [0, 10]² with a hole [4, 6]², in a 10 x 10 grid of 1 x 1 cells.
    static let holed = Geometry.polygon(Polygon(
        exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 0, y: 10), Coordinate(x: 0, y: 0)],
        holes: [[Coordinate(x: 4, y: 4), Coordinate(x: 4, y: 6), Coordinate(x: 6, y: 6), Coordinate(x: 6, y: 4), Coordinate(x: 4, y: 4)]]))

    @Test("coverage grid: inside, in the hole, and on the hole's edge")
    func grid() throws {
        let grid = try #require(try CoverageGrid.grids(for: [Self.holed], cellsOnLongerSide: 10).first)
        #expect(grid.columns == 10 && grid.rows == 10)
        #expect(grid.cell(at: Coordinate(x: 1.5, y: 1.5)) == .inside)
        // The hole's edges run along x = 4, x = 6, y = 4, y = 6 and mark the cells holding those lines
        // (columns/rows 4 and 6); cell (5, 5) is touched by none and lies in the hole.
        #expect(grid.cell(at: Coordinate(x: 5, y: 5.2)) == .outside)
        #expect(grid.cell(at: Coordinate(x: 4, y: 5)) == .boundary)
        #expect(grid.cell(at: Coordinate(x: 6.5, y: 5)) == .boundary)
        #expect(grid.cell(at: Coordinate(x: 11, y: 5)) == .outside)
        // A wider hole [2, 8]² leaves cells 3...7 of its interior untouched, all outside.
        let wide = Geometry.polygon(Polygon(
            exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 0, y: 10), Coordinate(x: 0, y: 0)],
            holes: [[Coordinate(x: 2, y: 2), Coordinate(x: 2, y: 8), Coordinate(x: 8, y: 8), Coordinate(x: 8, y: 2), Coordinate(x: 2, y: 2)]]))
        let wideGrid = try #require(try CoverageGrid.grids(for: [wide], cellsOnLongerSide: 10).first)
        #expect(wideGrid.cell(at: Coordinate(x: 5, y: 5)) == .outside)
        #expect(wideGrid.cell(at: Coordinate(x: 1.5, y: 5)) == .inside)
        #expect(wideGrid.cell(at: Coordinate(x: 0.5, y: 5)) == .boundary)  // column 0 holds the edge x = 0
        #expect(wideGrid.classify(Envelope(minX: 4.2, minY: 4.2, maxX: 5.8, maxY: 5.8)) == .outside)
        #expect(wideGrid.classify(Envelope(minX: 1.2, minY: 3.2, maxX: 1.8, maxY: 6.8)) == .inside)
        #expect(wideGrid.classify(Envelope(minX: 3.2, minY: 3.2, maxX: 6.8, maxY: 6.8)) == .outside)
        #expect(wideGrid.classify(Envelope(minX: 0.2, minY: 0.2, maxX: 5, maxY: 5)) == .boundary)
        #expect(wideGrid.classify(Envelope(minX: 20, minY: 20, maxX: 21, maxY: 21)) == .outside)
        // Beyond the envelope on one side: the part outside is outside the polygon.
        #expect(wideGrid.classify(Envelope(minX: -1, minY: 4, maxX: 0.5, maxY: 5)) == .boundary)
    }

    @Test("locate with grids agrees with GEOS's unprepared covers on 4,000 points, boundary points included")
    func locateAgreesWithGEOS() throws {
        let polygons = [Self.holed, try Geometry(wkt: "POLYGON ((10 0, 14 3, 10 6, 12 3, 10 0))"),
                        try Geometry(wkt: "MULTIPOLYGON (((0 12, 3 12, 3 15, 0 12)), ((5 12, 9 12, 7 16, 5 12)))")]
        let index = try GeometryIndex(polygons, tree: EnvelopeTree(polygons.map(\.envelope)), grids: CoverageGrid.grids(for: polygons))
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for step in 0..<4_000 {
            // Every fourth point on a half-unit lattice, so many fall exactly on edges and vertices.
            let point = step % 4 == 0 ? Coordinate(x: (next() * 32).rounded() / 2 - 0.5, y: (next() * 34).rounded() / 2 - 0.5)
                                      : Coordinate(x: next() * 16 - 1, y: next() * 18 - 1)
            let expected = try polygons.indices.filter { try polygons[$0].relates(.point(point), .covers) }
            #expect(try index.locate(point: point).map(\.item) == expected, "point \(point)")
        }
    }

    @Test("distance from a point to a polyline, and the chord bound, by hand")
    func pointToLine() throws {
        #expect(PointToLineDistance.distance(from: Coordinate(x: 0, y: 1), to: [Coordinate(x: -1, y: 0), Coordinate(x: 1, y: 0)]) == 1)
        // Beyond the end (-1, 0): from (3, 4) the nearest point is the far end (0, 0) at 5.
        #expect(PointToLineDistance.distance(from: Coordinate(x: 3, y: 4), to: [Coordinate(x: -1, y: 0), Coordinate(x: 0, y: 0)]) == 5)
        // The tent (0,0)-(1,1)-(2,0) departs 1 from its chord; from (1, 5) the chord is 5 away, the line 4.
        let tent = [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 2, y: 0)]
        let chord = try #require(ChordBound(tent))
        #expect(chord.departure == 1)
        #expect(chord.lowerBound(from: Coordinate(x: 1, y: 5)) == 4)
        #expect(PointToLineDistance.distance(from: Coordinate(x: 1, y: 5), to: tent) == 4)
    }

    @Test("nearest line to a point and to a polygon agrees with GEOS's distance over every line")
    func nearestAgreesWithGEOS() throws {
        var random = SeededUniform(state: 11)
        func next() -> Double { random.next() }
        // 300 wiggly 32-vertex lines over a 1000 x 1000 square.
        let lines: [Geometry] = (0..<300).map { _ in
            let x0 = next() * 1000, y0 = next() * 1000, heading = next() * 6.283
            return .lineString((0..<32).map { k in
                let t = Double(k) * 3
                return Coordinate(x: x0 + t * cos(heading) + 4 * sin(t), y: y0 + t * sin(heading) + 4 * cos(t / 2))
            })
        }
        let index = try GeometryIndex(lines)
        for _ in 0..<300 {
            let point = Coordinate(x: next() * 1200 - 100, y: next() * 1200 - 100)
            let expected = try lines.map { try $0.planarDistance(to: .point(point)) }.min() ?? .infinity
            let found = try #require(try index.nearest(toPoint: point))
            #expect(abs(found.distance - expected) < 1e-9, "point \(point)")
            let square = Geometry.polygon(Polygon(exterior: [point, Coordinate(x: point.x + 5, y: point.y), Coordinate(x: point.x + 5, y: point.y + 5),
                                                             Coordinate(x: point.x, y: point.y + 5), point]))
            let expectedSquare = try lines.map { try $0.planarDistance(to: square) }.min() ?? .infinity
            let foundSquare = try #require(try index.nearest(to: square))
            #expect(abs(foundSquare.distance - expectedSquare) < 1e-9, "square at \(point)")
        }
    }

    @Test("a batch of points answered from grid cells finds what GEOS finds over every line, ties to the lower line")
    func nearestByCellsAgreesWithGEOS() throws {
        var random = SeededUniform(state: 29)
        func next() -> Double { random.next() }
        // 40 wiggly lines in a 1000 x 1000 square, as river banks are pieces of a few dozen vertices.
        let lines: [Geometry] = (0..<40).map { _ in
            let x0 = next() * 1000, y0 = next() * 1000, heading = next() * 6.283
            return .lineString((0..<24).map { k in
                let t = Double(k) * 4
                return Coordinate(x: x0 + t * cos(heading) + 3 * sin(t), y: y0 + t * sin(heading))
            })
        }
        let index = try GeometryIndex(lines)
        // 1,500 points in 30 clusters (so cells are asked again and again), some far outside the lines.
        let centres = (0..<30).map { _ in Coordinate(x: next() * 3000 - 1000, y: next() * 3000 - 1000) }
        for number in 0..<1500 {
            let centre = centres[number % centres.count]
            let point = Coordinate(x: centre.x + next() * 100 - 50, y: centre.y + next() * 100 - 50)
            let distances = try lines.map { try $0.planarDistance(to: .point(point)) }
            let expected = distances.min() ?? .infinity
            let found = try #require(try index.nearest(toPoint: point))
            #expect(abs(found.distance - expected) < 1e-9, "point \(number) \(point)")
            #expect(abs(distances[found.item] - expected) < 1e-9, "point \(number): line \(found.item) is not a nearest one")
        }

        // Two lines meeting at (0, 0): from (0, 5) both are 5 away, and the lower one is the answer.
        let meeting = try GeometryIndex([
            .lineString([Coordinate(x: 10, y: 0), Coordinate(x: 0, y: 0)]),
            .lineString([Coordinate(x: 0, y: 0), Coordinate(x: -10, y: 0)]),
            .lineString([Coordinate(x: 500, y: 500), Coordinate(x: 510, y: 500)]),
        ])
        // Enough points first that the index answers from its cells.
        for k in 0..<100 { _ = try meeting.nearest(toPoint: Coordinate(x: Double(k), y: 40)) }
        let tie = try #require(try meeting.nearest(toPoint: Coordinate(x: 0, y: 5)))
        #expect(tie.item == 0)
        #expect(tie.distance == 5)
        // Far beyond the grid (which reaches half the lines' extent past them): still answered, by the tree.
        let far = try #require(try meeting.nearest(toPoint: Coordinate(x: 100_000, y: 500)))
        #expect(far.item == 2)
        #expect(abs(far.distance - 99_490) < 1e-9)
    }
}

/// Uniform numbers in [0, 1) from a fixed seed (Knuth's MMIX linear congruential generator), so that the
/// random cases are the same on every run.
struct SeededUniform {
    var state: UInt64

    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}
