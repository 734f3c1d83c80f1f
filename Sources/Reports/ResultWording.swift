import Foundation
import Geometry
import Zoning

/// Words a screening's facts in the reader's language: verdicts, unit classes, why a reason applies,
/// site notes and citations. Every renderer (text report, JSON answers, tables, 预判报告) words results
/// through it, so a fact reads the same everywhere. English wording uses English punctuation only;
/// names and texts from the dataset stay as the dataset has them.
public struct ResultWording: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    private var l: Language { language }
    /// Between the items of a list.
    var listSeparator: String { l.pick("、", ", ") }

    public func verdict(_ verdict: Verdict) -> String { verdict.name(l) }

    public func unitClass(_ value: Int) -> String { UnitClass(rawValue: value)?.name(l) ?? String(value) }

    /// "name（code）" in Chinese, "name (code)" in English.
    func named(_ zone: NamedZone) -> String {
        var inside: [String] = []
        if let code = zone.code { inside.append(code) }
        if let unitClass = zone.unitClass { inside.append(unitClass.name(l)) }
        let name = [zone.name, zone.level].compactMap { $0 }.joined(separator: " ")
        guard !inside.isEmpty else { return name }
        return l.pick("\(name)（\(inside.joined(separator: "，"))）", "\(name) (\(inside.joined(separator: ", ")))")
    }

    private func names(_ zones: [NamedZone]) -> String { zones.map(named).joined(separator: listSeparator) }

    /// Why a reason applies here, e.g. "距长江（干流）岸线 800.0 米，在 1000 米范围内".
    public func detail(_ detail: ReasonDetail) -> String {
        switch detail {
        case .redLines(let zones):
            return l.pick("涉及生态保护红线：\(names(zones))", "touches ecological red lines: \(names(zones))")
        case .allowedActivity(let zones, let activity):
            return l.pick("涉及生态保护红线：\(names(zones))；属于允许的有限人为活动：\(activity)",
                          "touches ecological red lines: \(names(zones)); an allowed limited activity: \(activity)")
        case .units(let zones):
            return l.pick("位于 \(names(zones))", "lies in \(names(zones))")
        case .shoreline(let river, let riverClass, let metres, let limit):
            let distance = Self.fixed(metres, digits: 1), band = Self.fixed(limit, digits: 0)
            return l.pick("距\(river)（\(riverClass.name(l))）岸线 \(distance) 米，在 \(band) 米范围内",
                          "\(distance) m from the shoreline of \(river) (\(riverClass.name(l))), within \(band) m")
        case .sensitiveAreas(let kind, let zones):
            let list = zones.map { [$0.name, $0.level].compactMap { $0 }.joined(separator: " ") }.joined(separator: listSeparator)
            return l.pick("涉及\(kind)：\(list)", "touches \(kind): \(list)")
        case .clause(let level, let dimension, let units):
            let scope = units.isEmpty ? level.name(l) : level.name(l) + " " + units.joined(separator: listSeparator)
            return l.pick("\(scope)·\(dimension.chineseName)", "\(scope), \(dimension.englishName)")
        }
    }

    /// The project as given: "C2614 有机化学原料制造，新建，化工项目".
    public func profile(_ profile: ProfileSummary) -> String {
        var parts: [String] = []
        if let code = profile.industry { parts.append(code + (profile.industryName.map { " \($0)" } ?? "")) }
        if let nature = profile.nature { parts.append(l == .zh ? nature.chineseName : nature.rawValue) }
        if let chemical = profile.chemical { parts.append(chemical ? l.pick("化工项目", "chemical") : l.pick("非化工项目", "not chemical")) }
        if !profile.flags.isEmpty { parts.append(profile.flags.joined(separator: ", ")) }
        return parts.isEmpty ? l.pick("（未提供）", "(none given)") : parts.joined(separator: l.pick("，", ", "))
    }

    public func note(_ note: SiteNote) -> String {
        switch note {
        case .given(let text): text
        case .outsideChinaNoOffset: l.pick("部分坐标在中国境外，未做网络地图纠偏", "some coordinates lie outside China; no web-map offset was removed")
        case .onSharedBoundary(let count):
            l.pick("该点位于管控单元的共同边界上，同时属于 \(count) 个单元", "the point lies on a shared unit boundary and belongs to all \(count) units")
        case .partlyOutside(let share):
            l.pick(String(format: "站点只有 %.1f%% 在数据集范围内", share * 100), String(format: "only %.1f%% of the site lies inside the dataset", share * 100))
        }
    }

    /// The citation with its title: the document's own, or for the dataset's unit lists one made from
    /// the dataset's name.
    public func titled(_ source: CitedSource, datasetName: String) -> CitedSource {
        guard source.title == nil, source.document == "unitLists" else { return source }
        var titled = source
        titled.title = l.pick("\(datasetName)·单元准入清单", "\(datasetName), unit lists")
        return titled
    }

    /// "title article", for reports.
    public func cite(_ source: CitedSource, datasetName: String) -> String {
        let titled = titled(source, datasetName: datasetName)
        return [titled.title ?? titled.document, titled.article].compactMap { $0 }.joined(separator: " ")
    }

    /// `value` with `digits` decimals (0...6), as `%.Nf` writes it for the figures answers show, without
    /// Foundation's formatter: it was a sixth of worded details' cost in every service answer.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return String(format: "%.\(digits)f", value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded(.toNearestOrEven))  // as printf does for exact halves
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let digitsText = String(fraction)
            text += "." + String(repeating: "0", count: digits - digitsText.count) + digitsText
        }
        return text
    }

    /// Opening and closing brackets around a parenthetical remark.
    func parenthesised(_ text: String) -> String { l.pick("（\(text)）", " (\(text))") }
}
