import Geometry

/// A project profile as a user typed it that cannot be used: one wording for the CLI and the service.
public enum ProfileInputError: UserFacingError, Sendable {
    case unknownIndustry(String, suggestions: [String])
    case unknownNature(String)
    /// A flag no rule, clause or flag list of the dataset knows.
    case unknownFlag(String, known: [String])

    public func message(_ l: Language) -> String {
        switch self {
        case .unknownIndustry(let text, let suggestions):
            let hint = suggestions.isEmpty ? "" : l.pick("；您是否要找：", "; did you mean: ") + suggestions.joined(separator: l.pick("、", ", "))
            return l.pick("行业“\(text)”不在 GB/T 4754-2017 中\(hint)", "industry \"\(text)\" is not in GB/T 4754-2017\(hint)")
        case .unknownFlag(let text, let known):
            return l.pick("项目标记“\(text)”无法识别；本数据集的规则使用的标记：\(known.joined(separator: "、"))",
                          "project flag \"\(text)\" is unknown; the flags this dataset's rules use: \(known.joined(separator: ", "))")
        case .unknownNature(let text):
            return l.pick("项目性质“\(text)”无法识别，应为 新建、扩建 或 改建", "project nature \"\(text)\" is unknown; expected new, expansion or rebuild")
        }
    }
}

extension IndustryCatalogue {
    /// A code (`C2614`, `2614`) or a name; unknown input is an error offering the nearest entries.
    public func code(for text: String) throws(ProfileInputError) -> String {
        if let code = resolve(text) { return code }
        throw .unknownIndustry(text, suggestions: suggestions(for: text, limit: 5).map { "\($0.code) \($0.name)" })
    }
}

extension ProjectNature {
    /// 新建 / 扩建 / 改建 or their English names; anything else is an error naming the input.
    public static func parse(_ text: String) throws(ProfileInputError) -> ProjectNature {
        guard let nature = ProjectNature(parsing: text) else { throw .unknownNature(text) }
        return nature
    }
}
