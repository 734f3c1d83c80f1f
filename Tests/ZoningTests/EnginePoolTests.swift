import Dispatch
import Foundation
import Formats
import Synchronization
import Testing
import Zoning

/// The one engine runtime: jobs run on the pool's own threads, one engine per thread; a cancelled job
/// stops waiting at once and stops working at its next check; outputs come back in input order
/// however the threads interleave; the submitter is held back when enough work is in flight.
///
/// The "engine" here is a stand-in that remembers the thread that made it: what is under test is
/// where and when work runs, not screening (the batch tests screen real sites through the same pool).
@Suite("engine pool")
struct EnginePoolTests {
    /// Made on its thread; says which thread that was.
    final class ThreadEngine {
        let thread = pthread_self()
    }

    static func pool(_ threads: Int) -> EnginePool<ThreadEngine> {
        EnginePool(threads: threads, name: "zs-test") { ThreadEngine() }
    }

    /// Waits for a semaphore on a thread of its own, so that an async test does not block its executor.
    static func wait(_ semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { continuation in DispatchQueue.global().async { semaphore.wait(); continuation.resume() } }
    }

    @Test("the work runs on the engine's own thread, never the caller's, with the engine made there")
    func ownThread() async throws {
        let pool = Self.pool(1)
        defer { pool.shutDown() }
        // Thread identities (pthread_self), not names: Linux does not reliably report a Foundation
        // thread's name.
        var engineThreads = Set<pthread_t>(), callerThreads = Set<pthread_t>()
        for _ in 0..<20 {
            callerThreads.insert(pthread_self())
            let (ran, made) = try await pool.submit { engine in (pthread_self(), engine.thread) }
            #expect(ran == made)
            engineThreads.insert(ran)
        }
        #expect(engineThreads.count == 1)
        #expect(engineThreads.isDisjoint(with: callerThreads))
    }

    @Test("an engine that cannot be made: ready() says why, and every job fails with it")
    func engineFailure() async throws {
        struct NoEngine: Error {}
        let pool = EnginePool<ThreadEngine>(threads: 2) { throw NoEngine() }
        defer { pool.shutDown() }
        #expect(throws: NoEngine.self) { try pool.ready() }
        await #expect(throws: NoEngine.self) { try await pool.submit { _ in 1 } }
    }

    @Test("a job cancelled while it waits behind a busy engine stops waiting, and is never run")
    func cancelledWhileQueued() async throws {
        let pool = Self.pool(1)
        defer { pool.shutDown() }
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let ranLate = Atomic<Bool>(false)
        // Occupies the only engine until released.
        let busy = Task { try await pool.submit { _ in started.signal(); release.wait(); return 1 } }
        await Self.wait(started)
        let queued = Task { try await pool.submit { _ in ranLate.store(true, ordering: .relaxed); return 2 } }
        queued.cancel()
        let outcome = await queued.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        release.signal()
        #expect(try await busy.value == 1)
        // Jobs run in order on the one thread: once this one has run, the cancelled one had its turn.
        #expect(try await pool.submit { _ in 3 } == 3)
        let cancelledJobRan = ranLate.load(ordering: .relaxed)
        #expect(!cancelledJobRan)
    }

    @Test("a job over many features, cancelled while it runs: the caller stops waiting at once, the job stops at its next check")
    func cancelledWhileRunning() async throws {
        let pool = Self.pool(1)
        defer { pool.shutDown() }
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let processed = Atomic<Int>(0)
        let running = Task {
            try await pool.submit { _ in
                for feature in 0..<10_000 {
                    try WorkCancellation.check()
                    processed.add(1, ordering: .relaxed)
                    // Feature 10 holds the job until the test has cancelled it.
                    if feature == 10 { started.signal(); release.wait() }
                }
                return 1
            }
        }
        await Self.wait(started)
        running.cancel()
        let outcome = await running.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        release.signal()
        // The thread is not reused until the job has stopped: this runs after it.
        #expect(try await pool.submit { _ in 4 } == 4)
        // Features 0...10 were done; the check before feature 11 stopped the job.
        #expect(processed.load(ordering: .relaxed) == 11)
    }

    @Test("the ordered stream gives outputs in input order when a later input finishes first on another thread")
    func streamOrder() throws {
        let pool = Self.pool(2)
        defer { pool.shutDown() }
        let secondDone = DispatchSemaphore(value: 0)
        let waitedInVain = Atomic<Bool>(false)
        let threads = Mutex<Set<pthread_t>>([])
        let misnumbered = Atomic<Int>(0)
        let stream = OrderedStream<ThreadEngine, Int, Int>(pool: pool, batchSize: 1) { _, input, index in
            threads.withLock { _ = $0.insert(pthread_self()) }
            // Input 0 is held until input 1 is done, which only the other thread can do.
            if input == 0, secondDone.wait(timeout: .now() + 30) == .timedOut { waitedInVain.store(true, ordering: .relaxed) }
            if input == 1 { secondDone.signal() }
            if index != input { misnumbered.add(1, ordering: .relaxed) }
            return input * 10
        }
        var outputs: [Int] = []
        try stream.run(Array(0..<500)) { outputs.append($0) }
        let heldInVain = waitedInVain.load(ordering: .relaxed)
        #expect(!heldInVain)
        #expect(threads.withLock { $0.count } == 2)
        #expect(misnumbered.load(ordering: .relaxed) == 0)
        #expect(outputs == (0..<500).map { $0 * 10 })
    }

    @Test("the submitter waits while maximumInFlight batches are not taken: memory is bounded by them, not by the input")
    func boundedInFlight() throws {
        let pool = Self.pool(2)
        defer { pool.shutDown() }
        let worked = Atomic<Int>(0)
        let stream = OrderedStream<ThreadEngine, Int, Int>(pool: pool, batchSize: 3, maximumInFlight: 2) { _, input, _ in
            worked.add(1, ordering: .relaxed)
            return input
        }
        let feeder = Thread {
            for input in 0..<100 { stream.submit(input) }
            stream.finish()
        }
        feeder.start()
        // Nothing is taken yet: two batches of three may be worked on, no more, however long we wait.
        var waited = 0
        while worked.load(ordering: .relaxed) < 6 && waited < 3_000 {
            usleep(10_000)
            waited += 10
        }
        usleep(200_000)
        #expect(worked.load(ordering: .relaxed) == 6)
        var outputs: [Int] = []
        while let output = try stream.next() { outputs.append(output) }
        #expect(outputs == Array(0..<100))
        #expect(worked.load(ordering: .relaxed) == 100)
    }

    @Test("a stream cancelled after its first outputs stops: most inputs are never worked on")
    func streamCancel() throws {
        let pool = Self.pool(2)
        let worked = Atomic<Int>(0)
        let stream = OrderedStream<ThreadEngine, Int, Int>(pool: pool, batchSize: 10) { _, input, _ in
            worked.add(1, ordering: .relaxed)
            return input
        }
        let feeder = Thread {
            for input in 0..<1_000 { stream.submit(input) }
            stream.finish()
        }
        feeder.start()
        var taken = 0
        while taken < 5, try stream.next() != nil { taken += 1 }
        stream.cancel()
        #expect(try stream.next() == nil)
        pool.shutDown()
        // When cancelled, one batch had been taken and at most 2 x 2 threads more were in flight:
        // at most 5 batches of 10 were ever worked on.
        let count = worked.load(ordering: .relaxed)
        #expect(taken == 5)
        #expect(count >= 5 && count <= 50)
    }

    @Test("inOrder: outputs in input order, and a cancelled run stops between features with the rest never worked on")
    func asyncInOrder() async throws {
        let pool = Self.pool(2)
        defer { pool.shutDown() }
        var outputs: [Int] = []
        let misnumbered = Atomic<Int>(0)
        try await pool.inOrder(Array(0..<300), batchSize: 7, { _, input, index in
            if index != input { misnumbered.add(1, ordering: .relaxed) }
            return input + 1
        }, each: { outputs.append($0) })
        #expect(outputs == Array(1...300))
        #expect(misnumbered.load(ordering: .relaxed) == 0)

        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let worked = Atomic<Int>(0)
        let run = Task {
            try await pool.inOrder(Array(0..<1_000), batchSize: 4, { _, input, _ in
                worked.add(1, ordering: .relaxed)
                if input == 2 { started.signal(); release.wait() }
                return input
            }, each: { _ in })
        }
        await Self.wait(started)
        run.cancel()
        let outcome = await run.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        release.signal()
        #expect(try await pool.submit { _ in 5 } == 5)
        // At most 2 x 2 threads batches of 4 were handed out before the cancel; the held batch stopped
        // after its third feature.
        let count = worked.load(ordering: .relaxed)
        #expect(count >= 3 && count <= 16)
    }
}
