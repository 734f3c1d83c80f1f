import Foundation

/// The hand-off between the reading thread, the screening workers and the writing thread.
///
/// `@unchecked Sendable` is safe here: every stored property is read and written only while
/// `condition` is locked (each method takes the lock for its whole body), and the values passed in
/// and out are themselves Sendable.
final class WorkQueue<Job: Sendable, Done: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let maximumInFlight: Int
    private var jobs: [(number: Int, job: Job)] = []
    private var done: [Int: Done] = [:]
    private var submitted = 0
    private var delivered = 0
    private var closed = false
    private var finishedWorkers = 0

    init(maximumInFlight: Int) {
        self.maximumInFlight = max(1, maximumInFlight)
    }

    /// Hands a job to the workers, waiting while `maximumInFlight` jobs are not yet delivered.
    func put(_ job: Job) {
        condition.lock()
        defer { condition.unlock() }
        while submitted - delivered >= maximumInFlight && !closed { condition.wait() }
        jobs.append((submitted, job))
        submitted += 1
        condition.broadcast()
    }

    /// No more jobs will come.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    /// A worker's next job, or nil once the queue is closed and empty.
    func take() -> (number: Int, job: Job)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty && !closed { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }

    func complete(_ number: Int, _ result: Done) {
        condition.lock()
        defer { condition.unlock() }
        done[number] = result
        condition.broadcast()
    }

    /// A worker thread has left its loop.
    func workerFinished() {
        condition.lock()
        defer { condition.unlock() }
        finishedWorkers += 1
        condition.broadcast()
    }

    /// Waits until `count` workers have finished: a process must not exit while a worker is still in
    /// GEOS or PROJ, whose global state C++ tears down at exit.
    func waitForWorkers(_ count: Int) {
        condition.lock()
        defer { condition.unlock() }
        while finishedWorkers < count { condition.wait() }
    }

    /// The next result in submission order, waiting for it; nil when the queue is closed and every
    /// result has been delivered.
    func next() -> Done? {
        condition.lock()
        defer { condition.unlock() }
        while done[delivered] == nil && !(closed && delivered == submitted) { condition.wait() }
        guard let result = done.removeValue(forKey: delivered) else { return nil }
        delivered += 1
        condition.broadcast()
        return result
    }
}
