import Foundation
import Testing

/// An interrupted run leaves nothing behind, and a run after a killed one clears what that one left.
@Suite("Interrupted runs", .serialized)
struct InterruptTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let point = #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[111.7312807,30.5291253]}}"# + "\n"

    @Test("SIGINT and SIGTERM during a CSV stream: exit 130 / 143, no temporary file left, the old output untouched", arguments: [SIGINT, SIGTERM])
    func interrupted(signal number: Int32) throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.csv")
        try Data("old results\n".utf8).write(to: output)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["screen", "-", "--format", "csv", "--output", output.path, "--quiet"]
        process.currentDirectoryURL = CLI.root
        let input = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Features keep coming (the stream stays open), so the run is mid-write when the signal comes.
        for _ in 0..<200 { input.fileHandleForWriting.write(Data(Self.point.utf8)) }
        var temporaries: [String] = []
        for _ in 0..<100 where temporaries.count < 3 {
            Thread.sleep(forTimeInterval: 0.05)
            temporaries = (try FileManager.default.contentsOfDirectory(atPath: folder.path)).filter { $0.hasSuffix(".tmp") }
        }
        // The site table, its scratch rows (the header goes last) and the zone table are being written.
        #expect(temporaries.count == 3, "\(temporaries)")
        kill(process.processIdentifier, number)
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationStatus == 128 + number)
        #expect(String(decoding: stderr, as: UTF8.self).contains("删除临时文件 3 个"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
        #expect(try String(contentsOf: output, encoding: .utf8) == "old results\n")
    }

    @Test("after a SIGKILL, the next run into the folder removes the dead process's temporary files, not a live one's")
    func staleRemoved() async throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // No process has this id (above Linux's pid_max default of 4,194,304).
        let dead = ".out.csv.2147483646.tmp", deadZones = ".out.zones.csv.2147483646.tmp"
        // This test process is alive: its file must stay.
        let live = ".out.csv.\(ProcessInfo.processInfo.processIdentifier).tmp"
        let unrelated = ".notes.txt.2147483646.tmp"
        for name in [dead, deadZones, live, unrelated] { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        let output = folder.appendingPathComponent("out.csv")
        let run = try await CLI.run(["screen", "--point", "111.7312807,30.5291253", "--format", "csv", "--output", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == ["out.csv", "out.zones.csv", live, unrelated])
    }
}
