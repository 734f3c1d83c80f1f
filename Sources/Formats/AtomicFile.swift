import Foundation
import Geometry
import Wording
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
        let target: URL
        switch try OutputTarget.resolve(url.standardizedFileURL) {
        case .file(let resolved): target = resolved
        case .stream(let place):
            return try writeDirectly(data, descriptor: open(place.path, O_WRONLY | O_CLOEXEC), path: url.path, close: true)
        case .standardStream(let descriptor):
            return try writeDirectly(data, descriptor: descriptor, path: url.path, close: false)
        }
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

    /// Writes to a FIFO, a device or a standard stream where it is, without a temporary file.
    private static func writeDirectly(_ data: Data, descriptor: Int32, path: String, close shouldClose: Bool) throws(FileError) {
        guard descriptor >= 0 else { throw FileError.cannotWrite(path: path, detail: lastError()) }
        defer { if shouldClose { close(descriptor) } }
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
        if let failure { throw FileError.cannotWrite(path: path, detail: String(cString: strerror(failure))) }
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
    /// An output that would replace what it should not (`OutputTarget`).
    case refused(path: String, reason: RefusedOutput)

    public enum RefusedOutput: Equatable, Sendable {
        case folder
        case notAFile
        case danglingLink
        case isInput(String)
        /// A format written by a library that needs a seekable file (XLSX, GeoPackage) to a FIFO or device.
        case needsFile
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .cannotWrite(let path, let detail):
            language.pick("无法写入文件 \(path)：\(detail)", "cannot write file \(path): \(detail)")
        case .cannotRead(let path, let detail):
            language.pick("无法读取文件 \(path)：\(detail)", "cannot read file \(path): \(detail)")
        case .refused(let path, .folder):
            language.pick("不写入 \(path)：它是文件夹", "not writing \(path): it is a folder")
        case .refused(let path, .notAFile):
            language.pick("不写入 \(path)：它不是普通文件（块设备或套接字）", "not writing \(path): it is not a regular file (a block device or a socket)")
        case .refused(let path, .danglingLink):
            language.pick("不写入 \(path)：它是指向不存在的文件的符号链接", "not writing \(path): it is a symbolic link to nothing")
        case .refused(let path, .isInput(let input)):
            language.pick("不写入 \(path)：它就是输入文件 \(input)，会被覆盖", "not writing \(path): it is the input \(input), which it would overwrite")
        case .refused(let path, .needsFile):
            language.pick("不写入 \(path)：这种格式只能写入普通文件", "not writing \(path): this format can only be written to a regular file")
        }
    }
}
