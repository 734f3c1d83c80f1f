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
        // 对布局在园区外的现有重化工企业，严禁……: a topic, whom the prescription after it is about.
        if segment.hasPrefix("对") && !hasEffect(segment) { return true }
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
    /// The words that say a project is new, enlarged or rebuilt, for scanners that must not run over them.
    static let plainWords = ["新建", "扩建", "改建", "新增", "新上", "引进", "引入"]

    static func endsWithNature(_ characters: [Unicode.Scalar], at position: Int) -> Bool {
        plainWords.contains { word in
            let glyphs = Array(word.unicodeScalars)
            return Scan.matches(glyphs, in: characters, at: position - glyphs.count)
        }
    }

    static func startsNature(_ characters: [Unicode.Scalar], at position: Int) -> Bool {
        plainWords.contains { Scan.matches(Array($0.unicodeScalars), in: characters, at: position) }
    }

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

/// Categories a table must define (一类/二类/三类工业项目), found in the text but defined nowhere.
enum Categories {
    static func undefined(in text: String, known: [ReaderLexicon.Group]) -> [String] {
        var names: [String] = []
        let characters = Array(text.unicodeScalars)
        // 三类(重污染)工业项目: the list's gloss in brackets between the class and 工业.
        var glossed = characters
        if let open = glossed.firstIndex(where: { $0.isOneOf("(（") }), open > 0, glossed[open - 1] == "类",
           let close = glossed[open...].firstIndex(where: { $0.isOneOf(")）") }), close - open <= 8,
           Scan.matches(Array("工业".unicodeScalars), in: glossed, at: close + 1) {
            glossed.removeSubrange(open...close)
        }
        for range in Scan.occurrences(of: "类工业", in: glossed) {
            let characters = glossed
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
            || phaseOuts.contains(where: { lead.begins(with: $0) }) || Scan.contains(text, any: existingActs)
    }

    /// 逐步淘汰低端产能, 依法淘汰落后工艺: what is phased out already exists.
    static let phaseOuts = ["逐步淘汰", "逐步关闭", "逐步退出", "逐步搬迁", "逐步停止", "依法淘汰", "限期淘汰", "有序退出"]

    /// What only an existing enterprise can be refused: 资质延期、产品换证 (a new project has none to renew).
    static let existingActs = ["资质延期", "产品换证", "换发证", "证照延续", "许可证延续", "延期换证"]
}

/// Whom a prohibition names when no industry word does.
enum Objects {
    static func everyProject(_ text: String) -> Bool {
        // 选址: where anything may be sited (严禁在……地段、地区选址).
        if Scan.contains(text, any: ["任何", "一切", "各类", "所有", "开发建设", "开发性", "生产性建设", "投资建设", "人为活动", "建设活动", "选址"]) { return true }
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
