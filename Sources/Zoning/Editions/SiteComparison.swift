import Foundation
import Geometry
import Wording

/// One site's answer under two editions: what changed (verdict, units, red lines, bands, deciding
/// rules) and which differences between the editions cause it.
public struct SiteComparison: Sendable, Encodable, Equatable {
    public enum Direction: String, Sendable, Encodable, CaseIterable {
        case stricter, looser, same
        /// Screened under one edition only (e.g. outside the old edition's region).
        case onlyNew, onlyOld, neither

        public func name(_ l: Language) -> String {
            switch self {
            case .stricter: l.pick("变严", "stricter")
            case .looser: l.pick("变宽", "looser")
            case .same: l.pick("结论不变", "same verdict")
            case .onlyNew: l.pick("仅新版可判定", "screened by the new edition only")
            case .onlyOld: l.pick("仅旧版可判定", "screened by the old edition only")
            case .neither: l.pick("两版均无法判定", "screened by neither")
            }
        }
    }

    public var previousVerdict: Verdict?
    public var verdict: Verdict?
    public var direction: Direction
    /// Anything in the answer changed (a same verdict can still come with other reasons or units).
    public var changed: Bool
    public var unitsAdded: [String] = []
    public var unitsRemoved: [String] = []
    /// Old code → new code, for units whose code changed on an unchanged shape.
    public var unitsRecoded: [String] = []
    public var redLinesAdded: [String] = []
    public var redLinesRemoved: [String] = []
    /// Band rules the site is now inside / no longer inside.
    public var bandsEntered: [String] = []
    public var bandsLeft: [String] = []
    public var reasonsAdded: [String] = []
    public var reasonsRemoved: [String] = []
    /// The differences between the editions behind the change, as `section.kind:id` (e.g. `redLines.changed:HX429099002`;
    /// a recoded unit by its old code).
    public var causes: [String] = []

    public static func compare(previous: ScreeningResult?, current: ScreeningResult?, diff: DatasetDiff) -> SiteComparison {
        guard let previous, let current else {
            let direction: Direction = previous == nil ? (current == nil ? .neither : .onlyNew) : .onlyOld
            return SiteComparison(previousVerdict: previous?.verdict, verdict: current?.verdict, direction: direction, changed: direction != .neither)
        }
        let direction: Direction = current.verdict < previous.verdict ? .stricter : (previous.verdict < current.verdict ? .looser : .same)
        var comparison = SiteComparison(previousVerdict: previous.verdict, verdict: current.verdict, direction: direction, changed: false)
        let recoded = Dictionary(diff.units.recoded.map { ($0.oldCode, $0.newCode) }, uniquingKeysWith: { first, _ in first })
        let oldUnits = Set(previous.controlUnits.map { recoded[$0.code] ?? $0.code }), newUnits = Set(current.controlUnits.map(\.code))
        comparison.unitsAdded = newUnits.subtracting(oldUnits).sorted()
        comparison.unitsRemoved = Set(previous.controlUnits.map(\.code)).filter { !newUnits.contains(recoded[$0] ?? $0) }.sorted()
        comparison.unitsRecoded = previous.controlUnits.compactMap { unit in recoded[unit.code].map { "\(unit.code)→\($0)" } }.sorted()
        let oldRedLines = Set(previous.redLines.map(\.code)), newRedLines = Set(current.redLines.map(\.code))
        comparison.redLinesAdded = newRedLines.subtracting(oldRedLines).sorted()
        comparison.redLinesRemoved = oldRedLines.subtracting(newRedLines).sorted()
        let oldBands = Set(previous.shorelines.bands.filter(\.inside).map(\.ruleId)), newBands = Set(current.shorelines.bands.filter(\.inside).map(\.ruleId))
        comparison.bandsEntered = newBands.subtracting(oldBands).sorted()
        comparison.bandsLeft = oldBands.subtracting(newBands).sorted()
        // By rule id: a rule whose effect changed stays a reason, and its change is among the causes.
        let oldReasons = Set(previous.reasons.map(\.ruleId)), newReasons = Set(current.reasons.map(\.ruleId))
        comparison.reasonsAdded = newReasons.subtracting(oldReasons).sorted()
        comparison.reasonsRemoved = oldReasons.subtracting(newReasons).sorted()

        // Causes: the differences that touch what the site touches or what decides its verdict.
        var causes = Set<String>()
        let touchedUnits = oldUnits.union(newUnits).union(previous.controlUnits.map(\.code))
        for unit in diff.units.changed where touchedUnits.contains(unit.code) { causes.insert("units.changed:\(unit.code)") }
        for unit in diff.units.added where touchedUnits.contains(unit.code) { causes.insert("units.added:\(unit.code)") }
        for unit in diff.units.removed where touchedUnits.contains(unit.code) { causes.insert("units.removed:\(unit.code)") }
        for unit in diff.units.recoded where touchedUnits.contains(unit.oldCode) { causes.insert("units.recoded:\(unit.oldCode)") }
        let touchedRedLines = oldRedLines.union(newRedLines)
        for area in diff.redLines.changed where touchedRedLines.contains(area.code) { causes.insert("redLines.changed:\(area.code)") }
        for area in diff.redLines.added where touchedRedLines.contains(area.code) { causes.insert("redLines.added:\(area.code)") }
        for area in diff.redLines.removed where touchedRedLines.contains(area.code) { causes.insert("redLines.removed:\(area.code)") }
        let ruleIDs = Set((previous.reasons + current.reasons + previous.possibleReasons + current.possibleReasons).map(\.ruleId))
        for clause in diff.clauses.changed where ruleIDs.contains(clause.id) { causes.insert("clauses.changed:\(clause.id)") }
        for clause in diff.clauses.added where ruleIDs.contains(clause.id) { causes.insert("clauses.added:\(clause.id)") }
        for clause in diff.clauses.removed where ruleIDs.contains(clause.id) { causes.insert("clauses.removed:\(clause.id)") }
        for rule in diff.rules.changed where ruleIDs.contains(rule.id) { causes.insert("rules.changed:\(rule.id)") }
        for rule in diff.rules.added where ruleIDs.contains(rule.id) { causes.insert("rules.added:\(rule.id)") }
        for rule in diff.rules.removed where ruleIDs.contains(rule.id) { causes.insert("rules.removed:\(rule.id)") }
        if !comparison.bandsEntered.isEmpty || !comparison.bandsLeft.isEmpty {
            for river in diff.shorelines.moved { causes.insert("shorelines.moved:\(river.river)") }
        }
        comparison.changed = direction != .same || !(comparison.unitsAdded.isEmpty && comparison.unitsRemoved.isEmpty && comparison.unitsRecoded.isEmpty
            && comparison.redLinesAdded.isEmpty && comparison.redLinesRemoved.isEmpty && comparison.bandsEntered.isEmpty && comparison.bandsLeft.isEmpty
            && comparison.reasonsAdded.isEmpty && comparison.reasonsRemoved.isEmpty)
        // A difference the site touches but whose answer it does not change explains nothing here.
        comparison.causes = comparison.changed ? causes.sorted() : []
        return comparison
    }

    /// One line per fact, for the text report and the CSV cell.
    public func lines(_ l: Language) -> [String] {
        var lines = [l.pick("版本对比：", "Editions: ") + (previousVerdict?.name(l) ?? "—") + " → " + (verdict?.name(l) ?? "—") + l.pick("（", " (") + direction.name(l) + l.pick("）", ")")]
        func add(_ zh: String, _ en: String, _ items: [String]) {
            if !items.isEmpty { lines.append(l.pick(zh, en) + items.joined(separator: l.pick("、", ", "))) }
        }
        add("新涉及单元：", "units now touched: ", unitsAdded)
        add("不再涉及单元：", "units no longer touched: ", unitsRemoved)
        add("单元编码变更：", "unit codes changed: ", unitsRecoded)
        add("新涉及红线：", "red lines now touched: ", redLinesAdded)
        add("不再涉及红线：", "red lines no longer touched: ", redLinesRemoved)
        add("进入岸线范围：", "bands entered: ", bandsEntered)
        add("离开岸线范围：", "bands left: ", bandsLeft)
        add("新增理由：", "reasons added: ", reasonsAdded)
        add("不再适用的理由：", "reasons no longer applying: ", reasonsRemoved)
        add("原因（版本差异）：", "because of: ", causes)
        return lines
    }
}
