import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// The two tables planners open in Excel: one row per site, and one row per site x zone.
enum ResultTable {
    /// With `--compare-dataset` three more: the old edition's verdict, how it moved, what changed and why.
    static func siteColumns(_ l: Language, comparing: Bool = false) -> [String] {
        base(l) + (comparing ? l == .zh ? ["旧版结论", "结论变化", "版本对比说明"] : ["previousVerdict", "verdictChange", "comparison"] : [])
    }

    static func comparisonCells(_ item: BatchItem, _ l: Language) -> [JSONValue] {
        guard let comparison = item.comparison else { return [.null, .null, .null] }
        return [comparison.previousVerdict.map { .string($0.name(l)) } ?? .null, .string(comparison.direction.name(l)),
                .string(comparison.lines(l).dropFirst().joined(separator: l.pick("；", "; ")))]
    }

    private static func base(_ l: Language) -> [String] {
        l == .zh
            ? ["序号", "站点编号", "名称", "结论", "理由（规则编号）", "几何类型", "面积_平方米", "面积_公顷", "面积_亩", "面积量算方法",
               "最近干流", "距干流_米", "最近支流", "距支流_米", "所在管控单元", "涉及生态保护红线", "错误"]
            : ["index", "siteId", "name", "verdict", "reasons", "geometryType", "areaSquareMetres", "areaHectares", "areaMu", "areaMethod",
               "nearestMainStream", "mainStreamDistanceMetres", "nearestTributary", "tributaryDistanceMetres", "controlUnits", "redLines", "error"]
    }

    static func zoneColumns(_ l: Language) -> [String] {
        l == .zh
            ? ["序号", "站点编号", "类型", "编码", "名称", "类别", "重叠面积_平方米", "重叠面积_公顷", "重叠面积_亩", "占站点比例"]
            : ["index", "siteId", "kind", "code", "name", "class", "overlapSquareMetres", "overlapHectares", "overlapMu", "share"]
    }

    static func siteRow(_ item: BatchItem, _ l: Language) -> [JSONValue] {
        let id = JSONValue.string(item.id ?? item.label.text(l))
        switch item.outcome {
        case .failure(let error):
            return [.number(Double(item.index + 1)), id, .null, .null, .null, .null, .null, .null, .null, .null,
                    .null, .null, .null, .null, .null, .null, .string(error.message(l))]
        case .success(let r):
            func number(_ value: Double?) -> JSONValue { value.map { .number(($0 * 1000).rounded() / 1000) } ?? .null }
            let area = r.site.area
            return [.number(Double(item.index + 1)), .string(r.site.id ?? item.id ?? item.label.text(l)), r.site.name.map(JSONValue.string) ?? .null,
                    .string(r.verdict.name(l)), .string(r.reasons.map(\.ruleId).joined(separator: ";")), .string(r.site.geometryType),
                    number(area?.squareMetres), number(area?.hectares), number(area?.mu),
                    area.map { .string($0.method + ($0.crs.map { " \($0)" } ?? "")) } ?? .null,
                    r.shorelines.nearestMainStream.map { .string($0.river) } ?? .null, number(r.shorelines.nearestMainStream?.distance.metres),
                    r.shorelines.nearestTributary.map { .string($0.river) } ?? .null, number(r.shorelines.nearestTributary?.distance.metres),
                    .string(r.controlUnits.map(\.code).joined(separator: ";")), .string(r.redLines.map(\.code).joined(separator: ";")), .null]
        }
    }

    static func zoneRows(_ item: BatchItem, _ l: Language) -> [[JSONValue]] {
        guard case .success(let r) = item.outcome else { return [] }
        let index = JSONValue.number(Double(item.index + 1)), id = JSONValue.string(r.site.id ?? item.id ?? item.label.text(l))
        func row(_ kind: String, _ code: String?, _ name: String, _ kindOfZone: String?, _ overlap: Overlap) -> [JSONValue] {
            func number(_ value: Double?) -> JSONValue { value.map { .number(($0 * 1000).rounded() / 1000) } ?? .null }
            return [index, id, .string(kind), code.map(JSONValue.string) ?? .null, .string(name), kindOfZone.map(JSONValue.string) ?? .null,
                    number(overlap.area?.squareMetres), number(overlap.area?.hectares), number(overlap.area?.mu),
                    .number((overlap.share * 1e6).rounded() / 1e6)]
        }
        return r.controlUnits.map { row(l.pick("环境管控单元", "controlUnit"), $0.code, $0.name, UnitClass(rawValue: $0.unitClass)?.name(l), $0.overlap) }
            + r.redLines.map { row(l.pick("生态保护红线", "redLine"), $0.code, $0.name, $0.type, $0.overlap) }
            + r.sensitiveAreas.map { row($0.kind, $0.code, $0.name, $0.level, $0.overlap) }
    }
}
