import Foundation
import Formats

/// The one place engines run in parallel: `threads` threads, each with an engine of its own made on
/// that thread (engines hold prepared GEOS geometries and GEOS contexts, which are not thread-safe,
/// so an engine never leaves its thread), taking jobs from one queue in arrival order.
///
/// Screening is CPU work that blocks: it runs here, never on the async executor's few threads, where
/// it would stall every other request. Three ways in, all on the same threads:
/// - `submit` (async): one job, its result awaited without holding an executor thread; cancelling
///   the awaiting task answers at once, drops the job if it has not started, and otherwise sets its
///   `WorkCancellation`, so the job stops at its next check (between features, in GDAL's reads, in
///   long loops). A thread whose job has not stopped yet takes no other job until it has.
/// - `inOrder` (async): many inputs in batches, outputs handed back in input order.
/// - `OrderedStream` (for plain threads): inputs submitted by one thread as they are read, outputs
///   taken by another in input order, with bounded memory.
///
/// A job that is short whatever its input (the service's single point) may instead borrow one of
/// `EngineLeases`' engines and run on the caller's thread: the hand-off here costs more than it does.
///
/// `Engine` need not be Sendable: it is made, used and dropped on its own thread. When the pool is
/// released its threads end after their current job; `shutDown()` also waits for them (a process must
/// not exit while a thread is still in GEOS or PROJ, whose global state C++ tears down at exit).
public final class EnginePool<Engine>: Sendable {
    public let threads: Int
    let queue: PoolQueue<Engine>

    /// Starts `threads` threads (at least one), each making its engine with `makeEngine`. Returns at
    /// once; jobs wait in the queue while the engines are made. A thread whose engine could not be
    /// made fails every job it takes with that error (see `ready()`).
    public init(threads: Int, name: String = "zs-engine", stackSize: Int = 8 << 20, makeEngine: @escaping @Sendable () throws -> Engine) {
        self.threads = max(1, threads)
        let queue = PoolQueue<Engine>(threads: self.threads)
        self.queue = queue
        for number in 0..<self.threads {
            let thread = Thread {
                // A name for debuggers and profilers (at most 15 bytes on Linux); nothing depends on it.
                Thread.current.name = "\(name)-\(number + 1)"
                let engine = Result { try makeEngine() }
                queue.engineMade(failure: engine.failure)
                while let job = queue.next() { job.run(engine) }
                queue.threadEnded()
            }
            thread.stackSize = stackSize
            thread.start()
        }
    }

    deinit { queue.close() }

    /// Waits until every thread has made its engine; throws the first failure.
    public func ready() throws {
        if let failure = queue.waitUntilReady() { throw failure }
    }

    /// Lets the threads end once the jobs already queued are done, and waits until they have.
    public func shutDown() {
        queue.close()
        queue.waitForThreads()
    }

    /// Runs `body` on an engine thread and waits for it without holding an executor thread. Throws
    /// `CancellationError` as soon as the calling task is cancelled, whatever the job is doing.
    public func submit<T: Sendable>(_ body: @escaping @Sendable (Engine) throws -> T) async throws -> T {
        let slot = AnswerSlot<T>()
        let cancellation = WorkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                guard slot.wait(with: continuation) else { return }
                queue.add(PoolJob { engine in
                    guard !slot.isSettled else { return }
                    slot.settle(Result { try cancellation.run { try body(try engine.get()) } })
                })
            }
        } onCancel: {
            cancellation.cancel()
            slot.settle(.failure(CancellationError()))
        }
    }
}

/// One piece of work, run by whichever thread takes it, with that thread's engine (or why it has none).
struct PoolJob<Engine>: Sendable {
    let run: @Sendable (Result<Engine, any Error>) -> Void
}

fileprivate extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}

/// The jobs waiting for a thread, in arrival order, and the threads' comings and goings.
///
/// `@unchecked Sendable` is safe: every stored property is read and written only while `condition`
/// is locked (each method takes the lock for its whole body), and the jobs are Sendable.
final class PoolQueue<Engine>: @unchecked Sendable {
    private let condition = NSCondition()
    private let threads: Int
    private var jobs: [PoolJob<Engine>] = []
    /// Where the next job is in `jobs`: taking from the front without moving the rest each time.
    private var head = 0
    private var closed = false
    private var enginesMade = 0
    private var engineFailure: (any Error)?
    private var threadsEnded = 0

    init(threads: Int) { self.threads = threads }

    func add(_ job: PoolJob<Engine>) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        // Broadcast, not signal: callers of `waitUntilReady` and `waitForThreads` wait on the same condition.
        condition.broadcast()
    }

    /// The next job, waiting for one; nil once the queue is closed and empty.
    func next() -> PoolJob<Engine>? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed { condition.wait() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head == jobs.count || head > 1024 {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// No more jobs will come: each thread ends once the queue is empty.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    func engineMade(failure: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        enginesMade += 1
        if engineFailure == nil { engineFailure = failure }
        condition.broadcast()
    }

    func waitUntilReady() -> (any Error)? {
        condition.lock()
        defer { condition.unlock() }
        while enginesMade < threads { condition.wait() }
        return engineFailure
    }

    func threadEnded() {
        condition.lock()
        defer { condition.unlock() }
        threadsEnded += 1
        condition.broadcast()
    }

    func waitForThreads() {
        condition.lock()
        defer { condition.unlock() }
        while threadsEnded < threads { condition.wait() }
    }
}
