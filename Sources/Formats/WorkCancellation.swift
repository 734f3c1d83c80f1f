import Foundation
import Geometry
import Synchronization
import Wording

/// A flag that blocking work on a thread of its own checks as it goes (between features, inside long
/// loops, in GDAL's reads), so that a request that timed out stops its work instead of leaving it to
/// finish unseen. The thread running the work makes the flag current with `run`; the work checks
/// `WorkCancellation.check()`.
public final class WorkCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// The work was stopped because its request was cancelled or timed out.
    public struct Stopped: UserFacingError, Equatable {
        public init() {}
        public func message(_ l: Language) -> String { l.pick("处理已停止（请求已取消或超时）", "the work was stopped (the request was cancelled or timed out)") }
    }

    /// Runs `body` with `self` as this thread's current flag (nested runs restore the outer one).
    public func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let outer = Self.slot.get()
        Self.slot.set(Unmanaged.passRetained(self).toOpaque())
        defer {
            if let mine = Self.slot.get() { Unmanaged<WorkCancellation>.fromOpaque(mine).release() }
            Self.slot.set(outer)
        }
        return try body()
    }

    /// This thread's current flag, if its work can be cancelled.
    public static var current: WorkCancellation? {
        slot.get().map { Unmanaged<WorkCancellation>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Throws when this thread's work has been cancelled; cheap enough for every feature or row.
    public static func check() throws(Stopped) {
        if let current, current.isCancelled { throw Stopped() }
    }

    private static let slot = ThreadSlot()
}

/// One pointer per thread (pthread thread-specific data), for the current cancellation flag.
/// `@unchecked Sendable`: the key is created once and never changes; each thread sees only its own value.
final class ThreadSlot: @unchecked Sendable {
    private var key = pthread_key_t()

    init() { pthread_key_create(&key, nil) }

    func get() -> UnsafeMutableRawPointer? { pthread_getspecific(key) }

    func set(_ value: UnsafeMutableRawPointer?) { pthread_setspecific(key, value) }
}
