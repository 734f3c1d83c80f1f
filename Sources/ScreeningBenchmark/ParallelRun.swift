import Dispatch
import Foundation
import Synchronization
import Zoning

/// Runs one workload over all sites on `threads` threads, each with its own engine (engines hold
/// prepared GEOS geometries and are not shared), built and warmed before the clock starts. Every
/// round starts all threads together and ends when the last one finishes; the best round counts.
struct ParallelRun {
    let dataset: Dataset
    let threads: Int
    let rounds: Int

    struct Outcome {
        let seconds: Double
        /// Sites the workload could not answer (outside the dataset, say), per round.
        let failures: Int
    }

    func run(_ sites: [Site], _ work: @escaping @Sendable (ScreeningEngine, Site) -> Bool) -> Outcome {
        let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let failures = Mutex(0)
        let setupError = Mutex<String?>(nil)
        let slices = (0..<threads).map { thread in
            let size = (sites.count + threads - 1) / threads
            return Array(sites[min(sites.count, thread * size)..<min(sites.count, (thread + 1) * size)])
        }
        let rounds = rounds
        for slice in slices {
            let thread = Thread {
                var engine: ScreeningEngine?
                do {
                    engine = try ScreeningEngine(dataset: dataset)
                    try engine?.warmUp()
                } catch {
                    setupError.withLock { $0 = "\(error)" }
                }
                for _ in 0..<rounds {
                    ready.signal()
                    go.wait()
                    var failed = 0
                    if let engine {
                        for site in slice where !work(engine, site) { failed += 1 }
                    }
                    failures.withLock { $0 += failed }
                    finished.signal()
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var best = Double.infinity
        for _ in 0..<rounds {
            for _ in slices { ready.wait() }
            let start = ContinuousClock.now
            for _ in slices { go.signal() }
            for _ in slices { finished.wait() }
            best = min(best, seconds(ContinuousClock.now - start))
        }
        if let message = setupError.withLock({ $0 }) { print("engine setup failed: \(message)") }
        return Outcome(seconds: best, failures: failures.withLock { $0 } / max(1, rounds))
    }
}
