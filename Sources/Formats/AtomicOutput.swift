import Foundation

/// An output written piece by piece to a temporary file beside its destination and renamed into place
/// by `commit()`, so a run that is interrupted or fails never leaves a half-written file. Without a
/// destination it writes straight to standard output. The destination is resolved by `OutputTarget`:
/// through a symbolic link the linked file is replaced (never the link); a FIFO, a character device or
/// a name of standard output is written directly; a folder or other non-file is refused.
public final class AtomicOutput {
    public let destination: URL?
    private let temporary: URL?
    /// The file renamed over: the destination, or the file its symbolic link names.
    private let place: URL?
    private let handle: FileHandle
    private var finished = false
    /// Writes to a file are gathered into blocks: a row per write was 200,000 system calls for a
    /// 100,000-site table. Standard output is written at once, so a pipeline sees each answer as it comes.
    private var pending = Data()
    private static let blockSize = 1 << 18

    public init(destination: URL?) throws(FileError) {
        self.destination = destination
        guard let destination else {
            temporary = nil
            place = nil
            handle = .standardOutput
            return
        }
        let target: URL
        switch try OutputTarget.resolve(destination) {
        case .file(let resolved): target = resolved
        case .stream(let streamURL):
            guard let stream = FileHandle(forWritingAtPath: streamURL.path) else {
                throw .cannotWrite(path: destination.path, detail: String(cString: strerror(errno)))
            }
            temporary = nil
            place = nil
            handle = stream
            return
        case .standardStream(let descriptor):
            temporary = nil
            place = nil
            handle = descriptor == STDERR_FILENO ? .standardError : .standardOutput
            return
        }
        TemporaryFiles.removeStale(beside: target)
        let temporary = TemporaryFiles.name(beside: target)
        TemporaryFiles.register(temporary.path)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw .cannotWrite(path: destination.path, detail: String(cString: strerror(errno)))
        }
        self.temporary = temporary
        self.place = target
        self.handle = handle
    }

    deinit {
        if !finished, let temporary {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
        if let temporary { TemporaryFiles.unregister(temporary.path) }
    }

    public func write(_ data: Data) throws(FileError) {
        guard destination != nil else { return try writeNow(data) }
        pending.append(data)
        if pending.count >= Self.blockSize { try flush() }
    }

    /// The temporary file being written, for a caller that reads its own scratch output back before
    /// discarding it (the object removes it when it goes, unless committed).
    public var temporaryPath: String? { temporary?.path }

    /// Writes out what is gathered, so `temporaryPath` holds everything written so far.
    public func flush() throws(FileError) {
        guard !pending.isEmpty else { return }
        try writeNow(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func writeNow(_ data: Data) throws(FileError) {
        do { try handle.write(contentsOf: data) } catch {
            throw .cannotWrite(path: destination?.path ?? "stdout", detail: error.localizedDescription)
        }
    }

    public func write(_ text: String) throws(FileError) {
        try write(Data(text.utf8))
    }

    /// Moves the finished file into place (a no-op for standard output).
    public func commit() throws(FileError) {
        guard let temporary else {
            try flush()
            finished = true
            return
        }
        guard let destination else { return }
        try flush()
        finished = true
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .cannotWrite(path: destination.path, detail: error.localizedDescription)
        }
        // Into the file a symbolic link names, not over the link.
        guard rename(temporary.path, (place ?? destination).path) == 0 else {
            let detail = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            TemporaryFiles.unregister(temporary.path)
            throw .cannotWrite(path: destination.path, detail: detail)
        }
        TemporaryFiles.unregister(temporary.path)
    }
}
