import ArgumentParser
import Geometry
import Zoning

/// The project profile as options; each option overrides what a site file says for its features.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("国民经济行业代码或名称（GB/T 4754-2017），如 C2614 或 有机化学原料制造 / industry code or name", valueName: "CODE|NAME"))
    var industry: String?

    @Option(help: ArgumentHelp("项目性质：新建|扩建|改建（new|expansion|rebuild）/ project nature", valueName: "NATURE"))
    var nature: String?

    @Flag(inversion: .prefixedNo, help: "是否化工项目（不指定时按行业代码判断）/ chemical project (default: decided by the industry code)")
    var chemical: Bool?

    @Option(name: .customLong("flag"), help: ArgumentHelp("规则使用的项目标记，可重复，如 tailingsPond、industrialPark、linearInfrastructure / project flag (repeatable)", valueName: "FLAG"))
    var flags: [String] = []

    var isEmpty: Bool { industry == nil && nature == nil && chemical == nil && flags.isEmpty }

    /// Merges these options over a profile read from a site's own properties.
    func profile(over base: ProjectProfile?, catalogue: IndustryCatalogue, language l: Language) throws(CLIError) -> ProjectProfile? {
        if isEmpty { return base }
        var profile = base ?? ProjectProfile()
        if let industry { profile.industry = try Self.resolveIndustry(industry, catalogue: catalogue, language: l) }
        if let nature {
            guard let parsed = ProjectNature(parsing: nature) else {
                throw CLIError(l.pick("项目性质“\(nature)”无法识别，应为 新建、扩建 或 改建", "project nature \"\(nature)\" is unknown; expected new, expansion or rebuild"))
            }
            profile.nature = parsed
        }
        if let chemical { profile.chemical = chemical }
        profile.flags.formUnion(flags)
        return profile
    }

    /// A code (`C2614`, `2614`) or a name searched in the catalogue; unknown input suggests near matches.
    static func resolveIndustry(_ text: String, catalogue: IndustryCatalogue, language l: Language) throws(CLIError) -> String {
        if let code = catalogue.resolve(text) { return code }
        let suggestions = catalogue.suggestions(for: text, limit: 5).map { "\($0.code) \($0.name)" }
        let hint = suggestions.isEmpty ? "" : l.pick("；您是否要找：", "; did you mean: ") + suggestions.joined(separator: l.pick("、", ", "))
        throw CLIError(l.pick("行业“\(text)”不在 GB/T 4754-2017 中\(hint)", "industry \"\(text)\" is not in GB/T 4754-2017\(hint)"))
    }
}

/// An error the CLI reports as it is, with exit code 2.
struct CLIError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
