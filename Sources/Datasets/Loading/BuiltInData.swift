import ClauseReading
import Foundation
import Synchronization
import Zoning

/// Data ZoneScreen carries itself: the national rule pack and the GB/T 4754-2017 catalogue
/// (`Sources/Datasets/Resources`), the clause reader's lexicon and category tables
/// (`Sources/ClauseReading/Resources`). Found beside the executable (SwiftPM's resource bundle, which `scripts/install`
/// copies with the binary) or in the source tree of a development build; a missing file is an error
/// the loader reports, never a crash (SwiftPM's own `Bundle.module` stops the process instead).
public enum BuiltInData {
    public static let nationalRules = "national-rules.yaml"
    public static let catalogue = "gbt4754-2017.csv"
    public static let readerLexicon = "industry-lexicon.csv"
    public static let readerGroups = "industry-groups.csv"

    /// The target whose resource bundle holds a file (SwiftPM names bundles PACKAGE_TARGET.resources).
    static func target(of name: String) -> String {
        [readerLexicon, readerGroups].contains(name) ? "ClauseReading" : "Datasets"
    }

    /// Where a built-in file is, or nil when this installation lacks it.
    public static func url(_ name: String) -> URL? {
        candidates(name).first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The folder of the running executable, symbolic links resolved. Not from `argv[0]`: a command
    /// found on the PATH is started as plain `zonescreen`, which names no folder.
    public static var executableFolder: URL {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
        return executable.resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func candidates(_ name: String) -> [URL] {
        var found: [URL] = []
        if let forced = ProcessInfo.processInfo.environment["ZONESCREEN_BUILTIN_DATA"], !forced.isEmpty {
            found.append(URL(fileURLWithPath: forced).appendingPathComponent(name))
        }
        let target = target(of: name)
        var folder = executableFolder
        for _ in 0..<3 {
            found.append(folder.appendingPathComponent("ZoneScreen_\(target).resources").appendingPathComponent("Resources").appendingPathComponent(name))
            folder.deleteLastPathComponent()
        }
        // A development build run from anywhere: the source tree it was built from (Sources/<target>/Resources).
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        found.append(sources.appendingPathComponent(target).appendingPathComponent("Resources").appendingPathComponent(name))
        return found
    }

    /// The file's bytes and their SHA-256 (what a dataset's content hash and its store's freshness test
    /// take), read once per process.
    static func contents(_ name: String) -> (data: Data, sha256: String)? {
        cache.withLock { cached in
            if let known = cached[name] { return known }
            guard let url = url(name), let data = FileManager.default.contents(atPath: url.path) else { return nil }
            var hash = SHA256()
            hash.update(data)
            let made = (data, hash.finalize())
            cached[name] = made
            return made
        }
    }

    private static let cache = Mutex<[String: (data: Data, sha256: String)]>([:])

    /// Source stamps name built-in files with this prefix (they are not in the dataset folder).
    static let stampPrefix = "builtin:"

    /// The clause reader's own version as a stamp: a store read with another version of the reader is
    /// stale, as one read with another lexicon is.
    static var readerStamp: SourceStamp {
        SourceStamp(path: stampPrefix + readerVersionName, size: 0, modified: 0, sha256: ClauseTextReader.version)
    }
    static let readerVersionName = "clause-reader"

    /// A stamp for a built-in file, as a dataset records what it was read from.
    static func stamp(_ name: String) -> SourceStamp? {
        guard let (data, sha256) = contents(name) else { return nil }
        return SourceStamp(path: stampPrefix + name, size: Int64(data.count), modified: 0, sha256: sha256)
    }
}
