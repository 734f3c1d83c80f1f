@testable import Datasets
import Foundation
import Testing
import TestSupport
@testable import Zoning
import Wording

/// Dataset YAML nested deeper than the limit is refused before Yams parses it (Yams recurses once per
/// level: a flow sequence 5,000 deep overflowed the stack under the fuzzer); real dataset files pass.
@Suite("YAML nesting limit")
struct YAMLNestingTests {
    static func nested(_ depth: Int) -> Data {
        Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
    }

    @Test("a flow sequence nested 5,000 deep is refused, naming the file, the line and the limit")
    func deepFlowRefused() {
        let problems = DatasetFileText.problems(Self.nested(5_000), kind: .rules, name: "rules.yaml")
        #expect(problems == [.yamlTooDeep(path: "rules.yaml", line: 1, limit: YAMLNesting.defaultLimit)])
        let message = problems.first?.message(.en) ?? ""
        #expect(message.contains("rules.yaml line 1 nests deeper than 64 levels"))
        #expect(message.contains("ZONESCREEN_YAML_MAX_DEPTH"))
    }

    @Test("nesting within the limit reaches the YAML reader (the error is about content, not depth)")
    func shallowFlowRead() {
        let problems = DatasetFileText.problems(Self.nested(10), kind: .rules, name: "rules.yaml")
        #expect(!problems.isEmpty)
        #expect(!problems.contains { if case .yamlTooDeep = $0 { true } else { false } })
    }

    @Test("every dataset YAML file in Fixtures nests well within the limit", arguments: [
        "demo/dataset.yaml", "demo/rules.yaml", "demo/lists/province.yaml", "demo/lists/city.yaml", "demo/lists/classes.yaml",
        "demo/lists/units.yaml", "demo/lists/unit-annotations.yaml", "demo-official/dataset.yaml",
        "zoning/tiny/dataset.yaml", "zoning/tiny/rules.yaml", "zoning/tiny/lists/clauses.yaml", "zoning/tiny/lists/annotations.yaml",
    ])
    func fixturesPass(_ path: String) throws {
        let text = try String(contentsOf: FixtureTable.url(path), encoding: .utf8)
        // These files nest at most five levels (layers > controlUnits > fields > key: value); 10 leaves room.
        #expect(YAMLNesting.firstLine(deeperThan: 10, in: text) == nil)
    }

    /// (text, deepest line or nil, limit): what the measure must see through and what it must not be fooled by.
    static let cases: [(String, Int?, Int)] = [
        // Brackets and quotes inside plain text are not collections.
        ("text: 第[1]条、第[2]条，it's [ok\nnext: \"a\"\n", nil, 3),
        // The text of a block scalar is text, however it looks.
        ("text: |\n  [[[[[[[[\n  {{{{{{\nnext: 1\n", nil, 3),
        // An anchor, a tag or a document marker before a flow collection does not hide it.
        ("a: &x [[[[[[]]]]]]\n", 1, 3),
        ("a: !!seq [[[[[[]]]]]]\n", 1, 3),
        ("--- [[[[[[]]]]]]\n", 1, 3),
        // A quote inside plain text does not start a quoted scalar that would hide the next lines.
        ("a: x[, '\nb: [[[[[[]]]]]]\nc: '\n", 2, 3),
        // A flow collection spanning lines, and block nesting by indentation and dashes.
        ("a: [\n [\n  [\n   [ 1 ] ] ] ]\n", 3, 3),
        ("a:\n b:\n  c:\n   d: 1\n", 4, 3),
        ("- - - - 1\n", 1, 3),
        // A comment is not structure; a `#` inside quotes is not a comment.
        ("a: 1 # [[[[[[\n", nil, 3),
        ("a: \"x # y\" \nb: [[[[[[]]]]]]\n", 2, 3),
    ]

    @Test("what the measure sees through", arguments: cases)
    func measure(_ text: String, deepestLine: Int?, limit: Int) {
        #expect(YAMLNesting.firstLine(deeperThan: limit, in: text) == deepestLine)
    }
}
