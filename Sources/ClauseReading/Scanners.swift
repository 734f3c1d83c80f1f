import Foundation

/// Character-position search over a clause's text (positions, not String indices: masking replaces
/// characters and must not move what follows).
enum Scan {
    static func occurrences(of word: String, in text: [Unicode.Scalar]) -> [Range<Int>] {
        // The word's scalars walked in place (allocating an array per word was a tenth of the reader's time).
        let scalars = word.unicodeScalars
        guard let first = scalars.first else { return [] }
        let count = scalars.count
        guard count <= text.count else { return [] }
        var found: [Range<Int>] = []
        var index = 0
        while index + count <= text.count {
            if text[index] == first, zip(scalars, text[index..<(index + count)]).allSatisfy({ $0 == $1 }) {
                found.append(index..<(index + count))
                index += count
            } else {
                index += 1
            }
        }
        return found
    }

    /// Whether `needle` stands in `text` at `index` (compared in place: slicing into arrays to compare
    /// was most of the reader's time).
    static func matches(_ needle: [Unicode.Scalar], in text: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + needle.count <= text.count else { return false }
        for offset in needle.indices where text[index + offset] != needle[offset] { return false }
        return true
    }

    static func first(of words: [String], in text: [Unicode.Scalar]) -> (word: String, range: Range<Int>)? {
        var best: (String, Range<Int>)?
        for word in words {
            guard let range = occurrences(of: word, in: text).first else { continue }
            if best.map({ range.lowerBound < $0.1.lowerBound || (range.lowerBound == $0.1.lowerBound && range.count > $0.1.count) }) ?? true {
                best = (word, range)
            }
        }
        return best
    }

    static func contains(_ text: String, any words: [String]) -> Bool { words.contains { text.has($0) } }

    /// A number written with digits or Chinese numerals (一, 三, 十, 二十, 1.5), read from `start`.
    static let numerals: [Unicode.Scalar: Double] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "半": 0.5]

    static func number(_ text: [Unicode.Scalar], at start: Int) -> (value: Double, end: Int)? {
        var index = start
        var digits = ""
        while index < text.count, text[index].isASCII, text[index].isDigit || text[index] == "." {
            digits.unicodeScalars.append(text[index])
            index += 1
        }
        if !digits.isEmpty, let value = Double(digits) { return (value, index) }
        var value = 0.0, any = false
        while index < text.count {
            if let digit = numerals[text[index]] {
                value += digit
                any = true
            } else if text[index] == "十" {
                value = (value == 0 ? 1 : value) * 10
                any = true
            } else if text[index] == "百" {
                value = (value == 0 ? 1 : value) * 100
                any = true
            } else {
                break
            }
            index += 1
        }
        return any ? (value, index) : nil
    }
}

/// Splits a clause into parts: sentences (。；;！？), and within a sentence the segments (，) that begin
/// a prescription of their own. A segment without an effect word joins the part it qualifies: before
/// the first effect (临江一公里范围内，禁止…) it is that part's scope; after it, a continuation. "确需…的"
/// continues the part it excepts. 现有… begins a part of its own.
enum PartSplitter {
    static let starters = ["严格禁止", "禁止", "严禁", "不得", "不准", "不允许", "不予", "不再", "原则上", "严格限制", "限制", "严格控制",
                           "严控", "从严", "应当", "应", "须", "需", "必须", "鼓励", "推进", "推动", "加强", "实行", "执行", "落实", "引导",
                           "优先", "支持", "控制"]

    static func parts(_ text: String) -> [String] {
        var parts: [String] = []
        for sentence in split(text, at: "。；;！!？?\n") where !sentence.isEmpty {
            var current: String?
            var prefix = ""
            for segment in split(sentence, at: "，,") where !segment.isEmpty {
                let starts = startsPart(segment)
                if segment.begins(with: "确需") || segment.begins(with: "确有必要") || segment.begins(with: "特殊情况") {
                    current = (current ?? prefix) + "，" + segment
                    prefix = ""
                } else if starts || (current == nil && hasEffect(segment)) {
                    if let current { parts.append(current) }
                    current = prefix.isEmpty ? segment : prefix + "，" + segment
                    prefix = ""
                } else if current == nil && describes(segment) {
                    // 园区主导产业为……, 优先布局……: a statement of its own, whose industries concern no one.
                    parts.append(segment)
                } else if current == nil {
                    prefix = prefix.isEmpty ? segment : prefix + "，" + segment
                } else if let open = current, hasEffect(segment), hasEffect(open) {
                    // …一律不批，…一律不批: a prescription of its own after one complete.
                    parts.append(open)
                    current = segment
                } else if let open = current {
                    current = open + "，" + segment
                }
            }
            if let current { parts.append(current) }
            if !prefix.isEmpty { parts.append(prefix) }
        }
        return parts.isEmpty ? [text] : parts
    }

    /// A segment that begins a prescription: an effect or modal word at its start (after a scope such
    /// as 园区外 or 对), or 现有…, or an effect word anywhere when it names a new project (…禁止新建…).
    static func startsPart(_ segment: String) -> Bool {
        if Existing.only(segment) { return true }
        var lead = segment.drop { "对在于".contains($0) }
        // 并需通过……评估, 同时应……: a second prescription for the same projects.
        for joint in ["同时", "并", "且"] where lead.hasPrefix(joint) { lead = lead.dropFirst(joint.count); break }
        if starters.contains(where: { lead.begins(with: $0) }) { return true }
        return hasEffect(segment) && Natures.read(segment).words.count > 0
    }

    /// A segment that states what a place is for rather than qualifying a prescription.
    static func describes(_ segment: String) -> Bool {
        Scan.contains(segment, any: ["优先", "鼓励", "主导产业", "重点发展", "产业定位", "功能定位", "主要发展", "以发展"])
    }

    static func hasEffect(_ segment: String) -> Bool {
        Scan.contains(segment, any: ["禁止", "严禁", "不得", "不准", "不允许", "不予", "不再", "一律不", "限制", "严格控制", "严控", "应", "须", "必须", "鼓励"])
    }

    /// The pieces between `marks`, trimmed of blanks, empty ones dropped (on scalars: splitting on
    /// characters was a third of the reader's time).
    static func split(_ text: String, at marks: String) -> [String] {
        let separators = Array(marks.unicodeScalars)
        var pieces: [String] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            var piece = current[...]
            while let first = piece.first, first.properties.isWhitespace { piece.removeFirst() }
            while let last = piece.last, last.properties.isWhitespace { piece.removeLast() }
            if !piece.isEmpty { pieces.append(String(glyphs: piece)) }
            current.removeAll(keepingCapacity: true)
        }
        // Commas never split inside brackets: （化学原料制造项目，有化学反应的化学制品制造项目） is one list;
        // sentence marks do (（混凝土搅拌站项目；水泥粉磨站项目限制；陶瓷制品制造项目禁止）).
        let protectBrackets = !separators.contains("。")
        var depth = 0
        for scalar in text.unicodeScalars {
            if scalar == "(" || scalar == "（" { depth += 1 } else if (scalar == ")" || scalar == "）") && depth > 0 { depth -= 1 }
            if (depth == 0 || !protectBrackets) && separators.contains(scalar) { flush() } else { current.append(scalar) }
        }
        flush()
        return pieces
    }
}

/// ……除外, 除……外(，): the words that spare.
enum Exceptions {
    static func spans(in text: [Unicode.Scalar]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for found in Scan.occurrences(of: "除外", in: text) {
            // Back to the start of the segment holding 除外, or of the bracket it closes: （环保型项目除外）
            // spares only what the bracket says.
            var start = found.lowerBound
            while start > 0, !text[start - 1].isOneOf("，,；;（(") { start -= 1 }
            if start > 0, text[start - 1].isOneOf("（(") { start -= 1 }
            var end = found.upperBound
            if start < found.lowerBound, text[start].isOneOf("（("), end < text.count, text[end].isOneOf("）)") { end += 1 }
            spans.append(start..<end)
        }
        // 除……外 / 除……以外 / 除……之外 at a segment start.
        for found in Scan.occurrences(of: "除", in: text) where !spans.contains(where: { $0.contains(found.lowerBound) }) {
            guard found.lowerBound == 0 || text[found.lowerBound - 1].isOneOf("，,；;（(") else { continue }
            var end = found.upperBound
            while end < text.count, text[end] != "外", !text[end].isOneOf("，,；;。") { end += 1 }
            guard end < text.count, text[end] == "外", end > found.upperBound else { continue }
            spans.append(found.lowerBound..<(end + 1))
        }
        return spans
    }

    /// 与供水设施和保护水源无关的…: an exception written as a condition.
    static func unrelated(in text: [Unicode.Scalar]) -> Range<Int>? {
        guard let start = Scan.occurrences(of: "与", in: text).first(where: { range in
            let rest = String(glyphs: text[range.upperBound...])
            guard let end = rest.byteRange(of: "无关") else { return false }
            return rest.distance(from: rest.startIndex, to: end.lowerBound) < 20
        }) else { return nil }
        let rest = Array(text[start.upperBound...])
        guard let end = Scan.occurrences(of: "无关", in: rest).first else { return nil }
        return start.lowerBound..<(start.upperBound + end.upperBound)
    }

    /// Flags an exception names: a rebuild that raises safety or environmental protection, water supply.
    static func flags(in words: String) -> [String] {
        var flags: [String] = []
        if Scan.contains(words, any: ["提升安全", "提高安全", "提升生态环境保护水平", "环保提升", "安全隐患"]) { flags.append("safetyUpgrade") }
        if Scan.contains(words, any: ["供水设施", "保护水源"]) { flags.append("waterSupply") }
        if Scan.contains(words, any: ["国家重大", "国家规划", "国家和省重大", "重大战略"]) { flags.append("nationalMajorProject") }
        return flags
    }
}

/// 新建 / 扩建 / 改建 and their combined forms.
enum Natures {
    static func read(_ text: String) -> (natures: [ReadNature]?, words: [String]) {
        var natures = Set<ReadNature>(), words: [String] = []
        let all: Set<ReadNature> = [.new, .expansion, .rebuild]
        func add(_ word: String, _ set: Set<ReadNature>) {
            guard text.has(word) else { return }
            words.append(word)
            natures.formUnion(set)
        }
        for word in ["新（改、扩）建", "新(改、扩)建", "新（扩、改）建", "新改扩建", "新、改、扩建", "新、扩、改建", "新扩改建"] { add(word, all) }
        for word in ["改扩建", "改、扩建", "扩改建"] { add(word, [.rebuild, .expansion]) }
        for word in ["新扩建", "新、扩建"] { add(word, [.new, .expansion]) }
        if words.isEmpty {
            add("新建", [.new])
            add("扩建", [.expansion])
            add("改建", [.rebuild])
        }
        for word in ["新增", "扩大"] { add(word, [.new, .expansion]) }
        for word in ["新上", "引进", "引入", "新布局", "新设", "新开", "上马"] { add(word, [.new]) }
        for word in ["技改", "技术改造"] { add(word, [.rebuild]) }
        return (natures.isEmpty ? nil : ReadNature.allCases.filter(natures.contains), words)
    }
}

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

/// Where a prescription holds.
enum Scopes {
    /// `parks`: the parks the whole clause names (化工园区 in an earlier sentence), for a bare 区外.
    static func read(_ text: String, parks: ParkMention? = nil) -> [(ReadScope, Range<Int>)] {
        let characters = Array(text.unicodeScalars)
        var found: [(ReadScope, Range<Int>)] = []
        // 化工园区（化工集聚区）外: a bracketed second name between the park and 外/内.
        for close in characters.indices where characters[close].isOneOf(")）") && close + 1 < characters.count && characters[close + 1].isOneOf("外内") {
            guard let open = (max(0, close - 14)..<close).last(where: { characters[$0].isOneOf("(（") }),
                  ParkMention.parkWords.contains(where: { Scan.matches(Array($0.unicodeScalars), in: characters, at: open - $0.unicodeScalars.count) })
            else { continue }
            var start = open
            while start > 0, open - start < 10, !characters[start - 1].isOneOf("，,、；;在于的（(）)"),
                  !Effects.endsWithEffect(characters, at: start) { start -= 1 }
            let words = String(glyphs: characters[start...(close + 1)])
            let chemical = words.has("化工")
            let compliant = chemical || Scan.contains(words, any: ["合规", "认定", "依法设立", "省级以上"])
            found.append((characters[close + 1] == "外" ? .outsidePark(chemicalParks: chemical, compliant: compliant, words: words)
                                                       : .inPark(chemicalParks: chemical, compliant: compliant, words: words), start..<(close + 2)))
        }
        // 园区外 / 园区内, with what stands before (合规、化工).
        for (suffix, outside) in [("园区外", true), ("园区以外", true), ("园区之外", true), ("开发区外", true), ("集聚区外", true), ("集中区外", true), ("集中区域外", true), ("集中区域以外", true),
                                  ("园区内", false), ("园区范围内", false), ("开发区内", false), ("集聚区内", false)] {
            for range in Scan.occurrences(of: suffix, in: characters) where !found.contains(where: { $0.1.overlaps(range) }) {
                var start = range.lowerBound
                // Back to a separator, but never over an effect word (禁止化工园区外…: 禁止 is no part of the park).
                while start > 0, range.lowerBound - start < 10, !characters[start - 1].isOneOf("，,、；;在于的（(）)"),
                      !Effects.endsWithEffect(characters, at: start) { start -= 1 }
                // Only the words that say what park it is (化工, 合规): in 化学制品制造业工业园区外 the industry
                // before them names the project, not the park.
                let walked = Array(characters[start..<range.lowerBound])
                start = Scopes.parkQualifiers.compactMap { Scan.occurrences(of: $0, in: walked).first?.lowerBound }.min().map { start + $0 } ?? range.lowerBound
                let head = String(glyphs: characters[start..<range.lowerBound])
                let chemical = head.has("化工")
                let compliant = chemical || Scan.contains(head, any: ["合规", "认定", "依法设立", "省级以上"])
                let words = String(glyphs: characters[start..<range.upperBound])
                found.append((outside ? .outsidePark(chemicalParks: chemical, compliant: compliant, words: words)
                                      : .inPark(chemicalParks: chemical, compliant: compliant, words: words), start..<range.upperBound))
            }
        }
        // 未进入（合规）园区, 未按规定进入园区, 未进入涉重片区.
        for lead in ["未按规定进入", "未依法进入", "未按要求进入", "未进入", "未入驻"] {
            for range in Scan.occurrences(of: lead, in: characters) where !found.contains(where: { $0.1.overlaps(range) }) {
                let rest = Array(characters[range.upperBound..<min(characters.count, range.upperBound + 14)])
                guard let park = ["园区", "集中区", "集聚区", "开发区", "片区"].compactMap({ Scan.occurrences(of: $0, in: rest).first })
                    .min(by: { $0.lowerBound < $1.lowerBound }) else { continue }
                let end = range.upperBound + park.upperBound
                let words = String(glyphs: characters[range.lowerBound..<end])
                let kind = String(glyphs: rest[..<park.upperBound])
                let chemical = kind.has("化工")
                if !chemical, ParkMention.unrecordedKind(kind) {
                    found.append((.outsideUnrecordedPark(kind: kind, words: words), range.lowerBound..<end))
                } else {
                    let compliant = chemical || Scan.contains(kind, any: ["合规", "认定", "依法设立", "省级以上"])
                    found.append((.outsidePark(chemicalParks: chemical, compliant: compliant, words: words), range.lowerBound..<end))
                }
            }
        }
        // 禁止在区外新布点化工项目: 区 is the park the clause has named.
        if let parks {
            for range in Scan.occurrences(of: "区外", in: characters) where !found.contains(where: { $0.1.overlaps(range) }) {
                guard range.lowerBound == 0 || characters[range.lowerBound - 1].isOneOf("在于，,、；;（(") else { continue }
                found.append((.outsidePark(chemicalParks: parks.chemical, compliant: parks.chemical, words: "区外"), range))
            }
        }
        if let shoreline = shoreline(characters) { found.append(shoreline) }
        // Sensitive areas and red lines.
        for (word, role) in [("饮用水水源", "drinkingWater"), ("水源保护区", "drinkingWater"), ("水源地", "drinkingWater"), ("自然保护区", "natureReserve")] {
            guard let range = Scan.occurrences(of: word, in: characters).first, !found.contains(where: { $0.1.overlaps(range) }) else { continue }
            var end = range.upperBound
            // To the level words and 内/外, never over 的 (饮用水水源地的化工生产企业: the plant is no part of the area).
            while end < characters.count, end - range.upperBound < 16, !characters[end].isOneOf("，,；;的"), !characters[end].isOneOf("禁严不限") {
                end += 1
                if characters[end - 1].isOneOf("内外") { break }
            }
            let words = String(glyphs: characters[range.lowerBound..<end])
            let levelWords = role == "drinkingWater" ? [("一级", "一级"), ("二级", "二级"), ("准保护区", "准保护区")]
                : [("核心区", "核心区"), ("缓冲区", "缓冲区"), ("实验区", "实验区")]
            let levels = levelWords.filter { words.has($0.0) }.map(\.1)
            found.append((.inArea(role: role, levels: levels.isEmpty ? nil : levels, words: words), range.lowerBound..<end))
            break
        }
        // 城镇建成区内, 在划定的集中供热区域内: places a dataset may map with a layer of that role (outside them
        // is left to a person).
        for (word, role) in [("城镇建成区", "builtUpArea"), ("城市建成区", "builtUpArea"), ("建成区", "builtUpArea"),
                             ("集中供热区域", "centralHeating"), ("集中供热范围", "centralHeating"), ("集中供热区", "centralHeating")] {
            guard let range = Scan.occurrences(of: word, in: characters).first, !found.contains(where: { $0.1.overlaps(range) }) else { continue }
            var end = range.upperBound
            for tail in ["范围内", "内"] where Scan.matches(Array(tail.unicodeScalars), in: characters, at: end) { end += tail.unicodeScalars.count; break }
            guard end > range.upperBound || end == characters.count || !characters[end].isOneOf("外以之") else { continue }
            var start = range.lowerBound
            if start >= 2, String(glyphs: characters[(start - 2)..<start]) == "划定" { start -= 2 }
            if start >= 3, String(glyphs: characters[(start - 3)..<start]) == "划定的" { start -= 3 }
            found.append((.inArea(role: role, levels: nil, words: String(glyphs: characters[start..<end])), start..<end))
            break
        }
        for word in ["生态保护红线内", "生态保护红线范围内", "生态保护红线区域", "红线范围内", "红线区内"] {
            guard let range = Scan.occurrences(of: word, in: characters).first, !found.contains(where: { $0.1.overlaps(range) }) else { continue }
            found.append((.inRedLine(words: word), range))
            break
        }
        return found
    }

    /// 岸线一公里范围内, 沿江 1 km 内, 干支流岸线 1000 米…: the distance and which rivers.
    static func shoreline(_ characters: [Unicode.Scalar]) -> (ReadScope, Range<Int>)? {
        let text = String(glyphs: characters)
        guard Scan.contains(text, any: ["岸线", "沿岸", "沿江", "临江", "江边", "河岸", "两岸", "干流", "支流", "河道", "湖"]) else { return nil }
        for start in characters.indices {
            guard let (value, end) = Scan.number(characters, at: start), start == 0 || !characters[start - 1].isDigit else { continue }
            let rest = String(glyphs: characters[end..<min(characters.count, end + 8)])
            var metres: Double?
            var unitLength = 0
            for (unit, scale) in [("公里", 1000.0), ("千米", 1000), ("km", 1000), ("KM", 1000), ("米", 1), ("m", 1)] where rest.begins(with: unit) {
                metres = value * scale
                unitLength = unit.count
                break
            }
            guard let metres, metres > 0 else { continue }
            let after = String(glyphs: characters[(end + unitLength)..<min(characters.count, end + unitLength + 4)])
            guard after.begins(with: "范围内") || after.begins(with: "以内") || after.begins(with: "内") || after.begins(with: "范围") else { continue }
            var lower = start
            while lower > 0, start - lower < 14, !characters[lower - 1].isOneOf("，,；;、在和及与") { lower -= 1 }
            let upper = min(characters.count, end + unitLength + (after.begins(with: "范围内") ? 3 : after.begins(with: "以内") ? 2 : 1))
            let words = String(glyphs: characters[lower..<upper])
            // The rivers the distance is of: named in its own words, else in the text.
            let named = rivers(words) ?? rivers(text)
            return (.nearShoreline(metres: metres, rivers: named ?? nil, words: words), lower..<upper)
        }
        return nil
    }

    /// The river classes words name: nil when they name none (then the caller looks further), .some(nil)
    /// for every class.
    static func rivers(_ words: String) -> [String]?? {
        if Scan.contains(words, any: ["干支流", "干流和支流", "干流及支流", "干流、支流"]) { return .some(nil) }
        if words.has("干流") || words.has("临江") || words.has("沿江") {
            return .some(Scan.contains(words, any: ["重要支流", "主要支流"]) ? ["mainStream", "importantTributary"] : ["mainStream"])
        }
        if Scan.contains(words, any: ["重要支流", "主要支流"]) { return .some(["importantTributary"]) }
        if words.has("支流") { return .some(["importantTributary", "tributary"]) }
        return nil
    }

    /// Words that qualify a park (化工园区, 合规园区, 省级以上工业园区, 规划的化工集中区).
    static let parkQualifiers = ["化工", "石化", "合规", "认定", "依法设立", "依法合规", "省级以上", "省级", "国家级", "工业", "产业", "规划", "专业", "特色", "经济", "高新"]

    static func ruleName(_ scope: ReadScope) -> String {
        switch scope {
        case .outsidePark: "园区外"
        case .inPark: "园区内"
        case .outsideUnrecordedPark: "未进入专门园区"
        case .nearShoreline: "岸线范围"
        case .inArea(let role, _, _): role
        case .inRedLine: "生态保护红线"
        }
    }
}

/// The parks a clause names anywhere in its text, for a later bare 区外 ("禁止在区外新布点化工项目").
struct ParkMention: Sendable, Hashable {
    var chemical: Bool

    static let parkWords = ["园区", "集中区", "集聚区", "开发区", "集中区域"]

    static func find(_ text: String) -> ParkMention? {
        if Scan.contains(text, any: ["化工园区", "化工集中区", "化工集聚区", "化工产业园"]) { return ParkMention(chemical: true) }
        if Scan.contains(text, any: parkWords) { return ParkMention(chemical: false) }
        return nil
    }

    /// A park named for what it holds (涉重片区, 有电镀产业定位的园区, 专业园区): no layer records such kinds.
    static func unrecordedKind(_ words: String) -> Bool {
        Scan.contains(words, any: ["片区", "产业定位", "专业", "特色", "涉重", "电镀", "印染", "制革", "造纸", "医药", "冶炼", "定点"])
    }
}

/// Categories a table must define (一类/二类/三类工业项目), found in the text but defined nowhere.
enum Categories {
    static func undefined(in text: String, known: [ReaderLexicon.Group]) -> [String] {
        var names: [String] = []
        let characters = Array(text.unicodeScalars)
        for range in Scan.occurrences(of: "类工业", in: characters) {
            guard range.lowerBound > 0, characters[range.lowerBound - 1].isOneOf("一二三四") else { continue }
            let name = String(glyphs: [characters[range.lowerBound - 1]]) + "类工业项目"
            let spelled = [name, String(glyphs: [characters[range.lowerBound - 1]]) + "类工业"]
            guard !known.contains(where: { group in spelled.contains(group.name) || group.words.contains(where: spelled.contains) }) else { continue }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }
}

/// 现有…, 已建…: about what exists, not a new project.
enum Existing {
    static func only(_ text: String) -> Bool {
        let lead = text.drop { "对".contains($0) }
        return lead.begins(with: "现有") || lead.begins(with: "已建") || lead.begins(with: "已有") || lead.begins(with: "存量")
            || Scan.contains(text, any: existingActs)
    }

    /// What only an existing enterprise can be refused: 资质延期、产品换证 (a new project has none to renew).
    static let existingActs = ["资质延期", "产品换证", "换发证", "证照延续", "许可证延续", "延期换证"]
}

/// Whom a prohibition names when no industry word does.
enum Objects {
    static func everyProject(_ text: String) -> Bool {
        if Scan.contains(text, any: ["任何", "一切", "各类", "所有", "开发建设", "开发性", "生产性建设", "投资建设", "人为活动", "建设活动"]) { return true }
        // 建设项目 alone, or after a qualifier (……的建设项目), is every project; after a noun (光气生产点建设项目)
        // it is that project, which nobody could read.
        let characters = Array(text.unicodeScalars)
        return Scan.occurrences(of: "建设项目", in: characters).contains { range in
            let before = String(glyphs: characters[max(0, range.lowerBound - 2)..<range.lowerBound])
            return range.lowerBound == 0 || before.ends(with: "的") || before.ends(with: "□") || before.ends(with: "、")
                || Scan.contains(before, any: ["新建", "扩建", "改建", "新增", "禁止", "不得", "严禁", "不予", "不再", "限制", "各类"])
        }
    }

    /// The words after the last nature or effect word, up to 项目 or the end: what nobody could read.
    static func phrase(_ text: String, after word: String?) -> String {
        var rest = Substring(text)
        if let word, let range = text.byteRange(of: word) { rest = text[range.upperBound...] }
        if let end = rest.byteRange(of: "项目") { return String(rest[..<end.upperBound]).trimmingCharacters(in: CharacterSet(charactersIn: "、，")) }
        return String(rest.prefix(20))
    }
}
