import Geometry
import Testing
import TestSupport

/// Cases from Fixtures/geometry/predicates.csv: each situation in both argument orders, expected
/// values from the DE-9IM definitions (checked with shapely once; see the file's header).
@Suite("Predicates with named boundary semantics")
struct PredicateTests {
    static let table = FixtureTable.load("geometry/predicates.csv")

    @Test("plain predicate matches the reference", arguments: table.rows)
    func plain(row: FixtureTable.Row) throws {
        let a = try Geometry(wkt: row["a"]), b = try Geometry(wkt: row["b"])
        let predicate = try #require(SpatialPredicate(name: row["predicate"]))
        #expect(try a.relates(b, predicate) == row.bool("expected"), "\(row["case"]): \(row["note"])")
    }

    @Test("prepared predicate matches the reference", arguments: table.rows)
    func prepared(row: FixtureTable.Row) throws {
        let a = try PreparedGeometry(Geometry(wkt: row["a"]))
        let predicate = try #require(SpatialPredicate(name: row["predicate"]))
        #expect(try a.relates(Geometry(wkt: row["b"]), predicate) == row.bool("expected"), "\(row["case"])")
    }
}
