import Datasets
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Formats
import Geometry
import Testing
import Zoning
import Wording

/// The compiled store's life: built on first use, mapped while fresh, rebuilt when a source changes,
/// and never trusted when damaged, of another format version, built from another folder, or stale.
/// Each test works on its own copy of Fixtures/zoning/tiny and its own cache folder.
@Suite("Compiled dataset store")
struct DatasetStoreTests {
    /// A private copy of the tiny dataset and a private cache folder, removed when the test ends.
    static func withCopy<T>(_ body: (_ dataset: URL, _ cache: URL) throws -> T) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-store-\(UUID().uuidString)")
        let copy = root.appendingPathComponent("tiny"), cache = root.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestDatasets.url("zoning/tiny"), to: copy)
        defer { try? FileManager.default.removeItem(at: root) }
        return try body(copy, cache)
    }

    /// Rewrites bytes of a file in place.
    static func patch(_ file: URL, at offset: Int, _ bytes: [UInt8]) throws {
        var data = try Data(contentsOf: file)
        for (index, byte) in bytes.enumerated() { data[offset + index] = byte }
        try data.write(to: file)
    }

    @Test("first use builds the store, the second maps it, a changed source file rebuilds it")
    func lifecycle() throws {
        try Self.withCopy { dataset, cache in
            let first = try DatasetStore.open(dataset, cache: cache)
            guard case .built(let path, .missing, _) = first.event else {
                Issue.record("expected a build, got \(first.event)")
                return
            }
            #expect(path.hasPrefix(cache.path) && path.hasSuffix(".zsd"))
            #expect(try DatasetStore.open(dataset, cache: cache).event == .mapped(path: path))

            // One more clause line: the file's size changes, so the store is stale.
            let clauses = dataset.appendingPathComponent("lists/clauses.yaml")
            try (String(contentsOf: clauses, encoding: .utf8) + "\n# 修订\n").write(to: clauses, atomically: true, encoding: .utf8)
            let third = try DatasetStore.open(dataset, cache: cache)
            guard case .built(_, .changed(file: "lists/clauses.yaml"), _) = third.event else {
                Issue.record("expected a rebuild for lists/clauses.yaml, got \(third.event)")
                return
            }
            #expect(try DatasetStore.open(dataset, cache: cache).event == .mapped(path: path))
        }
    }

    @Test("a store holds what the sources give: counts, codes, clauses, rules, content hash")
    func sameContent() throws {
        try Self.withCopy { dataset, cache in
            let fromSources = try DatasetLoader.load(from: dataset)
            let mapped = try DatasetStore.open(dataset, cache: cache).dataset
            #expect(mapped.units.map(\.code) == fromSources.units.map(\.code))
            #expect(mapped.units.map(\.listText) == fromSources.units.map(\.listText))
            #expect(mapped.redLines.map(\.code) == fromSources.redLines.map(\.code))
            #expect(mapped.shorelines.map(\.riverName) == fromSources.shorelines.map(\.riverName))
            #expect(mapped.sensitiveAreas.map(\.name) == fromSources.sensitiveAreas.map(\.name))
            #expect(mapped.clauses == fromSources.clauses)
            #expect(mapped.rules == fromSources.rules)
            #expect(mapped.catalogue.industries == fromSources.catalogue.industries)
            #expect(mapped.contentHash == fromSources.contentHash)
            #expect(mapped.metadata == fromSources.metadata)
            // Geometry values come back bit for bit.
            #expect(mapped.units.map(\.geometry) == fromSources.units.map(\.geometry))
            #expect(mapped.shorelines.map(\.geometry) == fromSources.shorelines.map(\.geometry))
            // tiny: 3 units, 1 red line, 2 shorelines, 10 clauses (see DatasetLoaderTests).
            #expect((mapped.units.count, mapped.redLines.count, mapped.shorelines.count, mapped.clauses.count) == (3, 1, 2, 10))
        }
    }

    @Test("a damaged, truncated or foreign-version store in the cache is rebuilt, and refused when named directly")
    func damaged() throws {
        try Self.withCopy { dataset, cache in
            let path = URL(fileURLWithPath: try DatasetStore.build(from: dataset, cache: cache).path.path)
            let size = try Data(contentsOf: path).count

            // One byte in the last section (coverage grids) flipped: the checksum no longer matches.
            let original = try Data(contentsOf: path)
            try Self.patch(path, at: size - 9, [original[size - 9] ^ 0x40])
            #expect(throws: StoreError.damaged(path: path.path, detail: "checksum")) { try DatasetStore.openStoreFile(path) }
            let rebuilt = try DatasetStore.open(dataset, cache: cache)
            #expect(rebuilt.event.isRebuild(because: .unusable(.damaged(path: path.path, detail: "checksum"))))

            // Cut short: the length in the header no longer matches.
            let whole = try Data(contentsOf: path)
            try whole.prefix(whole.count - 100).write(to: path)
            #expect(throws: StoreError.damaged(path: path.path, detail: "length \(whole.count - 100), header says \(whole.count)")) {
                try DatasetStore.openStoreFile(path)
            }
            _ = try DatasetStore.open(dataset, cache: cache)

            // Format version 99 at byte 8 (see StoreLayout).
            try Self.patch(path, at: 8, [99, 0, 0, 0])
            #expect(throws: StoreError.otherFormatVersion(path: path.path, found: 99, expected: 9)) { try DatasetStore.openStoreFile(path) }
            #expect(try DatasetStore.open(dataset, cache: cache).event.isRebuild)

            // Not a store at all.
            try Data("not a store".utf8).write(to: path)
            #expect(throws: StoreError.notAStore(path: path.path)) { try DatasetStore.openStoreFile(path) }
            #expect(try DatasetStore.open(dataset, cache: cache).event.isRebuild)
        }
    }

    @Test("a store is checked whole once, then opened without reading it; a byte changed later is still found, even with its old modification time put back")
    func checkedOnce() throws {
        try Self.withCopy { dataset, cache in
            let path = URL(fileURLWithPath: try DatasetStore.build(from: dataset, cache: cache).path.path)
            // The build mapped its store back and checked it: the record beside it names this file.
            let record = path.deletingLastPathComponent().appendingPathComponent("." + path.lastPathComponent + ".verified")
            let identity = try #require(FileIdentity(path: path.path))
            #expect(try String(contentsOf: record, encoding: .utf8).hasPrefix("\(identity) "))
            _ = try DatasetStore.openStoreFile(path)

            // One byte flipped in place and the modification time set back (as cp -p or rsync -t leave
            // it): the change time still moves, so the record no longer fits and the checksum is read.
            let original = try Data(contentsOf: path)
            try Self.patch(path, at: original.count - 9, [original[original.count - 9] ^ 0x40])
            var times = [timespec(tv_sec: Int(identity.modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(identity.modifiedNanoseconds % 1_000_000_000)),
                         timespec(tv_sec: Int(identity.modifiedNanoseconds / 1_000_000_000), tv_nsec: Int(identity.modifiedNanoseconds % 1_000_000_000))]
            #expect(utimensat(AT_FDCWD, path.path, &times, 0) == 0)
            #expect(FileIdentity(path: path.path)?.modifiedNanoseconds == identity.modifiedNanoseconds)
            #expect(throws: StoreError.damaged(path: path.path, detail: "checksum")) { try DatasetStore.openStoreFile(path) }
        }
    }

    @Test("opening a checked store decodes no unit, red line or clause; a site decodes only what it touches")
    func decodedOnUse() throws {
        try Self.withCopy { dataset, cache in
            let path = URL(fileURLWithPath: try DatasetStore.build(from: dataset, cache: cache).path.path)
            let opened = try DatasetStore.openStoreFile(path)
            #expect(opened.units.decodedCount == 0 && opened.redLines.decodedCount == 0 && opened.clauses.decodedCount == 0)
            // A point inside the first unit (its point on surface): that unit and the clauses it brings in.
            let unit = opened.units[0]
            let result = try ScreeningEngine(dataset: opened).screen(Site(geometry: .point(try unit.geometry.pointOnSurface()), crs: opened.workingCRS))
            #expect(result.controlUnits.map(\.code).contains(unit.code))
            #expect(opened.units.decodedCount == result.controlUnits.count)
            // The clauses the index offers for that unit (all, class and subclass lists, and its own) are read
            // to see whether their scope covers it; no other.
            #expect(opened.clauses.decodedCount <= opened.clauseIndex.candidates(touching: result.controlUnits.map(\.code)).count)
            #expect(opened.clauses.decodedCount < opened.clauses.count)
        }
    }

    @Test("a .zsd named directly is refused once its sources have changed, with the file that changed")
    func staleDirect() throws {
        try Self.withCopy { dataset, cache in
            let file = cache.appendingPathComponent("tiny-shared.zsd")
            _ = try DatasetStore.build(from: dataset, to: file)
            #expect(try DatasetStore.openStoreFile(file).units.count == 3)
            let rules = dataset.appendingPathComponent("rules.yaml")
            try (String(contentsOf: rules, encoding: .utf8) + "\n").write(to: rules, atomically: true, encoding: .utf8)
            let resolved = dataset.standardizedFileURL.resolvingSymlinksInPath().path
            #expect(throws: StoreError.stale(path: file.path, source: resolved, changed: "rules.yaml")) { try DatasetStore.openStoreFile(file) }
            #expect(StoreError.stale(path: file.path, source: resolved, changed: "rules.yaml").message(.zh).contains("已过期"))
        }
    }

    @Test("a store copied into another folder's cache place is not used for that folder")
    func foreign() throws {
        try Self.withCopy { dataset, cache in
            let other = dataset.deletingLastPathComponent().appendingPathComponent("other")
            try FileManager.default.copyItem(at: dataset, to: other)
            let built = try DatasetStore.build(from: dataset, cache: cache).path
            let otherPlace = DatasetStore.cachePath(for: other, in: cache)
            #expect(otherPlace != built)
            try FileManager.default.copyItem(at: built, to: otherPlace)
            let opened = try DatasetStore.open(other, cache: cache)
            guard case .built(_, .otherFolder(let folder), _) = opened.event else {
                Issue.record("expected a rebuild for another folder, got \(opened.event)")
                return
            }
            #expect(folder == dataset.standardizedFileURL.resolvingSymlinksInPath().path)
        }
    }
}

extension DatasetStore.Event {
    var isRebuild: Bool {
        if case .built = self { return true }
        return false
    }

    func isRebuild(because reason: DatasetStore.RebuildReason) -> Bool {
        if case .built(_, let found, _) = self { return found == reason }
        return false
    }
}

@Suite("Compiled dataset store: abandoned temporary files")
struct StoreTemporaryFileTests {
    @Test("a build removes its store's temporary files left more than an hour ago, and keeps recent ones")
    func abandoned() throws {
        try DatasetStoreTests.withCopy { dataset, cache in
            let path = DatasetStore.cachePath(for: dataset, in: cache)
            try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
            let old = cache.appendingPathComponent(".\(path.lastPathComponent).0000-OLD.tmp")
            let recent = cache.appendingPathComponent(".\(path.lastPathComponent).0000-NEW.tmp")
            let other = cache.appendingPathComponent(".another.zsd.0000-OLD.tmp")
            for file in [old, recent, other] { try Data("partial".utf8).write(to: file) }
            let twoHoursAgo = Date().addingTimeInterval(-7200)
            for file in [old, other] { try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: file.path) }

            _ = try DatasetStore.open(dataset, cache: cache)
            #expect(!FileManager.default.fileExists(atPath: old.path))
            #expect(FileManager.default.fileExists(atPath: recent.path))
            // Another store's leftovers are that store's business.
            #expect(FileManager.default.fileExists(atPath: other.path))
        }
    }
}

@Suite("Compiled dataset store: check results kept")
struct StoreCheckResultTests {
    @Test("a store built on first use gets its geometric check results the first time it is checked, and stays fresh")
    func keptAfterCheck() throws {
        try DatasetStoreTests.withCopy { dataset, cache in
            let first = try DatasetStore.open(dataset, cache: cache)
            #expect(first.dataset.geometryProblems == nil)
            // The tiny dataset tiles its region without gaps or overlaps (DatasetLoaderTests): no problems.
            #expect(DatasetStore.checkedProblems(first.dataset).isEmpty)
            let again = try DatasetStore.open(dataset, cache: cache)
            guard case .mapped = again.event else {
                Issue.record("expected the rewritten store to be fresh, got \(again.event)")
                return
            }
            #expect(again.dataset.geometryProblems == [])
        }
    }
}
