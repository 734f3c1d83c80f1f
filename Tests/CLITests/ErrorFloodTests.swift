import Foundation
import Testing

@Suite("Many failures on the terminal")
struct ErrorFloodTests {
    @Test("25 sites outside the dataset and one unknown nature: 10 shown, the rest counted by kind, all 26 in the CSV")
    func flood() async throws {
        var features: [String] = []
        // Longitude 100°E is far west of the demo county (about 111.7°E).
        for index in 0..<25 {
            features.append(#"{"type":"Feature","properties":{"site_id":"X\#(index)"},"geometry":{"type":"Point","coordinates":[100.0,30.0]}}"#)
        }
        features.append(#"{"type":"Feature","properties":{"nature":"拆除"},"geometry":{"type":"Point","coordinates":[111.7312807,30.5291253]}}"#)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-flood-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("flood.geojson"), output = folder.appendingPathComponent("flood.csv")
        try Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8).write(to: input)
        let run = try await CLI.run(["screen", input.path, "--format", "csv", "--output", output.path])
        #expect(run.status == 2)
        let errorLines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("错误：") }
        #expect(errorLines.count == 10)
        #expect(run.stderr.contains("另有 16 个失败未逐条显示（共 26 个：项目情况有误 1，在数据集范围之外 25）"))
        let rows = String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\r\n").dropFirst()
        #expect(rows.count == 26)
        #expect(rows.allSatisfy { $0.contains("无法判定") || $0.contains("项目性质“拆除”无法识别") })
    }
}
