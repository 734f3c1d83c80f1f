import Geometry
import Testing
import Wording

/// Bad input is told apart from library failures, with a message naming the problem.
@Suite("Input checks before GEOS sees a geometry")
struct StructureTests {
    static let unclosed = Geometry.polygon(Polygon(exterior: [
        Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1),
    ]))

    @Test("a ring whose last point is not its first is refused, naming the ring and both points")
    func ringNotClosed() {
        #expect(throws: GeometryError.invalidInput(.ringNotClosed(ring: 0, first: Coordinate(x: 0, y: 0), last: Coordinate(x: 0, y: 1)))) {
            try Self.unclosed.planarArea()
        }
        let message = GeometryError.invalidInput(.ringNotClosed(ring: 0, first: Coordinate(x: 0, y: 0), last: Coordinate(x: 0, y: 1))).message(.zh)
        #expect(message == "第 1 个环未闭合：首点 (0.0, 0.0) 与末点 (0.0, 1.0) 不同")
    }

    @Test("too few points: a ring needs 4 (closed triangle), a line 2")
    func tooFewPoints() {
        let triangleOpen = Geometry.polygon(Polygon(exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 0, y: 0)]))
        #expect(throws: GeometryError.invalidInput(.tooFewPoints(kind: "LinearRing", count: 3, minimum: 4))) {
            try triangleOpen.validity()
        }
        #expect(throws: GeometryError.invalidInput(.tooFewPoints(kind: "LineString", count: 1, minimum: 2))) {
            try Geometry.lineString([Coordinate(x: 0, y: 0)]).planarLength()
        }
    }

    @Test("NaN and infinity are refused with the coordinate's position")
    func nonFinite() {
        let line = Geometry.lineString([Coordinate(x: 0, y: 0), Coordinate(x: .nan, y: 1)])
        #expect(throws: GeometryError.invalidInput(.nonFiniteCoordinate(index: 1))) { try line.planarLength() }
        #expect(throws: GeometryError.invalidInput(.nonFiniteCoordinate(index: 0))) {
            try PreparedGeometry(Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 0))")).relates(point: Coordinate(x: .infinity, y: 0), .covers)
        }
    }

    @Test("latitude beyond 90 degrees is refused by geodesic measures")
    func latitudeRange() {
        #expect(throws: GeometryError.invalidInput(.latitudeOutOfRange(index: 1, latitude: 95))) {
            try Geometry.lineString([Coordinate(lon: 100, lat: 30), Coordinate(lon: 100, lat: 95)]).length()
        }
    }

    @Test("empty geometries where an answer needs a shape")
    func empty() {
        #expect(throws: GeometryError.invalidInput(.emptyGeometry(operation: "nearest points"))) {
            try Geometry.multiPolygon([]).nearestPoints(to: .point(Coordinate(x: 0, y: 0)))
        }
    }

    @Test("a negative or NaN distance for withinDistance is an input error")
    func badDistance() {
        let square = try! Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")
        #expect(throws: GeometryError.invalidInput(.invalidDistance(-1))) { try square.relates(square, .withinDistance(-1)) }
    }
}
