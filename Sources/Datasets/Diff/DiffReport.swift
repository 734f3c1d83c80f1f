import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// A dataset diff as a readable report (Chinese or English) and as GeoJSON of the changed geometry.
public struct DiffReport {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func text(_ diff: DatasetDiff) -> String {
        let l = language
        var lines = [l.pick("数据集版本对比", "Dataset editions compared"),
                     l.pick("旧版：", "old: ") + "\(diff.old.name) \(diff.old.version)（\(diff.old.date)）" + " " + String(diff.old.contentHash.prefix(12)),
                     l.pick("新版：", "new: ") + "\(diff.new.name) \(diff.new.version)（\(diff.new.date)）" + " " + String(diff.new.contentHash.prefix(12))]
        if diff.isEmpty {
            lines.append(l.pick("两个版本没有差异。", "The two editions do not differ."))
            return lines.joined(separator: "\n") + "\n"
        }
        func ha(_ value: Double) -> String { String(format: "%.4f ", value) + l.pick("公顷", "ha") }
        func className(_ value: Int) -> String { UnitClass(rawValue: value)?.name(l) ?? "\(value)" }
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("【\(title)】" + l.pick("\(items.count) 项", " \(items.count)"))
            lines += items.map { "  " + $0 }
        }
        section(l.pick("环境管控单元", "Environmental control units"),
                diff.units.added.map { l.pick("新增 ", "added ") + "\($0.code) \($0.name) \(className($0.unitClass ?? 0)) \(ha($0.areaHectares))" }
                + diff.units.removed.map { l.pick("删除 ", "removed ") + "\($0.code) \($0.name) \(className($0.unitClass ?? 0)) \(ha($0.areaHectares))" }
                + diff.units.recoded.map { l.pick("编码变更（形状未变）", "code changed (same shape) ") + "\($0.oldCode) → \($0.newCode) \($0.name)" }
                + diff.units.changed.map { change in
                    var parts: [String] = []
                    if change.oldClass != change.newClass { parts.append(l.pick("类别 ", "class ") + "\(className(change.oldClass)) → \(className(change.newClass))") }
                    if change.oldName != change.newName { parts.append(l.pick("名称 ", "name ") + "\(change.oldName) → \(change.newName)") }
                    if change.gainedHectares > 0 || change.lostHectares > 0 {
                        parts.append(l.pick("边界变化：增加 ", "boundary: gained ") + ha(change.gainedHectares) + l.pick("，减少 ", ", lost ") + ha(change.lostHectares))
                    }
                    if !change.listsChanged.isEmpty {
                        parts.append(l.pick("清单文字有改动：", "list text changed: ")
                                     + change.listsChanged.compactMap { Dimension(rawValue: $0).map { l == .zh ? $0.chineseName : $0.englishName } }.joined(separator: l.pick("、", ", ")))
                    }
                    return l.pick("变更 ", "changed ") + change.code + " " + parts.joined(separator: l.pick("；", "; "))
                })
        func areaItems(_ areas: DatasetDiff.Areas) -> [String] {
            areas.added.map { l.pick("新增 ", "added ") + "\($0.code) \($0.name) \(ha($0.areaHectares))" }
            + areas.removed.map { l.pick("删除 ", "removed ") + "\($0.code) \($0.name) \(ha($0.areaHectares))" }
            + areas.changed.map { change in
                l.pick("变更 ", "changed ") + change.code + (change.oldName != change.newName ? " \(change.oldName) → \(change.newName)" : " \(change.newName)")
                + l.pick("：增加 ", ": gained ") + ha(change.gainedHectares) + l.pick("，减少 ", ", lost ") + ha(change.lostHectares)
            }
        }
        section(l.pick("生态保护红线", "Ecological red lines"), areaItems(diff.redLines))
        section(l.pick("敏感区", "Sensitive areas"), areaItems(diff.sensitiveAreas))
        section(l.pick("岸线", "Shorelines"),
                diff.shorelines.added.map { l.pick("新增 ", "added ") + "\($0.river)（\($0.riverClass)）" }
                + diff.shorelines.removed.map { l.pick("删除 ", "removed ") + "\($0.river)（\($0.riverClass)）" }
                + diff.shorelines.moved.map { l.pick("移动 ", "moved ") + "\($0.river)（\($0.riverClass)）" + l.pick("最大位移 ", " by up to ") + String(format: "%.2f m", $0.maxShiftMetres) })
        func effect(_ raw: String) -> String { Effect(rawValue: raw)?.name(l) ?? raw }
        section(l.pick("准入清单条款", "Admission-list clauses"),
                diff.clauses.added.map { l.pick("新增 ", "added ") + "\($0.id) [\(effect($0.effect))] \($0.text)" }
                + diff.clauses.removed.map { l.pick("删除 ", "removed ") + "\($0.id) [\(effect($0.effect))] \($0.text)" }
                + diff.clauses.changed.flatMap { change -> [String] in
                    var items = [l.pick("变更 ", "changed ") + change.id + l.pick("（", " (") + change.changes.joined(separator: ", ") + l.pick("）", ")")]
                    if change.oldEffect != change.newEffect { items.append("    " + l.pick("效力：", "effect: ") + "\(effect(change.oldEffect)) → \(effect(change.newEffect))") }
                    if change.oldText != change.newText {
                        items.append("    - " + change.oldText)
                        items.append("    + " + change.newText)
                    }
                    return items
                })
        section(l.pick("规则", "Rules"),
                diff.rules.added.map { l.pick("新增 ", "added ") + "\($0.id) [\(effect($0.effect))] \($0.text)" }
                + diff.rules.removed.map { l.pick("删除 ", "removed ") + "\($0.id) [\(effect($0.effect))] \($0.text)" }
                + diff.rules.changed.map { l.pick("变更 ", "changed ") + "\($0.id)（\($0.changes.joined(separator: ", "))）" + ($0.oldEffect != $0.newEffect ? " \(effect($0.oldEffect)) → \(effect($0.newEffect))" : "") })
        return lines.joined(separator: "\n") + "\n"
    }

    /// The changed pieces as features in CGCS2000 longitude/latitude (RFC 7946).
    public func features(_ diff: DatasetDiff) throws -> [Feature] {
        try diff.pieces.enumerated().map { index, piece in
            Feature(id: "\(piece.layer):\(piece.code):\(piece.change.rawValue)", geometry: try piece.geometry.transformed(from: diff.crs, to: .cgcs2000),
                    properties: ["layer": .string(piece.layer), "code": .string(piece.code), "change": .string(piece.change.rawValue),
                                 "areaHectares": .number(piece.areaHectares)],
                    index: index, propertyOrder: ["layer", "code", "change", "areaHectares"])
        }
    }
}
