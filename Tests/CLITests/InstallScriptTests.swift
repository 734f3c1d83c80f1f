import Foundation
import Testing
import TestSupport

/// `scripts/install --prefix DIR`, as a new user runs it after the README's two commands: a
/// `DIR/bin/zonescreen` that answers from any folder, started by name from the PATH.
@Suite("scripts/install", .serialized)
struct InstallScriptTests {
    static func run(_ executable: String, _ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CLI.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, set in set }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// What the system's pkg-config says of an installed library: an independent source for `--version`.
    static func packageVersion(_ name: String) throws -> String {
        try run("/usr/bin/pkg-config", ["--modversion", name], in: "/").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The tested build's own folder (debug here): installing it needs no release build.
    static var built: String { CLI.executable.deletingLastPathComponent().path }
    static var script: String { CLI.root.appendingPathComponent("scripts/install").path }

    @Test("install into a fresh prefix: --version and the demo screening work from /, by name on the PATH; a second run says nothing")
    func installAndRun() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A space in the path, as in a user's "My Tools".
        let prefix = scratch.appendingPathComponent("my tools").path
        let first = try Self.run("/bin/bash", [Self.script, "--prefix", prefix, "--from", Self.built], in: scratch.deletingLastPathComponent().path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\(prefix)/bin/zonescreen"))

        // What SwiftPM's resource bundles hold and the demo dataset, beside the binary.
        for file in ["bin/zonescreen", "bin/ZoneScreen_Datasets.resources/Resources/national-rules.yaml",
                     "bin/ZoneScreen_Datasets.resources/Resources/gbt4754-2017.csv",
                     "bin/ZoneScreen_ClauseReading.resources/Resources/industry-lexicon.csv",
                     "bin/ZoneScreen_Server.resources/Web/index.html", "share/zonescreen/demo/dataset.yaml"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: prefix + "/share/zonescreen/demo/generator"))

        // Started by name through the PATH (argv[0] is then plain "zonescreen"), from /.
        let path = ["PATH": "\(prefix)/bin:/usr/local/bin:/usr/bin:/bin", "ZONESCREEN_CACHE": scratch.appendingPathComponent("cache").path]
        let version = try Self.run("/usr/bin/env", ["zonescreen", "--version"], in: "/", environment: path)
        #expect(version.status == 0, "\(version.stderr)")
        let libraries = "(GEOS \(try Self.packageVersion("geos")), PROJ \(try Self.packageVersion("proj")), GDAL \(try Self.packageVersion("gdal")))"
        #expect(version.stdout.hasPrefix("zonescreen ") && version.stdout.hasSuffix(" \(libraries)\n"), "\(version.stdout)")

        let screened = try Self.run("/usr/bin/env", ["zonescreen", "screen", "--demo-sites", "--format", "csv"], in: "/", environment: path)
        #expect(screened.status == 0, "\(screened.stderr)")
        // The demo's expected verdicts (Fixtures/demo/expected.csv, worked out by its generator), counted.
        let expected = FixtureTable.load("demo/expected.csv").rows.map { $0["verdict"] }
        let count = { (verdict: String) in expected.filter { $0 == verdict }.count }
        let summary = "共 \(expected.count) 个站点：禁止 \(count("prohibited"))，限制 \(count("restricted"))，需论证 \(count("needsAssessment"))，符合 \(count("compliant"))；失败 0"
        #expect(screened.stderr.contains(summary), "\(screened.stderr)")

        // The installed dataset is the one in use.
        let info = try Self.run("/usr/bin/env", ["zonescreen", "dataset", "info"], in: "/", environment: path)
        #expect(info.stdout.contains("\(prefix)/share/zonescreen/demo"), "\(info.stdout)")

        // Nothing to do: nothing said. A stale file in ZoneScreen's own folders goes.
        let stale = prefix + "/share/zonescreen/demo/layers/stale.geojson"
        FileManager.default.createFile(atPath: stale, contents: Data("{}".utf8))
        let again = try Self.run("/bin/bash", [Self.script, "--prefix", prefix, "--from", Self.built], in: "/")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        let quiet = try Self.run("/bin/bash", [Self.script, "--prefix", prefix, "--from", Self.built], in: "/")
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet.stdout)\(quiet.stderr)")
    }

    @Test("a prefix that cannot be written is refused before anything is built, naming it")
    func notWritable() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A file where a folder should be stops even root.
        let file = scratch.appendingPathComponent("a-file")
        FileManager.default.createFile(atPath: file.path, contents: Data())
        var refused = [try Self.run("/bin/bash", [Self.script, "--prefix", file.path + "/usr"], in: "/")]
        if getuid() != 0 {
            let locked = scratch.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
            refused.append(try Self.run("/bin/bash", [Self.script, "--prefix", locked.path], in: "/"))
        }
        for output in refused {
            #expect(output.status == 1)
            #expect(output.stderr.contains("无法写入") && output.stderr.contains("--prefix"), "\(output.stderr)")
        }
    }
}
