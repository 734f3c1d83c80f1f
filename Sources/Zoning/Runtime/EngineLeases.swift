import Synchronization

/// Engines lent for short jobs that run on the caller's own thread. Screening one point takes tens of
/// microseconds; handing it to an `EnginePool` thread and back (two thread wake-ups, a continuation)
/// cost more than the job itself, and the service's single-point route spent more CPU on the hand-off
/// than on screening. Only work that is short whatever the input may come here: a point, never a
/// polygon (whose overlay can take seconds and must stay cancellable on the pool).
///
/// At most `limit` engines are made, each on first need; a caller that finds none free gets nil and
/// uses the pool instead, so callers never wait here. An engine is used by one thread at a time: it
/// is taken from the idle list under the lock and given back after the job. GEOS and PROJ forbid
/// using one context from two threads at once, not using it from different threads in turn.
public final class EngineLeases<Engine>: Sendable {
    public let limit: Int
    private let makeEngine: @Sendable () throws -> Engine
    private let state = Mutex(State())

    private struct State {
        var idle: [Lease<Engine>] = []
        var made = 0
    }

    public init(limit: Int, makeEngine: @escaping @Sendable () throws -> Engine) {
        self.limit = max(0, limit)
        self.makeEngine = makeEngine
    }

    /// Runs `body` with an engine nobody else is using, on this thread. Nil when every engine is busy
    /// and `limit` are made, or a new one could not be made (the pool then reports why).
    public func withEngine<T>(_ body: (Engine) throws -> T) rethrows -> T? {
        guard let lease = take() else { return nil }
        defer { state.withLock { $0.idle.append(lease) } }
        return try body(lease.engine)
    }

    /// How many engines have been made so far (for tests and figures).
    public var madeCount: Int { state.withLock { $0.made } }

    private func take() -> Lease<Engine>? {
        // An idle lease, or whether this caller may make one.
        let (idle, mayMake): (Lease<Engine>?, Bool) = state.withLock { state in
            if let idle = state.idle.popLast() { return (idle, false) }
            guard state.made < limit else { return (nil, false) }
            state.made += 1
            return (nil, true)
        }
        if let idle { return idle }
        guard mayMake else { return nil }
        do {
            // Made outside the lock: an engine over a national store takes a while to set up.
            return Lease(engine: try makeEngine())
        } catch {
            state.withLock { $0.made -= 1 }
            return nil
        }
    }
}

/// One engine of `EngineLeases`.
///
/// `@unchecked Sendable` is safe: `engine` is touched only inside `EngineLeases.withEngine`, by the
/// thread that took the lease out of the idle list under the lock, and the lease goes back into the
/// list (under the same lock, which orders the accesses) only after that thread is done with it. No
/// two threads ever hold the same lease at once.
final class Lease<Engine>: @unchecked Sendable {
    let engine: Engine
    init(engine: Engine) { self.engine = engine }
}
