/// How a list's structure is read: class tags (【产业/禁止类】), lead-ins and their items, headings
/// ("禁止类项目包括：") and the cells of a flattened table, whose items share the effect of their cell.
extension ClauseTextReader {
    /// A leading tag in lenticular brackets (【产业/禁止类】) and the text after it.
    static func classTag(_ text: String) -> (tag: String, rest: String)? {
        guard text.begins(with: "【"), let close = text.firstIndex(of: "】") else { return nil }
        let tag = String(text[...close])
        return tag.count <= 16 ? (tag, String(text[text.index(after: close)...])) : nil
    }

    /// The effect a class tag gives verbless items: 禁止类 prohibited, 限制类 restricted; other classes
    /// (鼓励引导类, 综合类, 允许类) none.
    static func tagEffect(_ tag: String) -> ReadEffect? {
        if tag.has("禁止") { return .prohibited }
        if tag.has("限制") { return .restricted }
        return nil
    }

    /// A part that introduces a numbered list of projects (以下9类项目……一律不予审批, 下列项目：), split from the
    /// list's first item when they stand together ("…审批. 1.化工石化项目").
    static func leadIn(_ words: String) -> (lead: String, firstItem: String?)? {
        // 以下 after a figure is a size (年产5万吨以下项目), not a list.
        guard let mark = ["以下", "下列"].compactMap({ words.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }),
              !(words[..<mark.lowerBound].last.map { $0.isNumber || "吨元米瓦万亿头只锭亩时年".contains($0) } ?? false) else { return nil }
        let named = words[mark.upperBound...].drop { $0.isNumber || "一二三四五六七八九十".contains($0) }.drop { "类种个".contains($0) }
        guard named.hasPrefix("项目") || named.hasPrefix("行业") || named.hasPrefix("建设项目") || named.hasPrefix("工业项目") else { return nil }
        // The first item: a number and a point after a full stop or colon (. 1., ：1、, ：（一）).
        let characters = Array(words.unicodeScalars)
        for index in characters.indices.dropFirst() where characters[index - 1].isOneOf(".．:：") || characters[index - 1] == " " {
            var start = index
            while start < characters.count, characters[start] == " " { start += 1 }
            guard start < characters.count, characters[start].isOneOf("123456789（(一①") else { continue }
            let lead = String(glyphs: characters[..<(index - 1)]).trimmingCharacters(in: .whitespaces)
            let item = TextNormaliser.dropNumbering(String(glyphs: characters[start...]))
            guard !lead.isEmpty, !item.isEmpty else { continue }
            return (lead, item)
        }
        return (words, nil)
    }

    /// An item under a lead-in takes its place and the facts it asks for. A place and facts joined by 或
    /// (未按规定进入园区、园区未开展规划环评或不符合……的) are two readings of the item: outside the parks it
    /// binds; inside one, a person must check the rest.
    static func itemsUnder(_ lead: ReadPart, _ item: ReadPart) -> [ReadPart] {
        guard item.effect != .requirement, item.scopes.isEmpty else { return [item] }
        // The lead-in's own object (以下9类项目) is its items.
        let facts = lead.missing.filter { if case .object = $0 { false } else { true } }
        if !lead.scopes.isEmpty && !facts.isEmpty && lead.words.has("或") {
            var placed = item, asked = item
            placed.scopes = lead.scopes
            placed.rules.append("list.leadIn.scope")
            asked.missing += facts
            asked.rules.append("list.leadIn.facts")
            return [placed, asked]
        }
        var shared = item
        shared.scopes = lead.scopes
        shared.missing += facts
        shared.rules.append("list.leadIn")
        return [shared]
    }

    /// 橡胶和塑料制品业（废旧塑料加工项目；再生橡胶制造项目；工业园区外禁止）: a table row flattened into
    /// text, its items split at ；inside a bracket. The words before the bracket name the table's row (a
    /// division: 非金属矿物制品业), not the project; an item without an effect of its own takes the effect
    /// of the next item that states one (the row's last cell: 陶瓷制品制造项目禁止), else the one before
    /// the bracket (工业园区外禁止（化学原料制造项目；…）), with that item's place; an item that is only an
    /// effect (工业园区外禁止) has given it and names no project itself.
    func shareWithinBrackets(_ parts: inout [ReadPart], parks: ParkMention?) {
        func balance(_ words: String) -> Int {
            words.unicodeScalars.reduce(0) { $0 + ($1 == "(" || $1 == "（" ? 1 : $1 == ")" || $1 == "）" ? -1 : 0) }
        }
        var depth = 0
        var starts: [Int] = []
        for part in parts {
            starts.append(depth)
            depth = max(0, depth + balance(part.words))
        }
        var index = 0
        while index < parts.count {
            let level = starts[index]
            var end = index + 1
            while end < parts.count, starts[end] > level { end += 1 }
            defer { index = end }
            guard end - index > 1, let open = parts[index].words.firstIndex(where: { $0 == "(" || $0 == "（" }) else { continue }
            let header = readPart(String(parts[index].words[..<open]), parks: parks)
            // The items' words, the first one after the bracket; closing brackets left out.
            let items = ([String(parts[index].words[parts[index].words.index(after: open)...])] + parts[(index + 1)..<end].map(\.words))
                .map { $0.filter { $0 != ")" && $0 != "）" } }
            let effects = items.map { Effects.read($0) }
            // An item that is only an effect and a place: 工业园区外禁止, 限制 允许改造升级.
            let bare = items.map { words in
                var rest = words
                for word in Effects.prohibitions + Effects.restrictions + ["允许改造升级", "允许", "改造升级", "园区外", "园区内", "工业", "化工", "□", " "] {
                    rest = rest.replacingOccurrences(of: word, with: "")
                }
                return rest.isEmpty
            }
            for (offset, words) in items.enumerated() {
                let target = index + offset
                if bare[offset] {
                    parts[target] = ReadPart(words: parts[target].words)
                    parts[target].rules = ["group.effectOnly"]
                    continue
                }
                var donor: ReadPart?
                if effects[offset].words == nil {
                    if let next = (offset..<items.count).first(where: { effects[$0].words != nil && effects[$0].effect != .requirement }) {
                        donor = readPart(items[next], parks: parks)
                        donor?.effect = effects[next].effect
                        donor?.effectWords = effects[next].words
                    } else if header.effect != .requirement {
                        donor = header
                    }
                }
                var item: ReadPart
                if let donor, let effectWords = donor.effectWords {
                    item = readPart(words, heading: ListHeading(effect: donor.effect, natures: donor.natures, words: effectWords), parks: parks)
                    if item.scopes.isEmpty && !donor.scopes.isEmpty {
                        item.scopes = donor.scopes
                        item.rules.append("scope.group")
                    }
                } else {
                    item = readPart(words, parks: parks)
                }
                if item.scopes.isEmpty && !header.scopes.isEmpty && item.effect != .requirement {
                    item.scopes = header.scopes
                    item.rules.append("scope.group")
                }
                item.rules.append("group.item")
                parts[target] = item
            }
        }
    }

    /// A part that heads a list: a catalogue's 禁止类/限制类/淘汰类 at its start, or an effect followed by
    /// 包括 / 如下 / a colon.
    static func heading(in part: ReadPart) -> ListHeading? {
        let words = part.words
        for (lead, effect) in [("禁止类", ReadEffect.prohibited), ("淘汰类", .prohibited), ("限制类", .restricted)] where words.begins(with: lead) {
            return ListHeading(effect: effect, natures: part.natures, words: lead)
        }
        guard part.effect != .requirement, words.has("包括") || words.has("如下") || words.ends(with: "：") || words.ends(with: ":") else { return nil }
        return ListHeading(effect: part.effect, natures: part.natures, words: part.effectWords ?? words)
    }

    static let parkFlags: Set<String> = ["chemicalPark", "industrialPark"]
    static let projectWords = ["项目", "企业", "装置", "产能", "生产线", "工艺", "场", "厂", "业"]

    /// The words after 其中 in 农副食品加工业 其中，年屠宰量……项目, when the words before it are a class heading
    /// alone; nil otherwise. 禁止新建化工项目，其中涉及光气的…… keeps its prohibition: its head prescribes.
    static func narrowed(_ words: String) -> (head: String, rest: String)? {
        guard let range = words.range(of: "其中") else { return nil }
        let head = String(words[..<range.lowerBound])
        let rest = words[range.upperBound...].drop { "，,：:、 ".contains($0) }
        guard !rest.isEmpty, !head.isEmpty, head.count <= 20, !PartSplitter.hasEffect(head), Natures.read(head).words.isEmpty else { return nil }
        return (head, String(rest))
    }

    /// The effect of a part that is an effect word alone, with at most its exception in brackets (限制,
    /// 限制（允许改造升级）, 禁止): a table's cell, not a prescription of its own.
    static func bareEffect(_ part: ReadPart) -> ReadEffect? {
        guard part.industries == nil, let effectWords = part.effectWords else { return nil }
        var rest = part.words
        for exception in part.exceptions { rest = rest.replacingOccurrences(of: exception.words, with: "") }
        rest = rest.replacingOccurrences(of: effectWords, with: "")
        guard rest.allSatisfy({ "()（）[]【】，,。；;：: ".contains($0) }) else { return nil }
        let effect = Effects.read(effectWords).effect
        return effect == .requirement ? nil : effect
    }
}
