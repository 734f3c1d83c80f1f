import Foundation

/// The words lists use for industries and project kinds, each with the GB/T 4754-2017 codes or flags it
/// stands for and why (`Resources/industry-lexicon.csv`), and the categories documents define
/// (`Resources/industry-groups.csv`: 两高 …), to which a dataset adds its own (三类工业项目 …).
public struct ReaderLexicon: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public let word: String
        public let codes: [String]
        public let flags: [String]
        /// Why the word stands for these codes.
        public let note: String
        /// Codes the word covers only in part (聚氯乙烯 is one product of C2651 初级形态塑料及合成树脂制造);
        /// written `C2651~` in the file.
        public let partialCodes: [String]
        /// The word as characters, for matching in place.
        let characters: [Unicode.Scalar]

        init(word: String, codes: [String], flags: [String], note: String, partialCodes: [String] = []) {
            self.word = word
            self.codes = codes
            self.flags = flags
            self.note = note
            self.partialCodes = partialCodes
            characters = Array(word.unicodeScalars)
        }
    }

    /// A category: its words, its codes, the document that defines it.
    public struct Group: Sendable, Hashable {
        public let name: String
        public let words: [String]
        public let codes: [String]
        public let document: String
        public let note: String
        /// Codes the category covers only in part (电镀 is part of C3360), as for entries.
        public let partialCodes: [String]

        public init(name: String, words: [String], codes: [String], document: String, note: String = "", partialCodes: [String] = []) {
            self.name = name
            self.words = words
            self.codes = codes
            self.document = document
            self.note = note
            self.partialCodes = partialCodes
        }
    }

    public let entries: [Entry]
    public let groups: [Group]
    /// Entries by first character, longest word first (the reader takes the longest match).
    let byFirst: [Unicode.Scalar: [Entry]]
    /// Every spelling of every category (its name too) by first character, longest first.
    let groupWordsByFirst: [Unicode.Scalar: [(Group, [Unicode.Scalar])]]

    public init(entries: [Entry], groups: [Group]) {
        self.entries = entries
        self.groups = groups
        var byFirst: [Unicode.Scalar: [Entry]] = [:]
        for entry in entries { if let first = entry.characters.first { byFirst[first, default: []].append(entry) } }
        self.byFirst = byFirst.mapValues { $0.sorted { $0.characters.count > $1.characters.count } }
        var groupWords: [Unicode.Scalar: [(Group, [Unicode.Scalar])]] = [:]
        for group in groups {
            for word in Set(group.words + [group.name]) {
                let characters = Array(word.unicodeScalars)
                if let first = characters.first { groupWords[first, default: []].append((group, characters)) }
            }
        }
        groupWordsByFirst = groupWords.mapValues { $0.sorted { $0.1.count > $1.1.count } }
    }

    public static func == (a: ReaderLexicon, b: ReaderLexicon) -> Bool { a.entries == b.entries && a.groups == b.groups }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
        hasher.combine(groups)
    }

    /// The lexicon with a dataset's own category tables added (a dataset's group of a name replaces the
    /// built-in one).
    public func adding(_ local: [Group]) -> ReaderLexicon {
        let names = Set(local.map(\.name))
        return ReaderLexicon(entries: entries, groups: local + groups.filter { !names.contains($0.name) })
    }

    /// The lexicon with the classification's own names added (化学原料和化学制品制造业 → C26), for the
    /// clauses that cite them; names shorter than four characters are left out (too likely inside other
    /// words), and a curated word of the same spelling wins.
    public func adding(catalogueNames: [(name: String, code: String)]) -> ReaderLexicon {
        let known = Set(entries.map(\.word))
        var added: [Entry] = []
        var seen = Set<String>()
        for (name, code) in catalogueNames {
            let word = name.trimmingCharacters(in: .whitespaces)
            guard word.unicodeScalars.count >= 4, !known.contains(word), seen.insert(word).inserted else { continue }
            added.append(Entry(word: word, codes: [code], flags: [], note: "GB/T 4754-2017 名称"))
        }
        return ReaderLexicon(entries: entries + added, groups: groups)
    }

    public enum LoadError: Error, Equatable, Sendable {
        case malformed(file: String, line: Int, detail: String)
    }

    /// Reads the two CSV texts (a header row, then `word,codes,flags,note` and
    /// `group,words,codes,document,note`; lists inside a field are `;`-separated).
    public init(lexiconCSV: String, groupsCSV: String) throws(LoadError) {
        var entries: [Entry] = []
        for (line, fields) in try Self.rows(lexiconCSV, file: "industry-lexicon.csv", columns: 4) {
            // `none`: a word that names no class by itself (非化工); the reader leaves whom it names to a person.
            guard !fields[0].isEmpty, !(fields[1].isEmpty && fields[2].isEmpty) else {
                throw .malformed(file: "industry-lexicon.csv", line: line, detail: "a word needs codes or flags")
            }
            let (codes, partial) = Self.codes(fields[1] == "none" ? "" : fields[1])
            entries.append(Entry(word: fields[0], codes: codes, flags: Self.list(fields[2]), note: fields[3], partialCodes: partial))
        }
        var groups: [Group] = []
        for (line, fields) in try Self.rows(groupsCSV, file: "industry-groups.csv", columns: 5) {
            guard !fields[0].isEmpty, !fields[2].isEmpty else {
                throw .malformed(file: "industry-groups.csv", line: line, detail: "a group needs a name and codes")
            }
            let (codes, partial) = Self.codes(fields[2])
            groups.append(Group(name: fields[0], words: Self.list(fields[1]).isEmpty ? [fields[0]] : Self.list(fields[1]),
                                codes: codes, document: fields[3], note: fields[4], partialCodes: partial))
        }
        self.init(entries: entries, groups: groups)
    }

    /// A codes field: every code, and those marked `~` (covered only in part), unmarked.
    static func codes(_ field: String) -> (codes: [String], partial: [String]) {
        let listed = list(field)
        let codes = listed.map { $0.hasSuffix("~") ? String($0.dropLast()) : $0 }
        return (codes, listed.filter { $0.hasSuffix("~") }.map { String($0.dropLast()) })
    }

    static func list(_ field: String) -> [String] {
        field.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Data rows (after the header) with their line numbers; quoted fields may hold commas.
    static func rows(_ text: String, file: String, columns: Int) throws(LoadError) -> [(Int, [String])] {
        var rows: [(Int, [String])] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst() {
            let trimmed = line.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            guard !trimmed.isEmpty else { continue }
            var fields: [String] = [], field = "", quoted = false
            var characters = Array(trimmed)[...]
            while let character = characters.popFirst() {
                if quoted {
                    if character == "\"" {
                        if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { quoted = false }
                    } else {
                        field.append(character)
                    }
                } else if character == "\"" {
                    quoted = true
                } else if character == "," {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            guard fields.count == columns else {
                throw .malformed(file: file, line: number + 1, detail: "\(fields.count) fields, expected \(columns)")
            }
            rows.append((number + 1, fields.map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        return rows
    }
}
