import Foundation
import Testing

/// Tables number sites in input order across the workers' batches (32 sites a batch).
@Suite("Batch numbering")
struct BatchNumberingTests {
    @Test("the CSV's 序号 runs 1…70 in input order, with one or two workers", arguments: [1, 2])
    func numbering(jobs: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-numbering-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // 70 points around the demo county's site S01 (111.737, 30.527), ids P1…P70: more than two batches.
        let features = (1...70).map { n in
            #"{"type":"Feature","id":"P\#(n)","properties":{},"geometry":{"type":"Point","coordinates":[\#(111.73 + Double(n) * 0.0001),30.52]}}"#
        }
        let input = folder.appendingPathComponent("points.geojson")
        try Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8).write(to: input)
        let output = folder.appendingPathComponent("out.csv")
        let run = try await CLI.run(["screen", input.path, "--format", "csv", "--output", output.path, "--jobs", "\(jobs)", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = String(decoding: try Data(contentsOf: output), as: UTF8.self).split(separator: "\r\n").dropFirst()
        #expect(rows.count == 70)
        for (position, row) in rows.enumerated() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields.first.map(String.init) == "\(position + 1)" && fields.dropFirst().first.map(String.init) == "P\(position + 1)", "\(row.prefix(30))")
        }
    }
}
