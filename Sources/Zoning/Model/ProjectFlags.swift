/// A project flag that rules and clauses ask about (尾矿库, 国家重大战略项目 ...): what a profile's `flags`
/// may hold, named for people.
public struct ProjectFlag: Sendable, Hashable, Codable {
    public enum Group: String, Sendable, Hashable, Codable {
        /// What the project is (a tailings pond, a new chemical park ...).
        case project
        /// A limited activity the red-line documents allow (需论证 instead of 禁止).
        case redLineActivity
    }

    public var id: String
    public var zh: String
    public var en: String
    public var group: Group

    public init(id: String, zh: String, en: String, group: Group) {
        self.id = id
        self.zh = zh
        self.en = en
        self.group = group
    }
}

/// The flags a dataset knows: those the national pack and the dataset's rules file name, and any a rule
/// or clause uses without naming it. A flag typed by a user is one of these, by id or by its Chinese
/// words; anything else is refused (a misspelt flag would silently lift a prohibition).
public struct FlagVocabulary: Sendable, Hashable {
    /// Every known flag, those the dataset's rules and clauses use first.
    public let flags: [ProjectFlag]
    /// Ids the dataset's rules and clauses ask about.
    public let used: Set<String>

    package init(declared: [ProjectFlag], rules: RuleSet, clauses: some Sequence<Clause>) {
        self.init(declared: declared, rules: rules, clauseFlags: Self.flags(of: clauses))
    }

    /// The flags the clauses' conditions ask about (a compiled store keeps them, so opening it reads
    /// no clause).
    static func flags(of clauses: some Sequence<Clause>) -> Set<String> {
        var used = Set<String>()
        for clause in clauses {
            collect(clause.conditions, into: &used)
            // What the reader read: 禁止新建燃煤锅炉 names the coalFiredBoiler flag among its industries.
            for part in clause.readParts ?? [] { collect(part.conditions, into: &used) }
        }
        return used
    }

    /// Flags asked for as such and as designators among the industries (`flag:<id>`), exceptions included.
    private static func collect(_ conditions: ProjectConditions, into used: inout Set<String>) {
        used.formUnion(conditions.flags ?? [])
        for designator in conditions.industries ?? [] where designator.hasPrefix(ProjectConditions.flagPrefix) {
            used.insert(String(designator.dropFirst(ProjectConditions.flagPrefix.count)))
        }
        for exception in conditions.exceptions ?? [] { collect(exception, into: &used) }
    }

    package init(declared: [ProjectFlag], rules: RuleSet, clauseFlags: Set<String>) {
        var used = clauseFlags
        for rule in rules.all {
            Self.collect(rule.conditions, into: &used)
            if case .redLine(let allowed) = rule.kind { used.formUnion(allowed.map(\.flag)) }
        }
        var seen = Set<String>(), all: [ProjectFlag] = []
        for flag in declared where seen.insert(flag.id).inserted { all.append(flag) }
        for id in used.sorted() where seen.insert(id).inserted { all.append(ProjectFlag(id: id, zh: id, en: id, group: .project)) }
        flags = all.filter { used.contains($0.id) } + all.filter { !used.contains($0.id) }
        self.used = used
    }

    /// The flag's id, from its id or its Chinese words; nil when no flag is called that. The words the
    /// lists use (燃煤锅炉, 淘汰类) name a flag too when exactly one label holds them (配套燃煤锅炉,
    /// 列入淘汰类或落后产能); words two labels hold name neither.
    public func id(for text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let exact = flags.first(where: { $0.id == trimmed })?.id ?? flags.first(where: { $0.zh == trimmed })?.id
            ?? flags.first(where: { $0.id.lowercased() == trimmed.lowercased() })?.id {
            return exact
        }
        guard trimmed.count >= 2 else { return nil }
        let holding = flags.filter { $0.zh.contains(trimmed) }
        return holding.count == 1 ? holding.first?.id : nil
    }

    /// Checks typed-in flags, returning their ids.
    public func ids(for texts: [String]) throws(ProfileInputError) -> Set<String> {
        var ids = Set<String>()
        for text in texts where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let id = id(for: text) else {
                throw .unknownFlag(text, known: flags.filter { used.contains($0.id) }.map { "\($0.id)（\($0.zh)）" })
            }
            ids.insert(id)
        }
        return ids
    }
}
