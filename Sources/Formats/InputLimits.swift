import Foundation
import Geometry

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

    public enum Exceeded: UserFacingError, Equatable {
        case file(name: String, bytes: Int, limit: Int, variable: String)
        case vertices(count: Int, limit: Int, variable: String)
        case line(name: String, line: Int, bytes: Int, limit: Int, variable: String)

        public func message(_ l: Language) -> String {
            switch self {
            case .file(let name, let bytes, let limit, let variable):
                l.pick("\(name) 有 \(bytes) 字节，超过整体读入文件的上限 \(limit) 字节；如确需读取，请设置环境变量 \(variable)",
                       "\(name) is \(bytes) bytes, over the limit of \(limit) bytes for files read whole; set \(variable) to raise it")
            case .vertices(let count, let limit, let variable):
                l.pick("几何有 \(count) 个顶点，超过上限 \(limit)；如确需筛查，请设置环境变量 \(variable)",
                       "the geometry has \(count) vertices, over the limit of \(limit); set \(variable) to raise it")
            case .line(let name, let line, let bytes, let limit, let variable):
                l.pick("\(name) 第 \(line) 行有 \(bytes) 字节，超过单行上限 \(limit) 字节（可设置环境变量 \(variable)）",
                       "\(name), line \(line) is \(bytes) bytes, over the limit of \(limit) bytes for one line (set \(variable) to raise it)")
            }
        }
    }

    /// Throws when the file at `url` is larger than `fileBytes`.
    public static func checkFile(_ url: URL, name: String) throws(Exceeded) {
        let limit = fileBytes.value
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > limit else { return }
        throw .file(name: name, bytes: size, limit: limit, variable: fileBytes.variable)
    }
}
