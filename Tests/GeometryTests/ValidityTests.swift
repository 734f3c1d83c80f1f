import Geometry
import Testing
import Wording

@Suite("Validity and explicit repair")
struct ValidityTests {
    // A bow-tie: the edges (0 0)-(10 10) and (10 0)-(0 10) cross at (5 5), by hand.
    static let bowTie = "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))"

    @Test("a self-intersecting polygon is invalid, with GEOS's reason and the crossing point")
    func selfIntersection() throws {
        let report = try Geometry(wkt: Self.bowTie).validity()
        #expect(!report.isValid)
        #expect(report.reason == "Self-intersection")
        #expect(report.location == Coordinate(x: 5, y: 5))
        #expect(report.message(.zh) == "几何无效：自相交（Self-intersection），位置 (5.0, 5.0)")
    }

    @Test("a valid polygon with a hole is valid")
    func valid() throws {
        let report = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))").validity()
        #expect(report.isValid && report.reason == nil)
    }

    @Test("a hole outside its shell is reported as such")
    func holeOutside() throws {
        let report = try Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 20 22, 22 22, 22 20, 20 20))").validity()
        #expect(report.reason == "Hole lies outside shell")
    }

    @Test("repairing the bow-tie gives two triangles of 25 each and says what changed")
    func repairBowTie() throws {
        let repair = try Geometry(wkt: Self.bowTie).repaired()
        // By hand: triangles (0 0, 5 5, 0 10) and (10 0, 10 10, 5 5), each 10 * 5 / 2 = 25.
        #expect(repair.geometry.typeName == "MultiPolygon")
        #expect(try repair.geometry.planarArea() == 50)
        #expect(try repair.geometry.validity().isValid)
        #expect(repair.changes.contains(.typeChanged(from: "Polygon", to: "MultiPolygon")))
        #expect(repair.changes.contains(.partCountChanged(from: 1, to: 2)))
        // The bow-tie's signed shoelace area is 0 (its two lobes cancel), so GEOS reports 0 before.
        #expect(repair.changes.contains(.areaChanged(from: 0, to: 50)))
        if case .wasInvalid(let report)? = repair.changes.first { #expect(report.reason == "Self-intersection") }
        else { Issue.record("first change should be the validity report") }
    }

    @Test("repairing a valid geometry changes nothing")
    func repairValid() throws {
        let square = try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))")
        let repair = try square.repaired()
        #expect(repair.geometry == square && repair.changes.isEmpty)
    }
}
