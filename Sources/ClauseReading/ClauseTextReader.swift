import Foundation

/// Reads a published admission-list clause into what it prescribes: effect, natures, industries,
/// exceptions, scopes and the facts it asks for that nobody gives. Rule-based and deterministic: every
/// finding keeps the words it came from and the rule that fired, so a person can check it.
///
/// How the words are read (DOMAIN.md, "How published lists are written"):
/// - effect: 禁止/严禁/不得/不准/不允许/不予/不再 → prohibited (原则上不得: prohibited, marked in principle);
///   严格限制/限制/严格控制/严控/从严控制 → restricted; 应/须…论证、评估 → needsAssessment; 应/须/鼓励… →
///   requirement. 应/须进入园区 reads as prohibited outside parks. A prohibition of conduct (排放、倾倒 …)
///   that names no project is a requirement; one that names a project nobody can read is "may concern".
/// - natures: 新建/扩建/改建 and their combined forms (新（改、扩）建, 改扩建, 新增, 引进 …); none: every nature.
/// - industries: the lexicon's words, longest first; categories (两高, 涉重金属重点行业, a dataset's 三类工业项目);
///   an undefined category is a missing table.
/// - exceptions (……除外, 除……外), scopes (园区外/内, 岸线 N 公里内, 水源保护区, 生态保护红线内), thresholds,
///   conformity (不符合……的), existing enterprises only (现有……).
public struct ClauseTextReader: Sendable {
    /// Bump when the reading of any text changes: compiled stores read with another version are stale.
    public static let version = "14"

    public let lexicon: ReaderLexicon

    public init(lexicon: ReaderLexicon) {
        self.lexicon = lexicon
    }

    /// `heading`: the effect of the list the clause stands in, for items without a verb of their own.
    public func read(_ text: String, heading: ListHeading? = nil) -> ClauseTextReading {
        var normalised = TextNormaliser.dropNumbering(TextNormaliser.normalise(text))
        var heading = heading
        // 1-2.【产业/限制类】……: the tag files the clause under a class of the list; its words (限制类) are no
        // part of the prescription, and an item without a verb of its own takes the class's effect.
        if let (tag, rest) = Self.classTag(normalised) {
            normalised = TextNormaliser.dropNumbering(rest)
            if heading == nil, let effect = Self.tagEffect(tag) { heading = ListHeading(effect: effect, words: tag) }
        }
        var parts: [ReadPart] = []
        var current = heading
        let parks = ParkMention.find(normalised)
        var lead: ReadPart?
        for var words in PartSplitter.parts(normalised) {
            // 农副食品加工业 其中，年屠宰量……的屠宰建设项目: the class heads a table's row, and the words after
            // 其中 say which of its projects the row is about (not the whole class).
            if let (head, rest) = Self.narrowed(words), readPart(head).industries != nil, readPart(rest).industries != nil { words = rest }
            // 以下9类项目……一律不予审批. 1.化工石化项目: the lead-in, then its first item.
            if lead == nil, let (leadWords, firstItem) = Self.leadIn(words) {
                var leadPart = readPart(leadWords, heading: current, parks: parks)
                if leadPart.effect != .requirement {
                    lead = leadPart
                    current = ListHeading(effect: leadPart.effect, natures: leadPart.natures, words: leadPart.effectWords ?? leadWords)
                    // The lead-in names the items, not a project of its own.
                    leadPart.effect = .requirement
                    leadPart.missing = []
                    leadPart.rules.append("list.leadIn")
                    parts.append(leadPart)
                    guard let firstItem else { continue }
                    words = firstItem
                }
            }
            if let given = lead {
                // An item takes the lead-in's effect (it has none of its own); a prescription of its own
                // ends the list, and the lead-in's place and facts are not its.
                let item = readPart(words, heading: current, parks: parks)
                if item.rules.contains("effect.list") || item.effectWords == nil {
                    parts += Self.itemsUnder(given, item)
                    continue
                }
                lead = nil
                current = heading
            }
            // 并需通过……评估, 一律不得投资新建和扩建: the projects are those of the part before.
            // 对布局在园区外的现有重化工企业，严禁在原址审批新增产能项目: the 对… topic before it names whom.
            let topic = parts.last.flatMap { last in
                last.words.hasPrefix("对") && last.effectWords == nil && !words.hasPrefix("对")
                    && (last.industries != nil || !last.missing.isEmpty || !last.scopes.isEmpty) ? last : nil
            }
            let subject = ["并", "且", "同时", "一律", "均", "也", "亦"].contains(where: { words.hasPrefix($0) }) ? parts.last : topic
            var part = readPart(words, heading: current, parks: parks, subject: subject)
            // 年屠宰量达不到标准的屠宰建设项目；限制（允许改造升级）: a table's 管控方式 cell after its 项目 cell,
            // flattened into one line. The effect is the item's, with the cell's exception; alone, the cell
            // was read as a rule of conduct and the item as a requirement: a silent 符合.
            if let effect = Self.bareEffect(part), let last = parts.last, last.effectWords == nil, last.effect == .requirement,
               !last.existingOnly, last.industries != nil || !last.missing.isEmpty {
                var item = readPart(last.words, heading: ListHeading(effect: effect, words: part.effectWords ?? part.words), parks: parks)
                if item.effect == effect {
                    item.exceptions += part.exceptions
                    item.rules.append("effect.trailingCell")
                    parts[parts.count - 1] = item
                    part.effect = .requirement
                    part.rules.append("effect.givenToItem")
                }
            }
            if let inner = Self.heading(in: part) {
                // 禁止类项目包括：… / 以下项目一律不予审批：…: what follows takes its effect.
                if part.effect == .requirement { part = readPart(words, heading: inner, parks: parks) }
                current = inner
            }
            parts.append(part)
        }
        shareWithinBrackets(&parts, parks: parks)
        return ClauseTextReading(parts: parts)
    }

    // MARK: One part

    /// `heading`: the effect of the list the part stands in, taken when the part has no effect words of
    /// its own and names something a project can be.
    /// `parks`: the parks the whole clause names, for a bare 区外 in this part.
    /// `subject`: the part whose projects this one continues to speak of (并需……).
    func readPart(_ words: String, heading: ListHeading? = nil, parks: ParkMention? = nil, subject: ReadPart? = nil) -> ReadPart {
        var part = ReadPart(words: words)
        var text = Masked(words)

        // Exceptions first: their industries spare, they do not concern.
        let characters = Array(words.unicodeScalars)
        for span in Exceptions.spans(in: characters) {
            let inside = String(glyphs: characters[span])
            let spared = terms(in: Masked(inside))
            if !spared.isEmpty { part.excluded += spared; part.rules.append("exception.industry") }
            let natures = Natures.read(inside)
            let flags = Exceptions.flags(in: inside)
            if natures.natures != nil || !flags.isEmpty {
                part.exceptions.append(ReadException(words: inside, natures: natures.natures, flags: flags))
                part.rules.append("exception.nature")
            } else if spared.isEmpty {
                part.exceptions.append(ReadException(words: inside, natures: nil, flags: []))
                part.rules.append("exception.unread")
            }
            text.mask(span)
        }
        // 限制（允许改造升级）: a rebuild that upgrades is spared.
        for word in ["允许改造升级", "允许技术改造", "允许技改", "允许改造"] where words.has(word) {
            part.exceptions.append(ReadException(words: word, natures: [.rebuild], flags: []))
            part.rules.append("exception.upgrade")
            text.mask(all: word)
            break
        }
        // 与供水设施和保护水源无关的: those related to it are spared.
        if let span = Exceptions.unrelated(in: characters) {
            let inside = String(glyphs: characters[span])
            let flags = Exceptions.flags(in: inside)
            part.exceptions.append(ReadException(words: inside, natures: nil, flags: flags))
            if flags.contains("waterSupply") { part.excluded.append(ReadTerm(words: inside, codes: ["D461"])) }
            part.rules.append("exception.unrelated")
            text.mask(span)
        }

        // Scopes, masked so that 化工园区外 is no chemical project.
        for (scope, span) in Scopes.read(text.text, parks: parks) {
            part.scopes.append(scope)
            part.rules.append("scope." + Scopes.ruleName(scope))
            text.mask(span)
        }

        // Effect; words that name a catalogue's class are no effect (限制类项目 is no restriction).
        var forEffect = text
        for word in ["限制类", "淘汰类", "鼓励类", "禁止类"] { forEffect.mask(all: word) }
        let effect = Effects.read(forEffect.text)
        part.effect = effect.effect
        part.effectWords = effect.words
        part.inPrinciple = effect.inPrinciple
        if let rule = effect.rule { part.rules.append(rule) }
        var listed = false
        if let heading, part.effect == .requirement, effect.words == nil, !Existing.only(words),
           Scan.contains(text.text, any: Self.projectWords) || !terms(in: text).isEmpty {
            // An item of a list takes the list's effect (皮革生产项目 in a negative list).
            part.effect = heading.effect
            part.effectWords = heading.words
            part.rules.append("effect.list")
            listed = true
        }
        if effect.mustEnterPark {
            // 应进入（化工）园区: outside such parks it may not be built.
            part.effect = .prohibited
            part.scopes.append(.outsidePark(chemicalParks: effect.chemicalParks, compliant: true, words: effect.words ?? ""))
            part.rules.append("scope.mustEnterPark")
            for word in ["化工园区", "工业园区", "化工集中区域", "化工集中区", "化工集聚区", "集中区域", "集中区", "集聚区", "园区"] { text.mask(all: word) }
        }
        if Scan.contains(text.text, any: Effects.unpermitted) {
            part.missing.append(.conformity(words: Effects.unpermitted.first { text.text.contains($0) } ?? "未经许可"))
            part.rules.append("unpermitted")
        }

        // Places no layer maps and processes no profile states: facts a person must check. Their words
        // are masked: 化工企业 in 在化工企业周边 and 农药 in 施用农药的 name no project.
        if part.effect != .requirement, let (words, span) = NamedParks.find(text.text) {
            part.missing.append(.place(words: text.quote(words)))
            part.rules.append("place.namedPark")
            text.mask(span)
        }
        if part.effect != .requirement, let (words, span) = Places.find(text.text) {
            part.missing.append(.place(words: text.quote(words)))
            part.rules.append("place")
            text.mask(span)
            // A, B 或 C 的: with a place it cannot map among them, a known area is one of several.
            if part.words.has("、") || part.words.has("或") { part.scopes.removeAll { if case .inArea = $0 { true } else { false } } }
        }
        if part.effect != .requirement, let (words, span) = Processes.find(text.text) {
            part.missing.append(.process(words: text.quote(words)))
            part.rules.append("process")
            text.mask(span)
        }

        // Natures.
        let natures = Natures.read(text.text)
        part.natures = natures.natures ?? (listed ? heading?.natures : nil)
        part.natureWords = natures.words
        if !natures.words.isEmpty { part.rules.append("nature." + natures.words.joined(separator: "+")) }

        // Whom it concerns.
        let found = terms(in: text)
        // A word the lexicon knows to name no class by itself (非化工): who it names is for a person.
        for term in found where term.codes.isEmpty && term.flags.isEmpty {
            part.missing.append(.object(words: text.quote(term.words)))
            part.rules.append("object.negated")
        }
        if !found.isEmpty {
            part.industries = found
            part.rules.append(found.contains { $0.group != nil } ? "industry.group" : "industry.lexicon")
        } else if let subject, subject.industries != nil {
            part.industries = subject.industries
            part.natures = part.natures ?? subject.natures
            part.scopes = part.scopes.isEmpty ? subject.scopes : part.scopes
            part.rules.append("subject.previous")
        } else if let subject, subject.words.hasPrefix("对"), !subject.missing.isEmpty || !subject.scopes.isEmpty {
            // 对不符合规划的项目，严禁审批: the projects of which the topic's facts hold (a place alone says
            // where, not whom: the object is then for a person, below).
            part.missing += subject.missing
            part.natures = part.natures ?? subject.natures
            part.scopes = part.scopes.isEmpty ? subject.scopes : part.scopes
            part.rules.append("subject.topic")
        }
        for name in Categories.undefined(in: text.text, known: lexicon.groups) {
            part.missing.append(.categoryTable(name: name))
            part.rules.append("industry.undefinedCategory")
        }
        if let (investment, span) = Investment.find(text.text) {
            // A figure the profile can give (its investment), not a fact for a person.
            part.investmentBelow = investment
            part.rules.append("threshold.investment")
            text.mask(span)
        }
        if let words = Thresholds.find(text.text), part.investmentBelow == nil || !(words.has("万元") || words.has("亿元")) {
            part.missing.append(.threshold(words: text.quote(words)))
            part.rules.append("threshold")
        }
        if let words = Conformity.find(text.text) {
            part.missing.append(.conformity(words: text.quote(words)))
            part.rules.append("conformity")
        }

        // Existing enterprises only: nothing a new project, an expansion or a rebuild must heed.
        if Existing.only(words), natures.words.isEmpty {
            part.existingOnly = true
            if part.effect != .requirement {
                part.effect = .requirement
                part.rules.append("existingOnly")
            }
        }

        // A prohibition of conduct (不得超过, 禁止排放 …) prescribes how, not whether, a project is built.
        if part.effect != .requirement && effect.conduct && natures.words.isEmpty {
            if effect.activity && part.industries != nil {
                // 禁止毁林开荒、开山采石、挖砂取土等活动: a quarry is such an activity.
                part.rules.append("conduct.namesIndustries")
            } else {
                part.effect = .requirement
                part.rules.append("conduct")
            }
        }
        // A binding part that names nobody.
        // A place it also names does not say whom: once the user states the place, the part would otherwise
        // hold for every project there. A qualifier (不符合……规划的, 采用……工艺的) does say whom: the projects
        // of which it holds.
        let onlyPlaces = !part.missing.isEmpty && part.missing.allSatisfy { if case .place = $0 { true } else { false } }
        if part.effect != .requirement && part.industries == nil && (part.missing.isEmpty || onlyPlaces) {
            if Objects.everyProject(text.text) {
                part.rules.append("object.every")
            } else if !natures.words.isEmpty || text.text.has("项目") || !part.scopes.isEmpty || onlyPlaces {
                part.missing.append(.object(words: text.quote(Objects.phrase(text.text, after: natures.words.last ?? effect.words))))
                part.rules.append("object.unread")
            } else {
                part.effect = .requirement
                part.rules.append("conduct")
            }
        }
        return part
    }

    /// Industry and project words in `text` (unmasked parts only), longest first, each once.
    func terms(in text: Masked) -> [ReadTerm] {
        var found: [ReadTerm] = []
        var seen = Set<String>()
        let characters = text.glyphs
        var index = 0
        while index < characters.count {
            defer { index += 1 }
            guard !text.isMasked(index) else { continue }
            // Categories (两高, 涉重金属重点行业, 三类工业项目) before single words.
            if let (group, length) = groupMatch(characters, at: index) {
                if seen.insert("group:" + group.name).inserted {
                    found.append(ReadTerm(words: String(glyphs: characters[index..<(index + length)]), codes: group.codes, group: group.name,
                                          partialCodes: group.partialCodes))
                }
                index += length - 1
                continue
            }
            guard let candidates = lexicon.byFirst[characters[index]] else { continue }
            for entry in candidates {
                let length = entry.word.count
                guard Scan.matches(entry.characters, in: characters, at: index),
                      !(index..<(index + length)).contains(where: text.isMasked) else { continue }
                // 化工园区 names a project (a park to be set up) only after 新设/设立/新建/扩建; elsewhere it is
                // a place, and none of its words (化工) names the project either.
                let isPark = entry.codes.isEmpty && !entry.flags.isEmpty && entry.flags.allSatisfy { Self.parkFlags.contains($0) }
                let lead = String(glyphs: characters[max(0, index - 4)..<index])
                if isPark && !Scan.contains(lead, any: ["新设", "设立", "新建", "扩建", "建设", "新的", "设置", "新增"]) {
                    index += length - 1
                    break
                }
                if seen.insert(entry.word).inserted {
                    found.append(ReadTerm(words: entry.word, codes: entry.codes, flags: entry.flags, partialCodes: entry.partialCodes))
                }
                index += length - 1
                break
            }
        }
        return found
    }

    private func groupMatch(_ characters: [Unicode.Scalar], at index: Int) -> (ReaderLexicon.Group, Int)? {
        // Longest first, so the first match is the one wanted.
        for (group, word) in lexicon.groupWordsByFirst[characters[index]] ?? [] where Scan.matches(word, in: characters, at: index) {
            return (group, word.count)
        }
        return nil
    }
}

/// A text with spans already read (scopes, exceptions) blanked out for what follows, positions kept.
struct Masked {
    let original: [Unicode.Scalar]
    private(set) var masked: [Bool]
    /// The text with masked characters replaced by a blank that matches no word (kept up to date:
    /// the scanners ask for it many times).
    private(set) var text: String
    /// `text` as characters.
    private(set) var glyphs: [Unicode.Scalar]

    init(_ text: String) {
        original = Array(text.unicodeScalars)
        masked = Array(repeating: false, count: original.count)
        self.text = text
        glyphs = original
    }

    func isMasked(_ index: Int) -> Bool { index < masked.count && masked[index] }

    /// Masks character positions `range`.
    mutating func mask(_ range: Range<Int>) {
        for index in range.clamped(to: 0..<masked.count) {
            masked[index] = true
            glyphs[index] = "□"
        }
        text = String(glyphs: glyphs)
    }

    mutating func mask(all word: String) {
        for range in Scan.occurrences(of: word, in: original) { mask(range) }
    }

    /// The original words behind `words`, a span a scanner cut from `text`: a fact is quoted to the user as
    /// the clause wrote it, never with the blanks of spans read before. Blanks at either end belong to
    /// other findings and are left out.
    func quote(_ words: String) -> String {
        let wanted = Array(words.unicodeScalars)
        guard let range = Scan.occurrences(of: words, in: glyphs).first, !wanted.isEmpty else { return words }
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, masked[lower] { lower += 1 }
        while upper > lower, masked[upper - 1] { upper -= 1 }
        return lower < upper ? String(glyphs: original[lower..<upper]) : String(glyphs: original[range])
    }
}
