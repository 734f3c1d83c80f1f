import Dispatch
import Formats
import Foundation
import Geometry
import Synchronization
import Zoning

/// Screening engines on threads of their own, one engine per thread, taking requests from one queue.
/// Screening is CPU work that blocks: on the async executor's few threads it would stall every other
/// request (health checks, static files) behind it. A request that is cancelled or times out stops
/// waiting at once; if its job has not started, the job is dropped unrun; if it is running, its
/// `WorkCancellation` is set, and the work stops at its next check (between features, in GDAL's reads,
/// in long loops). A thread whose job has not stopped yet takes no other job until it has: the
/// requests behind it go to the other threads or wait, each answered by its own deadline.
final class EngineThreads: Sendable {
    private let queue: JobQueue

    /// Starts `size` threads, each building its engine from `dataset`; returns when all are ready.
    init(dataset: Dataset, size: Int) throws(GeometryError) {
        let count = max(1, size)
        queue = JobQueue(threads: count)
        let ready = DispatchSemaphore(value: 0)
        let failure = Mutex<GeometryError?>(nil)
        for number in 0..<count {
            let queue = self.queue
            let thread = Thread {
                // A name for debuggers and profilers (at most 15 bytes on Linux); nothing depends on it.
                Thread.current.name = "zs-engine-\(number + 1)"
                let engine: ScreeningEngine
                do { engine = try ScreeningEngine(dataset: dataset) } catch {
                    let reason = error as? GeometryError ?? .libraryFailed(library: "ZoneScreen", operation: "engine", message: "\(error)")
                    failure.withLock { $0 = reason }
                    ready.signal()
                    return
                }
                ready.signal()
                while let job = queue.next() { job.run(engine) }
            }
            thread.start()
        }
        for _ in 0..<count { ready.wait() }
        if let error = failure.withLock({ $0 }) {
            queue.close()
            throw error
        }
    }

    deinit { queue.close() }

    /// Runs `body` on an engine thread and waits for it without holding an executor thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (ScreeningEngine) throws -> T) async throws -> T {
        let slot = AnswerSlot<T>()
        let cancellation = WorkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                guard slot.wait(with: continuation) else { return }
                queue.add(Job { engine in
                    guard !slot.isSettled else { return }
                    slot.settle(Result { try cancellation.run { try body(engine) } })
                })
            }
        } onCancel: {
            cancellation.cancel()
            slot.settle(.failure(CancellationError()))
        }
    }
}

/// One request's work, run by whichever engine thread takes it.
private struct Job: Sendable {
    let run: @Sendable (ScreeningEngine) -> Void
}

/// Jobs in arrival order; engine threads sleep on the semaphore until there is one.
private final class JobQueue: Sendable {
    private let jobs = Mutex<(waiting: [Job], closed: Bool)>(([], false))
    private let available = DispatchSemaphore(value: 0)
    private let threads: Int

    init(threads: Int) { self.threads = threads }

    func add(_ job: Job) {
        jobs.withLock { $0.waiting.append(job) }
        available.signal()
    }

    /// The next job, waiting for one; nil once the queue is closed.
    func next() -> Job? {
        while true {
            available.wait()
            let (job, closed) = jobs.withLock { state -> (Job?, Bool) in
                if state.closed { return (nil, true) }
                return (state.waiting.isEmpty ? nil : state.waiting.removeFirst(), false)
            }
            if closed { return nil }
            if let job { return job }
        }
    }

    /// Ends every thread: each takes one of these signals (now if asleep, after its job if busy).
    func close() {
        jobs.withLock { $0.closed = true }
        for _ in 0..<threads { available.signal() }
    }
}

/// Where a job's answer meets the request waiting for it: the answer, or the cancellation, whichever
/// comes first, resumes the request exactly once.
private final class AnswerSlot<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<T, Error>)
        /// Settled before the request started waiting (cancelled first).
        case settledEarly(Result<T, Error>)
        case done
    }

    private let state = Mutex<State>(.empty)

    var isSettled: Bool {
        state.withLock { if case .waiting = $0 { false } else { true } }
    }

    /// Registers the waiting request; false when it was already settled (and so resumed now).
    func wait(with continuation: CheckedContinuation<T, Error>) -> Bool {
        let early: Result<T, Error>? = state.withLock { state in
            if case .settledEarly(let result) = state {
                state = .done
                return result
            }
            state = .waiting(continuation)
            return nil
        }
        guard let early else { return true }
        continuation.resume(with: early)
        return false
    }

    func settle(_ result: Result<T, Error>) {
        let continuation: CheckedContinuation<T, Error>? = state.withLock { state in
            switch state {
            case .empty:
                state = .settledEarly(result)
                return nil
            case .waiting(let continuation):
                state = .done
                return continuation
            case .settledEarly, .done:
                return nil
            }
        }
        continuation?.resume(with: result)
    }
}
