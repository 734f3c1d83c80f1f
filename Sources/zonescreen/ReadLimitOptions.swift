import ArgumentParser
import Formats

/// How far one input may expand while it is read: `screen` (files; defaults from the environment,
/// see `InputLimits`) and `serve` (uploads; `ReadLimits.uploads`) share these options.
struct ReadLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-unpacked-bytes"), help: ArgumentHelp("压缩包（KMZ、XLSX、Shapefile 的 .zip）解压后合计上限（字节），边解压边计 / most bytes an archive's members unpack to", valueName: "BYTES"))
    var unpackedBytes: Int?

    @Option(name: .customLong("max-features"), help: ArgumentHelp("一个文件的要素（表格行）上限 / most features (table rows) of one file", valueName: "N"))
    var features: Int?

    @Option(name: .customLong("max-vertices"), help: ArgumentHelp("一个站点几何的顶点上限 / most vertices of one site", valueName: "N"))
    var vertices: Int?

    @Option(name: .customLong("max-string-bytes"), help: ArgumentHelp("一个属性值（单元格、字段）的上限（字节）/ most bytes of one attribute value", valueName: "BYTES"))
    var stringBytes: Int?

    func validate() throws {
        for (value, name) in [(unpackedBytes, "--max-unpacked-bytes"), (features, "--max-features"), (vertices, "--max-vertices"), (stringBytes, "--max-string-bytes")] {
            if let value, value < 1 { throw ValidationError("\(name) 须为正整数 / \(name) must be a positive number") }
        }
    }

    /// `base` with the options given on the command line; a refusal then names the option.
    func limits(over base: ReadLimits) -> ReadLimits {
        var limits = base
        if let unpackedBytes { limits.unpackedBytes = .init(unpackedBytes, setting: "--max-unpacked-bytes") }
        if let features { limits.features = .init(features, setting: "--max-features") }
        if let vertices { limits.vertices = .init(vertices, setting: "--max-vertices") }
        if let stringBytes { limits.stringBytes = .init(stringBytes, setting: "--max-string-bytes") }
        return limits
    }
}
