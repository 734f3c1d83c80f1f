import ArgumentParser
import Datasets
import Foundation
import Formats
import Geometry
import Outputs
import Reports
import Zoning
import Wording

/// `zonescreen screen`: the product. Sites in, verdicts with cited reasons out, on all cores.
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "按三线一单对站点做准入预判 / screen sites against the zoning",
        discussion: """
        站点来源（可组合）/ sites from:
          --point 经度,纬度（可重复）   --coords "粘贴的坐标"   文件（GeoJSON 等）或 -（标准输入）   --demo-sites
        示例 / examples:
          zonescreen screen --point 111.52,30.51 --industry C2614 --nature 新建
          zonescreen screen --coords "111.52,30.51" --offset gcj02 --industry 有机化学原料制造
          zonescreen screen parks.geojson --format csv --output parks.csv
          cat sites.geojsonl | zonescreen screen - --format geojsonseq
        输出格式 / formats: text（中文报告）json geojson geojsonseq（RFC 8142）ndjson csv（另写 *.zones.csv）xlsx（两张工作表）
          html（可打印的预判报告，含地图，单个文件）pdf（同一报告经 Chromium 打印）
        站点文件 / site files: GeoJSON，Shapefile，KML/KMZ，GeoPackage，DXF，CSV/XLSX 坐标表，勘测定界 .txt
        退出码 / exit codes: 0 全部成功 all screened; 1 部分站点失败 some sites failed; 2 全部失败或参数、数据集有误 nothing screened.
        """
    )

    @Option(name: .customLong("point"), help: ArgumentHelp("站点坐标 经度,纬度（可重复）/ a point site LON,LAT (repeatable)", valueName: "LON,LAT"))
    var points: [String] = []

    @Option(name: .customLong("coords"), help: ArgumentHelp("粘贴的坐标文本：一组为点，两组为线，三组以上为面 / pasted coordinates", valueName: "TEXT"))
    var coordinateTexts: [String] = []

    @Flag(name: .customLong("demo-sites"), help: "筛查数据集自带的示例站点 / screen the dataset's own demo sites")
    var demoSites = false

    @Argument(help: ArgumentHelp("站点文件，- 为标准输入 / site files, - for stdin", valueName: "FILE"))
    var files: [String] = []

    @Option(help: ArgumentHelp("网络地图坐标纠偏 gcj02（高德、腾讯）|bd09（百度）/ web-map offset to remove", valueName: "gcj02|bd09"))
    var offset: WebMapDatum?

    @Flag(name: .customLong("merge-parcels"), help: "把每个文件（或标准输入）中的全部地块合并为一个站点筛查（默认每个地块为一个站点）；地块须都是面，坐标系与项目情况须相同 / screen all parcels of each file (or stdin) together as one site (default: each parcel its own site); they must be polygons with one CRS and one profile")
    var mergeParcels = false

    @OptionGroup(title: "读入站点文件 / reading site files") var input: SiteFileOptions

    @OptionGroup var profile: ProfileOptions

    @Option(help: ArgumentHelp("数据集目录或编译数据集 .zsd，默认为示例数据集 / dataset folder or compiled .zsd (default: the demo dataset)", valueName: "DIR|FILE.zsd"))
    var dataset: String?

    @Flag(name: .customLong("all-industries"), help: "列出此地块上全部国民经济行业小类各自的结论（按结论和决定性规则分组），行业取自全部 1,380 个小类 / the verdict of every industry class on the site, grouped")
    var allIndustries = false

    @Option(name: .customLong("compare-dataset"), help: ArgumentHelp("同时按这一旧版数据集筛查每个站点，说明结论是否变化、为什么变化 / also screen every site against this older edition and say what changed and why", valueName: "DIR|FILE.zsd"))
    var compareDataset: String?

    @Option(help: ArgumentHelp("输出格式 / output format: text|json|geojson|geojsonseq|ndjson|csv|xlsx|html|pdf（html、pdf 为可打印的预判报告）", valueName: "FORMAT"))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("JSON 类格式每个答案的详略：verdict（结论与决定性规则编号）|reasons（默认：理由、涉及的区域与岸线、适用条款编号，条款全文每次输出只给一次）|full（自包含的完整答案，含条款全文与站点几何）/ how much each JSON answer carries (default: reasons)", valueName: "verdict|reasons|full"))
    var detail: AnswerDetail?

    @Option(name: .customLong("clauses"), help: ArgumentHelp("把答案引用的条款全文与出处（按条款编号的字典）写入此文件，而不写进输出本身 / write the clause dictionary (texts and citations by clause id) to this file instead of into the output", valueName: "FILE"))
    var clausesFile: String?

    @Option(name: .customLong("report-sections"), help: ArgumentHelp("html/pdf 报告中单独成章（含地图）的站点数上限，其余只列在汇总表中 / sites with their own section in a report", valueName: "N"))
    var reportSections = 200

    @Option(help: ArgumentHelp("写入文件（先写临时文件再改名）/ write to this file (atomically)", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("并行工作线程数，默认为 CPU 核数 / worker threads (default: all cores)", valueName: "N"))
    var jobs: Int?

    @Flag(help: "不显示进度、汇总与编译数据集的提示 / no progress bar, no summary, no note on compiling the dataset") var quiet = false

    @Option(name: .customLong("max-stdin-bytes"), help: ArgumentHelp("标准输入整体读入（一个 GeoJSON 文档）的上限（字节），默认 256 MiB；按行或 RS 分隔的要素流不限总量 / most bytes of standard input read as one document", valueName: "BYTES"))
    var maxStdinBytes: Int?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        let l = common.lang
        if points.isEmpty && coordinateTexts.isEmpty && files.isEmpty && !demoSites {
            // A file named -x.geojson is taken for an option: say so rather than "no sites".
            if let dashed = CommandLine.arguments.dropFirst().first(where: { $0.count > 1 && $0.hasPrefix("-") && FileManager.default.fileExists(atPath: $0) }) {
                throw ValidationError(l.pick("没有要筛查的站点：“\(TerminalText.oneLine(dashed))”以 - 开头，被当作选项；作为文件请写成 ./\(TerminalText.oneLine(dashed))，或放在 -- 之后",
                                             "no sites to screen: \"\(TerminalText.oneLine(dashed))\" starts with - and was taken for an option; give it as ./\(TerminalText.oneLine(dashed)) or after --"))
            }
            throw ValidationError(l.pick("没有要筛查的站点：请用 --point、--coords、站点文件或 --demo-sites 指定",
                                         "no sites to screen: give --point, --coords, site files or --demo-sites"))
        }
        if let maxStdinBytes, maxStdinBytes < 1 { throw ValidationError(l.pick("--max-stdin-bytes 须为正整数", "--max-stdin-bytes must be a positive number")) }
        if let jobs, jobs < 1 { throw ValidationError(l.pick("--jobs 须为正整数", "--jobs must be a positive number")) }
        if reportSections < 0 { throw ValidationError(l.pick("--report-sections 不能为负数", "--report-sections must not be negative")) }
        let jsonForms: [OutputFormat] = [.json, .geojson, .geojsonseq, .ndjson]
        if detail != nil, !jsonForms.contains(format) || allIndustries {
            throw ValidationError(l.pick("--detail 只用于 --format json、geojson、geojsonseq、ndjson（文字报告、预判报告总是完整的，表格只列结论与理由）",
                                         "--detail applies to --format json, geojson, geojsonseq and ndjson only (text and html/pdf reports are always complete; tables list the verdict and reasons)"))
        }
        if clausesFile != nil, !jsonForms.contains(format) || allIndustries || detail == .full || detail == .verdict {
            throw ValidationError(l.pick("--clauses 只用于 --detail reasons（默认）的 JSON 类格式：其他情况下答案不引用条款字典",
                                         "--clauses goes with the JSON formats at --detail reasons (the default): other answers do not refer to a clause dictionary"))
        }
        if let clausesFile, let output, URL(fileURLWithPath: clausesFile).standardizedFileURL == URL(fileURLWithPath: output).standardizedFileURL
            || OutputTarget.sameFile(clausesFile, output) {
            throw ValidationError(l.pick("--clauses 与 --output 不能是同一个文件", "--clauses and --output must be different files"))
        }
    }

    func run() throws {
        let l = common.lang
        InterruptCleanup.install(language: l)
        do {
            // Never written over what is read (the site files, the datasets): refused before anything
            // is read, with exit status 2 as for an output onto a folder.
            try OutputTarget.refuseInputs(outputs: [output, clausesFile].compactMap { $0 },
                                          inputs: files.filter { $0 != "-" } + [dataset, compareDataset].compactMap { $0 })
            var declaredCRS: CRS?
            if let crs = input.crs {
                do { declaredCRS = try CRS(parsing: crs) } catch { throw CLIError(error.message(l)) }
            }
            let loaded = try DatasetChoice.load(dataset, language: l, quiet: quiet)
            var comparison: EditionComparison?
            if let compareDataset {
                let previous = try DatasetChoice.load(compareDataset, language: l, quiet: quiet)
                do { comparison = EditionComparison(previous: previous, diff: try DatasetDiffer.diff(previous, loaded)) } catch {
                    throw CLIError(l.pick("无法对比两个版本：", "cannot compare the editions: ") + ((error as? UserFacingError)?.message(l) ?? "\(error)"))
                }
            }
            let overrides = try profile.resolved(for: loaded, language: l)
            if allIndustries {
                guard format == .text || format == .json else {
                    throw CLIError(l.pick("--all-industries 只支持 --format text 或 json", "--all-industries supports --format text or json only"))
                }
                let intake = SiteIntake(dataset: loaded, options: input.intake(crs: declaredCRS, offset: offset ?? .wgs84))
                var jobs: [BatchJob] = []
                SiteReader(dataset: loaded, intake: intake, language: l, stdinLimit: stdinLimit, mergeParcels: mergeParcels).read(points: points, coordinateTexts: coordinateTexts, files: files, demoSites: demoSites,
                                                                expect: { _ in }, submit: { jobs.append($0) }, idle: {})
                let run = AllIndustriesRun(dataset: loaded, nature: overrides.nature, chemical: overrides.chemical, flags: overrides.flags,
                                           format: format, language: l)
                let counts = try run.run(jobs, threads: self.jobs ?? ProcessInfo.processInfo.activeProcessorCount, output: try AtomicOutput(destination: output.map { URL(fileURLWithPath: $0) }))
                if counts.total == 0 || counts.failed == counts.total { throw ExitCode(2) }
                if counts.failed > 0 { throw ExitCode(1) }
                return
            }
            let answerDetail = detail ?? .reasons
            let writer = try OutputWriter(format: format, output: output, language: l, dataset: loaded, detail: answerDetail, reportSections: reportSections,
                                          comparing: comparison != nil, clausesFile: clausesFile)
            let progress = Progress(language: l, enabled: !quiet && isatty(STDERR_FILENO) == 1)
            let renderer = OutputRenderer(format: format, language: l, dataset: loaded, detail: answerDetail, reportSections: reportSections,
                                          comparing: comparison != nil)
            let failures = FailureLog(language: l, progress: progress)
            // Tables show the verdict and its reasons, not the clause lists: the 准入清单's plain
            // requirements (most clauses) need not be gathered for every row.
            let clauseDetail: ClauseDetail = format == .csv || format == .xlsx || (format.isJSON && answerDetail == .verdict) ? .decisive : .all
            let pool = BatchEngines.pool(dataset: loaded, threads: jobs ?? ProcessInfo.processInfo.activeProcessorCount, comparing: comparison)
            // The engine threads end before the process does, whatever happens: never exit while one is in GEOS.
            defer { pool.shutDown() }
            let screener = BatchScreening(pool: pool, clauses: clauseDetail, comparing: comparison, render: renderer.render)
            let intake = SiteIntake(dataset: loaded, options: input.intake(crs: declaredCRS, offset: offset ?? .wgs84, overrides: overrides))
            let reader = SiteReader(dataset: loaded, intake: intake, language: l, stdinLimit: stdinLimit, mergeParcels: mergeParcels)
            let expected = SharedCount()
            let (points, coordinateTexts, files, demoSites) = (self.points, self.coordinateTexts, self.files, self.demoSites)
            // Input is read on its own thread so that answers leave on this one while it waits for more.
            let readerThread = Thread {
                reader.read(points: points, coordinateTexts: coordinateTexts, files: files, demoSites: demoSites,
                            expect: { expected.set($0) }, submit: { screener.submit($0) }, idle: { screener.flush() })
                screener.finish()
            }
            readerThread.start()
            let summary: BatchSummary
            do {
                summary = try screener.results { item, rendered in
                    if case .failure(let error) = item.outcome { failures.record(error) }
                    try writer.add(item, rendered)
                    progress.total = expected.value
                    progress.advance()
                }
                try writer.finish()
            } catch {
                screener.cancel()
                throw error
            }
            progress.end()
            if let summary = failures.summary { FileHandle.standardError.write(Data((summary + "\n").utf8)) }
            if !quiet && summary.total > 1 { FileHandle.standardError.write(Data((summary.message(l) + "\n").utf8)) }
            if summary.total == 0 || summary.failed == summary.total { throw ExitCode(2) }
            if summary.failed > 0 { throw ExitCode(1) }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + TerminalText.oneLine(error.message) + "\n").utf8))
            throw ExitCode(2)
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + TerminalText.oneLine(error.message(l)) + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

extension Screen {
    var stdinLimit: ReadLimits.Bound {
        maxStdinBytes.map { ReadLimits.Bound($0, setting: "--max-stdin-bytes") }
            ?? ReadLimits.Bound(InputLimits.stdinBytes.value, setting: InputLimits.stdinBytes.variable)
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension AnswerDetail: ExpressibleByArgument {}
extension Formats.TableRows: ExpressibleByArgument {
    /// `points` is what a user who means "one point site per row" may well type.
    public init?(argument: String) {
        self.init(rawValue: argument == "points" ? Self.sites.rawValue : argument)
    }
}

/// A number one thread sets and another reads. `@unchecked Sendable` is safe: the only stored value
/// is accessed under `lock`.
final class SharedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int?

    func set(_ value: Int) { lock.withLock { stored = value } }
    var value: Int? { lock.withLock { stored } }
}
