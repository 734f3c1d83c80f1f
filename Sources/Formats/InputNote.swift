import Foundation
import Geometry
import Wording

/// Something a reader (or the intake) noticed about one feature that the user should see beside its
/// answer: a fact, worded by whoever prints it. Readers hand these over with the feature
/// (`Feature.notes`), never as properties, so they are not mistaken for the input's own columns.
public enum InputNote: Hashable, Sendable {
    /// Pasted coordinates were read in a way worth checking (axes swapped, 度分秒, a ring closed...).
    case coordinates(CoordinateTextNote)
    /// A 勘测定界 file on an older datum (西安80, 北京54), converted to CGCS2000 with the file's own
    /// seven parameters, or by an ellipsoid change alone when it gives none.
    case legacyDatum(system: String, withParameters: Bool)
    /// A 勘测定界 parcel's declared area agrees with its corners only when read in this unit (not 公顷).
    case declaredAreaReadAs(value: Double, unit: DeclaredArea.Unit)
    /// A 勘测定界 parcel's declared area agrees with its corners in no unit (公顷, 平方米 or 亩).
    case declaredAreaMismatch(declared: Double, computedHectares: Double)
    /// This many parcels of one input were screened together as one site, as asked.
    case parcelsMerged(count: Int)

    public func message(_ l: Language) -> String {
        switch self {
        case .coordinates(let note):
            return note.message(l)
        case .legacyDatum(let system, let withParameters):
            return withParameters
                ? l.pick("\(system)：按文件给出的七参数（转换参数）转换到 CGCS2000",
                         "\(system): converted to CGCS2000 with the file's seven transformation parameters (转换参数)")
                : l.pick("\(system)：文件未给出转换参数，按椭球变换近似转换到 CGCS2000（位置可能偏差数十米）",
                         "\(system): the file gives no transformation parameters, so positions were converted to CGCS2000 by an ellipsoid change only (they may be tens of metres off)")
        case .declaredAreaReadAs(let value, let unit):
            return l.pick("地块面积 \(SurveyTextFile.plain(value)) 按\(unit.name(l))理解（与按界址点计算的面积相符）",
                          "declared area \(SurveyTextFile.plain(value)) read as \(unit.name(l)) (it agrees with the area computed from the corners)")
        case .declaredAreaMismatch(let declared, let computed):
            let (d, c) = (String(format: "%.4f", declared), String(format: "%.4f", computed))
            return l.pick("申报面积 \(d) 与按界址点计算的 \(c) 公顷不符（按公顷、平方米、亩理解均不符）",
                          "the declared area \(d) disagrees with the \(c) ha computed from the boundary points (as hectares, square metres or mu)")
        case .parcelsMerged(let count):
            return l.pick("文件中的 \(count) 个地块合并为一个站点筛查", "the file's \(count) parcels are screened together as one site")
        }
    }
}
