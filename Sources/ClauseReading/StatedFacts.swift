/// Whether the project's own description (what it makes, how, how big, where, what it lacks: the words a
/// user types as 主要产品、工艺、规模及其他情况) states a fact a clause asks for. A stated fact only ever makes a
/// clause concern the project: words that do not state it leave the fact for a person, never lift it.
///
/// `names` says whether the description names a word outside a negation (不含电镀 does not name 电镀); the
/// screening profile gives it. `description` is the user's text, for the figures and deficiencies in it.
public enum StatedFacts {
    /// 位于晋江流域 states 晋江、洛阳江流域; 位于通榆河一级保护区内 states 污染物排放不达标或通榆河一级保护区内.
    public static func place(_ words: String, names: (String) -> Bool) -> Bool {
        alternatives(words).contains { piece in
            [piece, piece.replacingOccurrences(of: "以上", with: "")].contains { candidate in
                core(candidate, leads: ["位于", "在", "于"], tails: ["范围内", "内"]).map(names) ?? false
            }
        }
    }

    /// Whether one of `parkNames` (the parks the site lies in, as their layer names them) is a park the words
    /// name by its proper names: 内蒙古海渤湾工业园区 for 海渤湾工业园区、蒙西高新技术工业园区, 阿拉善高新区巴音
    /// 敖包工业园区 for 阿拉善高新技术产业开发区巴音敖包工业园区 (every name the words hold, 阿拉善 and 巴音敖包).
    public static func namedPark(_ words: String, parkNames: [String]) -> Bool {
        guard !parkNames.isEmpty else { return false }
        let names = parkNames.map(TextNormaliser.normalise)
        return TextNormaliser.normalise(words).split(separator: "、").contains { piece in
            guard let proper = NamedParks.properNames(String(piece)) else { return false }
            return names.contains { name in proper.allSatisfy { name.has($0) } }
        }
    }

    /// 三类（重污染）工业项目 states 三类工业项目: the project's words give its class in the local table the
    /// dataset lacks.
    public static func category(_ name: String, description: String) -> Bool {
        var text = TextNormaliser.normalise(description)
        while let open = text.firstIndex(where: { "(（".contains($0) }), let close = text[open...].firstIndex(where: { ")）".contains($0) }) {
            text.removeSubrange(open...close)
        }
        let core = name.hasSuffix("项目") ? String(name.dropLast(2)) : name
        return text.has(core) && !text.has("不属于" + core) && !text.has("非" + core)
    }

    /// 等电离交工艺 states 采用等电离交工艺; 施用高毒高残留农药 states 施用高毒高残留农药、应用禁止类兽药.
    public static func process(_ words: String, names: (String) -> Bool) -> Bool {
        alternatives(words).contains { piece in
            core(piece, leads: ["生产和使用", "生产或使用", "采用", "使用", "施用", "应用", "燃用", "涉及", "利用", "产生", "排放", "含", "以"],
                 tails: ["为燃料", "为原料", "工艺", "的"]).map(names) ?? false
        }
    }

    /// 年产3万吨 states 5万吨/年及以下; 规模化 states 规模化. A figure above the bound states nothing either way
    /// (the clause may bound another product of the project): a person looks.
    public static func threshold(_ words: String, description: String, names: (String) -> Bool) -> Bool {
        let clause = TextNormaliser.normalise(words)
        guard let bound = Figure.bound(in: clause) else {
            return Thresholds.sizeWords.first(where: { clause.has($0) }).map(names) ?? false
        }
        return Figure.all(in: TextNormaliser.normalise(description)).contains { figure in
            figure.dimension == bound.figure.dimension && bound.holds(for: figure.value)
        }
    }

    /// 不符合国家现代煤化工产业布局规划 states 不符合国家相关产业布局规划: a phrase of the description admits a
    /// deficiency (不符合, 未纳入, 不达标, 落后 …) about the same thing (a word of two characters they share
    /// that is not a filler such as 国家 or 项目). 产品为剧毒化学品 states 《危险化学品名录》所列剧毒化学品.
    public static func conformity(_ words: String, description: String, names: (String) -> Bool) -> Bool {
        let clause = TextNormaliser.normalise(words)
        for listed in ["所列", "列入名录", "目录中"] {
            guard let range = clause.byteRange(of: listed) else { continue }
            let member = String(clause[range.upperBound...])
            return member.count >= 2 && names(member)
        }
        var topic = clause
        for word in deficiencies { topic = topic.replacingOccurrences(of: word, with: "，") }
        let topics = bigrams(topic)
        guard !topics.isEmpty else { return false }
        let phrases = TextNormaliser.normalise(description).split(whereSeparator: { "，,；;。、\n".contains($0) })
        return phrases.contains { phrase in
            deficiencies.contains { phrase.has($0) } && !bigrams(String(phrase)).isDisjoint(with: topics)
        }
    }

    /// Words by which a description admits what a clause asks about.
    static let deficiencies = ["不符合", "不满足", "达不到", "不达标", "不完善", "不规范", "不正常", "违规", "未落实", "落后", "未纳入", "未列入",
                               "未取得", "未按规定", "未建成", "不具备", "超标"]
    /// Two-character words too common to say what a plan or a standard is about.
    static let fillers: Set<String> = ["国家", "相关", "有关", "要求", "项目", "企业", "建设", "规定", "产业", "行业", "以及", "或者", "管理", "省级", "全国"]

    private static func bigrams(_ text: String) -> Set<String> {
        let characters = Array(text.unicodeScalars)
        guard characters.count >= 2 else { return [] }
        var found = Set<String>()
        for index in 0..<(characters.count - 1) where TextNormaliser.isCJK(characters[index]) && TextNormaliser.isCJK(characters[index + 1]) {
            let pair = String(glyphs: characters[index...(index + 1)])
            if !fillers.contains(pair) { found.insert(pair) }
        }
        return found
    }

    /// A list's alternatives (A、B或C流域), each with the list's last word where it names the kind of place
    /// (晋江、洛阳江流域: 晋江流域 and 洛阳江流域).
    static func alternatives(_ words: String) -> [String] {
        let pieces = TextNormaliser.normalise(words).split(whereSeparator: { "、或和及".contains($0) }).map(String.init).filter { !$0.isEmpty }
        guard let last = pieces.last else { return [] }
        let kind = ["流域", "地区", "保护区", "区域", "沿岸", "湿地", "工艺", "产品"].first { last.ends(with: $0) }
        return pieces + pieces.dropLast().compactMap { piece in kind.map { piece.ends(with: $0) ? nil : piece + $0 } ?? nil }
    }

    private static func core(_ words: String, leads: [String], tails: [String]) -> String? {
        var core = words.trimmingCharacters(in: .whitespaces)
        for lead in leads where core.begins(with: lead) { core.removeFirst(lead.count); break }
        for tail in tails where core.ends(with: tail) { core.removeLast(tail.count); break }
        return core.count >= 2 ? core : nil
    }
}

/// A figure with its unit brought to one scale per dimension: 3万吨/年 is 30,000 t, 20蒸吨 is 20 t/h of
/// steam, 1万锭 is 10,000 spindles.
struct Figure {
    enum Dimension { case tonnes, steamTonnes, spindles, kilowatts, head, birds, cubicMetres }
    let value: Double
    let dimension: Dimension

    /// Units longest first, so 蒸吨 is not read as 吨 and 万吨 not as 万.
    private static let units: [(word: String, dimension: Dimension, scale: Double)] = [
        ("万吨", .tonnes, 10_000), ("蒸吨", .steamTonnes, 1), ("t/h", .steamTonnes, 1), ("吨/小时", .steamTonnes, 1), ("吨", .tonnes, 1),
        ("万锭", .spindles, 10_000), ("锭", .spindles, 1), ("万千瓦", .kilowatts, 10_000), ("千瓦", .kilowatts, 1), ("兆瓦", .kilowatts, 1_000),
        ("MW", .kilowatts, 1_000), ("万头", .head, 10_000), ("头", .head, 1), ("万只", .birds, 10_000), ("万羽", .birds, 10_000), ("只", .birds, 1),
        ("羽", .birds, 1), ("万立方米", .cubicMetres, 10_000), ("立方米", .cubicMetres, 1),
    ]

    struct Bound {
        let figure: Figure
        /// True: the clause holds at or below the figure (以下, 及以下, 以内, 不足, 低于); false: at or above it.
        let upper: Bool
        let inclusive: Bool

        func holds(for value: Double) -> Bool {
            upper ? (inclusive ? value <= figure.value : value < figure.value) : (inclusive ? value >= figure.value : value > figure.value)
        }
    }

    /// Every figure with a known unit in `text` (normalised), in order.
    static func located(in text: String) -> [(figure: Figure, range: Range<Int>)] {
        let characters = Array(text.unicodeScalars)
        var found: [(Figure, Range<Int>)] = []
        var start = 0
        while start < characters.count {
            guard start == 0 || !(characters[start - 1].isDigit || characters[start - 1] == "."), let (value, end) = Scan.number(characters, at: start),
                  let unit = units.first(where: { String(glyphs: characters[end..<min(characters.count, end + $0.word.unicodeScalars.count)]) == $0.word })
            else { start += 1; continue }
            let upper = end + unit.word.unicodeScalars.count
            found.append((Figure(value: value * unit.scale, dimension: unit.dimension), start..<upper))
            start = upper
        }
        return found
    }

    static func all(in text: String) -> [Figure] { located(in: text).map(\.figure) }

    /// The first figure of `text` with the direction the words around it give (20蒸吨以下, 不足1万锭, 单机30万千瓦及以上).
    static func bound(in text: String) -> Bound? {
        let characters = Array(text.unicodeScalars)
        for (figure, range) in located(in: text) {
            var after = String(glyphs: characters[range.upperBound..<min(characters.count, range.upperBound + 6)])
            if after.begins(with: "/年") { after.removeFirst(2) }
            let before = String(glyphs: characters[max(0, range.lowerBound - 3)..<range.lowerBound])
            // 以下、以上、以内 include the figure itself (民法典第一千二百五十九条), which is also the reading that
            // lets a stated figure make the clause concern the project at the bound.
            // The negated comparisons first: 不低于 holds within 低于, 不超过 within 超过.
            if Scan.contains(before, any: ["不低于", "不少于", "不小于"]) { return Bound(figure: figure, upper: false, inclusive: true) }
            if Scan.contains(before, any: ["不超过", "不大于", "不高于"]) { return Bound(figure: figure, upper: true, inclusive: true) }
            if Scan.contains(before, any: ["不足", "低于", "小于", "少于", "不到"]) { return Bound(figure: figure, upper: true, inclusive: false) }
            if Scan.contains(before, any: ["超过", "大于", "高于"]) { return Bound(figure: figure, upper: false, inclusive: false) }
            if ["及以下", "以下", "以内"].contains(where: { after.begins(with: $0) }) {
                return Bound(figure: figure, upper: true, inclusive: true)
            }
            if ["及以上", "以上"].contains(where: { after.begins(with: $0) }) { return Bound(figure: figure, upper: false, inclusive: true) }
        }
        return nil
    }
}
