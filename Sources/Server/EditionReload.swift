import Dispatch
import Foundation
import Geometry
import Synchronization
import Zoning
import Wording

/// Loads the service's editions again (a new edition of the dataset put in place by an operator),
/// checks them and swaps them in, while requests go on being answered by the old ones: `SIGHUP`
/// triggers it (`installSignalHandler`). Loading reads each store into a private copy checked against
/// its checksum (`DatasetStore.Access.privateCopy`); then every new edition must screen a point inside
/// its first control unit before it replaces anything. On any failure the old editions stay and the
/// reason goes to stderr.
final class EditionReload: Sendable {
    private let editions: Editions<LocalScreeningService>
    private let load: @Sendable () throws -> [Dataset]
    private let engines: Int
    private let running = Mutex(false)

    init(editions: Editions<LocalScreeningService>, engines: Int, load: @escaping @Sendable () throws -> [Dataset]) {
        self.editions = editions
        self.engines = engines
        self.load = load
    }

    enum Failure: Error, CustomStringConvertible {
        case alreadyRunning
        case checkFailed(edition: String, reason: String)

        var description: String {
            switch self {
            case .alreadyRunning: "另一次重新载入正在进行 / another reload is in progress"
            case .checkFailed(let edition, let reason): "版本 \(edition) 未通过检查 / edition \(edition) failed its check: \(reason)"
            }
        }
    }

    /// Loads, checks and swaps in the editions; the new set, or why the old one stays.
    func reload() -> Result<Editions<LocalScreeningService>.Current, Error> {
        guard running.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else { return .failure(Failure.alreadyRunning) }
        defer { running.withLock { $0 = false } }
        do {
            let services = try load().map { try LocalScreeningService(dataset: $0, engines: engines) }
            for service in services { try Self.check(service.dataset) }
            return .success(editions.replace(with: services))
        } catch {
            return .failure(error)
        }
    }

    /// One screening of a point inside the first control unit, on an engine of its own.
    static func check(_ dataset: Dataset) throws {
        let edition = dataset.metadata.version
        guard let unit = dataset.units.first else { throw Failure.checkFailed(edition: edition, reason: "没有管控单元 / no control units") }
        let inside = try unit.geometry.pointOnSurface()
        let result = try ScreeningEngine(dataset: dataset).screen(Site(geometry: .point(inside), crs: dataset.workingCRS))
        guard result.controlUnits.contains(where: { $0.code == unit.code }) else {
            throw Failure.checkFailed(edition: edition, reason: "单元 \(unit.code) 内的点没有落在该单元 / a point inside unit \(unit.code) was not found in it")
        }
    }

    /// Reloads on every SIGHUP (on a thread of its own), reporting each outcome on stderr.
    func installSignalHandler() {
        signal(SIGHUP, SIG_IGN)  // the dispatch source receives it instead of the default (exit)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { [self] in
            Thread.detachNewThread { [self] in
                let started = Date()
                let line: String
                switch reload() {
                case .success(let current):
                    let editions = zip(current.keys, current.services).map { "\($0) \($1.dataset.contentHash.prefix(12))" }.joined(separator: ", ")
                    line = "ZoneScreen：已重新载入数据集（\(String(format: "%.1f", Date().timeIntervalSince(started))) 秒），版本 \(editions) / reloaded: \(editions)"
                case .failure(let error):
                    let reason = (error as? UserFacingError)?.message(.zh) ?? "\(error)"
                    line = "ZoneScreen：重新载入失败，继续使用原版本：\(reason) / reload failed, the previous editions stay"
                }
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
        source.resume()
        let kept = KeptSource(source)
        Self.signalSources.withLock { $0.append(kept) }
    }

    /// Kept alive for the life of the process (a dispatch source stops when released).
    private static let signalSources = Mutex<[KeptSource]>([])

    /// `@unchecked Sendable`: holds the source only to keep it alive; it is never touched again, and
    /// dispatch sources may be used from any thread.
    private final class KeptSource: @unchecked Sendable {
        let source: any DispatchSourceSignal
        init(_ source: any DispatchSourceSignal) { self.source = source }
    }
}
