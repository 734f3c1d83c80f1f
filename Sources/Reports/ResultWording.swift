import Foundation
import Formats
import Geometry
import Zoning
import Wording

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
        case .region(let territory, let placement):
            let place = l.pick("适用于\(self.territory(territory))", "holds in \(self.territory(territory))")
            guard let placement else { return place }
            return place + l.pick("；", "; ") + parks(placement)
        }
    }

    /// A territory of the national rules: 全国, 长江流域, 长江经济带.
    public func territory(_ id: String?) -> String {
        switch id {
        case nil, "nationwide": l.pick("全国", "the whole country")
        case "yangtzeBasin": l.pick("长江流域", "the Yangtze basin")
        case "yangtzeBelt": l.pick("长江经济带", "the Yangtze River Economic Belt")
        case let other?: other
        }
    }

    /// What a result with no deciding reason says: "none applies" only when that is true, that is
    /// when no rule might apply either, had the profile said more.
    public func noReasons(_ result: ScreeningResult) -> String {
        result.possibleReasons.isEmpty
            ? l.pick("未发现禁止、限制或需论证的规定。", "No prohibiting, restricting or assessment-requiring rule applies.")
            : l.pick("按所给项目情况未发现确定适用的禁止、限制或需论证的规定；项目情况不全，下列规定可能适用。",
                     "Given the project as described, no prohibiting, restricting or assessment-requiring rule applies for certain; the profile is incomplete and the rules below may apply.")
    }

    /// The mark before an applicable clause: ！ a person must look, ★ it concerns the project, ？ it
    /// depends on what the profile leaves open.
    public func clauseMark(_ clause: ApplicableClause) -> String {
        if clause.needsReview { return l.pick("！", "!") }
        if clause.conditional && clause.concernsProject == .concerns { return "★" }
        if clause.concernsProject == .unknown || clause.concernsProject == .undetermined { return l.pick("？", "?") }
        return ""
    }

    /// The heading of a clause list, with the marks explained and how many need a person.
    public func clausesHeading(_ clauses: [ApplicableClause]) -> String {
        let review = clauses.filter(\.needsReview).count
        let heading = l.pick("适用的准入清单条款（\(clauses.count) 条；★ 涉及本项目，？ 视项目情况，！ 未能自动判定、需人工核对）",
                             "Applicable admission-list clauses (\(clauses.count); ★ concerns this project, ? depends on the project, ! not decided automatically, a person must check)")
        guard review > 0 else { return heading }
        return heading + l.pick("；其中 \(review) 条未能判定是否涉及本项目，需人工核对（按需论证计）",
                                "; \(review) could not be decided for this project: a person must check them (counted as needs assessment)")
    }

    /// Which national rules a dataset uses: "国家规则：内置规则包 2026.12.1（全国、长江流域、长江经济带）".
    public func nationalRules(_ summary: NationalRulesSummary) -> String {
        l.pick("国家规则：", "National rules: ") + nationalRulesText(summary)
    }

    /// The same without its label, for a table cell.
    public func nationalRulesText(_ summary: NationalRulesSummary) -> String {
        guard summary.enabled else {
            return l.pick("本数据集已关闭内置国家规则包，只按数据集自己的规则判断", "the dataset switched the built-in national rule pack off; only its own rules apply")
        }
        var line = l.pick("内置规则包 ", "built-in pack ") + (summary.version ?? "")
            + parenthesised(summary.regions.map(territory).joined(separator: listSeparator))
        if !summary.dropped.isEmpty { line += l.pick("；已删去 ", "; dropped ") + summary.dropped.joined(separator: listSeparator) }
        if !summary.overridden.isEmpty { line += l.pick("；已改写 ", "; changed ") + summary.overridden.joined(separator: listSeparator) }
        if !summary.partly.isEmpty {
            line += l.pick("；本地区所在省份只有部分县属于", "; the region's province lies only partly in ") + summary.partly.map(territory).joined(separator: listSeparator)
                + l.pick("，已按属于处理", ", treated as inside")
        }
        if summary.regionUnknown { line += l.pick("；数据集未给出行政区划代码，各地域规则一律适用", "; the dataset gives no region code, so every territory's rules apply") }
        return line
    }

    /// Where the site lies relative to the parks a condition names.
    func parks(_ placement: ParkPlacement) -> String {
        let percent = Self.fixed(placement.shareInside * 100, digits: 1)
        if placement.parks.isEmpty {
            return l.pick("站点不在其所指园区内", "the site lies in none of the parks it names")
        }
        let list = names(placement.parks)
        if placement.shareInside >= 0.999 { return l.pick("站点位于\(list)内", "the site lies in \(list)") }
        return l.pick("站点 \(percent)% 位于\(list)内，其余在园区外", "\(percent)% of the site lies in \(list), the rest outside")
    }

    /// Why a reason is 需论证 rather than what its rule says: the fact the dataset lacks and who must look.
    public func undetermined(_ gap: Undetermined) -> String {
        let effect = gap.ruleEffect.name(l)
        switch gap.missing {
        case .parksLayer:
            return l.pick("适用时为“\(effect)”；数据集没有园区图层，无法判断站点是否位于（合规）园区内，需核对园区范围",
                          "would be \(effect); the dataset has no parks layer, so whether the site lies in a (compliant) park cannot be told: check the park boundaries")
        case .parkCompliance(let parks):
            let list = parks.joined(separator: listSeparator)
            return l.pick("适用时为“\(effect)”；数据集未说明\(list)是否为合规（认定）园区，需核对园区认定名单",
                          "would be \(effect); the dataset does not say whether \(list) is a compliant (recognised) park: check the recognised list")
        case .protectionLevel(let kind, let areas):
            let list = areas.joined(separator: listSeparator)
            return l.pick("适用时为“\(effect)”；\(kind)\(list)的级别未注明或无法识别，需核对保护区级别",
                          "would be \(effect); the level of \(kind) \(list) is missing or unreadable: check the protection level")
        case .clauseReading(let word):
            return l.pick("条款含“\(word)”，若涉及本项目则为“\(effect)”；未能自动判定，需人工核对",
                          "the clause says \"\(word)\" and would be \(effect) if it concerns this project; it could not be decided automatically: a person must check it")
        case .sensitiveLayer(let role):
            let kind = SensitiveRole(rawValue: role).map { known in
                switch known {
                case .drinkingWater: l.pick("饮用水水源保护区", "drinking-water protection area")
                case .natureReserve: l.pick("自然保护区", "nature reserve")
                case .builtUpArea: l.pick("城镇建成区", "built-up area")
                case .centralHeating: l.pick("集中供热区域", "central-heating area")
                }
            } ?? role
            return l.pick("适用时为“\(effect)”；数据集没有\(kind)图层或其级别不明，无法判断站点是否位于其中，需核对",
                          "would be \(effect); the dataset has no \(kind) layer or its level is unknown, so whether the site lies in it cannot be told: check it")
        case .clauseFact(let fact):
            let asks: String
            switch fact {
            case .categoryTable(let name):
                asks = l.pick("条款所说的“\(name)”须由分类表定义，数据集没有（在 dataset.yaml 的 industryGroups 中给出）",
                              "the clause's \"\(name)\" must be defined by a table the dataset lacks (industryGroups in dataset.yaml)")
            case .threshold(let words):
                asks = l.pick("条款有规模或产能条件“\(words)”，项目情况未说明（可在主要产品及其他情况中写明规模，如“年产3万吨”）",
                              "the clause has a size or capacity condition \"\(words)\" the profile does not state (give the size in the products words, e.g. 年产3万吨)")
            case .conformity(let words):
                asks = l.pick("条款以“\(words)”为条件，需核对项目是否符合（不符合时可在主要产品及其他情况中写明）",
                              "the clause depends on \"\(words)\": check whether the project conforms (if it does not, say so in the products words)")
            case .object(let words):
                asks = l.pick("未能识别“\(words)”所指的项目", "who \"\(words)\" names could not be read")
            case .place(let words):
                asks = l.pick("条款只适用于“\(words)”，数据集没有该范围的图层，需核对站点是否位于其中（位于其中时可在主要产品及其他情况中写明，如“位于\(words)”）",
                              "the clause holds only in \"\(words)\", which no layer of the dataset maps: check whether the site lies there (if it does, say so in the products words)")
            case .process(let words):
                asks = l.pick("条款针对“\(words)”，项目情况未说明是否采用（采用时可在主要产品及其他情况中写明）",
                              "the clause concerns \"\(words)\"; the profile does not say whether the project uses it (say so in the products words)")
            case .investment(let words):
                asks = l.pick("条款以投资额为条件（“\(words)”），项目情况未给出固定资产投资额（命令行 --investment，网页“总投资”）",
                              "the clause depends on the investment (\"\(words)\"), which the profile does not give (--investment, or 总投资 on the page)")
            case .product(let words):
                asks = l.pick("条款只针对“\(words)”，项目所属行业类别还包括其他产品或工艺，需核对项目是否属于“\(words)”（属于时在主要产品及其他情况中写明）",
                              "the clause names only \"\(words)\", and the project's class holds other products or processes too: check whether the project is one (if it is, say so in the products words)")
            }
            return l.pick("若涉及本项目则为“\(effect)”；", "would be \(effect) if it concerns this project; ") + asks + l.pick("，需人工核对", ": a person must check it")
        }
    }

    /// "依据条款原文「禁止新建、扩建化工」（自动识别）": the words a clause reason rests on, and who read them.
    public func quote(_ reason: Reason) -> String? {
        guard let quote = reason.quote else { return nil }
        let who = reason.decision == .person ? l.pick("人工核对", "decided by a person") : l.pick("自动识别", "read automatically")
        return l.pick("依据条款原文「\(quote)」（\(who)）", "on the clause's words \"\(quote)\" (\(who))")
    }

    /// The project as given: "C2614 有机化学原料制造，新建，化工项目".
    public func profile(_ profile: ProfileSummary) -> String {
        var parts: [String] = []
        if let code = profile.industry { parts.append(code + (profile.industryName.map { " \($0)" } ?? "")) }
        if let nature = profile.nature { parts.append(l == .zh ? nature.chineseName : nature.rawValue) }
        if let chemical = profile.chemical { parts.append(chemical ? l.pick("化工项目", "chemical") : l.pick("非化工项目", "not chemical")) }
        if !profile.flags.isEmpty { parts.append(profile.flags.joined(separator: ", ")) }
        if let products = profile.products { parts.append(l.pick("主要产品及其他情况：", "products and other facts: ") + products) }
        if let investment = profile.investment { parts.append(l.pick("固定资产投资 ", "investment ") + (investment == investment.rounded() ? Self.fixed(investment, digits: 0) : Self.fixed(investment, digits: 2)) + l.pick(" 万元", " × 10,000 yuan")) }
        return parts.isEmpty ? l.pick("（未提供）", "(none given)") : parts.joined(separator: l.pick("，", ", "))
    }

    public func note(_ note: SiteNote) -> String {
        switch note {
        case .input(let note): note.message(l)
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
