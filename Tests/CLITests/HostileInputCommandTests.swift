import Foundation
import Testing

/// Issue 23's inputs that are not what they seem: standard input past its limit or not GeoJSON at all,
/// a FIFO named as a site file, a file whose name looks like an option, a name that holds a newline.
/// Runs that could hang have a timeout, so a hang fails the test instead of stalling the suite.
@Suite("Hostile inputs on the command line")
struct HostileInputCommandTests {
    /// A FeatureCollection of one point (demo site S01, as Fixtures/demo/sites.geojson has it) padded by a
    /// property to `bytes` bytes, on one line (so it is read whole, not as a sequence).
    static func paddedCollection(bytes: Int) -> Data {
        let head = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"S01","pad":""#
        let tail = #""},"geometry":{"type":"Point","coordinates":[111.7312807,30.5291253]}}]}"#
        return Data((head + String(repeating: "x", count: bytes - head.utf8.count - tail.utf8.count) + tail).utf8)
    }

    @Test("screen - over --max-stdin-bytes: refused naming the limit, whether the first block or a later one passes it; under the limit it is read",
          arguments: [(1_000, 5_000), (100_000, 300_000)])
    func standardInputLimit(limit: Int, size: Int) async throws {
        let folder = try CLI.scratchFolder("inputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("stdin.geojson")
        try Self.paddedCollection(bytes: size).write(to: input)
        let over = try await CLI.run(["screen", "-", "--max-stdin-bytes", String(limit)], input: .file(input.path), timeout: .seconds(120))
        #expect(over.status == 2)
        #expect(over.stderr.contains("标准输入超过 \(limit) 字节"), "\(over.stderr)")
        #expect(over.stderr.contains("请用选项 --max-stdin-bytes 调高"), "\(over.stderr)")
        let under = try await CLI.run(["screen", "-", "--max-stdin-bytes", String(size), "--format", "json", "--detail", "verdict"],
                                input: .file(input.path), timeout: .seconds(120))
        #expect(under.status == 0, "\(under.stderr)")
        #expect(under.stdout.contains(#""id":"S01""#))
    }

    @Test("screen - < /dev/zero stops at once: the first byte cannot start GeoJSON, and the message says which")
    func devZero() async throws {
        let run = try await CLI.run(["screen", "-"], input: .file("/dev/zero"), timeout: .seconds(60))
        #expect(!run.timedOut)
        #expect(run.status == 2)
        #expect(run.stderr.contains("stdin 不是合法的 JSON：开头是字节 0x00，不是 GeoJSON"), "\(run.stderr)")
        let english = try await CLI.run(["screen", "-", "--lang", "en"], input: .file("/dev/zero"), timeout: .seconds(60))
        #expect(english.stderr.contains("stdin is not valid JSON: it starts with byte 0x00, which cannot start GeoJSON"), "\(english.stderr)")
    }

    @Test("a GeoJSON document on stdin that is not JSON is named stdin in the message, not by a temporary file")
    func brokenDocumentNamedStdin() async throws {
        let run = try await CLI.run(["screen", "-"], stdin: #"{"type":"FeatureCollection","features":["#)
        #expect(run.status == 2)
        #expect(run.stderr.contains("错误：stdin 不是合法的 JSON"), "\(run.stderr)")
        #expect(!run.stderr.contains(".geojson"), "\(run.stderr)")
    }

    @Test("a FIFO given as a site file is refused at once, without waiting for a writer")
    func fifoSiteFile() async throws {
        let folder = try CLI.scratchFolder("inputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("sites.geojson").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let run = try await CLI.run(["screen", fifo], input: .text(""), timeout: .seconds(60))
        #expect(!run.timedOut, "still waiting on the FIFO after 60 s")
        #expect(run.status == 2)
        #expect(run.stderr.contains("错误：\(fifo) 不是普通文件（命名管道、设备或套接字）；从管道读取请用 - 表示标准输入"), "\(run.stderr)")
    }

    @Test("a file named -x.geojson alone is taken for an option, and the message says how to name it; ./-x.geojson and -- -x.geojson are read")
    func dashedFileName() async throws {
        let folder = try CLI.scratchFolder("inputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.paddedCollection(bytes: 200).write(to: folder.appendingPathComponent("-x.geojson"))
        let alone = try await CLI.run(["screen", "-x.geojson"], input: .text(""), directory: folder)
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("没有要筛查的站点：“-x.geojson”以 - 开头，被当作选项；作为文件请写成 ./-x.geojson，或放在 -- 之后"), "\(alone.stderr)")
        for arguments in [["./-x.geojson"], ["--", "-x.geojson"]] {
            let read = try await CLI.run(["screen", "--format", "json", "--detail", "verdict"] + arguments, input: .text(""), directory: folder)
            #expect(read.status == 0, "\(arguments): \(read.stderr)")
            #expect(read.stdout.contains(#""id":"S01""#))
        }
    }

    @Test("a file name holding a newline is shown escaped on stderr: it cannot forge a line of its own")
    func newlineInName() async throws {
        let folder = try CLI.scratchFolder("inputs")
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "坏\n错误：伪造的一行.geojson"
        let path = folder.appendingPathComponent(name).path
        try Data("{".utf8).write(to: URL(fileURLWithPath: path))
        let run = try await CLI.run(["screen", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("坏\\n错误：伪造的一行.geojson 不是合法的 JSON"), "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("错误：伪造的一行") }, "\(run.stderr)")
    }
}
