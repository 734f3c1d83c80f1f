import Foundation
import Geometry
#if canImport(Glibc)
import Glibc
#endif

/// Where an output named by the user really goes. A new or regular file is written beside and renamed
/// into place; through a symbolic link, the file the link names is the one replaced (the link stays);
/// the process's own standard streams, FIFOs and character devices (a terminal, /dev/null) are written
/// directly and never replaced by a file; anything else (a folder, a block device, a socket, a link to
/// nothing) is refused.
public enum OutputTarget: Equatable, Sendable {
    /// Written to a temporary file beside `URL` and renamed over it.
    case file(URL)
    /// Written directly, in place: a FIFO or a character device.
    case stream(URL)
    /// This process's standard output or standard error (`/dev/stdout`, `/dev/fd/2`...).
    case standardStream(Int32)

    public static func resolve(_ url: URL) throws(FileError) -> OutputTarget {
        let path = url.path
        if let descriptor = standardDescriptor(path) { return .standardStream(descriptor) }
        var link = stat()
        guard lstat(path, &link) == 0 else {
            guard errno == ENOENT else { throw .cannotWrite(path: path, detail: String(cString: strerror(errno))) }
            return .file(url)
        }
        var target = url
        var status = link
        if (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw .refused(path: path, reason: .danglingLink)
            }
            target = URL(fileURLWithPath: String(cString: resolved))
            free(resolved)
            guard stat(target.path, &status) == 0 else { throw .cannotWrite(path: path, detail: String(cString: strerror(errno))) }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file(target)
        case S_IFIFO, S_IFCHR: return .stream(target)
        case S_IFDIR: throw .refused(path: path, reason: .folder)
        default: throw .refused(path: path, reason: .notAFile)
        }
    }

    /// The descriptor a name of this process's standard output or error stands for.
    private static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1": STDOUT_FILENO
        case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2": STDERR_FILENO
        default: nil
        }
    }

    /// Whether two paths name the same existing file (symbolic and hard links followed).
    public static func sameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Refuses an output that is one of the inputs (it would be overwritten while, or before, it is read).
    public static func refuseInputs(outputs: [String], inputs: [String]) throws(FileError) {
        for output in outputs {
            for input in inputs where sameFile(output, input) {
                throw .refused(path: output, reason: .isInput(input))
            }
        }
    }
}
