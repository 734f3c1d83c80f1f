import Foundation
import Geometry
import Zoning
import Wording

/// The readable report of one screening, in Chinese or English: verdict and reasons first, then the
/// facts, then the applicable clauses by dimension and level, then what data it used.
public struct TextReport {
    public let language: Language
    /// Where the clause texts and citations come from.
    public let dataset: Dataset
    private let wording: ResultWording

    public init(language: Language, dataset: Dataset) {
        self.language = language
        self.dataset = dataset
        self.wording = ResultWording(language)
    }

    public func render(_ result: ScreeningResult) -> String {
        let l = language
        var lines: [String] = []
        let title = [result.site.id, result.site.name].compactMap { $0 }.joined(separator: " ")
        lines.append("══ " + l.pick("站点 ", "Site ") + (title.isEmpty ? l.pick("（未命名）", "(unnamed)") : title) + " ══")
        if let profile = result.profile { lines.append(l.pick("项目：", "Project: ") + wording.profile(profile)) }
        lines.append(l.pick("结论：", "Verdict: ") + wording.verdict(result.verdict))
        if !result.reasons.isEmpty { lines.append(l.pick("理由：", "Reasons:")) }
        if result.reasons.isEmpty { lines.append("  " + wording.noReasons(result)) }
        for (number, reason) in result.reasons.enumerated() {
            lines.append(contentsOf: describe(reason, number: number + 1))
        }
        if !result.possibleReasons.isEmpty {
            lines.append(l.pick("视项目情况可能适用（项目信息不足以判定）：", "May apply depending on the project (the profile does not say enough):"))
            for (number, reason) in result.possibleReasons.enumerated() { lines.append(contentsOf: describe(reason, number: number + 1)) }
        }
        lines.append("")
        lines.append(contentsOf: siteLines(result))
        lines.append(contentsOf: zoneLines(result))
        lines.append(contentsOf: shorelineLines(result.shorelines))
        lines.append(contentsOf: clauseLines(Array(result.clauses)))
        let d = result.dataset
        lines.append(l.pick("数据集：", "Dataset: ") + "\(d.name) \(d.version)" + wording.parenthesised(d.date) + (d.fictional ? l.pick("【虚构示例数据】", " [fictional demo data]") : ""))
        lines.append(wording.nationalRules(d.nationalRules))
        lines.append(l.pick("内容哈希：", "Content hash: ") + String(d.contentHash.prefix(16)) + "…  "
                     + l.pick("量算方法：", "measured: ") + d.measurement + "  "
                     + l.pick("岸线基线：", "shoreline baseline: ") + (l == .zh ? d.shorelineBaseline.chineseName : d.shorelineBaseline.rawValue))
        return lines.joined(separator: "\n") + "\n"
    }

    private func cite(_ source: CitedSource) -> String { wording.cite(source, datasetName: dataset.metadata.name) }

    private func describe(_ reason: Reason, number: Int) -> [String] {
        let l = language
        let national = reason.origin == .national ? l.pick("（国家规则）", " (national rule)") : ""
        var lines = ["  \(number). [\(reason.effect.name(l))] \(reason.ruleId)\(national) \(reason.text)",
                     "     " + l.pick("依据：", "source: ") + cite(reason.source) + l.pick("；", "; ") + wording.detail(reason.detail)]
        if let quote = wording.quote(reason) { lines.append("     " + quote) }
        if let gap = reason.undetermined { lines.append("     " + l.pick("需核对：", "to check: ") + wording.undetermined(gap)) }
        return lines
    }

    private func area(_ figure: AreaFigure) -> String {
        String(format: "%.1f m² / %.4f ", figure.squareMetres, figure.hectares) + language.pick("公顷", "ha")
            + String(format: " / %.2f ", figure.mu) + language.pick("亩", "mu")
    }

    private func overlap(_ overlap: Overlap) -> String {
        let share = String(format: "%.1f%%", overlap.share * 100)
        if let area = overlap.area { return self.area(area) + language.pick("，占站点 ", ", ") + share }
        if let length = overlap.length { return String(format: "%.1f m", length.metres) + language.pick("，占线长 ", ", ") + share }
        return ""
    }

    private func siteLines(_ result: ScreeningResult) -> [String] {
        let l = language, s = result.site
        var line = l.pick("站点：", "Site: ") + s.geometryType + l.pick("，", ", ") + s.inputCRS
        if s.webMapDatum != .wgs84 { line += l.pick("（\(s.webMapDatum.rawValue.uppercased()) 坐标已纠偏）", " (\(s.webMapDatum.rawValue.uppercased()) offset removed)") }
        if let a = s.area { line += l.pick("；面积 ", "; area ") + area(a) + wording.parenthesised(a.method + (a.crs.map { " \($0)" } ?? "")) }
        if let length = s.length { line += l.pick("；长度 ", "; length ") + String(format: "%.1f m", length.metres) }
        return [line] + s.notes.map { "  " + wording.note($0) }
    }

    private func zoneLines(_ result: ScreeningResult) -> [String] {
        let l = language
        var lines = [l.pick("生态保护红线：", "Ecological red lines: ") + (result.redLines.isEmpty ? l.pick("未涉及", "none") : "")]
        for hit in result.redLines {
            lines.append("  \(hit.code) \(hit.name)" + (hit.type.map(wording.parenthesised) ?? "") + " " + overlap(hit.overlap))
        }
        lines.append(l.pick("环境管控单元：", "Environmental control units:"))
        for hit in result.controlUnits {
            let subclass = hit.subclass.map { l.pick("·", " / ") + $0 } ?? ""
            let boundary = hit.onBoundary ? l.pick("（位于单元边界上）", " (on the unit boundary)") : ""
            lines.append("  \(hit.code) \(hit.name) \(wording.unitClass(hit.unitClass))\(subclass) \(overlap(hit.overlap))\(boundary)")
        }
        if let parks = result.parks {
            lines.append(l.pick("园区：", "Parks: ") + (parks.isEmpty ? l.pick("不在园区图层的任何园区内", "in none of the dataset's parks") : ""))
            for park in parks {
                let compliant = park.compliant.map { $0 ? l.pick("合规园区", "compliant") : l.pick("非合规园区", "not compliant") } ?? l.pick("是否合规未注明", "compliance not given")
                let facts = [park.code, park.kind.name(l), park.level, compliant].compactMap { $0 }.joined(separator: l.pick("，", ", "))
                lines.append("  \(park.name)" + wording.parenthesised(facts) + " " + overlap(park.overlap))
            }
        }
        if !result.sensitiveAreas.isEmpty {
            lines.append(l.pick("敏感区：", "Sensitive areas:"))
            for hit in result.sensitiveAreas {
                lines.append("  \(hit.kind) " + [hit.name, hit.level].compactMap { $0 }.joined(separator: " ") + " " + overlap(hit.overlap))
            }
        }
        return lines
    }

    private func shorelineLines(_ facts: ShorelineFacts) -> [String] {
        let l = language
        func distance(_ river: RiverDistance?) -> String {
            guard let river else { return l.pick("无", "none") }
            return river.river + wording.parenthesised(river.riverClass.name(l)) + String(format: " %.1f m", river.distance.metres)
        }
        var lines = [l.pick("岸线距离：最近干流 ", "Shorelines: nearest main stream ") + distance(facts.nearestMainStream)
                     + l.pick("；最近支流 ", "; nearest tributary ") + distance(facts.nearestTributary)]
        // Rules with the same band (distance and rivers) share one line.
        var seen: [String] = [], ruleIds: [String: [String]] = [:], first: [String: BandFact] = [:]
        for band in facts.bands {
            let key = "\(band.distanceMetres)|\(band.rivers.map(\.rawValue))"
            if first[key] == nil { seen.append(key); first[key] = band }
            ruleIds[key, default: []].append(band.ruleId)
        }
        for key in seen {
            guard let band = first[key] else { continue }
            let rivers = band.rivers.map { $0.name(l) }.joined(separator: l.pick("、", ", "))
            let ids = (ruleIds[key] ?? []).joined(separator: l.pick("、", ", "))
            lines.append("  " + String(format: "%.0f m", band.distanceMetres) + wording.parenthesised(rivers + l.pick("，", ", ") + ids) + l.pick("：", ": ")
                         + (band.inside ? l.pick("在带内", "inside") : l.pick("在带外", "outside")))
        }
        return lines
    }

    private func clauseLines(_ clauses: [ApplicableClause]) -> [String] {
        let l = language
        var lines = [wording.clausesHeading(clauses) + l.pick("：", ":")]
        for dimension in Dimension.allCases {
            let inDimension = clauses.filter { $0.dimension == dimension }
            guard !inDimension.isEmpty else { continue }
            lines.append(l.pick("【\(dimension.chineseName)】", "[\(dimension.englishName)]"))
            for level in ClauseLevel.allCases {
                let atLevel = inDimension.filter { $0.level == level }
                guard !atLevel.isEmpty else { continue }
                lines.append("  " + level.name(l) + l.pick("：", ":"))
                for clause in atLevel {
                    let mark = wording.clauseMark(clause).isEmpty ? " " : wording.clauseMark(clause)
                    let effect = clause.effect == .requirement ? "" : "[\(clause.effect.name(l))]"
                    lines.append("   \(mark) \(clause.id) \(effect)\(dataset.clauses[clause.index].text)" + wording.parenthesised(cite(dataset.clauseCitations[clause.index])))
                }
            }
        }
        return lines
    }
}
