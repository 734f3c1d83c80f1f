import Foundation
import Testing

/// The limits on outside input, each refused with a message naming the limit and how to raise it.
@Suite("Input limits")
struct InputLimitTests {
    @Test("more vertices than ZONESCREEN_MAX_VERTICES: that site fails, saying which limit and how to raise it")
    func vertices() async throws {
        // The demo's S04 parcel: 5 vertices (a closed ring of 4 corners).
        // The demo's store compiled first, without the limit: compiling reads the dataset's own layers under
        // the same limit (units of hundreds of vertices), and which test compiles it first is up to the order.
        let warm = try await CLI.run(["screen", "--coords", "111.4881675,30.5412542; 111.4973498,30.5429073; 111.4958646,30.5490891; 111.4866816,30.5474359"])
        #expect(warm.status == 0)
        let run = try await CLI.run(["screen", "--coords", "111.4881675,30.5412542; 111.4973498,30.5429073; 111.4958646,30.5490891; 111.4866816,30.5474359"],
                              environment: ["ZONESCREEN_MAX_VERTICES": "4"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("几何有 5 个顶点，超过上限 4；如确需筛查，请设置环境变量 ZONESCREEN_MAX_VERTICES"))
        let allowed = try await CLI.run(["screen", "--coords", "111.4881675,30.5412542; 111.4973498,30.5429073; 111.4958646,30.5490891; 111.4866816,30.5474359"],
                                  environment: ["ZONESCREEN_MAX_VERTICES": "5"])
        #expect(allowed.status == 0)
    }

    @Test("a file over ZONESCREEN_MAX_FILE_BYTES and a line over ZONESCREEN_MAX_LINE_BYTES are refused by name")
    func fileAndLine() async throws {
        let file = "Fixtures/survey/survey_cgcs2000_zone37.txt"
        // A copy padded with blank lines (which the format ignores) to 20,000 bytes, over a 10,000-byte
        // limit that the demo dataset's own files read whole (sites.geojson, 8,467 bytes) stay under.
        var text = try Data(contentsOf: CLI.root.appendingPathComponent(file))
        text.append(Data(repeating: 0x0A, count: 20_000 - text.count))
        let padded = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-limit-\(UUID().uuidString).txt")
        try text.write(to: padded)
        defer { try? FileManager.default.removeItem(at: padded) }
        let big = try await CLI.run(["screen", padded.path], environment: ["ZONESCREEN_MAX_FILE_BYTES": "10000"])
        #expect(big.status == 2)
        #expect(big.stderr.contains("有 20000 字节，超过整体读入文件的上限 10000 字节；如确需读取，请设置环境变量 ZONESCREEN_MAX_FILE_BYTES"))
        // The first line, "[属性描述]", is 14 bytes in UTF-8.
        let long = try await CLI.run(["screen", file], environment: ["ZONESCREEN_MAX_LINE_BYTES": "10"])
        #expect(long.status == 2)
        #expect(long.stderr.contains("第 1 行有 14 字节，超过单行上限 10 字节（可设置环境变量 ZONESCREEN_MAX_LINE_BYTES）"))
    }
}
