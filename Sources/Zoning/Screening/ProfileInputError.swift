import Geometry
import Wording

/// A project profile as a user typed it that cannot be used: one wording for the CLI and the service.
public enum ProfileInputError: UserFacingError, Sendable, Equatable {
    case unknownIndustry(String, suggestions: [String])
    /// An everyday word (钢铁) that stands for several classes, or for the chemical nature (化工).
    case ambiguousIndustry(String, chemical: Bool, classes: [String])
    case unknownNature(String)
    /// A flag no rule, clause or flag list of the dataset knows.
    case unknownFlag(String, known: [String])

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
            return l.pick("项目标记“\(text)”无法识别；本数据集的规则使用的标记：\(known.joined(separator: "、"))",
                          "project flag \"\(text)\" is unknown; the flags this dataset's rules use: \(known.joined(separator: ", "))")
        case .unknownNature(let text):
            return l.pick("项目性质“\(text)”无法识别，应为 新建、扩建 或 改建", "project nature \"\(text)\" is unknown; expected new, expansion or rebuild")
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
