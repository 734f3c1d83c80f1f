import Foundation

/// A bounded hand-off between the reading thread and the screening workers, and back.
///
/// `@unchecked Sendable` is safe here: every stored property is read and written only while
/// `condition` is locked (each method takes the lock for its whole body), and the values passed in
/// and out are themselves Sendable.
final class WorkQueue<Job: Sendable, Done: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [(number: Int, job: Job)] = []
    private var done: [Int: Done] = [:]
    private var closed = false

    /// Hands a job to the workers.
    func put(_ job: Job, number: Int) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append((number, job))
        condition.broadcast()
    }

    /// No more jobs will come; idle workers stop.
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

    /// The result of job `number`, waiting for it if `wait`; nil if not ready and not waiting.
    func result(_ number: Int, wait: Bool) -> Done? {
        condition.lock()
        defer { condition.unlock() }
        while wait && done[number] == nil { condition.wait() }
        return done.removeValue(forKey: number)
    }
}
