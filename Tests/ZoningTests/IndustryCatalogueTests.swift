import Foundation
import Testing
import Zoning
import Wording

@Suite("GB/T 4754-2017 industry catalogue")
struct IndustryCatalogueTests {
    /// The demo dataset's copy of the catalogue (an intact copy of the project's reference table).
    static let csvURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Datasets/Resources/gbt4754-2017.csv")

    static func catalogue() throws -> IndustryCatalogue {
        try IndustryCatalogue(contentsOf: csvURL)
    }

    @Test("20 sections, 97 divisions, 473 groups and 1,380 classes, as the standard publishes")
    func counts() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.count(of: .section) == 20)
        #expect(catalogue.count(of: .division) == 97)
        #expect(catalogue.count(of: .group) == 473)
        #expect(catalogue.count(of: .class) == 1_380)
        #expect(catalogue.count == 20 + 97 + 473 + 1_380)
    }

    @Test("codes are found however they are written", arguments: [
        ("C2614", "C2614"), ("c2614", "C2614"), (" C 2614 ", "C2614"), ("Ｃ２６１４", "C2614"),
        // Bare digits: division 26 lies in section C (manufacturing), division 01 in section A.
        ("2614", "C2614"), ("261", "C261"), ("26", "C26"), ("0111", "A0111"), ("c", "C"),
    ])
    func lookup(input: String, code: String) throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.canonicalCode(input) == code)
        #expect(try catalogue.lookup(input).code == code)
    }

    @Test("C2614 is 有机化学原料制造, a class under C261, C26 and C")
    func ancestry() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.name(of: "C2614") == "有机化学原料制造")
        #expect(catalogue.ancestors(of: "C2614").map(\.code) == ["C261", "C26", "C"])
        #expect(catalogue.ancestors(of: "C").isEmpty)
        #expect(catalogue.isDescendant("C2614", of: "C26"))
        #expect(catalogue.isDescendant("2614", of: "c"))
        #expect(!catalogue.isDescendant("C26", of: "C2614"))
        #expect(!catalogue.isDescendant("C2614", of: "C2614"))
        #expect(!catalogue.isDescendant("C2614", of: "C27"))
        // Group C261 基础化学原料制造 has five classes: 2611, 2612, 2613, 2614, 2619.
        #expect(catalogue.children(of: "C261").map(\.code) == ["C2611", "C2612", "C2613", "C2614", "C2619"])
    }

    @Test("unknown codes: nothing found, and the error offers the nearest codes")
    func unknownCode() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue[code: "C2699"] == nil)
        #expect(catalogue.canonicalCode("9999") == nil)
        // One substitution away and sharing "C26": the 'other ...' classes ending in 9, in file order.
        let nearest = catalogue.suggestions(forCode: "C2699").map(\.code)
        #expect(nearest.prefix(4) == ["C2619", "C2629", "C2659", "C2669"])
        #expect(catalogue.suggestions(forCode: "2699").map(\.code).prefix(4) == nearest.prefix(4))
        do {
            _ = try catalogue.lookup("C2699")
            Issue.record("C2699 was found")
        } catch {
            #expect(error.message(.zh).hasPrefix("行业代码“C2699”不在 GB/T 4754-2017 中；相近的代码：C2619 其他基础化学原料制造"))
        }
    }

    @Test("search ranks exact code, code prefix, name prefix, then name contains")
    func search() throws {
        let catalogue = try Self.catalogue()
        let byCode = catalogue.search("C26", limit: 3)
        #expect(byCode.map(\.industry.code) == ["C26", "C261", "C2611"])
        #expect(byCode.map(\.match) == [.exactCode, .codePrefix, .codePrefix])
        // Only two names start with 有机 (C2614, C2625); names containing it elsewhere follow.
        let byName = catalogue.search("有机")
        #expect(byName.prefix(2).map(\.industry.code) == ["C2614", "C2625"])
        #expect(byName.prefix(2).allSatisfy { $0.match == .namePrefix })
        #expect(byName.dropFirst(2).allSatisfy { $0.match == .nameContains && $0.industry.name.contains("有机") })
        // 化学矿开采 (B102, then its class B1020) is the first name starting with 化学 in the standard's order.
        #expect(catalogue.search("化学", limit: 3).map(\.industry.code) == ["B102", "B1020", "C26"])
        #expect(catalogue.search("2614").first?.industry.code == "C2614")
    }

    @Test("names resolve to codes; near names are suggested")
    func names() throws {
        let catalogue = try Self.catalogue()
        #expect(catalogue.resolve("有机化学原料制造") == "C2614")
        #expect(catalogue.resolve("C2614 有机化学原料制造") == "C2614")
        // A019 and its only class A0190 share the name 其他农业: the finer class is meant.
        #expect(catalogue.resolve("其他农业") == "A0190")
        #expect(catalogue.resolve("有机化工原料制造") == nil)
        // Bigrams shared with 有机化学原料制造: 有机 机化 原料 料制 制造 (5 of 7 each), no other name comes close.
        #expect(catalogue.suggestions(for: "有机化工原料制造").first?.code == "C2614")
    }

    static let malformed: [(String, Int, IndustryCatalogueLineProblem)] = [
        ("code,level,name\nA,section,农业", 1, .header(found: "code,level,name")),
        ("code,level,name,parent,note\nA,section,农、林、牧、渔业,,\nA01,sector,农业,A,", 3, .unknownLevel("sector")),
        ("code,level,name,parent,note\nA,section,农、林、牧、渔业,,\nA1,division,农业,A,", 3,
         .codeDoesNotFitLevel(code: "A1", level: "division")),
        ("code,level,name,parent,note\nA,section,农、林、牧、渔业,,\nA01,division,农业,B,", 3,
         .wrongParent(code: "A01", parent: "B", expected: "A")),
        ("code,level,name,parent,note\nA,section,农、林、牧、渔业,,\nA011,group,谷物种植,A01,", 3,
         .missingParent(code: "A011", parent: "A01")),
        ("code,level,name,parent,note\nA,section,农,,\"note with\nline break\"\nA,section,农,,", 4,
         .duplicateCode(code: "A", firstLine: 2)),
        ("code,level,name,parent,note\nA,section,农,,\n\"A01,division", 3, .unterminatedQuote),
        ("code,level,name,parent,note\nA,section,农", 2, .fieldCount(found: 3)),
    ]

    @Test("a malformed table is refused with the line number and the problem", arguments: malformed)
    func malformedLine(csv: String, line: Int, problem: IndustryCatalogueLineProblem) {
        #expect(throws: IndustryCatalogueError.malformedLine(path: "test.csv", line: line, problem: problem)) {
            try IndustryCatalogue(csv: csv, source: "test.csv")
        }
    }

    @Test("a missing file names its path")
    func unreadable() {
        do {
            _ = try IndustryCatalogue(contentsOf: URL(fileURLWithPath: "/nonexistent/gbt.csv"))
            Issue.record("a missing file was read")
        } catch {
            #expect(error.message(.zh).hasPrefix("无法读取行业分类文件 /nonexistent/gbt.csv"))
        }
    }
}
