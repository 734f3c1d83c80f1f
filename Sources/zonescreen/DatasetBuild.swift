import ArgumentParser
import Datasets
import Foundation
import Geometry
import Zoning
import Wording

extension DatasetCommand {
    /// `zonescreen dataset build SRC [--output FILE]`.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验并编译数据集，供各命令和服务直接映射使用 / validate and compile a dataset into the store every command maps",
            discussion: """
            读取数据集目录的全部源文件（图层经 GDAL 读取），列出 dataset check 会列出的全部问题，然后写出一个编译数据集文件（.zsd）：\
            几何已投影到量算坐标系，包络、索引树、覆盖网格、条款和行业分类都已建好，各进程直接映射、无需解析。\
            不指定 --output 时写入缓存目录（$ZONESCREEN_CACHE，或 $XDG_CACHE_HOME/zonescreen，或 ~/.cache/zonescreen），\
            此后对该目录的所有命令自动使用它；源文件有改动时会自动重新编译。
            Reads every source file of the dataset folder (layers through GDAL), lists every problem dataset check \
            would list, then writes one compiled dataset file (.zsd) that commands and services map instead of parsing. \
            Without --output it goes to the cache folder and is then used automatically for that folder.
            """)

        @Argument(help: ArgumentHelp("数据集目录 / dataset folder", valueName: "SRC"))
        var directory: String

        @Option(help: ArgumentHelp("编译结果写到此文件（.zsd），而不是缓存目录 / write the store here instead of the cache", valueName: "FILE"))
        var output: String?

        @Flag(help: "只列出发现的问题，不输出概况、文件位置与用时 / list only the problems found, not the summary, path and time")
        var quiet = false

        @OptionGroup var common: CommonOptions

        func validate() throws {
            if let output, !output.lowercased().hasSuffix(".\(DatasetStore.fileExtension)") {
                throw ValidationError(common.lang.pick("--output 应以 .zsd 结尾", "--output must end in .zsd"))
            }
        }

        func run() throws {
            let l = common.lang
            InterruptCleanup.install(language: l)
            let started = Date()
            let built: (dataset: Dataset, path: URL, problems: [DatasetProblem])
            do {
                built = try DatasetStore.build(from: URL(fileURLWithPath: directory), to: output.map { URL(fileURLWithPath: $0) })
            } catch {
                let message = (error as? UserFacingError)?.message(l) ?? "\(error)"
                FileHandle.standardError.write(Data((message + "\n").utf8))
                throw ExitCode(2)
            }
            if quiet {
                for problem in built.problems { print(problem.message(l)) }
                return
            }
            let d = built.dataset
            print(l.pick("数据集：", "Dataset: ") + "\(d.metadata.name) \(d.metadata.version)")
            print(l.pick("单元 \(d.units.count) 个，红线 \(d.redLines.count) 个，岸线 \(d.shorelines.count) 条，敏感区 \(d.sensitiveAreas.count) 个，条款 \(d.clauses.count) 条",
                         "\(d.units.count) units, \(d.redLines.count) red lines, \(d.shorelines.count) shorelines, \(d.sensitiveAreas.count) sensitive areas, \(d.clauses.count) clauses"))
            let size = (try? FileManager.default.attributesOfItem(atPath: built.path.path)[.size] as? Int) ?? 0
            print(l.pick("已写出编译数据集：", "Compiled dataset written: ") + built.path.path
                  + String(format: l.pick("（%.1f MB，用时 %.1f 秒）", " (%.1f MB in %.1f s)"), Double(size) / 1_048_576, Date().timeIntervalSince(started)))
            print(l.pick("内容哈希：", "Content hash: ") + d.contentHash)
            if built.problems.isEmpty {
                print(l.pick("未发现问题", "no problems found"))
            } else {
                print(l.pick("发现 \(built.problems.count) 个问题（不妨碍使用，请核对）：", "\(built.problems.count) problems (the store is usable; please review):"))
                for problem in built.problems { print("  - " + problem.message(l)) }
            }
        }
    }
}
