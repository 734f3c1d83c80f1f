import Foundation
import Testing
import Formats

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("replaces the target's content and leaves no temporary file behind")
    func replacesTarget() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("report.geojson")
        try Data("old content that is longer than the new".utf8).write(to: target)

        try AtomicFile.write(Data("new".utf8), to: target)

        #expect(try Data(contentsOf: target) == Data("new".utf8))
        // Only the target remains: the temporary file was renamed onto it, not copied.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.geojson"])
    }

    @Test("creates a file that did not exist, and keeps an existing file's permissions")
    func createsAndKeepsPermissions() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("new.txt")
        try AtomicFile.write(Data("1".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "1")

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        try AtomicFile.write(Data("2".utf8), to: target)
        let permissions = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("a directory that does not exist fails with a message naming the path")
    func failureNamesPath() throws {
        let target = URL(fileURLWithPath: "/nonexistent-zonescreen-dir/out.geojson")
        do {
            try AtomicFile.write(Data("x".utf8), to: target)
            Issue.record("write into a missing directory succeeded")
        } catch {
            #expect(error.message(.zh).hasPrefix("无法写入文件 /nonexistent-zonescreen-dir/out.geojson："))
            #expect(error.message(.en).hasPrefix("cannot write file /nonexistent-zonescreen-dir/out.geojson: "))
        }
    }
}
