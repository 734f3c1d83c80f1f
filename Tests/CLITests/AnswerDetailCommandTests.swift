import Foundation
import Testing

/// `--detail` and the clause dictionary, on the demo dataset's sites.
@Suite("answers at each detail from the command line", .serialized)
struct AnswerDetailCommandTests {
    static func objects(_ stream: String) throws -> [[String: Any]] {
        try stream.split(whereSeparator: { $0 == "\u{1E}" || $0 == "\n" }).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// The clause ids an answer's reasons cite.
    static func citedClauses(_ answer: [String: Any]?) -> [String] {
        ((answer?["reasons"] as? [[String: Any]] ?? []) + (answer?["possibleReasons"] as? [[String: Any]] ?? []))
            .filter { $0["kind"] as? String == "clause" }.compactMap { $0["ruleId"] as? String }
    }

    @Test("GeoJSONSeq: the first record names the dataset, and each cited clause's text comes once, with or before the first record citing it")
    func streamGivesEachTextOnce() async throws {
        let output = try await CLI.run(["screen", "--demo-sites", "--format", "geojsonseq", "--quiet"])
        #expect(output.status == 0)
        let records = try Self.objects(output.stdout)
        #expect(records.count == 34)
        #expect((records.first?["dataset"] as? [String: Any])?["version"] as? String == "2024.1")
        #expect(records.dropFirst().allSatisfy { $0["dataset"] == nil })
        var given: [String: [String: Any]] = [:]
        for record in records {
            for (id, entry) in record["clauseTexts"] as? [String: [String: Any]] ?? [:] {
                #expect(given[id] == nil, "\(id) given twice")
                given[id] = entry
            }
            let cited = Self.citedClauses((record["properties"] as? [String: Any])?["zonescreen"] as? [String: Any])
            for id in cited { #expect(given[id] != nil, "\(id) cited before its text was given") }
        }
        // Fixtures/demo/lists/classes.yaml: K3-KJ-01, cited by S01's reasons (expected.csv).
        #expect(given["K3-KJ-01"]?["text"] as? String == "禁止在合规园区外新建、扩建化工项目。")
        #expect((given["K3-KJ-01"]?["source"] as? [String: Any])?["article"] as? String == "合规园区外高污染项目管控条款")
    }

    @Test("--clauses FILE takes the dictionary out of the JSON: exactly the clauses the answers cite")
    func sideFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-clauses-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let side = folder.appendingPathComponent("clauses.json")
        let output = try await CLI.run(["screen", "--demo-sites", "--format", "json", "--clauses", side.path, "--quiet"])
        #expect(output.status == 0)
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(collection["clauses"] == nil)
        let results = collection["results"] as? [[String: Any]] ?? []
        let cited = Set(results.flatMap { Self.citedClauses($0) })
        let dictionary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: side)) as? [String: Any])
        #expect(Set(dictionary.keys) == cited && !cited.isEmpty)
        // Without --clauses the same dictionary is the collection's own member.
        let inline = try await CLI.run(["screen", "--demo-sites", "--format", "json", "--quiet"])
        let inlineCollection = try #require(try JSONSerialization.jsonObject(with: Data(inline.stdout.utf8)) as? [String: Any])
        #expect(Set((inlineCollection["clauses"] as? [String: Any] ?? [:]).keys) == cited)
    }

    @Test("--detail verdict gives the deciding rule ids; --detail full the clause texts in every answer")
    func verdictAndFull() async throws {
        // S01 (expected.csv): prohibited, citing CN-CJ-26-1.
        let s01 = ["screen", "--point", "111.7312807,30.5291253", "--industry", "C2614", "--nature", "新建", "--format", "json", "--quiet"]
        let verdict = try await CLI.run(s01 + ["--detail", "verdict"])
        let answer = ((try JSONSerialization.jsonObject(with: Data(verdict.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])?.first
        #expect(answer?["verdict"] as? String == "prohibited" && (answer?["ruleIds"] as? [String])?.contains("CN-CJ-26-1") == true)
        #expect(answer?["reasons"] == nil)
        let full = try await CLI.run(s01 + ["--detail", "full"])
        let fullAnswer = ((try JSONSerialization.jsonObject(with: Data(full.stdout.utf8)) as? [String: Any])?["results"] as? [[String: Any]])?.first
        let clause = (fullAnswer?["clauses"] as? [[String: Any]])?.first { $0["id"] as? String == "K3-KJ-01" }
        #expect(clause?["text"] as? String == "禁止在合规园区外新建、扩建化工项目。")
    }

    @Test("--detail with a table format, --clauses with a full answer or onto the output, and an unwritable --clauses are refused with the reason", arguments: [
        (["--format", "csv", "--detail", "verdict"], "--detail 只用于"),
        (["--format", "json", "--detail", "full", "--clauses", "/tmp/never-written.json"], "--clauses 只用于"),
        (["--format", "json", "--clauses", "/tmp/never-written.json", "--output", "/tmp/never-written.json"], "--clauses 与 --output 不能是同一个文件"),
        (["--format", "json", "--clauses", "/nonexistent-folder/clauses.json"], "无法写入文件 /nonexistent-folder/clauses.json"),
    ])
    func refused(arguments: [String], message: String) async throws {
        let output = try await CLI.run(["screen", "--point", "111.7312807,30.5291253"] + arguments)
        #expect(output.status != 0)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.json"))
    }
}
