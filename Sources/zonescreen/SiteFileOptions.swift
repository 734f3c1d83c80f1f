import ArgumentParser
import Formats
import Geometry
import Wording
import Zoning

/// How site files are read: one set of options for `screen` and `convert`, meaning the same in both.
struct SiteFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("输入坐标系 EPSG:代码，或 CM111（按中央经线的 CGCS2000 3 度带平面坐标）；不指定时按文件自带的坐标系，否则为 EPSG:4490 / input CRS (default: the file's own, else EPSG:4490)", valueName: "EPSG:CODE|CMnnn"))
    var crs: String?

    @Option(help: ArgumentHelp("强制文件文字编码，如 GBK、UTF-8（Shapefile、CSV、DXF）/ force the text encoding", valueName: "ENCODING"))
    var encoding: String?

    @Option(help: ArgumentHelp("只读取文件中的这一图层或工作表 / read only this layer or sheet", valueName: "NAME"))
    var layer: String?

    @Option(name: .customLong("id-field"), help: ArgumentHelp("站点编号所在字段；不指定时识别 id、site_id、编号、地块编号、宗地号、DKBH 等 / the property holding each site's ID", valueName: "NAME"))
    var idField: String?

    @Option(help: ArgumentHelp("坐标表每行是：auto（自动）|sites 或 points（一个站点）|vertices（界址点，按地块编号分组）/ what a table row is", valueName: "auto|sites|points|vertices"))
    var rows: Formats.TableRows = .auto

    @Flag(name: .customLong("untrusted-input"), help: "站点文件来自他人：只按扩展名用对应的 GDAL 驱动打开（不用 VRT 等会引用别处的驱动），不联网，不读文件所在文件夹以外的文件 / site files from others: only the GDAL driver their ending calls for, no network, nothing outside their folder")
    var untrustedInput = false

    @OptionGroup(title: "读入的限制 / limits on input (默认 / defaults: 1 GiB, 10000000, 5000000, 16 MiB; 环境变量 ZONESCREEN_MAX_UNPACKED_BYTES 等)") var limits: ReadLimitOptions

    /// The intake's options for these files; `crs` is the CRS the caller settled on (these options'
    /// `--crs`, or what the command says otherwise).
    func intake(crs declared: CRS?, offset: WebMapDatum, overrides: ProfileOverrides = ProfileOverrides(),
                readsProfiles: Bool = true) -> SiteIntake.Options {
        SiteIntake.Options(crs: declared, offset: offset, idField: idField, overrides: overrides, encoding: encoding, layer: layer,
                           tableRows: rows, untrusted: untrustedInput, limits: limits.limits(over: .files),
                           readsProfiles: readsProfiles)
    }
}
