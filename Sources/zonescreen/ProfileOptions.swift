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

    /// The options checked once, before any site is read: a bad code stops the run at the start.
    func resolved(catalogue: IndustryCatalogue, language l: Language) throws(CLIError) -> ProfileOverrides {
        var overrides = ProfileOverrides(chemical: chemical, flags: Set(flags))
        do {
            if let industry { overrides.industry = try catalogue.code(for: industry) }
            if let nature { overrides.nature = try ProjectNature.parse(nature) }
        } catch {
            throw CLIError(error.message(l))
        }
        return overrides
    }
}

/// The profile options after checking, applied over what each site's own properties say.
struct ProfileOverrides: Sendable {
    var industry: String?
    var nature: ProjectNature?
    var chemical: Bool?
    var flags: Set<String> = []

    var isEmpty: Bool { industry == nil && nature == nil && chemical == nil && flags.isEmpty }

    /// The site's own profile with these overrides; a site's own industry code is checked here.
    func profile(over base: ProjectProfile?, catalogue: IndustryCatalogue, language l: Language) throws(CLIError) -> ProjectProfile? {
        var profile = base
        if let code = profile?.industry, industry == nil {
            do { profile?.industry = try catalogue.code(for: code) } catch { throw CLIError(error.message(l)) }
        }
        if isEmpty { return profile }
        var merged = profile ?? ProjectProfile()
        if let industry { merged.industry = industry }
        if let nature { merged.nature = nature }
        if let chemical { merged.chemical = chemical }
        merged.flags.formUnion(flags)
        return merged
    }
}

/// An error the CLI reports as it is, with exit code 2.
struct CLIError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
