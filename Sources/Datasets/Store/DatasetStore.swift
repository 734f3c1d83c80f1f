import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// Compiled datasets: built once from a dataset folder, then mapped by every process that needs
/// them (or, for a service, copied privately first: `Access`). A folder's store lives in a cache folder (`cacheDirectory`) under a name derived from the
/// folder's path; it is used only while every source file still has the size and time it had when the
/// store was built, and rebuilt otherwise. A `.zsd` file can also be named directly (a service's
/// replicas sharing one built copy).
public enum DatasetStore {
    public static let fileExtension = "zsd"

    /// What opening a dataset did.
    public enum Event: Sendable, Equatable {
        /// A fresh compiled store was mapped.
        case mapped(path: String)
        /// The store was missing or unusable and was built (`reason` says why).
        case built(path: String, reason: RebuildReason, seconds: Double)
        /// Read from sources; the store could not be written (`problem` says why).
        case inMemory(problem: String)
    }

    public enum RebuildReason: Sendable, Equatable {
        case missing
        case changed(file: String)
        /// The file in the cache was built from another folder (a hash collision or a copied cache).
        case otherFolder(String)
        case unusable(StoreError)
    }

    /// How a process holds a store's bytes.
    public enum Access: Sendable {
        /// The file itself is mapped: every process shares its pages. For commands, which run briefly.
        case shared
        /// A private copy is checked and mapped (`StoreSnapshot`): for a service, which must keep
        /// answering whatever happens to the file it was started with.
        case privateCopy
    }

    public struct Opened: Sendable {
        public let dataset: Dataset
        public let event: Event
    }

    /// `$ZONESCREEN_CACHE`, else `$XDG_CACHE_HOME/zonescreen`, else `~/.cache/zonescreen`.
    public static func cacheDirectory() -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let forced = environment["ZONESCREEN_CACHE"], !forced.isEmpty { return URL(fileURLWithPath: forced) }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return URL(fileURLWithPath: xdg).appendingPathComponent("zonescreen") }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/zonescreen")
    }

    /// Where the store of a dataset folder is kept: the folder's name (readable) and a hash of its
    /// full path (two folders of the same name do not share a store).
    public static func cachePath(for directory: URL, in cache: URL? = nil) -> URL {
        let resolved = directory.standardizedFileURL.resolvingSymlinksInPath().path
        var hash = SHA256()
        hash.update(Array(resolved.utf8))
        let name = directory.standardizedFileURL.lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return (cache ?? cacheDirectory()).appendingPathComponent("\(name.isEmpty ? "dataset" : name)-\(hash.finalize().prefix(16)).\(fileExtension)")
    }

    /// Opens a dataset folder through its compiled store (building it when missing or stale), or a
    /// `.zsd` file directly.
    public static func open(_ url: URL, cache: URL? = nil, access: Access = .shared) throws -> Opened {
        if url.pathExtension.lowercased() == fileExtension { return Opened(dataset: try openStoreFile(url, access: access), event: .mapped(path: url.path)) }
        let directory = url.standardizedFileURL.resolvingSymlinksInPath()
        let path = cachePath(for: directory, in: cache)
        let reason: RebuildReason
        if FileManager.default.fileExists(atPath: path.path) {
            do {
                let (store, info) = try mapped(path, access: access)
                if let stale = staleness(info, directory: directory) {
                    reason = stale
                } else {
                    return Opened(dataset: try store.dataset(origin: .store(path: path.path)), event: .mapped(path: path.path))
                }
            } catch {
                reason = .unusable(error)
            }
        } else {
            reason = .missing
        }
        let started = Date()
        switch try compile(directory, to: path, checkGeometry: false) {
        case .written(let dataset, _):
            let event = Event.built(path: path.path, reason: reason, seconds: Date().timeIntervalSince(started))
            guard access == .privateCopy else { return Opened(dataset: dataset, event: event) }
            return Opened(dataset: try mapped(path, access: access).0.dataset(origin: .store(path: path.path)), event: event)
        case .unwritable(let fromSources, let error):
            return Opened(dataset: fromSources, event: .inMemory(problem: error.message(.zh)))
        }
    }

    /// Builds the store of a dataset folder now (what `dataset build` does): the sources are read and
    /// checked, the geometric checks run, and their problems are kept in the store.
    public static func build(from directory: URL, to output: URL? = nil, cache: URL? = nil) throws -> (dataset: Dataset, path: URL, problems: [DatasetProblem]) {
        let directory = directory.standardizedFileURL.resolvingSymlinksInPath()
        let path = output ?? cachePath(for: directory, in: cache)
        switch try compile(directory, to: path, checkGeometry: true) {
        case .written(let dataset, let problems): return (dataset, path, problems)
        case .unwritable(_, let error): throw error
        }
    }

    private enum Compiled {
        /// The store as written and mapped, with the problems found (warnings, and the geometric
        /// checks when asked for).
        case written(Dataset, problems: [DatasetProblem])
        /// Read from the sources, but the store could not be written.
        case unwritable(Dataset, StoreError)
    }

    /// Reads the sources, writes the store and maps it back: the one way a store is made.
    private static func compile(_ directory: URL, to path: URL, checkGeometry: Bool) throws -> Compiled {
        let problems: [DatasetProblem]
        do {
            let fromSources = try DatasetLoader.load(from: directory)
            let geometryProblems = checkGeometry ? DatasetCheck.geometryProblems(fromSources) : nil
            do { try write(fromSources, geometryProblems: geometryProblems, to: path) } catch {
                return .unwritable(fromSources, error)
            }
            problems = fromSources.warnings + (geometryProblems ?? [])
        }
        // The values read from the sources are gone; a long-running service should not keep their heap.
        FreedMemory.release()
        return .written(try mapped(path).0.dataset(origin: .store(path: path.path)), problems: problems)
    }

    /// Every problem of a dataset (`DatasetCheck.problems`). When its store was built without the
    /// geometric checks (on first use rather than by `dataset build`), they are run now and kept in
    /// the store, so the next check answers at once; a store that cannot be rewritten is left as it is.
    public static func checkedProblems(_ dataset: Dataset) -> [DatasetProblem] {
        guard dataset.geometryProblems == nil, case .store(let path) = dataset.origin else { return DatasetCheck.problems(dataset) }
        let geometric = DatasetCheck.geometryProblems(dataset)
        // Rewritten only while the sources are as they were built from (a rename over the file leaves
        // this process's mapping, and any other's, reading the old copy).
        if staleness(StoreInfo(directory: dataset.directory, contentHash: dataset.contentHash, sources: dataset.sources),
                     directory: dataset.directory) == nil {
            try? write(dataset, geometryProblems: geometric, to: URL(fileURLWithPath: path))
        }
        return dataset.warnings + geometric
    }

    /// Writes the store atomically (a temporary file renamed into place), creating its folder.
    public static func write(_ dataset: Dataset, geometryProblems: [DatasetProblem]?, to path: URL) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path.path, detail: error.localizedDescription)
        }
        removeAbandonedTemporaries(of: path)
        try StoreWriter.write(dataset, geometryProblems: geometryProblems, to: path)
    }

    /// A build killed while writing leaves its temporary file (`.NAME.UUID.tmp`, tens of megabytes for
    /// a province) beside the store; the next build of the same store removes those older than an
    /// hour (no build writes for that long, so none of them is another process's write in progress).
    static func removeAbandonedTemporaries(of path: URL, olderThan age: TimeInterval = 3600) {
        let folder = path.deletingLastPathComponent()
        let prefix = "." + path.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let file = folder.appendingPathComponent(name)
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > age else { continue }
            try? FileManager.default.removeItem(at: file)
        }
    }

    /// A `.zsd` named directly: used as it is, unless its source folder is here and has changed.
    public static func openStoreFile(_ url: URL, access: Access = .shared) throws(StoreError) -> Dataset {
        let (store, info) = try mapped(url, access: access)
        if FileManager.default.fileExists(atPath: info.directory.appendingPathComponent("dataset.yaml").path),
           case .changed(let file)? = staleness(info, directory: info.directory) {
            throw .stale(path: url.path, source: info.directory.path, changed: file)
        }
        return try store.dataset(origin: .store(path: url.path))
    }

    /// The store's bytes, checked: a shared mapping whose checksum and records are verified once per
    /// file (`StoreVerification`), or a private copy checked while it is made.
    private static func mapped(_ url: URL, access: Access = .shared) throws(StoreError) -> (MappedStore, StoreInfo) {
        let store: MappedStore
        switch access {
        case .shared:
            let file: MappedFile
            do { file = try MappedFile(path: url.path) } catch { throw .damaged(path: url.path, detail: error.message(.zh)) }
            let reader = try StoreReader(bytes: file.bytes, owner: file, path: url.path)
            let checked = StoreVerification.isVerified(file, checksum: reader.statedChecksum)
            if !checked { try reader.verifyChecksum() }
            store = MappedStore(reader: reader, recordCheckOf: checked ? nil : file)
        case .privateCopy:
            let (file, checksum, checkedBefore) = try StoreSnapshot.map(url.path)
            let reader = try StoreReader(bytes: file.bytes, owner: file, path: url.path)
            try reader.verifyChecksum(computed: checksum)
            // The same bytes as a file checked whole before: its records decoded then.
            store = MappedStore(reader: reader, recordCheckOf: nil, validating: !checkedBefore)
        }
        return (store, try store.reader.info())
    }

    /// A checked store's reader. Its dataset is decoded with every record validated when the file had
    /// not been checked before (the check is then recorded) or is a new private copy.
    private struct MappedStore {
        let reader: StoreReader
        /// The file whose first check this is, recorded once its records have all decoded.
        let recordCheckOf: MappedFile?
        var validating = false

        func dataset(origin: DatasetOrigin) throws(StoreError) -> Dataset {
            let dataset = try reader.dataset(origin: origin, validating: validating || recordCheckOf != nil)
            if let file = recordCheckOf { StoreVerification.remember(file, checksum: reader.statedChecksum) }
            return dataset
        }
    }

    /// Why a store does not fit `directory` now: built from another folder, or a source file that
    /// differs from what it was built from (changed, gone, or new because the manifest names other
    /// files); nil when it fits.
    static func staleness(_ info: StoreInfo, directory: URL) -> RebuildReason? {
        guard info.directory.standardizedFileURL.path == directory.standardizedFileURL.path else { return .otherFolder(info.directory.path) }
        for stamp in info.sources where !stamp.isCurrent(in: directory) { return .changed(file: stamp.path) }
        var problems = ProblemLog()
        guard let manifest: ManifestFile = problems.decodeYAML(directory.datasetFile("dataset.yaml"), role: "manifest") else {
            return .changed(file: "dataset.yaml")
        }
        let recorded = Set(info.sources.map(\.path))
        for file in DatasetLoader.sourceFiles(manifest, in: directory) where !recorded.contains(file) {
            // A named file that is still missing was missing at build time too (the build would have failed).
            if FileManager.default.fileExists(atPath: directory.datasetFile(file).path) { return .changed(file: file) }
        }
        return nil
    }
}
