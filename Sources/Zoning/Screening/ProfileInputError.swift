import Foundation
import Formats
import Geometry
import Wording

/// A project profile as a user typed it that cannot be used: one wording for the CLI and the service.
public enum ProfileInputError: UserFacingError, Sendable, Equatable {
    case unknownIndustry(String, suggestions: [String])
    /// An everyday word (钢铁) that stands for several classes, or for the chemical nature (化工).
    case ambiguousIndustry(String, chemical: Bool, classes: [String])
    case unknownNature(String)
    /// A yes-or-no for "chemical" that is none of the spellings `ProjectProfile.chemical(parsing:)` takes.
    case unknownChemical(String)
    /// A flag no rule, clause or flag list of the dataset knows.
    case unknownFlag(String, known: [String])
    /// An investment that is no sum of money (2亿元, 20000万元, or a number of 万元).
    case badInvestment(String)

    public func message(_ l: Language) -> String {
        switch self {
        case .unknownIndustry(let text, let suggestions):
            let hint = suggestions.isEmpty ? "" : l.pick("；您是否要找：", "; did you mean: ") + suggestions.joined(separator: l.pick("、", ", "))
            return l.pick("行业“\(text)”不在 GB/T 4754-2017 中\(hint)", "industry \"\(text)\" is not in GB/T 4754-2017\(hint)")
        case .ambiguousIndustry(let text, let chemical, let classes):
            let shown = classes.prefix(12).joined(separator: l.pick("、", ", ")) + (classes.count > 12 ? l.pick(" 等 \(classes.count) 类", " and more (\(classes.count) classes)") : "")
            if chemical {
                return l.pick("“\(text)”指项目的化工属性，不是一个行业：请用 --chemical（网页上在“是否化工项目”中选“是”）并给出行业代码" + (classes.isEmpty ? "" : "，如 \(shown)"),
                              "\"\(text)\" is the project's chemical nature, not an industry: use --chemical (是否化工项目 → 是 on the page) and give an industry code" + (classes.isEmpty ? "" : ", e.g. \(shown)"))
            }
            return l.pick("“\(text)”包括多个行业小类，请给出其中一个：\(shown)（zonescreen industries \(text) 可列出全部）",
                          "\"\(text)\" covers several industry classes; give one of them: \(shown) (zonescreen industries \(text) lists them all)")
        case .unknownFlag(let text, let known):
            return l.pick("项目标记“\(text)”无法识别；本数据集的规则使用的标记：\(known.joined(separator: "、"))。项目情况的文字说明（产品、工艺、规模、"
                          + "选址、是否符合某规划）请写在“主要产品及其他情况”中（命令行 --products）",
                          "project flag \"\(text)\" is unknown; the flags this dataset's rules use: \(known.joined(separator: ", ")). Facts about the project in "
                          + "words (products, processes, size, place, conformity with a plan) go in the products words (--products)")
        case .unknownChemical(let text):
            return l.pick("是否化工项目“\(text)”无法识别，应为 是/否、true/false、yes/no、y/n 或 1/0",
                          "chemical \"\(text)\" is not understood; expected true/false, yes/no, y/n, 1/0 or 是/否")
        case .badInvestment(let text):
            return l.pick("投资额“\(text)”无法识别，应为金额，如 2亿元、20000万元，或不带单位的万元数 20000",
                          "investment \"\(text)\" is not understood; expected a sum such as 2亿元 or 20000万元, or a number of 万元 (ten thousand yuan)")
        case .unknownNature(let text):
            return l.pick("项目性质“\(text)”无法识别，应为 新建、扩建 或 改建", "project nature \"\(text)\" is unknown; expected new, expansion or rebuild")
        }
    }
}

extension ProjectProfile {
    /// The one reading of "is it a chemical project" wherever it is typed (a site file's column, a
    /// query parameter, a request member): true/false, yes/no, y/n, 是/否, 1/0, in any case, spaces
    /// around ignored. Anything else is an error naming it, never a silent "no".
    public static func chemical(parsing text: String) throws(ProfileInputError) -> Bool {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "y", "是", "1": return true
        case "false", "no", "n", "否", "0": return false
        default: throw .unknownChemical(text)
        }
    }

    /// The same from a JSON value: a boolean, the number 1 or 0, or one of the words above.
    public static func chemical(_ value: JSONValue) throws(ProfileInputError) -> Bool {
        switch value {
        case .bool(let answer): return answer
        case .number(1): return true
        case .number(0): return false
        case .string(let text): return try chemical(parsing: text)
        default: throw .unknownChemical(value.jsonText)
        }
    }
}

extension ProjectProfile {
    /// A fixed-asset investment in 万元 from what people type: 2亿元, 2亿, 20000万元, 20000万, 2.5 亿元, or a
    /// bare number of 万元. Anything else (negative, zero, words) is an error naming it.
    public static func investment(parsing text: String) throws(ProfileInputError) -> Double {
        var rest = text.filter { !$0.isWhitespace && $0 != "," && $0 != "，" }
        var scale = 1.0
        for (unit, factor) in [("亿元", 10_000.0), ("万元", 1), ("亿", 10_000), ("万", 1), ("元", 0.000_1)] where rest.hasSuffix(unit) {
            rest.removeLast(unit.count)
            scale = factor
            break
        }
        guard let value = Double(rest), value.isFinite, value > 0 else { throw .badInvestment(text) }
        return value * scale
    }

    /// The same from a JSON value: a number of 万元, or the words above.
    public static func investment(_ value: JSONValue) throws(ProfileInputError) -> Double {
        switch value {
        case .number(let number) where number.isFinite && number > 0: return number
        case .string(let text): return try investment(parsing: text)
        default: throw .badInvestment(value.jsonText)
        }
    }
}

extension ProjectNature {
    /// 新建 / 扩建 / 改建 or their English names; anything else is an error naming the input.
    public static func parse(_ text: String) throws(ProfileInputError) -> ProjectNature {
        guard let nature = ProjectNature(parsing: text) else { throw .unknownNature(text) }
        return nature
    }
}
