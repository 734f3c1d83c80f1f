import Foundation
import Geometry
import Wording

/// The sizes ZoneScreen accepts from outside, each with the environment variable that raises it.
/// Beyond a limit the input (or the one feature) is refused with a message naming the limit and the
/// variable, never read into unbounded memory. (Dataset YAML nesting is `YAMLNesting`'s, 64 levels;
/// JSON nesting is 512 levels; a GeoJSON Text Sequence record 256 MiB.)
public enum InputLimits {
    public struct Limit: Sendable {
        public let variable: String
        public let standard: Int
        /// The variable's value when it is a positive whole number, else the standard; read once (the
        /// vertex limit is checked for every site of a batch).
        public let value: Int

        init(variable: String, standard: Int) {
            self.variable = variable
            self.standard = standard
            let given = ProcessInfo.processInfo.environment[variable].flatMap { Int($0) }
            self.value = given.map { $0 > 0 ? $0 : standard } ?? standard
        }
    }

    /// Files read whole (勘测定界 .txt, a GeoJSON document that is not streamed): 2 GiB.
    public static let fileBytes = Limit(variable: "ZONESCREEN_MAX_FILE_BYTES", standard: 2 << 30)
    /// Vertices of one site's geometry: 5,000,000 (a park boundary has thousands).
    public static let vertices = Limit(variable: "ZONESCREEN_MAX_VERTICES", standard: 5_000_000)
    /// One line of a 勘测定界 .txt: 1 MiB (real lines are under 200 bytes).
    public static let lineBytes = Limit(variable: "ZONESCREEN_MAX_LINE_BYTES", standard: 1 << 20)
    /// What the members of one archive (KMZ, XLSX, a zipped Shapefile) unpack to, all together: 1 GiB.
    public static let unpackedBytes = Limit(variable: "ZONESCREEN_MAX_UNPACKED_BYTES", standard: 1 << 30)
    /// Features (table rows) of one file read through GDAL: 10,000,000.
    public static let features = Limit(variable: "ZONESCREEN_MAX_FEATURES", standard: 10_000_000)
    /// One attribute value (a cell, a field) read through GDAL: 16 MiB (a WKT column of a large parcel
    /// is a long string: 16 MiB is about 800,000 vertices).
    public static let stringBytes = Limit(variable: "ZONESCREEN_MAX_STRING_BYTES", standard: 16 << 20)
    /// Standard input read whole as one GeoJSON document: 256 MiB (a stream of records has no total,
    /// only the per-record limit).
    public static let stdinBytes = Limit(variable: "ZONESCREEN_MAX_STDIN_BYTES", standard: 256 << 20)

    public enum Exceeded: UserFacingError, Equatable {
        case file(name: String, bytes: Int, limit: Int, variable: String)
        case vertices(count: Int, limit: Int, variable: String)
        case line(name: String, line: Int, bytes: Int, limit: Int, variable: String)
        /// An archive's members unpack to more than `limit` bytes (counted while unpacking, not as declared).
        case unpacked(name: String, limit: Int, variable: String)
        case features(name: String, limit: Int, variable: String)
        case string(name: String, feature: Int, bytes: Int, limit: Int, variable: String)
        case standardInput(limit: Int, variable: String)

        public func message(_ l: Language) -> String {
            switch self {
            case .file(let name, let bytes, let limit, let variable):
                l.pick("\(name) 有 \(bytes) 字节，超过整体读入文件的上限 \(limit) 字节；如确需读取，请设置环境变量 \(variable)",
                       "\(name) is \(bytes) bytes, over the limit of \(limit) bytes for files read whole; set \(variable) to raise it")
            case .vertices(let count, let limit, let variable):
                l.pick("几何有 \(count) 个顶点，超过上限 \(limit)；如确需筛查，\(Self.raise(variable, l))",
                       "the geometry has \(count) vertices, over the limit of \(limit); \(Self.raise(variable, l))")
            case .line(let name, let line, let bytes, let limit, let variable):
                l.pick("\(name) 第 \(line) 行有 \(bytes) 字节，超过单行上限 \(limit) 字节（可设置环境变量 \(variable)）",
                       "\(name), line \(line) is \(bytes) bytes, over the limit of \(limit) bytes for one line (set \(variable) to raise it)")
            case .unpacked(let name, let limit, let variable):
                l.pick("\(name) 解压后超过 \(limit) 字节（压缩包内各文件合计的上限）；如确需读取，\(Self.raise(variable, l))",
                       "\(name) unpacks to more than \(limit) bytes (the limit for an archive's members together); \(Self.raise(variable, l))")
            case .features(let name, let limit, let variable):
                l.pick("\(name) 的要素（表格行）超过 \(limit) 个；如确需读取，\(Self.raise(variable, l))",
                       "\(name) has more than \(limit) features (table rows); \(Self.raise(variable, l))")
            case .string(let name, let feature, let bytes, let limit, let variable):
                l.pick("\(name) 第 \(feature) 个要素有一个 \(bytes) 字节的属性值，超过单个值的上限 \(limit) 字节；如确需读取，\(Self.raise(variable, l))",
                       "\(name), feature \(feature) has a value of \(bytes) bytes, over the limit of \(limit) bytes for one value; \(Self.raise(variable, l))")
            case .standardInput(let limit, let variable):
                l.pick("标准输入超过 \(limit) 字节（整体读入的 GeoJSON 文档的上限；按行或 RS 分隔的要素流没有总量上限）；如确需读取，\(Self.raise(variable, l))",
                       "standard input is over \(limit) bytes (the limit for a GeoJSON document read whole; a stream of features, one per line or RS-separated, has none); \(Self.raise(variable, l))")
            }
        }

        /// How to raise a limit: an option of the command (the service's, "--max-...") or an
        /// environment variable.
        static func raise(_ setting: String, _ l: Language) -> String {
            setting.hasPrefix("--") ? l.pick("请用选项 \(setting) 调高", "raise it with \(setting)")
                : l.pick("请设置环境变量 \(setting)", "set \(setting) to raise it")
        }
    }

    /// Throws when the file at `url` is larger than `fileBytes`.
    public static func checkFile(_ url: URL, name: String) throws(Exceeded) {
        let limit = fileBytes.value
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > limit else { return }
        throw .file(name: name, bytes: size, limit: limit, variable: fileBytes.variable)
    }
}
