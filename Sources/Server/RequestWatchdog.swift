import Foundation

/// Enforces the per-request timeout with one shared timer instead of a sleeping task per request:
/// on this platform a cancelled `Task.sleep` keeps its timer (and memory) until the original
/// deadline, which at thousands of requests a second grew the service by hundreds of megabytes.
///
/// `@unchecked Sendable` is safe: `entries`, `nextID` and `started` are touched only under `lock`.
final class RequestWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [UInt64: (deadline: ContinuousClock.Instant, cancel: @Sendable () -> Void)] = [:]
    private var nextID: UInt64 = 0
    private var started = false
    private let tick: Duration

    init(tick: Duration = .milliseconds(100)) {
        self.tick = tick
    }

    /// Runs `work` as a task that is cancelled if it is still running `timeout` from now. The caller
    /// gets `CancellationError` at the deadline even if the work has not noticed its cancellation yet
    /// (a blocking step that checks only between steps): the answer never waits for the work.
    func run<T: Sendable>(timeout: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        let task = Task { outcome.settle(await Result(catching: work)) }
        let stop: @Sendable () -> Void = {
            task.cancel()
            outcome.settle(.failure(CancellationError()))
        }
        let id = register(deadline: .now + timeout, cancel: stop)
        defer { unregister(id) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in outcome.wait(with: continuation) }
        } onCancel: { stop() }
    }

    private func register(deadline: ContinuousClock.Instant, cancel: @escaping @Sendable () -> Void) -> UInt64 {
        let (id, start) = lock.withLock { () -> (UInt64, Bool) in
            nextID += 1
            entries[nextID] = (deadline, cancel)
            defer { started = true }
            return (nextID, !started)
        }
        if start { startTicking() }
        return id
    }

    private func unregister(_ id: UInt64) {
        _ = lock.withLock { entries.removeValue(forKey: id) }
    }

    private func startTicking() {
        let tick = self.tick
        Task.detached { [weak self] in
            while let self {
                try? await Task.sleep(for: tick)
                let now = ContinuousClock.now
                let overdue = self.lock.withLock { () -> [@Sendable () -> Void] in
                    let late = self.entries.filter { $0.value.deadline <= now }
                    for key in late.keys { self.entries.removeValue(forKey: key) }
                    return late.map(\.value.cancel)
                }
                overdue.forEach { $0() }
            }
        }
    }
}

/// The first of the work's result and the deadline, delivered exactly once, whether it comes before
/// or after the caller starts waiting.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    // `@unchecked Sendable`: every stored property is touched only under `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?
    private var result: Result<T, Error>?
    private var delivered = false

    func wait(with continuation: CheckedContinuation<T, Error>) {
        let ready = lock.withLock { () -> Result<T, Error>? in
            guard let result else {
                self.continuation = continuation
                return nil
            }
            delivered = true
            return result
        }
        if let ready { continuation.resume(with: ready) }
    }

    func settle(_ outcome: Result<T, Error>) {
        let waiting = lock.withLock { () -> CheckedContinuation<T, Error>? in
            guard result == nil, !delivered else { return nil }
            result = outcome
            guard let continuation else { return nil }
            self.continuation = nil
            delivered = true
            return continuation
        }
        waiting?.resume(with: outcome)
    }
}

extension Result where Failure == Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
