import Synchronization

/// Where a job's answer meets the task waiting for it: the answer, or the cancellation, whichever
/// comes first, resumes the task exactly once.
final class AnswerSlot<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<T, Error>)
        /// Settled before the task started waiting (cancelled first).
        case settledEarly(Result<T, Error>)
        case done
    }

    private let state = Mutex<State>(.empty)

    /// The answer is given (or the wait cancelled): a job that finds it so need not run.
    var isSettled: Bool {
        state.withLock { state in
            switch state {
            case .empty, .waiting: false
            case .settledEarly, .done: true
            }
        }
    }

    /// Registers the waiting task; false when it was already settled (and so resumed now).
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
