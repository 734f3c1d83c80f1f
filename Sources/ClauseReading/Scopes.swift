import Foundation

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
            let compliant = chemical || ParkMention.namesCompliance(words)
            found.append((characters[close + 1] == "外" ? .outsidePark(chemicalParks: chemical, compliant: compliant, words: words)
                                                       : .inPark(chemicalParks: chemical, compliant: compliant, words: words), start..<(close + 2)))
        }
        // 园区外 / 园区内, with what stands before (合规、化工).
        for (suffix, outside) in [("园区外", true), ("园区以外", true), ("园区之外", true), ("开发区外", true), ("集聚区外", true), ("集中区外", true), ("集中区域外", true), ("集中区域以外", true),
                                  ("园区范围外", true), ("园区内", false), ("园区范围内", false), ("开发区内", false), ("集聚区内", false)] {
            for range in Scan.occurrences(of: suffix, in: characters) where !found.contains(where: { $0.1.overlaps(range) }) {
                var start = range.lowerBound
                // Back to a separator, but never over an effect word (禁止化工园区外…: 禁止 is no part of the park).
                while start > 0, range.lowerBound - start < 10, !characters[start - 1].isOneOf("，,、；;在于的（(）)"),
                      !Effects.endsWithEffect(characters, at: start) { start -= 1 }
                // Only the words that say what park it is (化工, 合规): in 化学制品制造业工业园区外 the industry
                // before them names the project, not the park.
                let walked = Array(characters[start..<range.lowerBound])
                // 乡镇农业园区范围外: a kind of park no layer records; outside every park the part holds.
                let named = String(glyphs: walked)
                if outside, !named.has("化工"), ParkMention.unrecordedKind(named) {
                    let parkWord = String(glyphs: characters[range]).replacingOccurrences(of: "范围外", with: "").replacingOccurrences(of: "以外", with: "")
                        .replacingOccurrences(of: "之外", with: "").replacingOccurrences(of: "外", with: "")
                    found.append((.outsideUnrecordedPark(kind: named + parkWord, words: String(glyphs: characters[start..<range.upperBound])), start..<range.upperBound))
                    continue
                }
                start = Scopes.parkQualifiers.compactMap { Scan.occurrences(of: $0, in: walked).first?.lowerBound }.min().map { start + $0 } ?? range.lowerBound
                let head = String(glyphs: characters[start..<range.lowerBound])
                let chemical = head.has("化工")
                let compliant = chemical || ParkMention.namesCompliance(head)
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
                    let compliant = chemical || ParkMention.namesCompliance(kind)
                    found.append((.outsidePark(chemicalParks: chemical, compliant: compliant, words: words), range.lowerBound..<end))
                }
            }
        }
        // 禁止在区外新布点化工项目: 区 is the park the clause has named. Named nowhere in the clause (区外，一律
        // 不再审批……, the zone named in the text before it): outside every park the site is outside that
        // zone too; inside one, a person must say whether it is that zone.
        for range in Scan.occurrences(of: "区外", in: characters) where !found.contains(where: { $0.1.overlaps(range) }) {
            guard range.lowerBound == 0 || characters[range.lowerBound - 1].isOneOf("在于，,、；;（(") else { continue }
            if let parks {
                found.append((.outsidePark(chemicalParks: parks.chemical, compliant: parks.chemical, words: "区外"), range))
            } else {
                found.append((.outsideUnrecordedPark(kind: "区", words: "区外"), range))
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
        let mappable = [("城镇建成区", "builtUpArea"), ("城市建成区", "builtUpArea"), ("建成区", "builtUpArea"),
                        ("集中供热区域", "centralHeating"), ("集中供热范围", "centralHeating"), ("集中供热区", "centralHeating")]
        // 集中供热区域外: outside the area, never the area itself (集中供热区 inside 集中供热区域外 is not 集中供热区内).
        var outside: [Range<Int>] = []
        for (word, role) in mappable {
            for range in Scan.occurrences(of: word, in: characters) where !outside.contains(where: { $0.overlaps(range) }) {
                guard let tail = ["以外", "之外", "外"].first(where: { Scan.matches(Array($0.unicodeScalars), in: characters, at: range.upperBound) })
                else { continue }
                let span = range.lowerBound..<(range.upperBound + tail.unicodeScalars.count)
                outside.append(span)
                if !found.contains(where: { $0.1.overlaps(span) }) {
                    found.append((.outsideArea(role: role, words: String(glyphs: characters[span])), span))
                }
            }
        }
        for (word, role) in mappable {
            guard let range = Scan.occurrences(of: word, in: characters).first, !found.contains(where: { $0.1.overlaps(range) }),
                  !outside.contains(where: { $0.overlaps(range) }) else { continue }
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
        case .outsideArea(let role, _): "outside." + role
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

    /// 合规园区, 认定的园区, 省级以上园区: only parks on the compliant list qualify.
    static func namesCompliance(_ words: String) -> Bool { Scan.contains(words, any: ["合规", "认定", "依法设立", "省级以上"]) }

    /// A park named for what it holds (涉重片区, 有电镀产业定位的园区, 专业园区): no layer records such kinds.
    static func unrecordedKind(_ words: String) -> Bool {
        Scan.contains(words, any: ["片区", "产业定位", "专业", "特色", "涉重", "电镀", "印染", "制革", "造纸", "医药", "冶炼", "定点", "农业", "乡镇", "养殖"])
    }
}
