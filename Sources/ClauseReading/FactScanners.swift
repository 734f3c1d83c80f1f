/// Facts a prescription depends on that no project profile or layer gives: a size, conformity with a
/// plan, a place the dataset does not map, a process or material. A binding part that names one may
/// concern the project; a person must look.

/// Capacities and sizes a profile does not give (年产 30 万吨以下, 单机 30 万千瓦, 年出栏 5000 头).
enum Thresholds {
    static let units = ["亿元", "万锭", "锭", "t/h", "吨/小时", "万吨", "吨", "万千瓦", "千瓦", "兆瓦", "MW", "蒸吨", "万头", "头", "万只", "万羽", "立方米", "亩", "公顷", "千伏安", "万元"]

    /// Sizes written in words: 规模化畜禽养殖场, 规模以上, 小型棉纺.
    static let sizeWords = ["规模化", "规模以上", "规模以下", "小型", "大型", "中小型"]

    static func find(_ text: String) -> String? {
        let characters = Array(text.unicodeScalars)
        // A figure says more than a size word beside it (规模1万锭以下的小型棉纺项目: 1万锭以下).
        for start in characters.indices {
            guard let (_, end) = Scan.number(characters, at: start), start == 0 || !characters[start - 1].isDigit else { continue }
            let rest = String(glyphs: characters[end..<min(characters.count, end + 4)])
            guard units.contains(where: { rest.begins(with: $0) }) else { continue }
            // The phrase around the figure (投资额低于3亿元, 年产30万吨以下), a bracketed aside left out.
            var lower = start
            // Never back over the prescription's own words (禁止新建每小时35蒸吨以下: the size is 每小时35蒸吨以下).
            while lower > 0, start - lower < 12, !characters[lower - 1].isOneOf("，,；;、。（(□"), !Effects.endsWithEffect(characters, at: lower),
                  !Natures.endsWithNature(characters, at: lower) { lower -= 1 }
            var upper = end
            while upper < characters.count, upper - end < 8, !characters[upper].isOneOf("，,；;的（(") { upper += 1 }
            return String(glyphs: characters[lower..<upper])
        }
        return sizeWords.first(where: { text.has($0) })
    }
}

/// 投资额不得低于5000万元, 原则上应在1亿元以上, 项目投资低于3亿元的, 3亿元以下的: the investment below which
/// the prescription holds, in 万元.
enum Investment {
    static let lowerWords = ["不得低于", "不低于", "不少于", "不小于", "低于", "不足", "少于", "小于", "不到"]

    static func find(_ text: String) -> (ReadInvestment, Range<Int>)? {
        guard text.has("投资") else { return nil }
        let characters = Array(text.unicodeScalars)
        for start in characters.indices {
            guard let (value, end) = Scan.number(characters, at: start), start == 0 || !characters[start - 1].isDigit else { continue }
            let unit = String(glyphs: characters[end..<min(characters.count, end + 2)])
            let scale: Double
            var unitLength = 2
            if unit.begins(with: "亿元") { scale = 10_000 } else if unit.begins(with: "万元") { scale = 1 }
            else if unit.begins(with: "亿") { scale = 10_000; unitLength = 1 } else { continue }
            let before = String(glyphs: characters[max(0, start - 5)..<start])
            let afterEnd = min(characters.count, end + unitLength + 3)
            let after = String(glyphs: characters[(end + unitLength)..<afterEnd])
            // 低于/不得低于 N, 应在 N 以上: below N; N 以下: up to N.
            let below = lowerWords.contains { before.ends(with: $0) } || (before.has("在") && after.begins(with: "以上"))
            let upTo = after.begins(with: "以下") || after.begins(with: "及以下")
            guard below || upTo else { continue }
            let lower = lowerWords.compactMap { word in before.ends(with: word) ? start - word.unicodeScalars.count : nil }.min() ?? start
            let upper = end + unitLength + (upTo ? (after.begins(with: "及以下") ? 3 : 2) : (after.begins(with: "以上") ? 2 : 0))
            let words = String(glyphs: characters[lower..<min(characters.count, upper)])
            return (ReadInvestment(wan: value * scale, inclusive: upTo && !below, words: words), lower..<min(characters.count, upper))
        }
        return nil
    }
}

/// 不符合……的: a plan or policy the project must conform to.
enum Conformity {
    /// Deficiencies whose subject comes before them (环境基础设施不完善) and those whose object comes after
    /// them (违规新增产能, 未纳入《……规划》).
    static let after = ["违规", "未取得", "未按规定", "未纳入", "未列入", "不满足", "不符合"]
    static let before = ["不完善", "不正常", "不达标", "不规范", "达不到", "未建成", "落后的"]

    static func find(_ text: String) -> String? {
        // What a list must hold: 《危险化学品名录》所列剧毒化学品 (the project is one of them or not).
        for word in ["所列", "列入名录", "目录中"] {
            guard let range = text.byteRange(of: word) else { continue }
            let head = text[..<range.lowerBound].suffix(10)
            var start = head.lastIndex(where: { "，,；;、的□".contains($0) }).map { head.index(after: $0) } ?? head.startIndex
            if let title = head[start...].lastIndex(of: "《") { start = title }
            let rest = text[range.upperBound...].prefix(12)
            var end = rest.firstIndex(where: { "，,；;、的□（(".contains($0) }) ?? rest.endIndex
            for tail in ["生产项目", "建设项目", "项目", "生产"] where rest[..<end].hasSuffix(tail) {
                end = rest.index(end, offsetBy: -tail.count)
                break
            }
            return String(text[start..<end])
        }
        // Every deficiency of the phrase, alternatives included (不符合内河港口总体规划或者未取得合法手续): the
        // words run from the first to the end of the last.
        var spans: [Range<String.Index>] = []
        for word in after + before {
            var rest = text[...]
            while let range = rest.byteRange(of: word) {
                let span: Range<String.Index>
                if after.contains(word) {
                    let tail = text[range.upperBound...].prefix(word == "不符合" ? 40 : 24)
                    let end = tail.firstIndex(where: { "，,；;。的□".contains($0) }) ?? tail.endIndex
                    span = range.lowerBound..<end
                } else {
                    let head = text[..<range.lowerBound].suffix(10)
                    let start = head.lastIndex(where: { "，,；;、的□".contains($0) }).map { head.index(after: $0) } ?? head.startIndex
                    span = start..<range.upperBound
                }
                spans.append(span)
                rest = text[range.upperBound...]
            }
        }
        guard let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max() else { return nil }
        return String(text[first..<last])
    }
}

/// 在集中供热区域内, 城区, 大气污染防治重点区域, 流域: a place no layer of the dataset maps (known scopes,
/// parks, shorelines with a distance, water sources and red lines, are read and masked before).
enum Places {
    static let markers = ["区域内", "区域外", "范围内", "范围外", "地区", "流域", "周边", "主城区", "城区", "建成区", "居民区", "居住区", "人口密集区", "集中区域",
                          "重点区域", "沿江", "沿海", "沿湖", "区外", "保护区", "湿地", "风景名胜区", "森林公园", "地质公园", "上风向", "河段",
                          "上述园区", "上述区域", "上述地区", "该园区", "该区域", "小区内", "区内"]
    /// Places that are the unit or the whole jurisdiction itself: always where the site is.
    static let everywhere = ["本单元", "单元内", "本区域", "全县", "全市", "全省", "全区", "辖区", "境内", "本园区", "园区内"]

    static func find(_ text: String) -> (words: String, span: Range<Int>)? {
        let characters = Array(text.unicodeScalars)
        var best: Range<Int>?
        for marker in markers {
            guard let range = Scan.occurrences(of: marker, in: characters).first, !range.contains(where: { characters[$0] == "□" }) else { continue }
            if best.map({ range.lowerBound < $0.lowerBound }) ?? true { best = range }
        }
        guard let range = best else { return nil }
        var lower = range.lowerBound
        while lower > 0, range.lowerBound - lower < 14, !characters[lower - 1].isOneOf("，,；;。在于□"),
              !Effects.endsWithEffect(characters, at: lower) { lower -= 1 }
        var upper = range.upperBound
        // 居民区、学校、医院等环境敏感区域周边: the list goes on to the last place word of the phrase.
        if upper < characters.count, characters[upper].isOneOf("、等") {
            var end = upper
            while end < characters.count, end - upper < 24, !characters[end].isOneOf("，,；;。的□"), !Effects.startsEffect(characters, at: end),
                  !Natures.startsNature(characters, at: end) { end += 1 }
            let phrase = Array(characters[upper..<end])
            if let last = markers.compactMap({ Scan.occurrences(of: $0, in: phrase).last?.upperBound }).max() { upper += last }
        }
        if upper < characters.count, characters[upper].isOneOf("内外") { upper += 1 }
        let words = String(glyphs: characters[lower..<upper])
        return everywhere.contains(where: { words.has($0) }) ? nil : (words, lower..<upper)
    }
}

/// 采用含汞工艺的, 以煤炭为燃料的, 生产和使用高VOCs含量的…: a process, fuel or material the project may or
/// may not use.
enum Processes {
    static let leads = ["采用", "使用", "施用", "应用", "以", "燃用", "含", "涉及", "利用", "排放", "产生"]
    static let tails = ["工艺", "工序", "技术", "为燃料", "为原料", "燃料", "原料", "含量", "设备", "装备", "农药", "兽药", "化肥", "产品", "物质", "化学品",
                        "污染物", "废水", "废气"]
    /// Materials a project uses (使用溶剂型涂料的家具制造项目) are facts about it, not the industry that makes
    /// them: read as a class, 涂料 made a furniture plan a coatings plant, prohibited outright. Only after a
    /// verb of using: after 以 (以下溶剂型涂料的) they are still what the project makes.
    static let materials = ["涂料", "油墨", "胶粘剂", "粘合剂", "胶水", "触媒", "催化剂", "溶剂"]
    static let usingLeads: Set<String> = ["采用", "使用", "施用", "应用", "燃用", "含", "利用"]

    static let generic: Set<String> = ["污染物", "大气污染物", "水污染物", "废水", "污水", "废气", "工业废水", "工业废气", "生产废水"]

    static func find(_ text: String) -> (words: String, span: Range<Int>)? {
        let characters = Array(text.unicodeScalars)
        for lead in leads {
            for range in Scan.occurrences(of: lead, in: characters) {
                // Within a short phrase ending in 的 (the qualifier of the project named after it).
                var end = range.upperBound
                while end < characters.count, end - range.upperBound < 16, !characters[end].isOneOf("，,；;。的") { end += 1 }
                guard end < characters.count, characters[end] == "的" else { continue }
                let phrase = String(glyphs: characters[range.lowerBound..<end])
                // 排放污染物的工业项目: every industrial project discharges something; only a named kind
                // (有毒有害污染物, 重金属) is a fact to check.
                if ["排放", "产生"].contains(lead), generic.contains(String(glyphs: characters[range.upperBound..<end])) { continue }
                if tails.contains(where: { phrase.has($0) }) || (usingLeads.contains(lead) && materials.contains(where: { phrase.has($0) })) {
                    return (phrase, range.lowerBound..<end)
                }
            }
        }
        return nil
    }
}


/// 海渤湾工业园区、蒙西高新技术工业园区不得新建……: parks named by their proper names. Whether the site lies
/// in that very park is for a person (a parks layer records kinds, not which park a list names).
enum NamedParks {
    static let parkWords = ["工业园区", "产业园区", "经济开发区", "开发区", "高新区", "工业园", "产业园", "工业集中区", "园区"]

    /// The proper names in a park's words, once the words that say what kind of park it is are gone
    /// (阿拉善高新技术产业开发区巴音敖包工业园区: 阿拉善, 巴音敖包); nil when no name is left (化工园区,
    /// 省级以上工业园区, 上述园区).
    static func properNames(_ words: String) -> [String]? {
        guard let park = parkWords.first(where: { words.ends(with: $0) }) else { return nil }
        let name = String(words.dropLast(park.count))
        guard !["上述", "该", "本", "各", "其他", "相关", "所在"].contains(where: { name.begins(with: $0) }),
              // 不符合大气污染物防治规划和园区准入条件: words about a plan, not a park's name.
              !name.unicodeScalars.contains(where: { $0.isOneOf("和或及与的不未") }) else { return nil }
        var marked = name
        for generic in parkWords + Scopes.parkQualifiers + ["技术", "新区"] { marked = marked.replacingOccurrences(of: generic, with: "|") }
        let names = marked.split(separator: "|").map(String.init).filter { $0.unicodeScalars.count >= 2 }
        guard !names.isEmpty, names.allSatisfy({ $0.unicodeScalars.allSatisfy(TextNormaliser.isCJK) }),
              Natures.read(name).words.isEmpty, !PartSplitter.hasEffect(name) else { return nil }
        return names
    }

    static func find(_ text: String) -> (words: String, span: Range<Int>)? {
        let characters = Array(text.unicodeScalars)
        var spans: [Range<Int>] = []
        for word in parkWords {
            for range in Scan.occurrences(of: word, in: characters) where !spans.contains(where: { $0.overlaps(range) }) {
                var start = range.lowerBound
                while start > 0, range.lowerBound - start < 20, !characters[start - 1].isOneOf("，,、；;。在于的（(）)□"),
                      !Effects.endsWithEffect(characters, at: start) { start -= 1 }
                // 园区准入条件, 园区规划: the park's rules, not the park as a place.
                let after = String(glyphs: characters[range.upperBound..<min(characters.count, range.upperBound + 2)])
                guard !["准入", "规划", "定位", "管理", "建设", "认定"].contains(after),
                      properNames(String(glyphs: characters[start..<range.upperBound])) != nil else { continue }
                spans.append(start..<range.upperBound)
            }
        }
        guard let first = spans.min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        // A list of them (A园区、B园区) is one place.
        var span = first
        for next in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) where next.lowerBound == span.upperBound + 1 && characters[span.upperBound] == "、" {
            span = span.lowerBound..<next.upperBound
        }
        return (String(glyphs: characters[span]), span)
    }
}
