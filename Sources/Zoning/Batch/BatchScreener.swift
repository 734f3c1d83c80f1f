import Foundation
import Formats
import Geometry
import Wording

/// One site of a batch as read: what to screen, or why it could not even be read.
public struct BatchJob: Sendable {
    /// How messages name the site: "file 第 3 个要素（P-103）".
    public var label: String
    /// The site's ID as the input gives it, when it gives one.
    public var id: String?
    public var feature: Feature?
    public var site: Result<Site, BatchInputError>
    /// Its place in the input, from 0, set by the submitter: a worker renders it with this number,
    /// not its place in the batch it came in.
    var sequence = 0

    public init(label: String, id: String? = nil, feature: Feature?, site: Result<Site, BatchInputError>) {
        self.label = label
        self.id = id
        self.feature = feature
        self.site = site
    }
}

/// A site that could not be read or turned into a `Site` (bad feature, unknown industry ...).
public struct BatchInputError: Error, Sendable {
    /// What kind of problem, for a summary that counts them.
    public enum Kind: String, Sendable, CaseIterable {
        /// The input could not be read (a file, a feature, a row).
        case unreadable
        /// The project profile in the feature's properties (an unknown industry or nature).
        case profile
        case invalidGeometry
        case outsideDataset
        /// Anything else (a CRS PROJ does not know, an offset on metres ...).
        case other

        public func name(_ l: Language) -> String {
            switch self {
            case .unreadable: l.pick("无法读取", "could not be read")
            case .profile: l.pick("项目情况有误", "project profile not understood")
            case .invalidGeometry: l.pick("几何无效", "invalid geometry")
            case .outsideDataset: l.pick("在数据集范围之外", "outside the dataset")
            case .other: l.pick("其他", "other")
            }
        }
    }

    public let message: String
    public let kind: Kind

    public init(message: String, kind: Kind = .other) {
        self.message = message
        self.kind = kind
    }

    init(_ error: ScreeningError, language: Language) {
        let kind: Kind = switch error.problem {
        case .invalidGeometry, .emptyGeometry: .invalidGeometry
        case .outsideDataset: .outsideDataset
        case .geometry, .offsetNeedsGeographic: .other
        }
        self.init(message: error.message(language), kind: kind)
    }
}

/// One site's outcome, in input order.
public struct BatchItem: Sendable {
    public let index: Int
    public let label: String
    public let id: String?
    public let feature: Feature?
    /// The site as read, also when screening it failed (its geometry still goes into GeoJSON output).
    public let site: Site?
    public let outcome: Result<ScreeningResult, BatchInputError>
    /// With `--compare-dataset`: the answer under the other edition, compared.
    public var comparison: SiteComparison?
}

/// The edition every site is also screened under, and how the two differ.
public struct EditionComparison: Sendable {
    public let previous: Dataset
    public let diff: DatasetDiff

    public init(previous: Dataset, diff: DatasetDiff) {
        self.previous = previous
        self.diff = diff
    }
}

/// Screens a stream of sites on several workers, each with its own engine (prepared geometries are
/// never shared between threads).
///
/// Three parties: one thread submits jobs (`BatchSubmitter`), the workers screen whole batches, and
/// the thread that calls `results(_:)` receives every site's outcome in input order. At most
/// `2 x workers` batches are in flight, so memory stays bounded however long the input is, and
/// answers flow out while the input is still being read.
///
/// `render` turns each outcome into its output form (report text, JSON, table rows) on the worker,
/// so that the thread writing the output only copies bytes and never becomes the bottleneck.
public final class BatchScreener<Rendered: Sendable>: Sendable {
    public let workers: Int
    public let batchSize: Int
    private let queue: WorkQueue<[BatchJob], [(BatchItem, Rendered?)]>
    /// With one worker, outputs are rendered by the thread that writes them, which is otherwise mostly
    /// waiting, so the one worker only screens (100,000 province points to CSV: see the README); with
    /// several workers each renders its own, since the writer would then become the bottleneck.
    private let render: (@Sendable (BatchItem) -> Rendered)?

    public init(dataset: Dataset, workers: Int, batchSize: Int = 32, language: Language, clauses detail: ClauseDetail = .all,
                comparing comparison: EditionComparison? = nil, render: @escaping @Sendable (BatchItem) -> Rendered) {
        self.workers = max(1, workers)
        self.batchSize = max(1, batchSize)
        let queue = WorkQueue<[BatchJob], [(BatchItem, Rendered?)]>(maximumInFlight: 2 * self.workers)
        self.queue = queue
        let renderOnWriter = self.workers == 1
        self.render = renderOnWriter ? render : nil
        for _ in 0..<self.workers {
            let thread = Thread {
                // The engine lives and dies on this thread.
                let engine = Result { () throws(GeometryError) in try ScreeningEngine(dataset: dataset) }
                let previousEngine = comparison.map { comparison in
                    Result { () throws(GeometryError) in try ScreeningEngine(dataset: comparison.previous) }
                }
                while let (number, jobs) = queue.take() {
                    queue.complete(number, jobs.map { job in
                        var item = screen(job, index: job.sequence, engine: engine, language: language, clauses: detail)
                        if let comparison, let previousEngine {
                            let previous = screen(job, index: job.sequence, engine: previousEngine, language: language, clauses: detail)
                            item.comparison = SiteComparison.compare(previous: try? previous.outcome.get(), current: try? item.outcome.get(), diff: comparison.diff)
                        }
                        return (item, renderOnWriter ? nil : render(item))
                    })
                }
                queue.workerFinished()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit {
        // Lets idle workers end even if a run stopped early.
        queue.close()
    }

    /// A submitter for the one thread that reads the input.
    public func submitter() -> BatchSubmitter<Rendered> { BatchSubmitter(queue: queue, batchSize: batchSize) }

    /// Calls `emit` for every site in input order until the submitter finishes; returns the counts.
    /// `BatchItem.index` counts sites in input order from 0.
    public func results(_ emit: (BatchItem, Rendered) throws -> Void) throws -> BatchSummary {
        var summary = BatchSummary()
        while let items = queue.next() {
            for (item, renderedByWorker) in items {
                let numbered = BatchItem(index: summary.total, label: item.label, id: item.id, feature: item.feature, site: item.site,
                                         outcome: item.outcome, comparison: item.comparison)
                summary.record(numbered)
                let rendered: Rendered
                if let renderedByWorker {
                    rendered = renderedByWorker
                } else if let render {
                    rendered = render(numbered)
                } else {
                    preconditionFailure("workers render whenever the writer does not")
                }
                try emit(numbered, rendered)
            }
        }
        queue.waitForWorkers(workers)
        return summary
    }

    /// Stops the run early (e.g. the output failed) and waits for the workers to leave.
    public func cancel() {
        queue.close()
        queue.waitForWorkers(workers)
    }
}

/// One site on a worker's own engine.
private func screen(_ job: BatchJob, index: Int, engine: Result<ScreeningEngine, GeometryError>,
                    language: Language, clauses detail: ClauseDetail) -> BatchItem {
        let outcome: Result<ScreeningResult, BatchInputError>
        switch (job.site, engine) {
        case (.failure(let error), _):
            outcome = .failure(error)
        case (_, .failure(let error)):
            outcome = .failure(BatchInputError(message: error.message(language)))
        case (.success(let site), .success(let engine)):
            do {
                outcome = .success(try engine.screen(site, clauses: detail))
            } catch {
                outcome = .failure(BatchInputError(error, language: language))
            }
        }
        return BatchItem(index: index, label: job.label, id: job.id, feature: job.feature, site: try? job.site.get(), outcome: outcome)
}

/// Collects jobs into batches for the workers. Belongs to the one thread that reads the input.
public struct BatchSubmitter<Rendered: Sendable>: Sendable {
    fileprivate let queue: WorkQueue<[BatchJob], [(BatchItem, Rendered?)]>
    let batchSize: Int
    private var pending: [BatchJob] = []
    private var submitted = 0

    fileprivate init(queue: WorkQueue<[BatchJob], [(BatchItem, Rendered?)]>, batchSize: Int) {
        self.queue = queue
        self.batchSize = batchSize
    }

    /// Adds a site; a full batch goes to the workers (waiting if enough work is in flight).
    public mutating func submit(_ job: BatchJob) {
        var job = job
        job.sequence = submitted
        submitted += 1
        pending.append(job)
        if pending.count >= batchSize { flush() }
    }

    /// Hands over a partial batch: call when the input may pause, so no answer waits for more input.
    public mutating func flush() {
        guard !pending.isEmpty else { return }
        queue.put(pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// The input has ended.
    public mutating func finish() {
        flush()
        queue.close()
    }
}

/// Counts for the end-of-run summary.
public struct BatchSummary: Sendable {
    public var total = 0
    public var failed = 0
    public var byVerdict: [Verdict: Int] = [:]
    /// Sites per unit class they touch (a site touching two classes counts in both).
    public var byUnitClass: [Int: Int] = [:]
    /// With `--compare-dataset`: sites by how their verdict moved between the editions.
    public var byDirection: [SiteComparison.Direction: Int] = [:]

    mutating func record(_ item: BatchItem) {
        total += 1
        if let comparison = item.comparison { byDirection[comparison.direction, default: 0] += 1 }
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
        var text = l.pick("共 \(total) 个站点：\(verdicts)；失败 \(failed)。按单元类别：\(classes)。",
                          "\(total) sites: \(verdicts); failed \(failed). By unit class: \(classes).")
        if !byDirection.isEmpty {
            let directions = SiteComparison.Direction.allCases.compactMap { direction in byDirection[direction].map { "\(direction.name(l)) \($0)" } }
            text += l.pick("与旧版相比：", " Against the old edition: ") + directions.joined(separator: l.pick("，", ", ")) + l.pick("。", ".")
        }
        return text
    }
}
