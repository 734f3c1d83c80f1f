import Foundation
import Geometry
import Synchronization
import Zoning

/// The editions of the dataset a service holds (`serve --dataset A --dataset B`), the first the
/// default. A request names one by its key (the edition's version, e.g. `2025.1`) with `edition`, and
/// another to compare with by `compare`; diffs between two editions are worked out once, when first asked.
final class Editions<Service: ScreeningRepository>: Sendable {
    let services: [Service]
    let keys: [String]
    private let diffs = Mutex<[String: DatasetDiff]>([:])

    init(_ services: [Service]) {
        self.services = services
        // Versions name editions; two with the same version get their position too.
        var seen: [String: Int] = [:]
        keys = services.map { service in
            let version = service.dataset.metadata.version
            let count = seen[version, default: 0]
            seen[version] = count + 1
            return count == 0 ? version : "\(version)-\(count + 1)"
        }
    }

    var standard: Service { services[0] }

    /// The edition a request names, or the default one.
    func service(_ key: String?, language l: Language) throws(APIError) -> Service {
        guard let key, !key.isEmpty else { return standard }
        guard let position = keys.firstIndex(of: key) else {
            throw APIError.malformed(l, "没有数据集版本“\(key)”；本服务的版本：\(keys.joined(separator: "、"))",
                                     "there is no dataset edition \"\(key)\"; this service has: \(keys.joined(separator: ", "))")
        }
        return services[position]
    }

    func key(of service: Service) -> String {
        keys[services.firstIndex { $0.dataset.contentHash == service.dataset.contentHash } ?? 0]
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
