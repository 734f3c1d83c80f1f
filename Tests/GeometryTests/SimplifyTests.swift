import Geometry
import Testing

/// Simplifying shapes for the web map: worked out by hand on a square whose bottom edge zig-zags.
@Suite("Simplifying for drawing")
struct SimplifyTests {
    // The square [0,100]² whose bottom edge runs (0,0) → (10,0.5) → (20,0) → … → (100,0): a zig-zag of
    // 0.5 m amplitude along the edge.
    static let zigzag: Geometry = {
        var ring = [Coordinate(x: 0, y: 0)]
        for step in 1...10 { ring.append(Coordinate(x: Double(step) * 10, y: step % 2 == 1 ? 0.5 : 0)) }
        ring += [Coordinate(x: 100, y: 100), Coordinate(x: 0, y: 100), Coordinate(x: 0, y: 0)]
        return .polygon(Polygon(exterior: ring))
    }()

    @Test("a tolerance above the zig-zag's amplitude leaves the square's corners; one below it keeps every vertex")
    func tolerance() throws {
        #expect(Self.zigzag.coordinateCount == 14)
        let coarse = try Self.zigzag.simplifiedForDrawing(tolerance: 1)
        // Corners (0,0), (100,0), (100,100), (0,100) and the closing point.
        #expect(coarse.coordinateCount == 5)
        #expect(abs(try coarse.planarArea() - 10_000) < 1e-9)
        let fine = try Self.zigzag.simplifiedForDrawing(tolerance: 0.1)
        #expect(fine.coordinateCount == 14)
        #expect(try fine.validity().isValid)
    }
}
