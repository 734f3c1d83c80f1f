import ArgumentParser
import Geometry
import Zoning
import Wording

/// The project profile as options; each option overrides what a site file says for its features.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("国民经济行业代码或名称（GB/T 4754-2017），如 C2614 或 有机化学原料制造 / industry code or name", valueName: "CODE|NAME"))
    var industry: String?

    @Option(help: ArgumentHelp("项目性质：新建|扩建|改建（new|expansion|rebuild）/ project nature", valueName: "NATURE"))
    var nature: String?

    @Flag(inversion: .prefixedNo, help: "是否化工项目（不指定时按行业代码判断）/ chemical project (default: decided by the industry code)")
    var chemical: Bool?

    @Option(name: .customLong("flag"), help: ArgumentHelp("规则使用的项目标记，可重复，写标记名或其中文，如 tailingsPond 或 尾矿库、chemicalPark、linearInfrastructure；zonescreen dataset info 列出全部 / project flag (repeatable), by id or its Chinese words; dataset info lists them", valueName: "FLAG"))
    var flags: [String] = []

    @Flag(name: .customLong("no-other-flags"), help: "项目标记已答全：没有用 --flag 写出的标记都是“没有”。不给时，以标记为条件的规则和条款列为“视项目情况可能适用” / the flags given are all the project has (without it, rules that depend on a flag are listed as possibly applying)")
    var noOtherFlags = false

    @Option(help: ArgumentHelp("主要产品、工艺及其他情况（文字，选填），如 “年产30万吨聚氯乙烯”“含电镀工序”“位于城区”“未纳入港口总体规划”：条款以某种产品、工艺、规模、地点或是否符合某规划为条件时据此判断 / the project in words (products, processes, size, place, other facts), for clauses that depend on them", valueName: "WORDS"))
    var products: String?

    @Option(help: ArgumentHelp("固定资产投资（选填），如 2亿元、20000万元，或不带单位的万元数：条款以投资额为门槛时据此判断 / fixed-asset investment, e.g. 2亿元 or a number of 万元", valueName: "SUM"))
    var investment: String?

    /// The options checked once, before any site is read: a bad code stops the run at the start.
    func resolved(for dataset: Dataset, language l: Language) throws(CLIError) -> ProfileOverrides {
        do {
            return try ProfileOverrides(industry: industry, nature: nature, chemical: chemical, flags: flags, flagsStated: noOtherFlags || !flags.isEmpty,
                                        products: products, investment: investment, catalogue: dataset.catalogue,
                                        vocabulary: dataset.flags)
        } catch {
            throw CLIError(error.message(l))
        }
    }
}

/// An error the CLI reports as it is, with exit code 2.
struct CLIError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
