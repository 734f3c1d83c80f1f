import ArgumentParser
import Foundation
import Geometry
import Zoning

/// `zonescreen industries QUERY`: find GB/T 4754-2017 codes by code or name.
struct Industries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按代码或名称查找国民经济行业分类（GB/T 4754-2017）/ search the industry catalogue",
        discussion: "示例 / examples: zonescreen industries 化学原料   zonescreen industries C26")

    @Argument(help: ArgumentHelp("代码或名称片段 / a code or part of a name", valueName: "QUERY"))
    var query: String

    @Option(help: "最多列出条数 / at most this many") var limit: Int = 20

    @Option(help: ArgumentHelp("数据集目录或编译数据集 .zsd（默认示例数据集）/ dataset folder or compiled .zsd", valueName: "DIR|FILE.zsd"))
    var dataset: String?

    @OptionGroup var common: CommonOptions

    func run() throws {
        let l = common.lang
        let loaded = try DatasetChoice.loadOrExit(dataset, language: l, status: 2)
        let hits = loaded.catalogue.search(query, limit: limit)
        if hits.isEmpty {
            let near = loaded.catalogue.suggestions(for: query, limit: 5).map { "\($0.code) \($0.name)" }
            let hint = near.isEmpty ? "" : l.pick("；相近的有：", "; near matches: ") + near.joined(separator: l.pick("、", ", "))
            FileHandle.standardError.write(Data((l.pick("没有找到“\(query)”", "nothing matches \"\(query)\"") + hint + "\n").utf8))
            throw ExitCode(1)
        }
        for hit in hits {
            let path = loaded.catalogue.ancestors(of: hit.industry.code).reversed().map(\.code).joined(separator: " > ")
            print("\(hit.industry.code)\t\(hit.industry.name)\t\(l == .zh ? hit.industry.level.chineseName : hit.industry.level.rawValue)\t\(path)")
        }
    }
}
