import Foundation
import Geometry

/// One entry of GB/T 4754-2017 (国民经济行业分类).
public struct Industry: Hashable, Sendable {
    /// The four levels of the standard: 门类 (a letter), 大类 (2 digits), 中类 (3), 小类 (4).
    public enum Level: String, Hashable, Sendable, CaseIterable {
        case section, division, group, `class`

        /// Number of digits after the section letter.
        public var digitCount: Int {
            switch self {
            case .section: 0
            case .division: 2
            case .group: 3
            case .class: 4
            }
        }

        public var chineseName: String {
            switch self {
            case .section: "门类"
            case .division: "大类"
            case .group: "中类"
            case .class: "小类"
            }
        }
    }

    /// Section letter plus digits, e.g. `C2614`.
    public let code: String
    public let level: Level
    public let name: String
    /// The code one level up; nil for a section.
    public let parent: String?
    /// The standard's explanatory note, where the source had one.
    public let note: String?

    public init(code: String, level: Level, name: String, parent: String?, note: String?) {
        self.code = code
        self.level = level
        self.name = name
        self.parent = parent
        self.note = note
    }
}

/// The GB/T 4754-2017 industry classification as loaded from the dataset's CSV
/// (`code,level,name,parent,note`), with lookups that accept codes the way people write them.
public struct IndustryCatalogue: Sendable {
    /// Everyday words that stand for classes (炼焦, 钢铁), given by whoever loads the catalogue; asked for
    /// only when a typed industry is not a code or name, so opening a dataset never reads the words.
    package var wordSource: @Sendable () -> IndustryWords = { .none }
    public var words: IndustryWords { wordSource() }
    /// Where the catalogue was read from, for messages.
    public let source: String
    /// Every entry in file order (each section followed by its divisions, groups and classes).
    public let industries: [Industry]
    let positions: [String: Int]
    /// Division digits ("26") to their section letter ("C"), so bare digits can be completed.
    let sectionOfDivision: [String: String]

    public init(contentsOf url: URL) throws(IndustryCatalogueError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(path: url.path, detail: (error as NSError).localizedDescription)
        }
        try self.init(csv: text, source: url.path)
    }

    public init(csv text: String, source: String) throws(IndustryCatalogueError) {
        let rows = try IndustryCSV.rows(text, source: source)
        guard let header = rows.first, header.fields.map({ $0.trimmingCharacters(in: .whitespaces) })
            == ["code", "level", "name", "parent", "note"] else {
            throw .malformedLine(path: source, line: 1, problem: .header(found: rows.first?.fields.joined(separator: ",") ?? ""))
        }
        var industries: [Industry] = []
        var positions: [String: Int] = [:]
        var lines: [Int] = []
        for row in rows.dropFirst() {
            func fail(_ problem: IndustryCatalogueLineProblem) -> IndustryCatalogueError {
                .malformedLine(path: source, line: row.line, problem: problem)
            }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.fields.count == 5 else { throw fail(.fieldCount(found: row.fields.count)) }
            let field = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let code = field[0]
            guard let level = Industry.Level(rawValue: field[1]) else { throw fail(.unknownLevel(field[1])) }
            guard Self.fits(code, level) else { throw fail(.codeDoesNotFitLevel(code: code, level: level.rawValue)) }
            guard !field[2].isEmpty else { throw fail(.emptyName(code: code)) }
            let expectedParent = Self.expectedParent(of: code, level)
            let parent = field[3].isEmpty ? nil : field[3]
            guard parent == expectedParent else {
                throw fail(.wrongParent(code: code, parent: parent ?? "", expected: expectedParent ?? ""))
            }
            // File order puts parents first; a parent that has not appeared is a gap in the table.
            if let parent, positions[parent] == nil { throw fail(.missingParent(code: code, parent: parent)) }
            if let first = positions[code] { throw fail(.duplicateCode(code: code, firstLine: lines[first])) }
            positions[code] = industries.count
            lines.append(row.line)
            industries.append(Industry(code: code, level: level, name: field[2], parent: parent,
                                       note: field[4].isEmpty ? nil : field[4]))
        }
        self.source = source
        self.industries = industries
        self.positions = positions
        var sections: [String: String] = [:]
        for industry in industries where industry.level == .division {
            sections[String(industry.code.dropFirst())] = String(industry.code.prefix(1))
        }
        sectionOfDivision = sections
    }

    /// A catalogue whose entries were checked when it was first read (a compiled dataset's copy).
    package init(checked industries: [Industry], source: String) {
        self.source = source
        self.industries = industries
        var positions: [String: Int] = [:]
        var sections: [String: String] = [:]
        for (index, industry) in industries.enumerated() {
            positions[industry.code] = index
            if industry.level == .division { sections[String(industry.code.dropFirst())] = String(industry.code.prefix(1)) }
        }
        self.positions = positions
        sectionOfDivision = sections
    }

    private static func fits(_ code: String, _ level: Industry.Level) -> Bool {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == level.digitCount + 1, let letter = scalars.first,
              ("A"..."Z").contains(letter) else { return false }
        return scalars.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }

    private static func expectedParent(of code: String, _ level: Industry.Level) -> String? {
        switch level {
        case .section: nil
        case .division: String(code.prefix(1))
        case .group, .class: String(code.dropLast())
        }
    }

    // MARK: Lookup

    public var count: Int { industries.count }

    public func count(of level: Industry.Level) -> Int {
        industries.filter { $0.level == level }.count
    }

    /// The catalogue's spelling of a code written as `C2614`, `c2614`, ` C 2614 `, full-width, or as
    /// bare digits (`2614`: the section follows from the division, 26 lies in section C); nil when no
    /// such entry exists.
    public func canonicalCode(_ input: String) -> String? {
        if positions[input] != nil { return input }
        let compact = String(Self.halfWidth(input).filter { !$0.isWhitespace }).uppercased()
        guard !compact.isEmpty else { return nil }
        if positions[compact] != nil { return compact }
        if compact.count >= 2, compact.count <= 4, compact.allSatisfy({ $0.isASCII && $0.isNumber }),
           let section = sectionOfDivision[String(compact.prefix(2))] {
            let code = section + compact
            return positions[code] != nil ? code : nil
        }
        return nil
    }

    public subscript(code code: String) -> Industry? {
        canonicalCode(code).flatMap { positions[$0] }.map { industries[$0] }
    }

    public func contains(_ code: String) -> Bool {
        canonicalCode(code) != nil
    }

    public func name(of code: String) -> String? {
        self[code: code]?.name
    }

    /// The entry for a code, or an error that offers the nearest codes.
    public func lookup(_ code: String) throws(IndustryCatalogueError) -> Industry {
        if let industry = self[code: code] { return industry }
        throw .unknownCode(code: code, suggestions: suggestions(forCode: code).map { "\($0.code) \($0.name)" })
    }

    /// A code for what a user typed: a code in any accepted spelling, a code followed by its name
    /// ("C2614 有机化学原料制造"), or an exact name. A name shared by a group and its only class
    /// resolves to the class, the finer of two equal entries.
    public func resolve(_ text: String) -> String? {
        // Files of sites mostly carry codes as the catalogue writes them: one lookup, no text work
        // (trimming and folding every site's code was a tenth of reading a large file).
        if positions[text] != nil { return text }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let code = canonicalCode(trimmed) { return code }
        if let first = trimmed.split(whereSeparator: \.isWhitespace).first, let code = canonicalCode(String(first)) {
            return code
        }
        let named = industries.filter { $0.name == trimmed }
        guard let finest = named.max(by: { $0.level.digitCount < $1.level.digitCount }) else { return nil }
        return named.allSatisfy({ finest.code.hasPrefix($0.code) }) ? finest.code : nil
    }

    /// Parent, grandparent, ... up to the section: C2614 → C261, C26, C.
    public func ancestors(of code: String) -> [Industry] {
        var chain: [Industry] = []
        var current = self[code: code]
        while let parent = current?.parent, let industry = self[code: parent] {
            chain.append(industry)
            current = industry
        }
        return chain
    }

    public func children(of code: String) -> [Industry] {
        guard let parent = canonicalCode(code) else { return [] }
        return industries.filter { $0.parent == parent }
    }

    /// Whether `code` lies strictly below `ancestor` (C2614 is a descendant of C26 and of C, not of
    /// itself); false when either code is unknown.
    public func isDescendant(_ code: String, of ancestor: String) -> Bool {
        guard let target = canonicalCode(ancestor) else { return false }
        return ancestors(of: code).contains { $0.code == target }
    }

    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            // Full-width ASCII forms (Ｃ２６１４) sit at a fixed offset from their half-width letters.
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar : scalar
        }))
    }
}
