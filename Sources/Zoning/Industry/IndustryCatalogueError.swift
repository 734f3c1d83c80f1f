import Geometry
import Wording

/// Why the industry catalogue could not be loaded, or a code is not in it.
public enum IndustryCatalogueError: UserFacingError, Equatable, Sendable {
    case unreadable(path: String, detail: String)
    case malformedLine(path: String, line: Int, problem: IndustryCatalogueLineProblem)
    /// `suggestions` are "code name" texts of the nearest entries, best first.
    case unknownCode(code: String, suggestions: [String])

    public func message(_ language: Language) -> String {
        switch self {
        case .unreadable(let path, let detail):
            return language.pick("无法读取行业分类文件 \(path)：\(detail)", "cannot read the industry catalogue \(path): \(detail)")
        case .malformedLine(let path, let line, let problem):
            return language.pick("行业分类文件 \(path) 第 \(line) 行有误：\(problem.message(language))",
                                 "industry catalogue \(path), line \(line): \(problem.message(language))")
        case .unknownCode(let code, let suggestions):
            let hint = suggestions.isEmpty ? ""
                : language.pick("；相近的代码：", "; nearest codes: ") + suggestions.joined(separator: language.pick("、", ", "))
            return language.pick("行业代码“\(code)”不在 GB/T 4754-2017 中\(hint)",
                                 "industry code \"\(code)\" is not in GB/T 4754-2017\(hint)")
        }
    }
}

/// What is wrong with one line of the catalogue CSV.
public enum IndustryCatalogueLineProblem: Equatable, Sendable {
    case header(found: String)
    case fieldCount(found: Int)
    case unterminatedQuote
    case unknownLevel(String)
    case codeDoesNotFitLevel(code: String, level: String)
    case emptyName(code: String)
    case wrongParent(code: String, parent: String, expected: String)
    case missingParent(code: String, parent: String)
    case duplicateCode(code: String, firstLine: Int)

    public func message(_ language: Language) -> String {
        switch self {
        case .header(let found):
            language.pick("表头应为 code,level,name,parent,note，实为 \(found)",
                          "the header must be code,level,name,parent,note; found \(found)")
        case .fieldCount(let found):
            language.pick("应有 5 列，实有 \(found) 列", "expected 5 fields, found \(found)")
        case .unterminatedQuote:
            language.pick("引号未闭合", "a quoted field is not closed")
        case .unknownLevel(let level):
            language.pick("未知的层级“\(level)”（应为 section、division、group 或 class）",
                          "unknown level \"\(level)\" (expected section, division, group or class)")
        case .codeDoesNotFitLevel(let code, let level):
            language.pick("代码 \(code) 与层级 \(level) 不符（门类为 1 个字母，大类、中类、小类依次再加 2、3、4 位数字）",
                          "code \(code) does not fit level \(level) (a section is one letter; divisions, groups and classes add 2, 3, 4 digits)")
        case .emptyName(let code):
            language.pick("代码 \(code) 没有名称", "code \(code) has no name")
        case .wrongParent(let code, let parent, let expected):
            language.pick("代码 \(code) 的上级写为“\(parent)”，应为“\(expected)”",
                          "code \(code) gives parent \"\(parent)\"; expected \"\(expected)\"")
        case .missingParent(let code, let parent):
            language.pick("代码 \(code) 的上级 \(parent) 未在其前出现", "the parent \(parent) of code \(code) does not appear before it")
        case .duplicateCode(let code, let firstLine):
            language.pick("代码 \(code) 重复（首次出现在第 \(firstLine) 行）", "code \(code) is repeated (first on line \(firstLine))")
        }
    }
}
