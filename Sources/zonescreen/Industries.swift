import ArgumentParser
import Foundation
import Geometry
import Zoning
import Wording

/// `zonescreen industries QUERY`: find GB/T 4754-2017 codes by code or name.
struct Industries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "按代码或名称查找国民经济行业分类（GB/T 4754-2017）/ search the industry catalogue",
        discussion: """
        示例 / examples: zonescreen industries 化学原料   zonescreen industries C26   zonescreen industries 钢铁
        清单常用的行业说法（钢铁、电镀、两高 等）先列出它在准入清单中所指的代码及依据，再列出其下的小类。
        Everyday words of the lists (钢铁, 电镀, 两高 ...) first show the codes the clause reader takes them for and why.
        """)

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
        let words = IndustryWords.shipped
        if let meaning = words.meaning(of: query) {
            // An everyday word lists use: what the clause reader takes it for, then those classes.
            let classes = words.classes(of: meaning, in: loaded.catalogue)
            var covers = meaning.codes.compactMap { code in loaded.catalogue.name(of: code).map { "\(code) \($0)" } }
            if meaning.chemical { covers.append(l.pick("化工属性的项目", "projects of chemical nature")) }
            print(l.pick("“\(query)”在准入清单中指：", "In admission lists, \"\(query)\" means: ") + covers.joined(separator: l.pick("、", ", ")))
            if !meaning.note.isEmpty { print(l.pick("  依据：", "  why: ") + meaning.note) }
            print(l.pick("  包括 \(classes.count) 个小类\(classes.count > limit ? "（列出前 \(limit) 个，--limit 可调）" : "")：",
                         "  \(classes.count) classes\(classes.count > limit ? " (first \(limit); see --limit)" : ""):"))
            for industry in classes.prefix(limit) { print("\(industry.code)\t\(industry.name)\t\(l == .zh ? industry.level.chineseName : industry.level.rawValue)") }
            if hits.isEmpty { return }
            print(l.pick("名称中含“\(query)”的条目：", "Entries whose name contains \"\(query)\":"))
        }
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
