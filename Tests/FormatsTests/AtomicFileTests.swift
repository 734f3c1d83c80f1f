import Foundation
import Testing
import Formats
import Wording

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

@Suite("Streamed outputs")
struct AtomicOutputTests {
    @Test("many small writes, more than one 256 KB block, arrive whole and in order; nothing is visible before commit")
    func blocks() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("out.csv")
        let output = try AtomicOutput(destination: target)
        // 40,000 lines of 12 bytes = 480,000 bytes: one full block written early, the rest at commit.
        var expected = Data()
        for index in 0..<40_000 {
            let line = Data(String(format: "%010d\r\n", index).utf8)
            expected.append(line)
            try output.write(line)
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        try output.commit()
        #expect(try Data(contentsOf: target) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }

    @Test("an output dropped without commit leaves neither the target nor its temporary file")
    func dropped() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let output = try AtomicOutput(destination: directory.appendingPathComponent("out.csv"))
            try output.write(Data(repeating: 0x41, count: 300_000))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
