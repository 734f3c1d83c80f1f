import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The temporary files this process is writing beside its outputs (`.NAME.PID….tmp`), so that an
/// interrupted run removes them (`removeAll()`, called on SIGINT/SIGTERM) and a later run into the
/// same folder removes those a killed process left (`removeStale`).
public enum TemporaryFiles {
    private static let open = Mutex<Set<String>>([])

    public static func register(_ path: String) {
        open.withLock { _ = $0.insert(path) }
    }

    public static func unregister(_ path: String) {
        open.withLock { _ = $0.remove(path) }
    }

    /// Removes every registered file; returns how many were removed.
    @discardableResult
    public static func removeAll() -> Int {
        let paths = open.withLock { paths in
            defer { paths.removeAll() }
            return paths
        }
        return paths.filter { unlink($0) == 0 }.count
    }

    /// A hidden temporary name beside `target` carrying this process's id: `.out.csv.4242.tmp`, or
    /// `.out.csv.4242.<unique>.tmp` when several may be open at once.
    public static func name(beside target: URL, unique: Bool = false) -> URL {
        let pid = ProcessInfo.processInfo.processIdentifier
        let tail = unique ? "\(pid).\(UUID().uuidString).tmp" : "\(pid).tmp"
        return target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(tail)")
    }

    /// Removes temporary files beside `target` that belong to processes no longer running: hidden
    /// names that start with the target's own name (`.out.csv.…`, `.out.zones.csv.…`) and end in
    /// `.tmp`, whose last all-digit part is the id of a process that does not exist. Returns their names.
    @discardableResult
    public static func removeStale(beside target: URL) -> [String] {
        let folder = target.deletingLastPathComponent()
        let stem = target.deletingPathExtension().lastPathComponent
        guard !stem.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names where name.hasSuffix(".tmp") && (name.hasPrefix(".\(stem).") || name.hasPrefix("..\(stem).")) {
            let parts = name.dropLast(4).split(separator: ".")
            guard let pid = parts.last(where: { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }).flatMap({ Int32($0) }),
                  pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            if unlink(folder.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed
    }
}
