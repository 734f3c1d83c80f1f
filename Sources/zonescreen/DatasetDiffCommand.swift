import ArgumentParser
import Datasets
import Foundation
import Formats
import Geometry
import Zoning
import Wording

extension DatasetCommand {
    /// `zonescreen dataset diff OLD NEW`.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "对比数据集的两个版本：单元、红线、岸线、敏感区、条款和规则的变化 / what changed between two editions of a dataset",
            discussion: """
            单元按编码对应（编码变了而形状未变的按几何对应），红线、敏感区按编码，条款、规则按编号，岸线按河流与类别。\
            面积为旧版量算坐标系下的平面面积（公顷）。--format text（默认，中文报告）| json | geojson（变化的几何：\
            新增、删除的单元和红线，边界增加、减少的部分，经纬度）；--geometry 另把变化的几何写成 GeoJSON 文件。
            Units are matched by code (codes that changed on an unchanged shape by geometry), red lines and sensitive \
            areas by code, clauses and rules by id, shorelines by river and class. Areas are planar hectares in the old \
            edition's working CRS.
            """)

        @Argument(help: ArgumentHelp("旧版数据集目录或 .zsd / the old edition", valueName: "OLD"))
        var old: String

        @Argument(help: ArgumentHelp("新版数据集目录或 .zsd / the new edition", valueName: "NEW"))
        var new: String

        @Option(help: ArgumentHelp("输出格式 text|json|geojson / output format", valueName: "FORMAT"))
        var format: DiffFormat = .text

        @Option(help: ArgumentHelp("写入文件（先写临时文件再改名）/ write to this file (atomically)", valueName: "FILE"))
        var output: String?

        @Option(help: ArgumentHelp("另把变化的几何写成文件（按扩展名：.geojson、.gpkg、.fgb）/ also write the changed geometry (.geojson, .gpkg or .fgb)", valueName: "FILE"))
        var geometry: String?

        @OptionGroup var common: CommonOptions

        enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, geojson
        }

        func run() throws {
            let l = common.lang
            InterruptCleanup.install(language: l)
            let oldDataset = try DatasetChoice.loadOrExit(old, language: l, status: 2)
            let newDataset = try DatasetChoice.loadOrExit(new, language: l, status: 2)
            let diff: DatasetDiff
            do { diff = try DatasetDiffer.diff(oldDataset, newDataset) } catch {
                FileHandle.standardError.write(Data((l.pick("错误：无法对比：", "error: cannot compare: ") + ((error as? UserFacingError)?.message(l) ?? "\(error)") + "\n").utf8))
                throw ExitCode(2)
            }
            let report = DiffReport(language: l)
            let body: Data
            switch format {
            case .text: body = Data(report.text(diff).utf8)
            case .json: body = try CompactJSONEncoder().encode(diff) + Data("\n".utf8)
            case .geojson: body = GeoJSONWriter.featureCollection(try report.features(diff))
            }
            let out = try AtomicOutput(destination: output.map { URL(fileURLWithPath: $0) })
            try out.write(body)
            try out.commit()
            if let geometry {
                let url = URL(fileURLWithPath: geometry)
                switch url.pathExtension.lowercased() {
                case "gpkg": try GDALVectorWriter.write(try report.features(diff), layer: "changes", format: .geoPackage, to: url)
                case "fgb": try GDALVectorWriter.write(try report.features(diff), layer: "changes", format: .flatGeobuf, to: url)
                default: try AtomicFile.write(GeoJSONWriter.featureCollection(try report.features(diff)), to: url)
                }
            }
        }
    }
}
