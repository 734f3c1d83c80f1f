/// How a search result matched, best first.
public enum IndustryMatch: Int, Comparable, Sendable {
    case exactCode, codePrefix, namePrefix, nameContains

    public static func < (lhs: IndustryMatch, rhs: IndustryMatch) -> Bool { lhs.rawValue < rhs.rawValue }
}

public struct IndustrySearchHit: Hashable, Sendable {
    public let industry: Industry
    public let match: IndustryMatch
}

extension IndustryCatalogue {
    /// Entries whose code or Chinese name matches `query`, ranked: exact code, code prefix, name
    /// prefix, name contains; within a rank, in the standard's own order.
    public func search(_ query: String, limit: Int = 20) -> [IndustrySearchHit] {
        let text = Self.halfWidth(query).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, limit > 0 else { return [] }
        let codeForms = codeForms(of: text)
        var hits: [(hit: IndustrySearchHit, position: Int)] = []
        for (position, industry) in industries.enumerated() {
            let match: IndustryMatch?
            if codeForms.contains(industry.code) {
                match = .exactCode
            } else if codeForms.contains(where: { industry.code.hasPrefix($0) }) {
                match = .codePrefix
            } else if industry.name.hasPrefix(text) {
                match = .namePrefix
            } else if industry.name.contains(text) {
                match = .nameContains
            } else {
                match = nil
            }
            if let match { hits.append((IndustrySearchHit(industry: industry, match: match), position)) }
        }
        return hits.sorted { ($0.hit.match, $0.position) < ($1.hit.match, $1.position) }
            .prefix(limit).map(\.hit)
    }

    /// Upper-case code spellings a query may stand for: itself, and for bare digits the code with its
    /// section letter.
    private func codeForms(of text: String) -> [String] {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        guard compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return [] }
        var forms = [compact]
        if compact.count >= 2, compact.allSatisfy(\.isNumber), let section = sectionOfDivision[String(compact.prefix(2))] {
            forms.append(section + compact)
        }
        return forms
    }

    /// Near matches for something that is not in the catalogue: codes for code-like text, names
    /// otherwise.
    public func suggestions(for text: String, limit: Int = 5) -> [Industry] {
        let compact = Self.halfWidth(text).filter { !$0.isWhitespace }
        if !compact.isEmpty, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return suggestions(forCode: compact, limit: limit)
        }
        return suggestions(forName: text, limit: limit)
    }

    /// Codes within a small edit distance of `code` (bare digits get their section letter first),
    /// nearest first, then the longest shared prefix: C2699 suggests C2619, C2629, C2659, C2669.
    public func suggestions(forCode code: String, limit: Int = 5) -> [Industry] {
        var typed = Self.halfWidth(code).filter { !$0.isWhitespace }.uppercased()
        if typed.count >= 2, typed.allSatisfy(\.isNumber), let section = sectionOfDivision[String(typed.prefix(2))] {
            typed = section + typed
        }
        guard !typed.isEmpty else { return [] }
        let typedCharacters = Array(typed)
        let allowed = max(2, typedCharacters.count / 2)
        var scored: [(distance: Int, shared: Int, position: Int)] = []
        for (position, industry) in industries.enumerated() {
            let candidate = Array(industry.code)
            let distance = Self.editDistance(typedCharacters, candidate)
            guard distance <= allowed, industry.code != typed else { continue }
            let shared = zip(typedCharacters, candidate).prefix { $0 == $1 }.count
            scored.append((distance, shared, position))
        }
        return scored.sorted { ($0.distance, -$0.shared, $0.position) < ($1.distance, -$1.shared, $1.position) }
            .prefix(limit).map { industries[$0.position] }
    }

    /// Names sharing the most character pairs with `name` (Dice coefficient over bigrams, single
    /// characters for a one-character query), so 化工原料 finds 化学原料… entries.
    public func suggestions(forName name: String, limit: Int = 5) -> [Industry] {
        let query = Array(name.filter { !$0.isWhitespace && !$0.isPunctuation })
        guard !query.isEmpty else { return [] }
        let queryGrams = Self.grams(query)
        var scored: [(score: Double, position: Int)] = []
        for (position, industry) in industries.enumerated() {
            let nameGrams = Self.grams(Array(industry.name), size: query.count == 1 ? 1 : 2)
            let common = queryGrams.intersection(nameGrams).count
            guard common > 0 else { continue }
            scored.append((2 * Double(common) / Double(queryGrams.count + nameGrams.count), position))
        }
        return scored.sorted { ($0.score, -$0.position) > ($1.score, -$1.position) }
            .prefix(limit).map { industries[$0.position] }
    }

    private static func grams(_ characters: [Character], size: Int? = nil) -> Set<String> {
        let width = size ?? (characters.count == 1 ? 1 : 2)
        guard characters.count >= width else { return [String(characters)] }
        return Set((0...(characters.count - width)).map { String(characters[$0..<($0 + width)]) })
    }

    /// Levenshtein distance (insertions, deletions, substitutions each cost 1).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
