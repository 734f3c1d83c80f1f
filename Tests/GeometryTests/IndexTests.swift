import Geometry
import Testing

/// A 10 x 10 grid of unit squares, cell (i, j) = [i, i+1] x [j, j+1], stored at index 10 * j + i.
/// Every expected answer below is worked out by hand from that layout.
@Suite("Static spatial index")
struct IndexTests {
    static func cell(_ i: Int, _ j: Int) -> Geometry {
        let x = Double(i), y = Double(j)
        return .polygon(Polygon(exterior: [Coordinate(x: x, y: y), Coordinate(x: x + 1, y: y), Coordinate(x: x + 1, y: y + 1),
                                           Coordinate(x: x, y: y + 1), Coordinate(x: x, y: y)]))
    }

    static let cells: [Geometry] = (0..<10).flatMap { j in (0..<10).map { i in cell(i, j) } }

    @Test("a point inside one cell is covered by that cell only")
    func pointInside() throws {
        let index = try GeometryIndex(Self.cells)
        #expect(try index.query(point: Coordinate(x: 3.5, y: 4.5), .coveredBy) == [43])
        #expect(try index.query(point: Coordinate(x: 3.5, y: 4.5), .within) == [43])
    }

    @Test("a point on a shared vertex lies in all four cells around it (covers), in none by within")
    func pointOnVertex() throws {
        let index = try GeometryIndex(Self.cells)
        // Vertex (3, 4) is a corner of cells (2,3), (3,3), (2,4), (3,4).
        #expect(try index.query(point: Coordinate(x: 3, y: 4), .coveredBy) == [32, 33, 42, 43])
        #expect(try index.query(point: Coordinate(x: 3, y: 4), .within) == [])
        #expect(try index.query(point: Coordinate(x: 3, y: 4), .touches) == [32, 33, 42, 43])
    }

    @Test("a polygon query answers pairs (query i, item j) in order")
    func pairs() throws {
        let index = try GeometryIndex(Self.cells)
        let queries = [
            try Geometry(wkt: "POLYGON ((0.5 0.5, 1.5 0.5, 1.5 0.9, 0.5 0.9, 0.5 0.5))"),  // straddles cells 0 and 1
            try Geometry(wkt: "POLYGON ((20 20, 21 20, 21 21, 20 20))"),                 // outside the grid
            try Geometry(wkt: "POLYGON ((9.2 9.2, 9.8 9.2, 9.8 9.8, 9.2 9.2))"),         // inside cell 99
        ]
        #expect(try index.query(queries, .intersects) == [IndexPair(query: 0, item: 0), IndexPair(query: 0, item: 1),
                                                          IndexPair(query: 2, item: 99)])
        #expect(try index.query(queries, .within) == [IndexPair(query: 2, item: 99)])
        #expect(try index.query(queries, .contains) == [])
    }

    @Test("covers and contains from the query's side: a 2 x 2 block covers 4 cells and touches 12 more")
    func blockQuery() throws {
        let index = try GeometryIndex(Self.cells)
        let block = try Geometry(wkt: "POLYGON ((2 2, 4 2, 4 4, 2 4, 2 2))")
        #expect(try index.query(block, .covers) == [22, 23, 32, 33])
        #expect(try index.query(block, .contains) == [22, 23, 32, 33])
        // Ring of cells around the block, i in 1...4, j in 1...4, minus the four inside: 16 - 4 = 12.
        #expect(try index.query(block, .touches).count == 12)
        #expect(try index.query(block, .disjoint).count == 100 - 16)
    }

    @Test("withinDistance finds cells whose edge is within the distance")
    func withinDistance() throws {
        let index = try GeometryIndex(Self.cells)
        // Point (-0.5, 0.5): 0.5 from cell 0, 1.5 from cell 1, and (0.5, 0.5)→ cell 10 at 0.5·√2 ≈ 0.707.
        #expect(try index.query(point: Coordinate(x: -0.5, y: 0.5), .withinDistance(0.6)) == [0])
        #expect(try index.query(point: Coordinate(x: -0.5, y: 0.5), .withinDistance(0.75)) == [0, 10])
    }

    @Test("nearest item and its distance, with a filter")
    func nearest() throws {
        let index = try GeometryIndex(Self.cells)
        let found = try #require(try index.nearest(to: .point(Coordinate(x: -2, y: 0.5))))
        #expect(found.item == 0 && found.distance == 2)
        // Excluding column 0 (i == 0) the nearest is cell 1 at distance 3.
        let filtered = try #require(try index.nearest(to: .point(Coordinate(x: -2, y: 0.5)), where: { $0 % 10 != 0 }))
        #expect(filtered.item == 1 && filtered.distance == 3)
        #expect(try index.nearest(to: .point(Coordinate(x: -2, y: 0.5)), maxDistance: 1.5) == nil)
        // A point inside cell 55 is at distance 0 from it.
        let inside = try #require(try index.nearest(to: .point(Coordinate(x: 5.5, y: 5.5))))
        #expect(inside.item == 55 && inside.distance == 0)
    }

    @Test("the envelope tree answers exactly the envelope-intersecting items, for many trees shapes")
    func envelopeSearch() {
        for capacity in [2, 4, 16] {
            let tree = EnvelopeTree(Self.cells.map(\.envelope), nodeCapacity: capacity)
            // Envelope [2.5, 4.5] x [0.5, 1.5] meets cells i in 2...4, j in 0...1: 6 cells.
            let found = tree.search(Envelope(minX: 2.5, minY: 0.5, maxX: 4.5, maxY: 1.5)).sorted()
            #expect(found == [2, 3, 4, 12, 13, 14], "capacity \(capacity)")
            #expect(tree.byteCount >= 100 * MemoryLayout<Envelope>.stride)
        }
    }

    @Test("an empty index answers nothing")
    func emptyIndex() throws {
        let index = try GeometryIndex([])
        #expect(try index.query(point: Coordinate(x: 0, y: 0), .intersects) == [])
        #expect(try index.nearest(to: .point(Coordinate(x: 0, y: 0))) == nil)
    }

    @Test("workers sharing one tree, each with its own prepared geometries, give the same answers")
    func sharedTree() async throws {
        let cells = Self.cells
        let tree = EnvelopeTree(cells.map(\.envelope))
        let answers = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let index = try GeometryIndex(cells, tree: tree)
                    return try (0..<10).map { try index.query(point: Coordinate(x: Double($0) + 0.5, y: 7.5), .coveredBy)[0] }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers == [Array(70..<80), Array(70..<80)])
    }
}
