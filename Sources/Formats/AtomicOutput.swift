import Foundation

/// An output written piece by piece to a temporary file beside its destination and renamed into place
/// by `commit()`, so a run that is interrupted or fails never leaves a half-written file. Without a
/// destination it writes straight to standard output.
public final class AtomicOutput {
    public let destination: URL?
    private let temporary: URL?
    private let handle: FileHandle
    private var finished = false

    public init(destination: URL?) throws(FileError) {
        self.destination = destination
        guard let destination else {
            temporary = nil
            handle = .standardOutput
            return
        }
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw .cannotWrite(path: destination.path, detail: String(cString: strerror(errno)))
        }
        self.temporary = temporary
        self.handle = handle
    }

    deinit {
        if !finished, let temporary {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    public func write(_ data: Data) throws(FileError) {
        do { try handle.write(contentsOf: data) } catch {
            throw .cannotWrite(path: destination?.path ?? "stdout", detail: error.localizedDescription)
        }
    }

    public func write(_ text: String) throws(FileError) {
        try write(Data(text.utf8))
    }

    /// Moves the finished file into place (a no-op for standard output).
    public func commit() throws(FileError) {
        finished = true
        guard let destination, let temporary else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw .cannotWrite(path: destination.path, detail: error.localizedDescription)
        }
        guard rename(temporary.path, destination.path) == 0 else {
            let detail = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: destination.path, detail: detail)
        }
    }
}
