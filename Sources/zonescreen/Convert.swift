import ArgumentParser
import Foundation
import Geometry

/// Converts coordinates between CRSs and web-map datums: what a user does before pasting
/// coordinates copied from 高德 or 百度 into a screening.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "坐标转换：EPSG 坐标系之间，或 GCJ-02 / BD-09 网络地图坐标 / convert coordinates",
        discussion: """
        示例 / examples:
          zonescreen convert --from-datum gcj02 --to-datum wgs84 116.397241,39.908401
          zonescreen convert --from EPSG:4490 --to EPSG:4545 107,29.5
        """
    )

    @OptionGroup var common: CommonOptions

    @Option(help: "源坐标系 / source CRS (EPSG:CODE)") var from: String = "EPSG:4490"
    @Option(help: "目标坐标系 / target CRS (EPSG:CODE)") var to: String = "EPSG:4490"
    @Option(name: .customLong("from-datum"), help: "源网络地图坐标 wgs84|gcj02|bd09 / web-map datum of the input")
    var fromDatum: WebMapDatum = .wgs84
    @Option(name: .customLong("to-datum"), help: "目标网络地图坐标 wgs84|gcj02|bd09 / web-map datum of the output")
    var toDatum: WebMapDatum = .wgs84

    @Argument(help: "坐标 X,Y（经度,纬度 或 东坐标,北坐标）/ coordinates X,Y") var points: [String]

    func run() throws {
        let l = common.lang
        do {
            let transformer = try CoordinateTransformer(from: CRS(parsing: from), to: CRS(parsing: to))
            for (index, text) in points.enumerated() {
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
