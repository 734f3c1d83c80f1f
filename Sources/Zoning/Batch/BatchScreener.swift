import Foundation
import Formats
import Geometry

/// One site of a batch as read: what to screen, or why it could not even be read.
public struct BatchJob: Sendable {
    public var label: String
    public var feature: Feature?
    public var site: Result<Site, BatchInputError>

    public init(label: String, feature: Feature?, site: Result<Site, BatchInputError>) {
        self.label = label
        self.feature = feature
        self.site = site
    }
}

/// A site that could not be read or turned into a `Site` (bad feature, unknown industry ...).
public struct BatchInputError: Error, Sendable {
    public let message: String

    public init(message: String) {
        self.message = message
    }
}

/// One site's outcome, in input order.
public struct BatchItem: Sendable {
    public let index: Int
    public let label: String
    public let feature: Feature?
    public let outcome: Result<ScreeningResult, BatchInputError>
}

/// Screens a stream of sites on several workers, each with its own engine (prepared geometries are
/// never shared between threads), and hands results back in input order on the caller's thread.
///
/// Sites are handed over in batches so that a worker's per-batch cost (a lock, a wake-up) is spread
/// over many screenings; at most `2 x workers` batches are in flight, so memory stays bounded however
/// long the input is, and answers flow out while the input is still being read.
public final class BatchScreener {
    public let workers: Int
    public let batchSize: Int
    private let queue = WorkQueue<[BatchJob], [BatchItem]>()
    private let emit: (BatchItem) throws -> Void
    private var pending: [BatchJob] = []
    private var submittedBatches = 0
    private var emittedBatches = 0
    private var submittedSites = 0
    private var threads: [Thread] = []
    public private(set) var summary = BatchSummary()

    /// - Parameter emit: called on the caller's thread, once per site, in input order.
    public init(dataset: Dataset, workers: Int, batchSize: Int = 32, language: Language,
                emit: @escaping (BatchItem) throws -> Void) {
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        self.emit = emit
        let queue = self.queue
        for _ in 0..<self.workers {
            let thread = Thread {
                // The engine lives and dies on this thread.
                let engine = Result { () throws(GeometryError) in try ScreeningEngine(dataset: dataset) }
                while let (number, jobs) = queue.take() {
                    queue.complete(number, jobs.enumerated().map { offset, job in
                        Self.screen(job, index: offset, engine: engine, language: language)
                    })
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
            threads.append(thread)
        }
    }

    private static func screen(_ job: BatchJob, index: Int, engine: Result<ScreeningEngine, GeometryError>,
                               language: Language) -> BatchItem {
        let outcome: Result<ScreeningResult, BatchInputError>
        switch (job.site, engine) {
        case (.failure(let error), _):
            outcome = .failure(error)
        case (_, .failure(let error)):
            outcome = .failure(BatchInputError(message: error.message(language)))
        case (.success(let site), .success(let engine)):
            do {
                outcome = .success(try engine.screen(site, language: language))
            } catch {
                outcome = .failure(BatchInputError(message: error.message(language)))
            }
        }
        return BatchItem(index: index, label: job.label, feature: job.feature, outcome: outcome)
    }

    deinit {
        // Lets idle workers end if the run stopped early (an output error); a finished run closed it already.
        queue.close()
    }

    /// Adds a site. May emit earlier sites' results, and waits when enough work is in flight.
    public func submit(_ job: BatchJob) throws {
        pending.append(job)
        if pending.count >= batchSize { try dispatch() }
    }

    /// Screens what is left, emits every remaining result, stops the workers, and returns the counts.
    public func finish() throws -> BatchSummary {
        if !pending.isEmpty { try dispatch() }
        queue.close()
        while emittedBatches < submittedBatches { try emitBatch(wait: true) }
        return summary
    }

    private func dispatch() throws {
        queue.put(pending, number: submittedBatches)
        submittedSites += pending.count
        submittedBatches += 1
        pending.removeAll(keepingCapacity: true)
        // Emit whatever is ready in order; block only when too much is in flight.
        while emittedBatches < submittedBatches {
            let mustWait = submittedBatches - emittedBatches >= 2 * workers
            guard try emitBatch(wait: mustWait) else { break }
        }
    }

    @discardableResult
    private func emitBatch(wait: Bool) throws -> Bool {
        guard let items = queue.result(emittedBatches, wait: wait) else { return false }
        let firstIndex = summary.total
        emittedBatches += 1
        for (offset, item) in items.enumerated() {
            let numbered = BatchItem(index: firstIndex + offset, label: item.label, feature: item.feature, outcome: item.outcome)
            summary.record(numbered)
            try emit(numbered)
        }
        return true
    }
}

/// Counts for the end-of-run summary.
public struct BatchSummary: Sendable {
    public var total = 0
    public var failed = 0
    public var byVerdict: [Verdict: Int] = [:]
    /// Sites per unit class they touch (a site touching two classes counts in both).
    public var byUnitClass: [Int: Int] = [:]

    mutating func record(_ item: BatchItem) {
        total += 1
        switch item.outcome {
        case .success(let result):
            byVerdict[result.verdict, default: 0] += 1
            for unitClass in Set(result.controlUnits.map(\.unitClass)) { byUnitClass[unitClass, default: 0] += 1 }
        case .failure:
            failed += 1
        }
    }

    public func message(_ l: Language) -> String {
        let verdicts = Verdict.allCases.map { "\($0.name(l)) \(byVerdict[$0] ?? 0)" }.joined(separator: l.pick("，", ", "))
        let classes = UnitClass.allCases.map { "\($0.name(l)) \(byUnitClass[$0.rawValue] ?? 0)" }.joined(separator: l.pick("，", ", "))
        return l.pick("共 \(total) 个站点：\(verdicts)；失败 \(failed)。按单元类别：\(classes)。",
                      "\(total) sites: \(verdicts); failed \(failed). By unit class: \(classes).")
    }
}
