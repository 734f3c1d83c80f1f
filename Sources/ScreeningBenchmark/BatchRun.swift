import Foundation
import Formats
import Reports
import Zoning

/// The parcels through `BatchScreening` on an `EnginePool`, as `zonescreen screen` runs a file: one
/// engine per thread, results handed back in input order; with and without turning each result into
/// JSON on the thread. Unlike `ParallelRun` this includes making the threads' engines and the
/// ordered hand-back.
enum BatchRun {
    static func measure(_ sites: [Site], dataset: Dataset, workerCounts: [Int]) throws -> Table {
        var table = Table(["batch (EnginePool + BatchScreening, engines made inside)", "workers", "sites", "sites/s", "speed-up"], rightAligned: [1, 2, 3, 4])
        for json in [false, true] {
            var single = 0.0
            for workers in workerCounts {
                let answers = AnswerRenderer(dataset: dataset, language: .zh, detail: .reasons)
                let (summary, elapsed) = try timed { () throws -> BatchSummary in
                    let pool = BatchEngines.pool(dataset: dataset, threads: workers)
                    defer { pool.shutDown() }
                    let screener = BatchScreening(pool: pool) { item -> Int in
                        guard json, case .success(let result) = item.outcome else { return 0 }
                        return answers.json(result).count
                    }
                    let feeder = Thread {
                        for site in sites { screener.submit(BatchJob(label: .name(""), feature: nil, site: .success(site))) }
                        screener.finish()
                    }
                    feeder.start()
                    return try screener.results { _, _ in }
                }
                if workers == 1 { single = elapsed }
                table.add([json ? "full results, JSON per result (reasons)" : "full results", "\(workers)", grouped(Double(summary.total)),
                           grouped(Double(summary.total) / elapsed), String(format: "%.2f×", single / elapsed)])
            }
        }
        return table
    }
}
