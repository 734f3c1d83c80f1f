import Dispatch
import Foundation
import Synchronization
import Testing
import Zoning

/// Engines lent for short jobs on the caller's thread: never two users of one engine at once, never
/// more engines than the limit, an engine reused once given back, and nil (use the pool) when every
/// engine is busy or none can be made.
@Suite("engine leases")
struct EngineLeasesTests {
    /// Counts how many jobs are inside it at once: more than one would mean two threads share it.
    final class CountingEngine: @unchecked Sendable {
        // @unchecked: `inside` is only changed through its atomic operations.
        let serial: Int
        let inside = Atomic<Int>(0)
        init(serial: Int) { self.serial = serial }
    }

    /// How many engines were made.
    final class Serials: Sendable {
        let made = Atomic<Int>(0)
    }

    /// Engines numbered in the order they are made.
    static func leases(limit: Int) -> (EngineLeases<CountingEngine>, Serials) {
        let serials = Serials()
        return (EngineLeases(limit: limit) { CountingEngine(serial: serials.made.add(1, ordering: .relaxed).newValue) }, serials)
    }

    @Test("runs the job on the caller's thread, and gives the same engine back to the next job")
    func callerThreadAndReuse() throws {
        let (leases, _) = Self.leases(limit: 2)
        let caller = pthread_self()
        let first = leases.withEngine { engine in (pthread_self(), engine.serial) }
        let second = leases.withEngine { engine in engine.serial }
        #expect(first?.0 == caller)
        #expect(first?.1 == 1)
        // One caller at a time needs one engine: the second job gets the first engine back.
        #expect(second == 1)
        #expect(leases.madeCount == 1)
    }

    @Test("a job while every engine is lent gets nil: with a limit of 1, a job inside a job")
    func busyGivesNil() {
        let (leases, _) = Self.leases(limit: 1)
        let inner: Int?? = leases.withEngine { _ in leases.withEngine { engine in engine.serial } }
        #expect(inner == .some(nil))
        // Given back afterwards: the next job gets it.
        #expect(leases.withEngine { $0.serial } == 1)
    }

    @Test("a limit of 0 lends nothing, and an engine that cannot be made gives nil, not an error")
    func nothingToLend() {
        #expect(EngineLeases<Int>(limit: 0) { 7 }.withEngine { $0 } == nil)
        struct NoEngine: Error {}
        let failing = EngineLeases<Int>(limit: 2) { throw NoEngine() }
        #expect(failing.withEngine { $0 } == nil)
        #expect(failing.madeCount == 0)
    }

    @Test("an error of the job is the caller's, and the engine still goes back")
    func jobError() {
        struct JobFailed: Error {}
        let (leases, _) = Self.leases(limit: 1)
        #expect(throws: JobFailed.self) { try leases.withEngine { _ in throw JobFailed() } }
        #expect(leases.withEngine { $0.serial } == 1)
    }

    @Test("8 threads × 500 jobs with a limit of 3: never two jobs in one engine, never more than 3 engines")
    func concurrentUse() async {
        let (leases, made) = Self.leases(limit: 3)
        final class Tally: Sendable {
            let shared = Atomic<Int>(0), lent = Atomic<Int>(0)
        }
        let tally = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<500 {
                        let ran: Void? = leases.withEngine { engine in
                            if engine.inside.add(1, ordering: .sequentiallyConsistent).newValue > 1 { tally.shared.add(1, ordering: .relaxed) }
                            // A little work inside, so that jobs overlap.
                            var sum = 0
                            for i in 0..<200 { sum &+= i }
                            precondition(sum > 0)
                            engine.inside.subtract(1, ordering: .sequentiallyConsistent)
                        }
                        if ran != nil { tally.lent.add(1, ordering: .relaxed) }
                    }
                }
            }
        }
        #expect(tally.shared.load(ordering: .relaxed) == 0)
        #expect(made.made.load(ordering: .relaxed) <= 3)
        #expect(leases.madeCount == made.made.load(ordering: .relaxed))
        // Jobs were lent engines (a refusal is allowed, and means the pool takes the job).
        #expect(tally.lent.load(ordering: .relaxed) > 0)
    }
}
