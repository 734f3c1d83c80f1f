internal import CGDAL
import Foundation
import Synchronization

/// A file system of GDAL's (a VSI plugin at `/vsizonescreen/`) through which a file from outside is
/// read: an upload held in memory, a file the user named with `--untrusted-input` together with
/// the plain files of its own folder, or the KML files unpacked from a KMZ as one folder. Each registered file gets a folder of its own,
/// `/vsizonescreen/<id>/`, that serves only that file (or its folder's regular files, by plain name:
/// no `..`, no subfolders, no symbolic links) read-only, and nothing else: a driver that resolves a
/// reference relative to the file stays inside. Every read checks the cancellation flag of the work
/// that opened the file, so GDAL's long parses (an XLSX sheet, a KML document) stop when a request
/// times out: the read returns nothing and the driver ends as at a truncated file.
enum ConfinedFiles {
    static let prefix = "/vsizonescreen/"

    enum Content: Sendable {
        /// An upload: its bytes, under its file name.
        case memory(name: String, data: Data)
        /// A file on disk: its folder (served by plain names) and its name there.
        case folder(path: String, name: String)
        /// Files held in memory, opened as a folder (GDAL opens the registration's folder itself).
        case memoryFolder([(name: String, data: Data)])

        /// The name GDAL opens in the registration's folder; empty for the folder itself.
        var name: String {
            switch self {
            case .memory(let name, _), .folder(_, let name): name
            case .memoryFolder: ""
            }
        }

        /// The bytes of a file of the folder, for the in-memory kinds.
        func memoryFile(_ wanted: String) -> Data? {
            switch self {
            case .memory(let name, let data): name == wanted ? data : nil
            case .memoryFolder(let files): files.first { $0.name == wanted }?.data
            case .folder: nil
            }
        }
    }

    /// A registered file; unregistered when this goes (after the GDAL dataset reading it).
    final class Registration: Sendable {
        let id: String
        /// The path GDAL opens.
        let path: String

        fileprivate init(id: String, name: String) {
            self.id = id
            self.path = ConfinedFiles.prefix + id + (name.isEmpty ? "" : "/" + name)
        }

        deinit { ConfinedFiles.entries.withLock { _ = $0.removeValue(forKey: id) } }
    }

    private struct Entry: Sendable {
        let content: Content
        let cancellation: WorkCancellation?
    }

    private static let entries = Mutex<[String: Entry]>([:])

    /// Makes `content` readable by GDAL under a folder of its own; reads stop once `cancellation` is set.
    static func register(_ content: Content, cancellation: WorkCancellation?) -> Registration {
        installed()
        let id = UUID().uuidString
        entries.withLock { $0[id] = Entry(content: content, cancellation: cancellation) }
        return Registration(id: id, name: content.name)
    }

    /// `<id>/<name>` split (GDAL hands the callbacks the path without the prefix), or nil for anything
    /// else (no deeper paths, no `..`).
    private static func locate(_ path: UnsafePointer<CChar>?) -> (entry: Entry, name: String?)? {
        guard let path else { return nil }
        var text = Substring(String(cString: path))
        if text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
        guard let id = parts.first, parts.count <= 2, let entry = entries.withLock({ $0[String(id)] }) else { return nil }
        guard parts.count == 2 else { return (entry, nil) }
        let name = String(parts[1])
        guard name != ".", name != ".." else { return nil }
        return (entry, name)
    }

    /// One open file: the upload's bytes or a descriptor, and a position. Used by the one thread that
    /// reads the GDAL handle it belongs to.
    private final class OpenFile {
        enum Source {
            case memory(Data)
            case descriptor(Int32)
        }

        let source: Source
        let size: UInt64
        let cancellation: WorkCancellation?
        var position: UInt64 = 0
        var atEnd = false

        init(source: Source, size: UInt64, cancellation: WorkCancellation?) {
            self.source = source
            self.size = size
            self.cancellation = cancellation
        }

        deinit { if case .descriptor(let descriptor) = source { close(descriptor) } }

        func read(into buffer: UnsafeMutableRawPointer, count: Int) -> Int {
            if cancellation?.isCancelled == true { return 0 }
            guard position < size else { return 0 }
            let wanted = Int(min(UInt64(count), size - position))
            switch source {
            case .memory(let data):
                let start = data.startIndex + Int(position)
                data.copyBytes(to: buffer.assumingMemoryBound(to: UInt8.self), from: start..<(start + wanted))
                position += UInt64(wanted)
                return wanted
            case .descriptor(let descriptor):
                var done = 0
                while done < wanted {
                    let got = pread(descriptor, buffer + done, wanted - done, off_t(position) + off_t(done))
                    if got < 0 && errno == EINTR { continue }
                    if got <= 0 { break }
                    done += got
                }
                position += UInt64(done)
                return done
            }
        }
    }

    /// A regular file of `folder` by plain name, opened read-only without following a symbolic link.
    private static func openInFolder(_ folder: String, _ name: String) -> (Int32, UInt64)? {
        let descriptor = open(folder + "/" + name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, UInt64(status.st_size))
    }

    private static func regularFileSize(_ folder: String, _ name: String) -> UInt64? {
        var status = stat()
        guard fstatat(AT_FDCWD, folder + "/" + name, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(status.st_size)
    }

    // MARK: The plugin's callbacks (C function pointers: no captures)

    private static let installedOnce: Void = {
        GDALLibrary.ensureRegistered()
        guard let callbacks = VSIAllocFilesystemPluginCallbacksStruct() else { return }
        // GDAL copies the callbacks into the handler it installs (VSIPluginFilesystemHandler's
        // constructor), which lives as long as the process; this struct is freed once installed
        // (LeakSanitizer found it unreachable in the fuzz target `upload`).
        defer { VSIFreeFilesystemPluginCallbacksStruct(callbacks) }
        callbacks.pointee.open = { _, path, access in
            guard let access, !String(cString: access).contains(where: { "wa+".contains($0) }),
                  let (entry, name) = ConfinedFiles.locate(path), let name else { return nil }
            let file: OpenFile
            switch entry.content {
            case .memory, .memoryFolder:
                guard let data = entry.content.memoryFile(name) else { return nil }
                file = OpenFile(source: .memory(data), size: UInt64(data.count), cancellation: entry.cancellation)
            case .folder(let folder, _):
                guard let (descriptor, size) = ConfinedFiles.openInFolder(folder, name) else { return nil }
                file = OpenFile(source: .descriptor(descriptor), size: size, cancellation: entry.cancellation)
            }
            return Unmanaged.passRetained(file).toOpaque()
        }
        callbacks.pointee.stat = { _, path, buffer, _ in
            guard let buffer, let (entry, name) = ConfinedFiles.locate(path) else { return -1 }
            guard let name else {
                zonescreen_fill_vsi_stat(UnsafeMutableRawPointer(buffer), 0, 1)
                return 0
            }
            let size: UInt64?
            switch entry.content {
            case .memory, .memoryFolder: size = entry.content.memoryFile(name).map { UInt64($0.count) }
            case .folder(let folder, _): size = ConfinedFiles.regularFileSize(folder, name)
            }
            guard let size else { return -1 }
            zonescreen_fill_vsi_stat(UnsafeMutableRawPointer(buffer), Int64(size), 0)
            return 0
        }
        callbacks.pointee.read_dir = { _, path, _ in
            guard let (entry, name) = ConfinedFiles.locate(path), name == nil else { return nil }
            var names: [String] = []
            switch entry.content {
            case .memory(let ownName, _): names = [ownName]
            case .memoryFolder(let files): names = files.map(\.name)
            case .folder(let folder, _):
                names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                    .filter { ConfinedFiles.regularFileSize(folder, $0) != nil }
            }
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
            for name in names { list = CSLAddString(list, name) }
            // GDAL takes an empty folder as a NULL list.
            return list
        }
        callbacks.pointee.read = { file, buffer, size, count in
            guard let file, let buffer, size > 0 else { return 0 }
            let open = Unmanaged<OpenFile>.fromOpaque(file).takeUnretainedValue()
            let (total, overflow) = size.multipliedReportingOverflow(by: count)
            guard !overflow else { return 0 }
            let got = open.read(into: buffer, count: total)
            if got < total { open.atEnd = true }
            return got / size
        }
        callbacks.pointee.seek = { file, offset, whence in
            guard let file else { return -1 }
            let open = Unmanaged<OpenFile>.fromOpaque(file).takeUnretainedValue()
            switch whence {
            case SEEK_SET: open.position = offset
            case SEEK_CUR: open.position &+= offset
            case SEEK_END: open.position = open.size &+ offset
            default: return -1
            }
            open.atEnd = false
            return 0
        }
        callbacks.pointee.tell = { file in
            guard let file else { return 0 }
            return Unmanaged<OpenFile>.fromOpaque(file).takeUnretainedValue().position
        }
        callbacks.pointee.eof = { file in
            guard let file else { return 1 }
            return Unmanaged<OpenFile>.fromOpaque(file).takeUnretainedValue().atEnd ? 1 : 0
        }
        callbacks.pointee.close = { file in
            if let file { Unmanaged<OpenFile>.fromOpaque(file).release() }
            return 0
        }
        callbacks.pointee.nBufferSize = 0
        callbacks.pointee.nCacheSize = 0
        // The handler keeps the prefix pointer it is given (not a copy): it must outlive the process's GDAL.
        _ = VSIInstallPluginHandler(strdup(prefix), callbacks)
    }()

    static func installed() { _ = installedOnce }

    /// Whether `path` names a registered file, or a registration's folder.
    static func exists(_ path: String) -> Bool {
        guard let (entry, name) = path.withCString({ locate($0) }) else { return false }
        guard let name else { return true }
        switch entry.content {
        case .memory, .memoryFolder: return entry.content.memoryFile(name) != nil
        case .folder(let folder, _): return regularFileSize(folder, name) != nil
        }
    }
}
