import Foundation
import Geometry
import Zoning

/// Runs one workload over all sites on an `EnginePool` of `threads` threads, each with its own engine,
/// made and warmed before the clock starts. Every round hands each thread one slice of the sites and
/// ends when the last slice is done; the best round counts.
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
        let dataset = self.dataset
        let pool = EnginePool(threads: threads, name: "zs-bench") { () throws(GeometryError) in
            let engine = try ScreeningEngine(dataset: dataset)
            try engine.warmUp()
            return engine
        }
        defer { pool.shutDown() }
        do { try pool.ready() } catch {
            print("engine setup failed: \(error)")
            return Outcome(seconds: .nan, failures: sites.count)
        }
        let size = (sites.count + threads - 1) / threads
        let slices = (0..<threads).map { thread in Array(sites[min(sites.count, thread * size)..<min(sites.count, (thread + 1) * size)]) }
        var best = Double.infinity
        var failures = 0
        for _ in 0..<rounds {
            // One slice per job, so each idle thread takes one.
            let stream = OrderedStream<ScreeningEngine, [Site], Int>(pool: pool, batchSize: 1, maximumInFlight: threads) { engine, slice, _ in
                slice.reduce(0) { $0 + (work(engine, $1) ? 0 : 1) }
            }
            var failed = 0
            let elapsed = timed { try? stream.run(slices) { failed += $0 } }.1
            best = min(best, elapsed)
            failures = failed
        }
        return Outcome(seconds: best, failures: failures)
    }
}
