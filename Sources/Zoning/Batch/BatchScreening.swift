import Foundation
import Formats
import Geometry

/// What one thread of a batch screens with: the dataset's engine and, when every site is also
/// screened under another edition, that edition's. Made on the thread that uses it (`EnginePool`).
/// An engine that could not be made fails each site with the reason, as a failed site, not the run.
public struct BatchEngines {
    let current: Result<ScreeningEngine, GeometryError>
    let previous: Result<ScreeningEngine, GeometryError>?

    public init(dataset: Dataset, comparing comparison: EditionComparison? = nil) {
        current = Result { () throws(GeometryError) in try ScreeningEngine(dataset: dataset) }
        previous = comparison.map { comparison in Result { () throws(GeometryError) in try ScreeningEngine(dataset: comparison.previous) } }
    }

    /// A pool of `threads` threads with these engines.
    public static func pool(dataset: Dataset, threads: Int, comparing comparison: EditionComparison? = nil) -> EnginePool<BatchEngines> {
        EnginePool(threads: threads, name: "zs-batch") { BatchEngines(dataset: dataset, comparing: comparison) }
    }
}

/// A batch of sites screened on an `EnginePool`'s threads, answers in input order.
///
/// Three parties: one thread submits jobs as it reads them, the pool's threads screen them in
/// batches, and the thread that calls `results(_:)` receives every site's outcome in input order
/// (see `OrderedStream`: bounded memory, answers flow while the input is still being read).
///
/// `render` turns each outcome into its output form (report text, JSON, table rows). With one
/// thread it runs on the thread that writes the output, which is otherwise mostly waiting, so the one
/// engine thread only screens (100,000 province points to CSV: see the README); with several, each
/// engine thread renders its own, since the writer would then become the bottleneck.
public final class BatchScreening<Rendered: Sendable>: Sendable {
    private let stream: OrderedStream<BatchEngines, BatchJob, (BatchItem, Rendered?)>
    private let render: @Sendable (BatchItem) -> Rendered
    private let renderOnWriter: Bool

    public init(pool: EnginePool<BatchEngines>, batchSize: Int = 32, clauses detail: ClauseDetail = .all,
                comparing comparison: EditionComparison? = nil, render: @escaping @Sendable (BatchItem) -> Rendered) {
        let renderOnWriter = pool.threads == 1
        self.render = render
        self.renderOnWriter = renderOnWriter
        stream = OrderedStream(pool: pool, batchSize: batchSize) { engines, job, index in
            var item = screen(job, index: index, engine: engines.current, clauses: detail)
            if let comparison, let previousEngine = engines.previous {
                let previous = screen(job, index: index, engine: previousEngine, clauses: detail)
                item.comparison = SiteComparison.compare(previous: try? previous.outcome.get(), current: try? item.outcome.get(), diff: comparison.diff)
            }
            // Rendered first, so that the item is moved into the pair, not copied.
            let rendered = renderOnWriter ? nil : render(item)
            return (item, rendered)
        }
    }

    // The reading thread's side.

    /// Adds a site; a full batch goes to the engines (waiting if enough work is in flight).
    public func submit(_ job: BatchJob) { stream.submit(job) }

    /// Hands over a partial batch: call when the input may pause, so no answer waits for more input.
    public func flush() { stream.flush() }

    /// The input has ended.
    public func finish() { stream.finish() }

    // The writing thread's side.

    /// Calls `emit` for every site in input order until the input finishes; returns the counts.
    /// `BatchItem.index` counts sites in input order from 0.
    public func results(_ emit: (BatchItem, Rendered) throws -> Void) throws -> BatchSummary {
        var summary = BatchSummary()
        while let (item, renderedByWorker) = try stream.next() {
            summary.record(item)
            try emit(item, renderedByWorker ?? render(item))
        }
        return summary
    }

    /// Stops the run early (the output failed, say): sites not yet screened are not.
    public func cancel() { stream.cancel() }
}

/// One site on a thread's own engine.
private func screen(_ job: BatchJob, index: Int, engine: Result<ScreeningEngine, GeometryError>,
                    clauses detail: ClauseDetail) -> BatchItem {
    let outcome: Result<ScreeningResult, BatchInputError>
    switch (job.site, engine) {
    case (.failure(let error), _):
        outcome = .failure(error)
    case (_, .failure(let error)):
        outcome = .failure(BatchInputError(.engine(error), site: job.label))
    case (.success(let site), .success(let engine)):
        do {
            outcome = .success(try engine.screen(site, clauses: detail))
        } catch {
            outcome = .failure(BatchInputError(.screening(error), site: job.label))
        }
    }
    let tally: SiteTally? = if case .success(let result) = outcome { SiteTally(result) } else { nil }
    return BatchItem(index: index, label: job.label, id: job.id, feature: job.feature, site: try? job.site.get(), outcome: outcome, tally: tally)
}
