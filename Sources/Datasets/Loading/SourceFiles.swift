import Foundation
import Zoning
#if canImport(Glibc)
import Glibc
#endif

// Stamping a dataset's files, and judging whether a stamp is still current: the dataset side's work
// on the `SourceStamp` values the model keeps.

extension SourceStamp {
    /// Size and time of a file now, or nil when it cannot be read.
    package static func fileStatus(_ url: URL) -> (size: Int64, modified: Int64)? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// Whether the file at `directory/path` still has this size and time; for a file ZoneScreen carries
    /// itself (the national rules, the catalogue), whether this build carries the same content.
    package func isCurrent(in directory: URL) -> Bool {
        if path.hasPrefix(BuiltInData.stampPrefix) {
            let name = String(path.dropFirst(BuiltInData.stampPrefix.count))
            if name == BuiltInData.readerVersionName { return sha256 == BuiltInData.readerStamp.sha256 }
            return BuiltInData.contents(name)?.sha256 == sha256
        }
        guard let now = Self.fileStatus(directory.datasetFile(path)) else { return false }
        return now.size == size && now.modified == modified
    }
}

/// The files a manifest names, with the files that belong to them: a Shapefile's .shx/.dbf/.prj/.cpg,
/// a File Geodatabase folder's contents.
enum SourceFiles {
    static let shapefileParts = ["shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"]

    static func expand(_ file: String, in directory: URL) -> [String] {
        let url = directory.datasetFile(file)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [file] }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []
            return names.sorted().filter { name in
                var inner: ObjCBool = false
                return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &inner) && !inner.boolValue
            }.map { file + "/" + $0 }
        }
        guard url.pathExtension.lowercased() == "shp" else { return [file] }
        let stem = String(file.dropLast(4))
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        let base = url.deletingPathExtension().lastPathComponent
        var found: [String] = []
        for name in siblings.sorted() {
            let sibling = URL(fileURLWithPath: name)
            guard sibling.deletingPathExtension().lastPathComponent == base,
                  shapefileParts.contains(sibling.pathExtension.lowercased()) else { continue }
            found.append(stem + "." + sibling.pathExtension)
        }
        return found.isEmpty ? [file] : found
    }

    /// Stamps every file (hashing its content), in the order given; missing files are left out (the
    /// loader reports them).
    static func stamps(_ files: [String], in directory: URL) -> [SourceStamp] {
        var seen = Set<String>()
        var stamps: [SourceStamp] = []
        for file in files where seen.insert(file).inserted {
            let url = directory.datasetFile(file)
            guard let before = SourceStamp.fileStatus(url), let data = FileManager.default.contents(atPath: url.path) else { continue }
            var hash = SHA256()
            hash.update(data)
            stamps.append(SourceStamp(path: file, size: before.size, modified: before.modified, sha256: hash.finalize()))
        }
        return stamps
    }

    /// One hash over every file's path and content hash, in order.
    static func contentHash(_ stamps: [SourceStamp]) -> String {
        var hash = SHA256()
        for stamp in stamps {
            hash.update(Array(stamp.path.utf8) + [0] + Array(stamp.sha256.utf8) + [0])
        }
        return hash.finalize()
    }
}
