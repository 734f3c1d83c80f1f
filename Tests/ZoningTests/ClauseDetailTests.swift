import Foundation
import Testing
import Zoning

/// Tables ask the engine for the clauses that can decide a verdict only; the verdict and reasons
/// must be those of the complete answer. Checked on every demo site, whose complete answers are
/// themselves checked against Fixtures/demo/expected.csv (DemoDatasetTests).
@Suite("Clause detail")
struct ClauseDetailTests {
    @Test("decisive-only screening gives every demo site the same verdict and reasons, and lists no plain requirement (a clause nobody has read is not one)")
    func sameVerdicts() throws {
        for row in DemoDatasetTests.expected.rows {
            let all = try DemoDatasetTests.screen(row["site"])
            let decisive = try DemoDatasetTests.screen(row["site"], clauses: .decisive)
            #expect(decisive.verdict == all.verdict, "\(row["site"])")
            #expect(decisive.reasons == all.reasons, "\(row["site"])")
            #expect(decisive.possibleReasons == all.possibleReasons, "\(row["site"])")
            #expect(decisive.clauses.allSatisfy { $0.effect != .requirement || $0.reviewWord != nil })
            #expect(Array(decisive.clauses) == all.clauses.filter { $0.effect != .requirement || $0.reviewWord != nil })
        }
    }
}
