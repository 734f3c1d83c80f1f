import ArgumentParser
import Datasets
import Foundation
import Geometry
import Reports
import Zoning
import Wording

/// `zonescreen dataset check|info|build|init|diff|clauses`.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "检查或查看数据集 / check or describe a dataset",
        subcommands: [Check.self, Info.self, Build.self, Init.self, Diff.self, Clauses.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验数据集，一次列出全部问题 / validate a dataset and list every problem at once")

        @Argument(help: ArgumentHelp("数据集目录或编译数据集 .zsd（默认示例数据集）/ dataset folder or compiled .zsd (default: the demo dataset)", valueName: "DIR|FILE.zsd"))
        var directory: String?

        @OptionGroup var common: CommonOptions

        func run() throws {
            let l = common.lang
            let dataset = try DatasetChoice.loadOrExit(directory, language: l, status: 1)
            let problems = DatasetStore.checkedProblems(dataset)
            print(l.pick("数据集：", "Dataset: ") + "\(dataset.metadata.name) \(dataset.metadata.version)")
            print(l.pick("单元 \(dataset.units.count) 个，红线 \(dataset.redLines.count) 个，岸线 \(dataset.shorelines.count) 条，敏感区 \(dataset.sensitiveAreas.count) 个，条款 \(dataset.clauses.count) 条",
                         "\(dataset.units.count) units, \(dataset.redLines.count) red lines, \(dataset.shorelines.count) shorelines, \(dataset.sensitiveAreas.count) sensitive areas, \(dataset.clauses.count) clauses"))
            let coverage = ClauseReview.coverage(dataset)
            if coverage.readNeedingReview > 0 || coverage.unread > 0 {
                // Not a fault of the data: the screening says 需论证 for them until a person decides.
                print(l.pick("条款：自动识别的 \(coverage.read) 条中需人工核对 \(coverage.readNeedingReview) 条，未能判定 \(coverage.unread) 条（zonescreen dataset clauses 查看并导出审核表）",
                             "Clauses: of \(coverage.read) read, \(coverage.readNeedingReview) need a person; \(coverage.unread) could not be read (see zonescreen dataset clauses and its review sheet)"))
                for clause in dataset.clauses.filter(ClauseReview.needsReview).prefix(10) { print("  \(clause.id)：\(clause.text.prefix(60))") }
            }
            if problems.isEmpty {
                print(l.pick("未发现问题", "no problems found"))
                return
            }
            print(l.pick("发现 \(problems.count) 个问题：", "\(problems.count) problems:"))
            for problem in problems { print("  - " + problem.message(l)) }
            throw ExitCode(1)
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "数据集概况 / describe a dataset")

        @Argument(help: ArgumentHelp("数据集目录或编译数据集 .zsd / dataset folder or compiled .zsd", valueName: "DIR|FILE.zsd"))
        var directory: String?

        @OptionGroup var common: CommonOptions

        func run() throws {
            let l = common.lang
            let dataset = try DatasetChoice.loadOrExit(directory, language: l, status: 2)
            let m = dataset.metadata
            print("\(m.name)" + (m.fictional ? l.pick("【虚构】", " [fictional]") : ""))
            print(l.pick("地区：", "Region: ") + m.region + (m.regionCode.map { " (\($0))" } ?? ""))
            print(l.pick("版本：", "Version: ") + "\(m.version)（\(m.date)）")
            print(l.pick("内容哈希：", "Content hash: ") + dataset.contentHash)
            print(l.pick("数据集目录：", "Folder: ") + dataset.directory.path)
            print(l.pick("图层坐标系：", "Layer CRS: ") + m.crs.description + l.pick("；量算：", "; measured: ") + dataset.measurement.description)
            print(l.pick("岸线基线：", "Shoreline baseline: ") + m.shorelineBaseline.chineseName)
            for unitClass in UnitClass.allCases {
                print("  \(unitClass.name(l)): \(dataset.units.filter { $0.unitClass == unitClass }.count)")
            }
            for level in ClauseLevel.allCases {
                print("  \(level.name(l)): \(dataset.clauses.filter { $0.level == level }.count)")
            }
            let unread = dataset.clauses.filter { $0.reviewWord != nil }.count
            if unread > 0 {
                print(l.pick("  其中含禁止、限制等字样而未判定的条款 \(unread) 条（筛查时按需论证计，需人工核对）",
                             "  of which \(unread) contain prohibiting or restricting words and are undecided (counted as needs assessment; a person must check them)"))
            }
            if let parks = dataset.parks {
                let chemical = parks.filter { $0.kind == .chemical }.count, compliant = parks.filter { $0.compliant == true }.count
                let unknown = parks.filter { $0.compliant == nil }.count
                print(l.pick("园区：\(parks.count) 个（化工园区 \(chemical) 个，合规 \(compliant) 个，是否合规未注明 \(unknown) 个）",
                             "Parks: \(parks.count) (chemical \(chemical), compliant \(compliant), compliance not given \(unknown))"))
            } else {
                print(l.pick("园区：无园区图层（园区内/园区外的规则判为需论证）", "Parks: no parks layer (rules on parks answer needs assessment)"))
            }
            print(ResultWording(l).nationalRules(dataset.rules.national))
            let national = dataset.rules.all.filter { $0.origin == .national }.map(\.id)
            if !national.isEmpty { print("  " + l.pick("生效：", "in force: ") + national.joined(separator: ", ")) }
            let local = dataset.rules.all.filter { $0.origin == .dataset }.map(\.id)
            print(l.pick("本地规则：", "Local rules: ") + (local.isEmpty ? l.pick("无", "none") : local.joined(separator: ", ")))
            switch dataset.origin {
            case .store(let path):
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                print(l.pick("编译数据集：", "Compiled dataset: ") + path + String(format: l.pick("（%.1f MB）", " (%.1f MB)"), Double(size) / 1_048_576))
            case .sources:
                print(l.pick("编译数据集：无（直接读取源文件）", "Compiled dataset: none (read from the sources)"))
            }
            print(l.pick("出处文件：", "Sources:"))
            for source in m.sources { print("  \(source.id): \(source.title)" + (source.date.map { "（\($0)）" } ?? "")) }
        }
    }
}
