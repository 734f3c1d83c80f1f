import Synchronization
import Zoning

/// Engines lent to the request's own thread for work too short to be worth handing to an engine
/// thread: one point costs tens of microseconds, the two thread hand-overs (to an engine thread and
/// back, each a futex wake-up) about as much again. Anything longer (a parcel, a batch, every
/// industry) still goes to `EngineThreads`, where it can be cancelled and cannot hold up the
/// executor. Engines are made on first need, at most `limit` kept idle.
final class InlineEngines: Sendable {
    private let dataset: Dataset
    private let limit: Int
    private let idle = Mutex<[LentEngine]>([])

    init(dataset: Dataset, limit: Int) {
        self.dataset = dataset
        self.limit = max(1, limit)
    }

    /// Runs `body` on this thread with an engine nobody else is using.
    func run<T>(_ body: (ScreeningEngine) throws -> T) throws -> T {
        let lent = try idle.withLock({ $0.popLast() }) ?? LentEngine(try ScreeningEngine(dataset: dataset))
        defer { idle.withLock { if $0.count < limit { $0.append(lent) } } }
        return try body(lent.engine)
    }

    /// Whether a site is short work: a single point.
    static func isShort(_ site: Site) -> Bool {
        if case .point = site.geometry { return true }
        return false
    }
}

/// `@unchecked Sendable`: the engine (prepared GEOS geometries, not thread-safe) is used by one thread
/// at a time: taken out of the idle list under its lock, used, and put back.
final class LentEngine: @unchecked Sendable {
    let engine: ScreeningEngine
    init(_ engine: ScreeningEngine) { self.engine = engine }
}
