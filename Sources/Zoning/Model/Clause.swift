import ClauseReading

/// Which units a clause covers.
public enum ClauseScope: Sendable, Hashable {
    case all
    case classes([UnitClass])
    case subclasses([String])
    case units([String])

    /// A clause (its position in `Dataset.clauses`) whose scope covers some touched units, and which
    /// of them bring it in (none for a clause that covers every unit).
    struct Hit: Sendable {
        let index: Int
        let units: [String]
        /// The clause states project conditions (else it concerns every project).
        let conditional: Bool
        /// The clause itself, fetched once with the hit (engines keep hits per set of units, so sites
        /// read it without going back to the dataset's records).
        let clause: RecordBox<Clause>
        /// Its source as reasons cite it, made once with the hit: looking it up per reason read the
        /// whole clause again and hashed the document's id.
        let source: CitedSource
        /// The clause's `isDecisive`, taken once: each read through `clause.value` copied the clause.
        let decisive: Bool

        init(index: Int, units: [String], conditional: Bool, clause: RecordBox<Clause>, source: CitedSource) {
            self.index = index
            self.units = units
            self.conditional = conditional
            self.clause = clause
            self.source = source
            decisive = clause.value.isDecisive
        }
    }
}

/// A document cited by clauses and rules.
public struct SourceDocument: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var issuer: String?
    public var date: String?

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(id: String, title: String, issuer: String? = nil, date: String? = nil) {
        self.id = id
        self.title = title
        self.issuer = issuer
        self.date = date
    }
}

/// Where a clause or rule comes from: a document of the dataset and an article in it.
public struct Citation: Sendable, Hashable, Codable {
    public var document: String
    public var article: String?

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(document: String, article: String? = nil) {
        self.document = document
        self.article = article
    }
}

/// One admission-list condition (准入清单条款).
public struct Clause: Sendable, Hashable, Identifiable {
    public var id: String
    public var level: ClauseLevel
    public var scope: ClauseScope
    public var dimension: Dimension
    public var conditions: ProjectConditions
    public var effect: Effect
    public var text: String
    public var source: Citation
    /// True for clauses split from a unit's published free text.
    public var fromUnitText: Bool = false
    /// A person decided the clause's effect and conditions (the annotation table).
    public var annotated: Bool = false
    /// For a clause nobody has decided (unit text without annotation, not read) whose words prohibit or
    /// restrict: the first such word. It is then "未能自动判定，需人工核对" and counts as 需论证.
    public var reviewWord: String? = nil
    /// What the clause reader read in the text, one part per prescription, when it was read rather than
    /// written or annotated by a person. `effect` is then the most severe part's; `conditions` unused.
    public var readParts: [ClausePart]? = nil

    /// Who decided the clause's effect and conditions.
    public var decision: ClauseDecision {
        if annotated { return .person }
        if readParts != nil { return .reader }
        if reviewWord != nil { return .nobody }
        return fromUnitText ? .nobody : .dataset
    }

    /// The clause can decide a verdict: it has an effect other than a plain requirement, or nobody has
    /// decided whether its prohibiting words concern a project.
    public var isDecisive: Bool { effect != .requirement || reviewWord != nil }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(id: String, level: ClauseLevel, scope: ClauseScope, dimension: Dimension, conditions: ProjectConditions, effect: Effect, text: String, source: Citation, fromUnitText: Bool = false, annotated: Bool = false, reviewWord: String? = nil, readParts: [ClausePart]? = nil) {
        self.id = id
        self.level = level
        self.scope = scope
        self.dimension = dimension
        self.conditions = conditions
        self.effect = effect
        self.text = text
        self.source = source
        self.fromUnitText = fromUnitText
        self.annotated = annotated
        self.reviewWord = reviewWord
        self.readParts = readParts
    }
}

/// Who decided a clause's effect and conditions.
public enum ClauseDecision: String, Sendable, Hashable {
    /// Written with its conditions in a clause file.
    case dataset
    /// A person's annotation (人工核对).
    case person
    /// Read from its text by the clause reader (自动识别).
    case reader
    /// Nobody: a plain requirement, or "未能自动判定，需人工核对" when its words prohibit or restrict.
    case nobody
}

/// One prescription of a clause as the reader read it: its effect and conditions, the facts it asks for
/// that nobody gives, and the words each finding came from.
public struct ClausePart: Sendable, Hashable {
    public var effect: Effect
    public var conditions: ProjectConditions
    /// Facts the words ask for that neither the profile nor the dataset gives: the part may concern
    /// the project, and a person must look (需论证).
    public var missing: [ClauseMissing]
    public var evidence: ClauseEvidence

    public init(effect: Effect, conditions: ProjectConditions, missing: [ClauseMissing], evidence: ClauseEvidence) {
        self.effect = effect
        self.conditions = conditions
        self.missing = missing
        self.evidence = evidence
    }
}

/// What a clause part asks for that nobody gives.
public enum ClauseMissing: Sendable, Hashable {
    /// A category the dataset's tables must define (三类工业项目 without industryGroups).
    case categoryTable(name: String)
    /// A capacity, size or threshold the profile does not state.
    case threshold(words: String)
    /// Conformity with a plan, a policy or a permit (不符合……的, 未经许可).
    case conformity(words: String)
    /// The text prohibits or restricts, but whom it names could not be read.
    case object(words: String)
    /// A place the reader does not know (集中供热区域内, 城区): whether the site lies there.
    case place(words: String)
    /// A process, fuel or material (采用含汞工艺的): whether the project uses it.
    case process(words: String)
    /// The clause names a product or process (聚氯乙烯, 电镀) that is only part of the project's class:
    /// whether the project is one.
    case product(words: String)
    /// The clause holds below an investment (投资额不得低于5000万元) and the profile gives none.
    case investment(words: String)
}

extension ClauseMissing {
    /// Whether the project's own words (its products and processes, size, where it lies, what it lacks)
    /// state the fact: 含汞触媒 for 采用含汞工艺的, 位于城市主城区 for 城市主城区, 年产3万吨 for 5万吨/年及以下, 不符合
    /// 国家现代煤化工产业布局规划 for 不符合国家相关产业布局规划. A stated fact makes the clause concern the
    /// project; it never lifts one.
    /// A park the clause names (海渤湾工业园区) is where the site lies when the site lies in a park of that name.
    package func isStated(by profile: ProjectProfile?, site: SiteConditionFacts? = nil) -> Bool {
        if case .place(let words) = self, let parks = site?.parks, StatedFacts.namedPark(words, parkNames: parks.compactMap(\.name)) { return true }
        guard let profile, let description = profile.products else { return false }
        switch self {
        case .process(let words): return StatedFacts.process(words, names: profile.names(product:))
        case .place(let words): return StatedFacts.place(words, names: profile.names(product:))
        case .threshold(let words): return StatedFacts.threshold(words, description: description, names: profile.names(product:))
        case .conformity(let words): return StatedFacts.conformity(words, description: description, names: profile.names(product:))
        case .categoryTable(let name): return StatedFacts.category(name, description: description)
        case .object, .product, .investment: return false
        }
    }
}

/// The words a part's findings came from, and the reader rules that fired.
public struct ClauseEvidence: Sendable, Hashable {
    /// The part's own words (the span of the clause it reads).
    public var words: String
    public var effectWords: String?
    public var inPrinciple: Bool
    public var natureWords: [String]
    public var industryWords: [String]
    public var exceptionWords: [String]
    public var scopeWords: [String]
    public var rules: [String]

    public init(words: String, effectWords: String?, inPrinciple: Bool, natureWords: [String], industryWords: [String],
                exceptionWords: [String], scopeWords: [String], rules: [String]) {
        self.words = words
        self.effectWords = effectWords
        self.inPrinciple = inPrinciple
        self.natureWords = natureWords
        self.industryWords = industryWords
        self.exceptionWords = exceptionWords
        self.scopeWords = scopeWords
        self.rules = rules
    }
}

/// The words by which published clause text prohibits or restricts (see DOMAIN.md): a clause that holds
/// one and that nobody has read into conditions must not pass for a plain requirement.
public enum BindingWords {
    /// Each word with the effect it usually carries, longer words before the words inside them.
    static let words: [(word: String, effect: Effect)] = [
        ("严格禁止", .prohibited), ("禁止", .prohibited), ("严禁", .prohibited), ("不得", .prohibited), ("不准", .prohibited),
        ("不允许", .prohibited), ("不予", .prohibited), ("不再", .prohibited), ("原则上", .prohibited),
        ("严格限制", .restricted), ("限制", .restricted), ("严格控制", .restricted), ("严控", .restricted),
    ]

    /// The binding word that comes first in `text`, if any.
    public static func first(in text: String) -> String? {
        var best: (word: String, position: String.Index)?
        for (word, _) in words {
            guard let range = text.range(of: word) else { continue }
            if best.map({ range.lowerBound < $0.position }) ?? true { best = (word, range.lowerBound) }
        }
        return best?.word
    }

    /// The effect a binding word usually gives (禁止 → prohibited, 限制 → restricted).
    public static func effect(of word: String) -> Effect {
        words.first { $0.word == word }?.effect ?? .needsAssessment
    }
}
