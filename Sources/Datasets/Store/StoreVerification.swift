import Foundation
import Formats
import Wording
import Zoning
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a store's length and checksum once per file rather than on every open: reading a national
/// store whole (800 MB) is what a one-site command must not do. After a full check the file's identity
/// (device, inode, size, modification and change times) and its checksum are recorded beside it
/// (`.NAME.zsd.verified`), or, where that folder cannot be written, in the cache folder (`verified/`);
/// an open that finds the same identity and checksum skips the full read. Any write, truncation or
/// replacement of the file changes its identity, so the next open checks it again. Where no record can
/// be written, every open checks the whole file.
enum StoreVerification {
    /// Where the record of a store can be: beside it, then in the cache folder (the real path's hash:
    /// a store reached through a link shares it).
    static func records(for path: String) -> [URL] {
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        var hash = SHA256()
        hash.update(Array(file.path.utf8))
        return [file.deletingLastPathComponent().appendingPathComponent("." + file.lastPathComponent + ".verified"),
                DatasetStore.cacheDirectory().appendingPathComponent("verified").appendingPathComponent(String(hash.finalize().prefix(32)))]
    }

    private static func line(_ identity: FileIdentity, checksum: UInt64) -> String { "\(identity) \(checksum)\n" }

    /// Whether this very file (as mapped) was checked before with this header checksum.
    static func isVerified(_ file: MappedFile, checksum: UInt64) -> Bool {
        isVerified(path: file.path, identity: file.identity, checksum: checksum)
    }

    /// Whether the file at `path`, as `identity` says it was, was checked before with this checksum.
    static func isVerified(path: String, identity: FileIdentity, checksum: UInt64) -> Bool {
        let expected = line(identity, checksum: checksum)
        return records(for: path).contains { (try? String(contentsOf: $0, encoding: .utf8)) == expected }
    }

    /// Records a full check of `file` (best effort: a record that cannot be written only costs speed).
    static func remember(_ file: MappedFile, checksum: UInt64) {
        // The file as it is now: a change since it was mapped must not be recorded as checked.
        guard FileIdentity(path: file.path) == file.identity else { return }
        let text = Data(line(file.identity, checksum: checksum).utf8)
        for record in records(for: file.path) {
            try? FileManager.default.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? AtomicFile.write(text, to: record)) != nil { return }
        }
    }
}

/// A service's private copy of a store: the file is copied into an unnamed file of the service's own
/// (created in the cache folder and unlinked at once), checked while copying, and that copy is mapped.
/// Nothing else can open, write or truncate it, so a store replaced in place, truncated or deleted
/// while it is served changes nothing for the service (a mapping of the shared file would read the new
/// bytes, or die of SIGBUS past a truncation). The copy's pages come from the page cache as a mapping's
/// do (only what requests touch is resident); its disk space is freed when the service exits, however
/// it exits.
enum StoreSnapshot {
    /// Copies `path` and maps the copy; throws when the file is not a whole, undamaged store.
    /// The copy, its checksum as computed while copying, and whether the file copied was the very file
    /// (same identity before and after copying) that an earlier open checked whole with that checksum:
    /// its records then need no decoding again.
    static func map(_ path: String) throws(StoreError) -> (file: MappedFile, checksum: UInt64, checkedBefore: Bool) {
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw .damaged(path: path, detail: String(cString: strerror(errno))) }
        defer { close(source) }
        var before = stat()
        let identity = fstat(source, &before) == 0 ? FileIdentity(before) : nil
        let copy = try temporaryFile(for: path)
        defer { close(copy) }
        var checksum = StoreChecksum()
        var copied = 0
        let chunk = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = read(source, buffer.baseAddress, chunk)
            if got < 0 {
                if errno == EINTR { continue }
                throw .damaged(path: path, detail: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<got])
            // The checksum covers everything after the header.
            if copied + got > StoreLayout.headerSize {
                checksum.add(UnsafeRawBufferPointer(rebasing: piece[max(0, StoreLayout.headerSize - copied)...]))
            }
            var written = 0
            while written < got {
                let result = write(copy, piece.baseAddress.map { $0 + written }, got - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw .cannotWrite(path: path, detail: String(cString: strerror(errno)))
                }
                written += result
            }
            copied += got
        }
        let file: MappedFile
        do { file = try MappedFile(descriptor: copy, path: path) } catch { throw .damaged(path: path, detail: error.message(.zh)) }
        let sum = checksum.value
        let unchanged = identity.map { FileIdentity(path: path) == $0 } ?? false
        return (file, sum, unchanged && identity.map { isVerifiedSource(path: path, identity: $0, checksum: sum) } == true)
    }

    private static func isVerifiedSource(path: String, identity: FileIdentity, checksum: UInt64) -> Bool {
        StoreVerification.isVerified(path: path, identity: identity, checksum: checksum)
    }

    /// An unnamed file for the copy: in the cache folder, else the temporary folder.
    private static func temporaryFile(for path: String) throws(StoreError) -> Int32 {
        var folders = [DatasetStore.cacheDirectory()]
        folders.append(URL(fileURLWithPath: NSTemporaryDirectory()))
        var reason = ""
        for folder in folders {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var template = Array(folder.appendingPathComponent(".zonescreen-snapshot-XXXXXX").path.utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            if descriptor >= 0 {
                // Unlinked at once: the copy has no name, so nothing can open it, and it goes with the process.
                template.withUnsafeBufferPointer { _ = $0.baseAddress.map { unlink($0) } }
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                return descriptor
            }
            reason = String(cString: strerror(errno))
        }
        throw .cannotWrite(path: path, detail: reason)
    }
}
