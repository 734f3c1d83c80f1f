import ArgumentParser
import Foundation
import Formats
import Geometry
import Wording

/// Converts coordinates between CRSs and web-map datums (what a user does before pasting coordinates
/// copied from 高德 or 百度), or, with `--output`, whole site files into GeoJSON, Shapefile,
/// GeoPackage or KML (`ConvertFiles`).
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "坐标转换，或把站点文件（勘测定界 .txt、坐标表、KML、DXF…）转成 GeoJSON/Shapefile/GeoPackage/KML / convert coordinates or site files",
        discussion: """
        坐标 / coordinates:
          zonescreen convert --from-datum gcj02 --to-datum wgs84 116.397241,39.908401
          zonescreen convert --from EPSG:4490 --to EPSG:4545 107,29.5
        文件 / files（与 screen 读取站点文件的方式相同：每个地块一个要素，保留编号和全部属性）:
          zonescreen convert 报批坐标.txt --output 地块.shp        # 经纬度 EPSG:4490
          zonescreen convert 界址点.csv 园区.kml --output 地块.gpkg --to EPSG:4525
          zonescreen convert 报批坐标.txt --output 地块.kml --to-datum gcj02  # 高德地图
        --to：输出坐标系，默认 EPSG:4490；--crs：输入坐标系，同 screen（文件自带坐标系时不需要）。
        一个要素出错时报告它，其余照常写出（退出码 1）；输出先写临时文件再改名。
        --to: the output CRS (default EPSG:4490); --crs: the input CRS, as for screen (files that carry one need none).
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: ArgumentHelp("源坐标系（转换文件时同 --crs）/ source CRS (for files: the same as --crs)", valueName: "EPSG:CODE|CMnnn"))
    var from: String?
    @Option(help: ArgumentHelp("目标坐标系 / target CRS", valueName: "EPSG:CODE")) var to: String = "EPSG:4490"
    @Option(name: .customLong("from-datum"), help: "源网络地图坐标 wgs84|gcj02|bd09 / web-map datum of the input")
    var fromDatum: WebMapDatum = .wgs84
    @Option(name: .customLong("to-datum"), help: "目标网络地图坐标 wgs84|gcj02|bd09 / web-map datum of the output")
    var toDatum: WebMapDatum = .wgs84

    @Argument(help: ArgumentHelp("坐标 X,Y（经度,纬度 或 东坐标,北坐标）；有 --output 时为站点文件 / coordinates X,Y, or site files with --output", valueName: "X,Y|FILE"))
    var inputs: [String] = []

    @OptionGroup(title: "转换文件 / converting files") var files: ConvertFileOptions

    func validate() throws {
        let l = common.lang
        if let crs = files.input.crs, let from, crs != from {
            throw ValidationError(l.pick("--crs 与 --from 都是输入坐标系，只给一个；输出坐标系用 --to", "--crs and --from both name the input CRS: give one; the output CRS is --to"))
        }
        if inputs.isEmpty {
            throw ValidationError(l.pick("请给出要转换的坐标 X,Y，或站点文件和 --output", "give coordinates X,Y to convert, or site files and --output"))
        }
        guard let output = files.output else {
            if files.input.crs != nil {
                throw ValidationError(l.pick("转换坐标时用 --from 和 --to 指定坐标系（--crs 用于转换文件）", "converting coordinates takes --from and --to (--crs is for files)"))
            }
            if let file = inputs.first(where: { !Self.looksLikeCoordinates($0) && FileManager.default.fileExists(atPath: $0) }) {
                throw ValidationError(l.pick("转换文件 \(TerminalText.oneLine(file)) 需要用 --output 指定输出文件（如 --output 地块.shp）",
                                             "converting the file \(TerminalText.oneLine(file)) needs --output (e.g. --output parcels.shp)"))
            }
            return
        }
        if inputs.contains("-") {
            throw ValidationError(l.pick("convert 不读标准输入，请给出文件", "convert does not read standard input; name the files"))
        }
        let format = try files.resolvedFormat(output: output, language: l)
        let target: CRS
        do { target = try CRS(parsing: to) } catch { throw ValidationError("--to: " + error.message(l)) }
        if format.needsLongitudeLatitude && !target.isKnownGeographic {
            throw ValidationError(l.pick("KML 只能是经纬度：请去掉 --to，或改用 --format gpkg、shp、geojson", "KML holds longitude/latitude only: drop --to, or use --format gpkg, shp or geojson"))
        }
        if toDatum != .wgs84 && !target.isKnownGeographic {
            throw ValidationError(l.pick("--to-datum 只用于经纬度输出（--to 为 \(to)）", "--to-datum applies to longitude/latitude output only (--to is \(to))"))
        }
        do { try OutputTarget.refuseInputs(outputs: [output], inputs: inputs) } catch { throw ValidationError(error.message(l)) }
    }

    static func looksLikeCoordinates(_ text: String) -> Bool {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }

    func run() throws {
        if let output = files.output {
            try ConvertFiles(command: self, output: output).run()
            return
        }
        let l = common.lang
        do {
            let transformer = try CoordinateTransformer(from: CRS(parsing: from ?? "EPSG:4490"), to: CRS(parsing: to))
            for (index, text) in inputs.enumerated() {
                let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let x = parts[0], let y = parts[1] else {
                    throw ValidationError(l.pick("第 \(index + 1) 个坐标“\(text)”格式有误，应为 X,Y", "coordinate \(index + 1) \"\(text)\" is malformed; expected X,Y"))
                }
                var point = Coordinate(x: x, y: y)
                var note = ""
                if fromDatum != .wgs84 {
                    let result = WebMapOffset.convert(point, from: fromDatum, to: .wgs84)
                    point = result.coordinate
                    if !result.applied { note = l.pick("（中国境外，未做偏移）", " (outside China: no offset)") }
                }
                point = try transformer.transform(point)
                if toDatum != .wgs84 {
                    let result = WebMapOffset.convert(point, from: .wgs84, to: toDatum)
                    point = result.coordinate
                    if !result.applied { note = l.pick("（中国境外，未做偏移）", " (outside China: no offset)") }
                }
                print("\(point.x),\(point.y)\(note)")
            }
        } catch let error as GeometryError {
            FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + error.message(l) + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// The options of `convert` that only files take; reading options mean what they mean to `screen`.
struct ConvertFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("写入此文件（先写临时文件再改名）；给出时把参数当作站点文件转换 / write converted site files here (atomically)", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("输出格式 geojson|shp|gpkg|kml，默认按 --output 的扩展名 / output format (default: from the --output ending)", valueName: "FORMAT"))
    var format: ConvertFormat?

    @OptionGroup(title: "读入站点文件 / reading site files (同 screen / as for screen)") var input: SiteFileOptions

    @Flag(help: "不输出汇总（写出多少要素、写到哪里）/ no summary line") var quiet = false

    enum ConvertFormat: String, ExpressibleByArgument, CaseIterable {
        case geojson, shp, gpkg, kml

        var writer: GDALVectorWriter.Format {
            switch self {
            case .geojson: .geoJSON
            case .shp: .shapefile
            case .gpkg: .geoPackage
            case .kml: .kml
            }
        }
    }

    func resolvedFormat(output: String, language l: Language) throws -> GDALVectorWriter.Format {
        if let format { return format.writer }
        switch URL(fileURLWithPath: output).pathExtension.lowercased() {
        case "geojson", "json": return .geoJSON
        case "shp": return .shapefile
        case "gpkg": return .geoPackage
        case "kml": return .kml
        default:
            throw ValidationError(l.pick("无法从 --output 的扩展名判断格式，请用 --format geojson|shp|gpkg|kml",
                                         "cannot tell the format from the --output ending; give --format geojson|shp|gpkg|kml"))
        }
    }
}
