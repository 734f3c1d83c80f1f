import Foundation
import Testing

/// Issue 23: `--output` and `--clauses` never replace what they should not. Through a symbolic link
/// the linked file gets the answer and the link stays; a FIFO or a character device is written where
/// it is; a folder, or a file the run reads, is refused with exit status 2 before anything is written.
@Suite("Outputs onto links, FIFOs, devices, folders and inputs")
struct OutputPlaceCommandTests {
    /// Demo site S01 as copied from 高德 (README): a new organic-chemicals plant 800 m from the main
    /// stream, prohibited (长江保护法第二十六条), so its answer cites clauses for the dictionary.
    static let site = ["--coords", "111.73706,30.52660", "--offset", "gcj02", "--industry", "C2614", "--nature", "新建"]

    static func kind(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    static func linkTarget(_ path: String) -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: path) }

    static func json(_ text: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// The ids of the clauses the answers cite (reasons of kind "clause").
    static func citedClauses(_ answer: [String: Any]) -> Set<String> {
        let results = answer["results"] as? [[String: Any]] ?? []
        return Set(results.flatMap { ($0["reasons"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "clause" }.compactMap { $0["ruleId"] as? String } })
    }

    @Test("--output and --clauses onto symbolic links: the links stay, the files they name get the answer and the clause texts")
    func symbolicLinks() async throws {
        let folder = try CLI.scratchFolder("outputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let answer = folder.appendingPathComponent("answer.json"), clauses = folder.appendingPathComponent("clauses.json")
        try Data("old answer".utf8).write(to: answer)
        try Data("old clauses".utf8).write(to: clauses)
        let answerLink = folder.appendingPathComponent("answer-link.json").path, clausesLink = folder.appendingPathComponent("clauses-link.json").path
        try FileManager.default.createSymbolicLink(atPath: answerLink, withDestinationPath: "answer.json")
        try FileManager.default.createSymbolicLink(atPath: clausesLink, withDestinationPath: "clauses.json")

        let run = try await CLI.run(["screen"] + Self.site + ["--format", "json", "--output", answerLink, "--clauses", clausesLink])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind(answerLink) == S_IFLNK && Self.linkTarget(answerLink) == "answer.json")
        #expect(Self.kind(clausesLink) == S_IFLNK && Self.linkTarget(clausesLink) == "clauses.json")
        let written = try #require(Self.json(try String(contentsOf: answer, encoding: .utf8)))
        let results = written["results"] as? [[String: Any]] ?? []
        #expect(results.first?["verdictName"] as? String == "禁止")
        let dictionary = try #require(Self.json(try String(contentsOf: clauses, encoding: .utf8)))
        let cited = Self.citedClauses(written)
        #expect(!cited.isEmpty)
        #expect(cited.isSubset(of: Set(dictionary.keys)), "cited \(cited), dictionary \(dictionary.keys.sorted())")
    }

    @Test("--output and --clauses onto FIFOs are written into them: each stays a FIFO and its reader gets the text")
    func fifos() async throws {
        let folder = try CLI.scratchFolder("outputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let answerFIFO = folder.appendingPathComponent("answer.fifo").path, clausesFIFO = folder.appendingPathComponent("clauses.fifo").path
        #expect(mkfifo(answerFIFO, 0o600) == 0 && mkfifo(clausesFIFO, 0o600) == 0)
        // A reader on each, as a user's `cat` would be; ended after the run if the run never opened it.
        let readers = try [answerFIFO, clausesFIFO].map { path in
            let cat = Process()
            cat.executableURL = URL(fileURLWithPath: "/bin/cat")
            cat.arguments = [path]
            let out = Pipe()
            cat.standardOutput = out
            try cat.run()
            return (cat, out)
        }
        let run = try await CLI.run(["screen"] + Self.site + ["--format", "json", "--output", answerFIFO, "--clauses", clausesFIFO],
                              input: .text(""), timeout: .seconds(120))
        let texts = readers.map { cat, out in
            if cat.isRunning { cat.terminate() }
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            cat.waitUntilExit()
            return text
        }
        #expect(!run.timedOut)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind(answerFIFO) == S_IFIFO && Self.kind(clausesFIFO) == S_IFIFO)
        let answer = try #require(Self.json(texts[0]))
        #expect((answer["results"] as? [[String: Any]])?.first?["verdictName"] as? String == "禁止")
        let dictionary = try #require(Self.json(texts[1]))
        #expect(Self.citedClauses(answer).isSubset(of: Set(dictionary.keys)))
    }

    /// Two null devices of this test's own where the test may make them (root), else /dev/null and
    /// /dev/zero (which take writes too, and which a user without root could not have replaced anyway).
    /// Linux's null device, major 1 minor 3, in glibc's dev_t layout (`makedev`, a macro Swift does not
    /// import: minor's low 8 bits, major's low 12 bits from bit 8).
    static let nullDeviceNumber = dev_t((1 << 8) | 3)

    static func characterDevices(in folder: URL) -> [String] {
        let own = ["answer-null", "clauses-null"].map { folder.appendingPathComponent($0).path }
        let made = own.allSatisfy { mknod($0, S_IFCHR | 0o666, nullDeviceNumber) == 0 }
        // A file system mounted nodev refuses to open them: then the system's own.
        if made, own.allSatisfy({ FileHandle(forWritingAtPath: $0) != nil }) { return own }
        return ["/dev/null", "/dev/zero"]
    }

    @Test("--output and --clauses onto character devices (null devices) write into them and leave them devices; XLSX, which needs a file, is refused")
    func characterDevices() async throws {
        let folder = try CLI.scratchFolder("outputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let devices = Self.characterDevices(in: folder)
        let before = devices.map { path -> stat in
            var status = stat()
            _ = stat(path, &status)
            return status
        }
        let run = try await CLI.run(["screen"] + Self.site + ["--format", "json", "--output", devices[0], "--clauses", devices[1]])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let xlsx = try await CLI.run(["screen"] + Self.site + ["--format", "xlsx", "--output", devices[0]])
        #expect(xlsx.status == 2)
        #expect(xlsx.stderr.contains("这种格式只能写入普通文件"), "\(xlsx.stderr)")
        for (path, earlier) in zip(devices, before) {
            var after = stat()
            #expect(lstat(path, &after) == 0)
            #expect(after.st_mode & S_IFMT == S_IFCHR, "\(path)")
            #expect(after.st_rdev == earlier.st_rdev && after.st_ino == earlier.st_ino, "\(path)")
        }
        // No temporary file was left beside them (`.answer-null.<pid>.tmp`...).
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("--output or --clauses onto a folder: refused with exit status 2, the folder untouched")
    func folder() async throws {
        let folder = try CLI.scratchFolder("outputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        for option in [["--output", target.path], ["--clauses", target.path]] {
            let run = try await CLI.run(["screen"] + Self.site + ["--format", "json"] + option)
            #expect(run.status == 2, "\(option)")
            #expect(run.stderr.contains("错误：不写入 \(target.path)：它是文件夹"), "\(run.stderr)")
            #expect(Self.kind(target.path) == S_IFDIR)
            #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
        }
        let english = try await CLI.run(["screen"] + Self.site + ["--format", "json", "--output", target.path, "--lang", "en"])
        #expect(english.status == 2)
        #expect(english.stderr.contains("error: not writing \(target.path): it is a folder"), "\(english.stderr)")
    }

    @Test("--output or --clauses onto a site file, directly or through a link: refused with exit status 2, the file unchanged")
    func inputs() async throws {
        let folder = try CLI.scratchFolder("outputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sites = folder.appendingPathComponent("sites.geojson")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Fixtures/demo/sites.geojson"), to: sites)
        let original = try Data(contentsOf: sites)
        let link = folder.appendingPathComponent("link.geojson").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "sites.geojson")
        for (option, target) in [("--output", sites.path), ("--clauses", sites.path), ("--output", link)] {
            let run = try await CLI.run(["screen", sites.path, "--format", "json", option, target])
            #expect(run.status == 2, "\(option) \(target)")
            #expect(run.stderr.contains("错误：不写入 \(target)：它就是输入文件 \(sites.path)，会被覆盖"), "\(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(try Data(contentsOf: sites) == original)
        }
        #expect(Self.linkTarget(link) == "sites.geojson")
    }
}
