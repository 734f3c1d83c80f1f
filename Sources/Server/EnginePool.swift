import Foundation
import Geometry
import Zoning

/// A fixed set of screening engines lent to one request at a time, which bounds concurrency and
/// never lets two threads use the same prepared geometries.
///
/// `@unchecked Sendable` is safe: `engines` is written only in `init`; an engine is reached only
/// through `withEngine`, which holds its index from `leases` for the whole call, and `leases` hands
/// each index to one caller at a time. `Leases` is an actor, so its own state is protected.
final class EnginePool: @unchecked Sendable {
    private let engines: [ScreeningEngine]
    private let leases: Leases

    init(dataset: Dataset, size: Int) throws(GeometryError) {
        var engines: [ScreeningEngine] = []
        for _ in 0..<max(1, size) { engines.append(try ScreeningEngine(dataset: dataset)) }
        self.engines = engines
        self.leases = Leases(count: engines.count)
    }

    /// Runs `body` with an engine of its own, waiting for one to be free.
    func withEngine<T: Sendable>(_ body: (ScreeningEngine) throws -> T) async throws -> T {
        let index = try await leases.acquire()
        let result = Result { try body(engines[index]) }
        await leases.release(index)
        return try result.get()
    }

    private actor Leases {
        private var free: [Int]
        private var waiting: [CheckedContinuation<Int, Error>] = []

        init(count: Int) { free = Array(0..<count) }

        func acquire() async throws -> Int {
            if let index = free.popLast() { return index }
            return try await withCheckedThrowingContinuation { waiting.append($0) }
        }

        func release(_ index: Int) {
            if waiting.isEmpty { free.append(index) } else { waiting.removeFirst().resume(returning: index) }
        }
    }
}
