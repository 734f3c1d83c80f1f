import ArgumentParser
import Foundation
import Formats
import Geometry
import Zoning

/// `zonescreen screen`: the product. Sites in, verdicts with cited reasons out.
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "按三线一单对站点做准入预判 / screen sites against the zoning",
        discussion: """
        站点来源（可组合）/ sites from:
          --point 经度,纬度（可重复）   --coords "粘贴的坐标"   GeoJSON 文件或 -（标准输入）   --demo-sites
        示例 / examples:
          zonescreen screen --point 111.52,30.51 --industry C2614 --nature 新建
          zonescreen screen --coords "111.52,30.51" --offset gcj02 --industry 有机化学原料制造
          zonescreen screen --demo-sites --format json --output results.json
        退出码 / exit codes: 0 全部成功 all screened; 1 部分站点失败 some sites failed; 2 全部失败或参数、数据集有误 nothing screened.
        """
    )

    @Option(name: .customLong("point"), help: ArgumentHelp("站点坐标 经度,纬度（可重复）/ a point site LON,LAT (repeatable)", valueName: "LON,LAT"))
    var points: [String] = []

    @Option(name: .customLong("coords"), help: ArgumentHelp("粘贴的坐标文本：一组为点，三组以上为面 / pasted coordinates (1 pair: point, 3+: polygon)", valueName: "TEXT"))
    var coordinateTexts: [String] = []

    @Flag(name: .customLong("demo-sites"), help: "筛查数据集自带的示例站点 / screen the dataset's own demo sites")
    var demoSites = false

    @Argument(help: ArgumentHelp("GeoJSON 文件，- 为标准输入 / GeoJSON files, - for stdin", valueName: "FILE"))
    var files: [String] = []

    @Option(help: ArgumentHelp("网络地图坐标纠偏 gcj02（高德、腾讯）|bd09（百度）/ web-map offset to remove", valueName: "gcj02|bd09"))
    var offset: WebMapDatum?

    @Option(help: ArgumentHelp("输入坐标系，默认 EPSG:4490（CGCS2000 经纬度）/ input CRS", valueName: "EPSG:CODE"))
    var crs: String = "EPSG:4490"

    @OptionGroup var profile: ProfileOptions

    @Option(help: ArgumentHelp("数据集目录，默认为示例数据集 / dataset folder (default: the demo dataset)", valueName: "DIR"))
    var dataset: String?

    @Option(help: ArgumentHelp("输出格式 text|json|geojson / output format", valueName: "FORMAT"))
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("写入文件（先写临时文件再改名）/ write to this file (atomically)", valueName: "FILE"))
    var output: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        let l = common.lang
        if points.isEmpty && coordinateTexts.isEmpty && files.isEmpty && !demoSites {
            throw ValidationError(l.pick("没有要筛查的站点：请用 --point、--coords、GeoJSON 文件或 --demo-sites 指定",
                                         "no sites to screen: give --point, --coords, GeoJSON files or --demo-sites"))
        }
    }

    func run() throws {
        let l = common.lang
        do {
            let inputCRS: CRS
            do { inputCRS = try CRS(parsing: crs) } catch { throw CLIError(error.message(l)) }
            let loaded = try DatasetChoice.load(dataset, language: l)
            let (inputs, inputFailures, notes) = gatherSites(loaded, geographic: inputCRS.isKnownGeographic, language: l)
            let engine: ScreeningEngine
            do { engine = try ScreeningEngine(dataset: loaded) } catch { throw CLIError(error.message(l)) }

            var outcomes: [SiteOutcome] = []
            for input in inputs {
                guard let geometry = input.feature.geometry else {
                    outcomes.append(.failure(label: input.label, feature: input.feature, message: l.pick("站点 \(input.label) 没有几何", "site \(input.label) has no geometry")))
                    continue
                }
                do {
                    let siteProfile = try profile.profile(over: input.profile, catalogue: loaded.catalogue, language: l)
                    let site = Site(id: input.feature.id ?? input.feature.properties["id"]?.text, name: input.feature.properties["name"]?.text,
                                    geometry: geometry, crs: inputCRS, webMapDatum: offset ?? .wgs84, profile: siteProfile)
                    outcomes.append(.success(feature: input.feature, result: try engine.screen(site, language: l)))
                } catch let error as CLIError {
                    outcomes.append(.failure(label: input.label, feature: input.feature, message: error.message))
                } catch let error as UserFacingError {
                    outcomes.append(.failure(label: input.label, feature: input.feature, message: error.message(l)))
                }
            }
            outcomes += inputFailures.map { .failure(label: $0.label, feature: nil, message: $0.message) }
            let rendered = ScreenOutput(format: format, language: l).render(outcomes, notes: notes, dataset: loaded)
            if let output {
                do { try AtomicFile.write(rendered, to: URL(fileURLWithPath: output)) } catch { throw CLIError(error.message(l)) }
            } else {
                FileHandle.standardOutput.write(rendered)
            }
            let failed = outcomes.filter(\.isFailure)
            for failure in failed { FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + failure.message + "\n").utf8)) }
            if failed.count == outcomes.count { throw ExitCode(2) }
            if !failed.isEmpty { throw ExitCode(1) }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + error.message + "\n").utf8))
            throw ExitCode(2)
        }
    }

    private func gatherSites(_ dataset: Dataset, geographic: Bool, language l: Language) -> ([SiteInput], [SiteInputFailure], [String]) {
        var inputs: [SiteInput] = [], failures: [SiteInputFailure] = [], notes: [String] = []
        let (pointSites, pointFailures) = SiteInputs.fromPoints(points, language: l)
        inputs += pointSites
        failures += pointFailures
        for (index, text) in coordinateTexts.enumerated() {
            switch SiteInputs.fromCoordinateText(text, index: index, geographic: geographic, language: l) {
            case .success(let (site, siteNotes)):
                inputs.append(site)
                notes += siteNotes
            case .failure(let failure):
                failures.append(failure)
            }
        }
        for file in files {
            let (fileSites, fileFailures) = SiteInputs.fromFile(file, language: l)
            inputs += fileSites
            failures += fileFailures
        }
        if demoSites {
            inputs += dataset.sites.map { feature in
                SiteInput(label: feature.id ?? feature.properties["id"]?.text ?? "#\(feature.index + 1)", feature: feature,
                          profile: SiteInputs.profile(from: feature.properties))
            }
        }
        return (inputs, failures, notes)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, geojson
}

/// Loads the dataset named on the command line, or the demo dataset.
enum DatasetChoice {
    static func load(_ path: String?, language l: Language) throws(CLIError) -> Dataset {
        let directory: URL
        if let path {
            directory = URL(fileURLWithPath: path)
        } else if let found = DatasetLoader.defaultDirectory() {
            directory = found
        } else {
            throw CLIError(l.pick("找不到示例数据集 Fixtures/demo；请用 --dataset 指定数据集目录",
                                  "the demo dataset Fixtures/demo was not found; name a dataset folder with --dataset"))
        }
        do { return try DatasetLoader.load(from: directory) } catch { throw CLIError(error.message(l)) }
    }

    /// Loads the dataset, or prints why not to stderr and exits with `status`.
    static func loadOrExit(_ path: String?, language l: Language, status: Int32) throws -> Dataset {
        do { return try load(path, language: l) } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            throw ExitCode(status)
        }
    }
}
