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

    /// Runs `work` as a task that is cancelled if it is still running `timeout` from now.
    func run<T: Sendable>(timeout: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await work() }
        let id = register(deadline: .now + timeout) { task.cancel() }
        defer { unregister(id) }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
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
