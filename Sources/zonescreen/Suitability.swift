import ArgumentParser
import Foundation
import Formats
import Geometry
import Outputs
import Zoning
import Wording

/// `zonescreen suitability`: where may this project go.
struct Suitability: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suitability",
        abstract: "适宜性地图：整个数据集范围内，此项目在各处会得到的结论 / where may this project go: the region by verdict",
        discussion: """
        把数据集范围按结论划分成互不重叠的多边形（禁止、限制、需论证、符合），每块带有决定结论的规则和条款编号；\
        各单元先按生态保护红线、规则中的岸线范围（缓冲弧每四分之一圆 64 段，5 公里范围的弧最多偏内 0.38 米）和规则涉及的\
        敏感区切分，每一块在其内部一点按同一筛查逻辑判定。--format geojson（经纬度）| gpkg | fgb | csv（按结论、按单元的面积与占比）。
        """)

    @OptionGroup var profile: ProfileOptions

    @Option(help: ArgumentHelp("数据集目录或编译数据集 .zsd，默认为示例数据集 / dataset folder or compiled .zsd", valueName: "DIR|FILE.zsd"))
    var dataset: String?

    @Option(help: ArgumentHelp("输出格式 geojson|gpkg|fgb|csv / output format", valueName: "FORMAT"))
    var format: SuitabilityFormat = .geojson

    @Option(help: ArgumentHelp("写入文件（先写临时文件再改名）/ write to this file (atomically)", valueName: "FILE"))
    var output: String?

    @Flag(help: "不显示汇总（区域数、各结论面积、用时）与编译数据集的提示 / no summary and no note on compiling the dataset")
    var quiet = false

    @OptionGroup var common: CommonOptions

    enum SuitabilityFormat: String, ExpressibleByArgument, CaseIterable {
        case geojson, gpkg, fgb, csv
    }

    func validate() throws {
        if (format == .gpkg || format == .fgb) && output == nil {
            throw ValidationError(common.lang.pick("gpkg、fgb 格式需要用 --output 指定文件", "gpkg and fgb need --output FILE"))
        }
    }

    func run() throws {
        let l = common.lang
        InterruptCleanup.install(language: l)
        let loaded = try DatasetChoice.loadOrExit(dataset, language: l, status: 2, quiet: quiet)
        let overrides: ProfileOverrides
        do { overrides = try profile.resolved(for: loaded, language: l) } catch {
            FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + error.message + "\n").utf8))
            throw ExitCode(2)
        }
        let project = ProjectProfile(industry: overrides.industry, nature: overrides.nature, chemical: overrides.chemical, flags: overrides.flags)
        let started = Date()
        let map: SuitabilityMap
        do { map = try SuitabilityMap.build(dataset: loaded, profile: project) } catch {
            FileHandle.standardError.write(Data((l.pick("错误：无法生成适宜性地图：", "error: cannot make the map: ") + ((error as? UserFacingError)?.message(l) ?? "\(error)") + "\n").utf8))
            throw ExitCode(2)
        }
        switch format {
        case .gpkg, .fgb:
            guard let output else { throw ExitCode(2) }
            try GDALVectorWriter.write(try map.features(language: common.lang), layer: "suitability", format: format == .gpkg ? .geoPackage : .flatGeobuf,
                                       to: URL(fileURLWithPath: output))
        case .geojson, .csv:
            let out = try AtomicOutput(destination: output.map { URL(fileURLWithPath: $0) })
            if format == .geojson { try out.write(GeoJSONWriter.featureCollection(try map.features(language: common.lang))) } else {
                try out.write(Data([0xEF, 0xBB, 0xBF]) + Data(table(map).utf8))
            }
            try out.commit()
        }
        var summary = Verdict.allCases.map { verdict in
            let area = map.squareMetres(of: verdict)
            return "\(verdict.name(l)) " + String(format: "%.2f km² (%.1f%%)", area / 1e6, map.regionSquareMetres > 0 ? area / map.regionSquareMetres * 100 : 0)
        }.joined(separator: l.pick("，", ", "))
        summary = l.pick("适宜性地图：\(map.regions.count) 个区域，", "suitability map: \(map.regions.count) regions, ") + summary
            + String(format: l.pick("；用时 %.1f 秒", "; %.1f s"), Date().timeIntervalSince(started))
        if !quiet { FileHandle.standardError.write(Data((summary + "\n").utf8)) }
        if map.concernsNothing {
            FileHandle.standardError.write(Data(l.pick("注意：没有任何规则或条款涉及这一项目情况，全部为“符合”（按单元划分）\n",
                                                       "note: no rule or clause concerns this profile; everything is compliant (by unit)\n").utf8))
        }
    }

    func table(_ map: SuitabilityMap) -> String {
        let l = common.lang
        var rows = [[l.pick("范围", "scope"), l.pick("单元", "unit"), l.pick("结论", "verdict"), l.pick("决定结论的规则", "rules"),
                     l.pick("面积_平方千米", "areaKm2"), l.pick("面积_公顷", "areaHectares"), l.pick("占比", "share")]]
        func numbers(_ area: Double, of total: Double) -> [String] {
            [String(format: "%.6f", area / 1e6), String(format: "%.4f", area / 1e4), String(format: "%.6f", total > 0 ? area / total : 0)]
        }
        for verdict in Verdict.allCases {
            rows.append([l.pick("全域", "region"), "", verdict.name(l), ""] + numbers(map.squareMetres(of: verdict), of: map.regionSquareMetres))
        }
        let unitAreas = Dictionary(map.units.map { ($0.unit, $0.squareMetres) }, uniquingKeysWith: +)
        for share in map.units {
            rows.append([l.pick("单元", "unit"), share.unit, share.verdict.name(l), share.rules.joined(separator: ";")]
                        + numbers(share.squareMetres, of: unitAreas[share.unit] ?? 0))
        }
        return rows.map { CSVText.line($0.map(JSONValue.string)) }.joined()
    }
}
