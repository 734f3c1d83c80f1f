import Geometry
import Wording
import Zoning

/// Why a compiled dataset cannot be used. Where its sources are at hand, a store that is damaged,
/// of another format version or built from other files is rebuilt instead; these reach the user only
/// when it cannot be.
public enum StoreError: UserFacingError, Equatable, Sendable {
    case notAStore(path: String)
    case otherFormatVersion(path: String, found: Int, expected: Int)
    case damaged(path: String, detail: String)
    /// The store was built from files that have changed since (given directly, so not rebuilt).
    case stale(path: String, source: String, changed: String)
    case cannotWrite(path: String, detail: String)

    public func message(_ l: Language) -> String {
        switch self {
        case .notAStore(let path):
            return l.pick("\(path) 不是 ZoneScreen 编译的数据集文件（.zsd）", "\(path) is not a compiled ZoneScreen dataset (.zsd)")
        case .otherFormatVersion(let path, let found, let expected):
            return l.pick("编译数据集 \(path) 的格式版本为 \(found)，本程序读取版本 \(expected)：请用 zonescreen dataset build 重新编译",
                          "compiled dataset \(path) has format version \(found); this program reads version \(expected): rebuild it with zonescreen dataset build")
        case .damaged(let path, let detail):
            return l.pick("编译数据集 \(path) 已损坏或不完整（\(detail)）：请用 zonescreen dataset build 重新编译",
                          "compiled dataset \(path) is damaged or incomplete (\(detail)): rebuild it with zonescreen dataset build")
        case .stale(let path, let source, let changed):
            return l.pick("编译数据集 \(path) 已过期：源数据 \(source) 中的 \(changed) 在编译后有改动；请用 zonescreen dataset build \(source) 重新编译",
                          "compiled dataset \(path) is out of date: \(changed) in its sources \(source) changed after it was built; rebuild it with zonescreen dataset build \(source)")
        case .cannotWrite(let path, let detail):
            return l.pick("无法写入编译数据集 \(path)：\(detail)", "cannot write the compiled dataset \(path): \(detail)")
        }
    }
}
