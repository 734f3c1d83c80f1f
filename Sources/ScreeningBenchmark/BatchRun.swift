import Foundation
import Formats
import Reports
import Zoning

/// The parcels through `BatchScreener`, as `zonescreen screen` runs a file: one engine per worker,
/// results handed back in input order; with and without turning each result into JSON on the worker.
/// Unlike `ParallelRun` this includes building the workers' engines and the ordered hand-back.
enum BatchRun {
    static func measure(_ sites: [Site], dataset: Dataset, workerCounts: [Int]) throws -> Table {
        var table = Table(["batch (BatchScreener, engines built inside)", "workers", "sites", "sites/s", "speed-up"], rightAligned: [1, 2, 3, 4])
        for json in [false, true] {
            var single = 0.0
            for workers in workerCounts {
                let answers = AnswerRenderer(dataset: dataset, language: .zh, detail: .reasons)
                let screener = BatchScreener(dataset: dataset, workers: workers, language: .zh) { item -> Int in
                    guard json, case .success(let result) = item.outcome else { return 0 }
                    return answers.json(result).count
                }
                let (summary, elapsed) = try timed { () throws -> BatchSummary in
                    let feeder = Thread {
                        var submitter = screener.submitter()
                        for site in sites { submitter.submit(BatchJob(label: "", feature: nil, site: .success(site))) }
                        submitter.finish()
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
