import Foundation
import Zoning

/// How deeply a YAML text nests, measured before the YAML reader sees it. Yams builds its node tree by
/// recursion, one call per level, and libyaml's flow collections cost time quadratic in their depth:
/// measured under AddressSanitizer, `[` nested 2,000 deep took 2.3 s and 5,000 deep overflowed the
/// stack. Dataset files nest a handful of levels, so a text deeper than the limit (64, or
/// `ZONESCREEN_YAML_MAX_DEPTH`) is refused with a message that names both.
///
/// The depth is worked out line by line without parsing, erring on the deep side: the enclosing
/// indentation levels, plus each `- ` or `? ` that opens a node on the line, plus the open flow
/// collections (`[`, `{`, which may span lines), plus any brackets inside plain text on the line.
/// Quoted scalars, comments and the text of block scalars (`|`, `>`) are skipped as YAML defines them.
enum YAMLNesting {
    static let defaultLimit = 64
    static let environmentVariable = DatasetProblem.yamlNestingVariable

    /// The limit in force: `ZONESCREEN_YAML_MAX_DEPTH` when it is a positive whole number, else 64.
    static var limit: Int {
        ProcessInfo.processInfo.environment[environmentVariable].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? defaultLimit
    }

    /// The first line (1-based) where the nesting goes deeper than `limit`, or nil when it never does.
    static func firstLine(deeperThan limit: Int, in text: String) -> Int? {
        var scanner = Scanner()
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if scanner.deepest(Array(line)) > limit { return lineNumber }
        }
        return nil
    }

    private struct Scanner {
        /// Columns of the enclosing block levels.
        var indents: [Int] = []
        /// Open `[` and `{` of flow collections.
        var flowDepth = 0
        /// Inside a quoted scalar (it may span lines): its quote character.
        var quote: UInt8?
        /// After a block scalar header: the column its text must be indented beyond.
        var blockScalarParent: Int?
        /// Inside a block scalar's text: lines indented at least this much are text.
        var blockScalarIndent: Int?

        static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), cr = UInt8(ascii: "\r")

        /// The deepest point of one line.
        mutating func deepest(_ bytes: [UInt8]) -> Int {
            let indent = bytes.prefix { $0 == Self.space }.count
            let blank = bytes[indent...].allSatisfy { $0 == Self.space || $0 == Self.tab || $0 == Self.cr }
            if let textIndent = blockScalarIndent {
                if blank || indent >= textIndent { return 0 }
                blockScalarIndent = nil
            }
            if let parent = blockScalarParent, !blank {
                blockScalarParent = nil
                if indent > parent {
                    blockScalarIndent = indent
                    return 0
                }
            }
            if blank { return 0 }
            if quote == nil && flowDepth == 0 {
                if bytes[indent] == UInt8(ascii: "#") { return 0 }
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
            }
            func isSpace(_ offset: Int) -> Bool {
                offset < 0 || offset >= bytes.count || bytes[offset] == Self.space || bytes[offset] == Self.tab || bytes[offset] == Self.cr
            }
            var blockDepth = indents.count
            var plainBrackets = 0
            var deepest = blockDepth + flowDepth
            var valueStart = true           // a node may begin here
            var nodeColumn = indent         // where the node that owns a block scalar begins
            var index = indent
            if quote == nil && flowDepth == 0, bytes.count >= indent + 3, bytes[indent..<indent + 3].elementsEqual("---".utf8) || bytes[indent..<indent + 3].elementsEqual("...".utf8),
               isSpace(indent + 3) {
                index += 3
            }
            while index < bytes.count {
                let byte = bytes[index]
                defer { deepest = max(deepest, blockDepth + flowDepth + plainBrackets) }
                if let open = quote {
                    if byte == open && open == UInt8(ascii: "'") {
                        if index + 1 < bytes.count && bytes[index + 1] == open { index += 2; continue }
                        quote = nil
                    } else if open == UInt8(ascii: "\"") {
                        if byte == UInt8(ascii: "\\") { index += 2; continue }
                        if byte == open { quote = nil }
                    }
                    index += 1
                    continue
                }
                if isSpace(index) { index += 1; continue }
                if byte == UInt8(ascii: "#") && isSpace(index - 1) { break }
                let inFlow = flowDepth > 0
                if valueStart && !inFlow && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?")) && isSpace(index + 1) {
                    blockDepth += 1
                    nodeColumn = index
                    index += 1
                    continue
                }
                if valueStart && (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "*")) {
                    // An anchor, tag or alias: the node (if any) starts after it.
                    while index < bytes.count && !isSpace(index) && !(inFlow && [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(bytes[index])) {
                        index += 1
                    }
                    continue
                }
                if valueStart && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")) {
                    quote = byte
                    valueStart = false
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    if valueStart || inFlow { flowDepth += 1; valueStart = true } else { plainBrackets += 1 }
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    if inFlow { flowDepth -= 1 } else { plainBrackets = max(0, plainBrackets - 1) }
                    valueStart = false
                } else if byte == UInt8(ascii: ",") && inFlow {
                    valueStart = true
                } else if byte == UInt8(ascii: ":") && (isSpace(index + 1) || inFlow) {
                    valueStart = true
                } else if valueStart && !inFlow && (byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")) {
                    // A block scalar: the rest of the line is its header; its text is indented beyond the node.
                    blockScalarParent = nodeColumn
                    break
                } else {
                    if valueStart && !inFlow { nodeColumn = index }
                    valueStart = false
                }
                index += 1
            }
            return deepest
        }
    }
}
