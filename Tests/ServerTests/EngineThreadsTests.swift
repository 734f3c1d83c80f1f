import Datasets
import Dispatch
import Foundation
@testable import Server
import Synchronization
import Testing
import TestSupport
import Zoning

/// The service's engine threads: work runs off the async executor, and a cancelled request stops
/// waiting at once and never runs if it had not started.
@Suite("engine threads")
struct EngineThreadsTests {
    static let tiny: Dataset = {
        do { return try DatasetLoader.load(from: FixtureTable.url("zoning/tiny")) } catch { fatalError("tiny: \(error)") }
    }()

    @Test("the work runs on the engine's own thread, never the caller's: one engine, one thread for every job")
    func ownThread() async throws {
        let engines = try EngineThreads(dataset: Self.tiny, size: 1)
        // Thread identities (pthread_self), not names: Linux does not reliably report a Foundation
        // thread's name.
        var engineThreads = Set<pthread_t>(), callerThreads = Set<pthread_t>()
        for _ in 0..<20 {
            callerThreads.insert(pthread_self())
            engineThreads.insert(try await engines.run { _ in pthread_self() })
        }
        #expect(engineThreads.count == 1)
        #expect(engineThreads.isDisjoint(with: callerThreads))
    }

    @Test("a request cancelled while its job waits behind a busy engine stops waiting, and its job is never run")
    func cancelledWhileQueued() async throws {
        let engines = try EngineThreads(dataset: Self.tiny, size: 1)
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let ranLate = Atomic<Bool>(false)
        // Occupies the only engine until released.
        let busy = Task { try await engines.run { _ in started.signal(); release.wait(); return 1 } }
        await withCheckedContinuation { continuation in DispatchQueue.global().async { started.wait(); continuation.resume() } }
        let queued = Task { try await engines.run { _ in ranLate.store(true, ordering: .relaxed); return 2 } }
        queued.cancel()
        let outcome = await queued.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        release.signal()
        #expect(try await busy.value == 1)
        // Jobs run in order on the one thread: once this one has run, the cancelled one had its turn.
        #expect(try await engines.run { _ in 3 } == 3)
        let cancelledJobRan = ranLate.load(ordering: .relaxed)
        #expect(!cancelledJobRan)
    }

    @Test("a request cancelled while its job runs stops waiting before the job ends")
    func cancelledWhileRunning() async throws {
        let engines = try EngineThreads(dataset: Self.tiny, size: 1)
        let release = DispatchSemaphore(value: 0), started = DispatchSemaphore(value: 0)
        let running = Task { try await engines.run { _ in started.signal(); release.wait(); return 1 } }
        await withCheckedContinuation { continuation in DispatchQueue.global().async { started.wait(); continuation.resume() } }
        running.cancel()
        let outcome = await running.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        release.signal()
        #expect(try await engines.run { _ in 4 } == 4)
    }
}
