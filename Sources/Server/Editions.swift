import Datasets
import Foundation
import Formats
import Geometry
import Synchronization
import Zoning
import Wording

/// The editions of the dataset a service holds (`serve --dataset A --dataset B`), the first the
/// default. A request names one by its key (the edition's version, e.g. `2025.1`) with `edition`, and
/// another to compare with by `compare`; diffs between two editions are worked out once, when first asked.
///
/// The set can be replaced while the service runs (`replace`, on SIGHUP): a request takes the set as it
/// is when it starts and finishes with it, so no request sees half of a reload, and the old editions'
/// engines stop once the last request using them has finished.
final class Editions<Service: ScreeningRepository>: Sendable {
    /// One consistent set of editions: the services, their keys, and what `/api/health` answers.
    struct Current: Sendable {
        let services: [Service]
        let keys: [String]
        let loaded: Date
        /// Reloads since the service started (0: the editions it started with).
        let generation: Int
        let health: Data
    }

    private let state: Mutex<Current>
    private let diffs = Mutex<[String: DatasetDiff]>([:])

    init(_ services: [Service]) {
        state = Mutex(Self.current(services, generation: 0))
    }

    private static func current(_ services: [Service], generation: Int) -> Current {
        // Versions name editions; two with the same version get their position too.
        var seen: [String: Int] = [:]
        let keys = services.map { service in
            let version = service.dataset.metadata.version
            let count = seen[version, default: 0]
            seen[version] = count + 1
            return count == 0 ? version : "\(version)-\(count + 1)"
        }
        let loaded = Date()
        return Current(services: services, keys: keys, loaded: loaded, generation: generation,
                       health: HealthReport(services: services, keys: keys, loaded: loaded, generation: generation).json)
    }

    /// The editions now; a request reads this once and keeps to it.
    var current: Current { state.withLock { $0 } }
    var services: [Service] { current.services }
    var keys: [String] { current.keys }
    var standard: Service { current.services[0] }

    /// Puts a new set of editions in place of the old (a reload); returns the new set.
    @discardableResult
    func replace(with services: [Service]) -> Current {
        precondition(!services.isEmpty, "a service holds at least one edition")
        let made = state.withLock { state in
            state = Self.current(services, generation: state.generation + 1)
            return state
        }
        diffs.withLock { $0.removeAll() }
        return made
    }

    /// The edition a request names, or the default one.
    func service(_ key: String?, language l: Language) throws(APIError) -> Service {
        let current = self.current
        guard let key, !key.isEmpty else { return current.services[0] }
        guard let position = current.keys.firstIndex(of: key) else {
            throw APIError.malformed(l, "没有数据集版本“\(key)”；本服务的版本：\(current.keys.joined(separator: "、"))",
                                     "there is no dataset edition \"\(key)\"; this service has: \(current.keys.joined(separator: ", "))")
        }
        return current.services[position]
    }

    func key(of service: Service) -> String {
        let current = self.current
        return current.keys[current.services.firstIndex { $0.dataset.contentHash == service.dataset.contentHash } ?? 0]
    }

    /// What changed from `previous` to `current`, worked out once per pair.
    func diff(from previous: Service, to current: Service) throws -> DatasetDiff {
        let pair = previous.dataset.contentHash + ">" + current.dataset.contentHash
        if let known = diffs.withLock({ $0[pair] }) { return known }
        let made = try DatasetDiffer.diff(previous.dataset, current.dataset)
        diffs.withLock { $0[pair] = made }
        return made
    }
}

/// What `GET /api/health` answers, made once per set of editions: the default edition (name, version,
/// content hash), when it was loaded and how many reloads came before, and every edition's key and
/// hash, so a load balancer or an operator can see which edition each replica serves.
struct HealthReport: Encodable {
    struct Edition: Encodable {
        let key: String, version: String, contentHash: String
    }

    let status = "ok"
    let dataset: String
    let version: String
    let edition: String
    let contentHash: String
    let loadedAt: String
    let reloads: Int
    let editions: [Edition]

    init<Service: ScreeningRepository>(services: [Service], keys: [String], loaded: Date, generation: Int) {
        let standard = services[0].dataset
        dataset = standard.metadata.name
        version = standard.metadata.version
        edition = keys[0]
        contentHash = standard.contentHash
        loadedAt = ISO8601DateFormatter().string(from: loaded)
        reloads = generation
        editions = zip(keys, services).map { Edition(key: $0, version: $1.dataset.metadata.version, contentHash: $1.dataset.contentHash) }
    }

    var json: Data { (try? CompactJSONEncoder().encode(self)) ?? Data(#"{"status":"ok"}"#.utf8) }
}
