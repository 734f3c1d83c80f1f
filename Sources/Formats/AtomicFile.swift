import Foundation
import Geometry
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing output files so that a reader sees either the old file or the complete new one, never a
/// half-written file, even if the run is interrupted or the disk fills up.
public enum AtomicFile {
    /// Writes `data` to a temporary file next to `url`, flushes it to disk, then renames it over `url`.
    /// rename(2) within one directory (one file system) is atomic. An existing target keeps its
    /// permission bits; on failure the temporary file is removed and the target is left as it was.
    public static func write(_ data: Data, to url: URL) throws(FileError) {
        let target = url.standardizedFileURL
        let directory = target.deletingLastPathComponent()
        // A leading dot keeps the temporary file out of directory listings and globs like *.geojson.
        TemporaryFiles.removeStale(beside: target)
        let temporary = TemporaryFiles.name(beside: target, unique: true)
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        let path = target.path

        var existing = stat()
        let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644

        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            throw FileError.cannotWrite(path: path, detail: lastError())
        }
        var succeeded = false
        defer {
            if !succeeded { unlink(temporary.path) }
        }
        do {
            defer { close(descriptor) }
            // open() applies the umask; an existing file's exact permissions are what users expect kept.
            _ = fchmod(descriptor, mode)
            let failure: Int32? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
                var offset = 0
                while offset < raw.count {
                    let written = systemWrite(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return nil
            }
            if let failure {
                throw FileError.cannotWrite(path: path, detail: String(cString: strerror(failure)))
            }
            guard fsync(descriptor) == 0 else {
                throw FileError.cannotWrite(path: path, detail: lastError())
            }
        }
        guard rename(temporary.path, path) == 0 else {
            throw FileError.cannotWrite(path: path, detail: lastError())
        }
        succeeded = true
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

// `write` inside `AtomicFile` names the static method; this reaches the system call.
@inline(__always)
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}

/// A file could not be written; names the path and the system's reason.
public enum FileError: UserFacingError, Equatable, Sendable {
    case cannotWrite(path: String, detail: String)
    case cannotRead(path: String, detail: String)

    public func message(_ language: Language) -> String {
        switch self {
        case .cannotWrite(let path, let detail):
            language.pick("无法写入文件 \(path)：\(detail)", "cannot write file \(path): \(detail)")
        case .cannotRead(let path, let detail):
            language.pick("无法读取文件 \(path)：\(detail)", "cannot read file \(path): \(detail)")
        }
    }
}
