import Foundation

/// The effect words of one part.
enum Effects {
    struct Found {
        var effect: ReadEffect = .requirement
        var words: String?
        var inPrinciple = false
        var rule: String?
        /// 应/须进入（化工）园区.
        var mustEnterPark = false
        var chemicalParks = false
        /// The prohibition is of conduct (不得超过, 禁止排放…), not of a project.
        var conduct = false
        /// The conduct is an activity on land or water (毁林, 破坏, 占用): a clause naming industries in it
        /// (开山采石, 挖砂) still forbids projects of those industries.
        var activity = false
    }

    static let prohibitions = ["严格禁止", "禁止", "严禁", "不得", "不准", "不允许", "一律不", "不予", "不再", "杜绝"]
    static let restrictions = ["严格限制", "限制", "严格控制", "从严控制", "严控", "从严审批", "控制规模", "控制新增", "适度控制"]
    /// After 不得/禁止: what makes it a rule of conduct or a quantity, not an admission.
    static let conductObjects = ["超过", "低于", "高于", "大于", "小于", "突破", "降低", "增加", "减少", "直排", "排入", "排放", "倾倒", "占用",
                                 "破坏", "擅自", "违规", "违法", "随意", "向", "焚烧", "使用", "销售", "运输", "丢弃", "堆放", "填埋", "毁", "砍"]

    static func read(_ text: String) -> Found {
        var found = Found()
        let characters = Array(text.unicodeScalars)
        if let (word, range) = Scan.first(of: prohibitions, in: characters) {
            found.effect = .prohibited
            found.words = word
            found.rule = "effect." + word
            let before = String(glyphs: characters[max(0, range.lowerBound - 3)..<range.lowerBound])
            if before.has("原则上") {
                found.inPrinciple = true
                found.words = "原则上" + word
                found.rule = "effect.原则上" + word
            }
            let after = String(glyphs: characters[range.upperBound..<min(characters.count, range.upperBound + 6)])
            if let object = conductObjects.first(where: { after.begins(with: $0) || after.dropFirst().begins(with: $0) }) {
                found.conduct = true
                found.activity = activityObjects.contains(object)
            }
            // 禁止印染企业直排废水: the verb of emission further on makes it conduct too, unless a project is its object.
            let rest = String(glyphs: characters[range.upperBound...])
            if Scan.contains(rest, any: emissions), !rest.has("项目") { found.conduct = true; found.activity = false }
            if Scan.contains(text, any: unlawful) { found.conduct = true; found.activity = false }
            // 投资额不得低于5000万元, 新增产能不得超过…: a size the project must have, not conduct; below it
            // (above it) the project may not be built.
            let lead = String(glyphs: characters[max(0, range.lowerBound - 14)..<range.lowerBound])
            if found.conduct, Scan.contains(String(after.prefix(3)), any: comparisons), Scan.contains(lead, any: sizeSubjects) {
                found.conduct = false
                found.rule = "effect.threshold"
            }
            return found
        }
        if let (word, _) = Scan.first(of: restrictions, in: characters) {
            found.effect = .restricted
            found.words = word
            found.rule = "effect." + word
            return found
        }
        // 应/须/需/必须 …（开展）…论证/评估: an assessment; 应/须 进入…园区: a place.
        let modals = ["应当", "必须", "应", "须", "需"]
        if let (modal, range) = Scan.first(of: modals, in: characters) {
            let after = String(glyphs: characters[range.upperBound...])
            // 投资额原则上应在1亿元以上, 须不低于…: below the size named the project may not be built.
            let lead = String(glyphs: characters[max(0, range.lowerBound - 16)..<range.lowerBound])
            if Scan.contains(lead + String(after.prefix(4)), any: sizeSubjects),
               Scan.contains(String(after.prefix(14)), any: ["以上", "不低于", "不少于", "不小于", "达到"]),
               Thresholds.find(String(after.prefix(20))) != nil {
                found.effect = .prohibited
                found.words = modal + "…以上"
                found.rule = "effect.minimum"
                found.inPrinciple = String(glyphs: characters[max(0, range.lowerBound - 3)..<range.lowerBound]).has("原则上")
                return found
            }
            if let park = parkEntry(after) {
                found.mustEnterPark = true
                found.chemicalParks = park
                found.words = modal + "进入" + (park ? "化工园区" : "园区")
                found.rule = "effect.mustEnterPark"
                return found
            }
            // 须经省联席会议同意, 应经省级人民政府批准: someone must agree first.
            if after.begins(with: "经") || after.begins(with: "报经"),
               Scan.contains(String(after.prefix(24)), any: ["同意", "批准", "审定", "核准", "认定", "确认", "审查"]) {
                found.effect = .needsAssessment
                found.words = modal + "经…" + (["同意", "批准", "审定", "核准", "认定", "确认", "审查"].first { after.prefix(24).contains($0) } ?? "同意")
                found.rule = "effect.approval"
                return found
            }
            if Scan.contains(after, any: ["论证", "评估", "专题研究", "专项评价"]) && !after.begins(with: "加强") {
                found.effect = .needsAssessment
                found.words = modal + "…论证"
                found.rule = "effect.assessment"
                return found
            }
        }
        if text.has("原则上") && Scan.contains(text, any: ["不", "禁"]) {
            found.effect = .prohibited
            found.inPrinciple = true
            found.words = "原则上"
            found.rule = "effect.原则上"
        }
        return found
    }

    /// Whether an effect word ends at `position` (禁止, 严禁, 不得, 限制 …).
    static func endsWithEffect(_ characters: [Unicode.Scalar], at position: Int) -> Bool {
        (prohibitions + restrictions).contains { word in
            let glyphs = Array(word.unicodeScalars)
            return Scan.matches(glyphs, in: characters, at: position - glyphs.count)
        }
    }

    /// Whether an effect word starts at `position`.
    static func startsEffect(_ characters: [Unicode.Scalar], at position: Int) -> Bool {
        (prohibitions + restrictions).contains { Scan.matches(Array($0.unicodeScalars), in: characters, at: position) }
    }

    static let activityObjects: Set<String> = ["破坏", "占用", "毁", "砍"]
    /// What a size is of (投资额, 规模, 产能), and how it is compared.
    static let sizeSubjects = ["投资", "规模", "产能", "生产能力", "装机", "单机", "年产", "容量"]
    static let comparisons = ["低于", "小于", "不足", "超过", "高于", "大于"]
    static let emissions = ["直排", "排放", "排入", "倾倒", "偷排", "超标排放"]

    /// 非法采砂, 违法占用: the prohibition is of doing it unlawfully, a rule of conduct.
    static let unlawful = ["非法", "违法", "违规"]
    /// 未经许可: whether the project has the permit is a fact nobody gave.
    static let unpermitted = ["未经许可", "未经批准", "未经审批", "未依法"]

    /// 进入园区 / 入园 / 布局在…园区 / 向…园区集中: whether the park named is a chemical park.
    static func parkEntry(_ text: String) -> Bool? {
        let characters = Array(text.unicodeScalars.prefix(24))
        for word in ["进入", "入驻", "布局在", "布局于", "集中在", "向"] {
            guard let range = Scan.occurrences(of: word, in: characters).first else { continue }
            let rest = String(glyphs: characters[range.upperBound...])
            guard let park = rest.byteRange(of: "园") ?? rest.byteRange(of: "集聚区") ?? rest.byteRange(of: "集中区") else { continue }
            let head = rest[..<park.lowerBound]
            guard head.count <= 10 else { continue }
            return head.has("化工")
        }
        // 入园 says no more than a park; 化工 further on names whom (新上重化工项目必须入园，对……重化工企业).
        if text.begins(with: "入园") { return false }
        if text.has("入园") && text.count < 20 { return text.has("化工园") }
        return nil
    }
}
