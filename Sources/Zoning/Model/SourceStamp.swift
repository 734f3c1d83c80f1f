import Foundation

/// One source file of a dataset as it was when read: the compiled store records these, and is fresh
/// only while every file still has the same size and modification time (as `make` judges). The
/// SHA-256 says what the content was, for the dataset's content hash and for reports.
public struct SourceStamp: Sendable, Hashable {
    /// Path relative to the dataset folder (or absolute, as the manifest wrote it).
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    public var sha256: String

    package init(path: String, size: Int64, modified: Int64, sha256: String) {
        self.path = path
        self.size = size
        self.modified = modified
        self.sha256 = sha256
    }
}
