/// What the clause reader found in one admission-list clause: one part per prescription (a sentence
/// may hold several), each with the words it came from and the reader rules that fired. Facts only:
/// the zoning layer turns them into conditions and renderers word them.
public struct ClauseTextReading: Sendable, Hashable {
    public var parts: [ReadPart]

    public init(parts: [ReadPart]) { self.parts = parts }

    /// Some part prohibits, restricts or asks for an assessment.
    public var isBinding: Bool { parts.contains { $0.effect != .requirement } }
}

public enum ReadEffect: String, Sendable, Hashable, CaseIterable, Codable {
    case prohibited, restricted, needsAssessment, requirement
}

public enum ReadNature: String, Sendable, Hashable, CaseIterable, Codable {
    case new, expansion, rebuild
}

/// An industry or project word found in the text and what it stands for.
public struct ReadTerm: Sendable, Hashable {
    /// The words as they stand in the text.
    public var words: String
    /// GB/T 4754-2017 codes, and `chemical` for a project of chemical nature.
    public var codes: [String]
    /// Project flags the words name (尾矿库 → tailingsPond).
    public var flags: [String]
    /// The category table the codes come from (两高, or a dataset's 三类工业项目), if any.
    public var group: String?
    /// Codes the words cover only in part (聚氯乙烯 in C2651).
    public var partialCodes: [String]

    public init(words: String, codes: [String], flags: [String] = [], group: String? = nil, partialCodes: [String] = []) {
        self.words = words
        self.codes = codes
        self.flags = flags
        self.group = group
        self.partialCodes = partialCodes
    }
}

/// Where a prescription holds, or whom it spares.
public enum ReadScope: Sendable, Hashable {
    /// 园区外 / 园区内: `chemicalParks` for 化工园区, `compliant` for 合规/认定 (and chemical parks, whose
    /// lists are the recognised ones).
    case outsidePark(chemicalParks: Bool, compliant: Bool, words: String)
    case inPark(chemicalParks: Bool, compliant: Bool, words: String)
    /// 未进入涉重片区: outside a park of a kind no layer records (`kind`, the clause's words for it).
    case outsideUnrecordedPark(kind: String, words: String)
    /// 岸线 N 公里范围内; `rivers` nil: every river class.
    case nearShoreline(metres: Double, rivers: [String]?, words: String)
    /// Inside a sensitive area of a role (drinkingWater, natureReserve), of some levels.
    case inArea(role: String, levels: [String]?, words: String)
    /// Outside every area of a role a dataset may map (集中供热区域外, 城镇建成区以外).
    case outsideArea(role: String, words: String)
    /// 生态保护红线内.
    case inRedLine(words: String)

    public var words: String {
        switch self {
        case .outsidePark(_, _, let words), .inPark(_, _, let words), .outsideUnrecordedPark(_, let words), .nearShoreline(_, _, let words),
             .inArea(_, _, let words), .outsideArea(_, let words), .inRedLine(let words): words
        }
    }
}

/// An exception that is not an industry: natures and flags (以提升安全为目的的改建 → rebuild + safetyUpgrade).
public struct ReadException: Sendable, Hashable {
    public var words: String
    public var natures: [ReadNature]?
    public var flags: [String]

    public init(words: String, natures: [ReadNature]?, flags: [String]) {
        self.words = words
        self.natures = natures
        self.flags = flags
    }
}

/// A fact the text asks for that a project profile and the dataset do not give: the clause may concern
/// the project, and a person must look.
/// The effect a list gives its items when they carry no verb of their own: a negative list (负面清单)
/// of noun phrases ("皮革生产项目"), the items under a heading "禁止类项目包括：".
public struct ListHeading: Sendable, Hashable {
    public var effect: ReadEffect
    /// The natures the list is about (a list of new projects: [new]); nil: any.
    public var natures: [ReadNature]?
    /// The words that give the effect (the list's title or heading), quoted as the deciding words.
    public var words: String

    public init(effect: ReadEffect, natures: [ReadNature]? = nil, words: String) {
        self.effect = effect
        self.natures = natures
        self.words = words
    }
}

public enum ReadMissing: Sendable, Hashable {
    /// A category a table must define (三类工业项目 without the dataset's 工业项目分类表).
    case categoryTable(name: String)
    /// A capacity, size or other threshold (年产 30 万吨以下).
    case threshold(words: String)
    /// Conformity with a plan or policy (不符合园区规划的).
    case conformity(words: String)
    /// The text prohibits or restricts, but whom it names could not be read.
    case object(words: String)
    /// A place the reader does not know (集中供热区域内, 城区, 重点区域): whether the site lies there.
    case place(words: String)
    /// A process, fuel or material (采用含汞工艺的, 以煤炭为燃料的): whether the project uses it.
    case process(words: String)
}

/// A fixed-asset investment the project must reach: below it (at it, when `inclusive`: 3亿元以下) the
/// prescription holds.
public struct ReadInvestment: Sendable, Hashable {
    /// 万元 (ten thousand yuan), the unit lists and project records use.
    public var wan: Double
    public var inclusive: Bool
    public var words: String

    public init(wan: Double, inclusive: Bool, words: String) {
        self.wan = wan
        self.inclusive = inclusive
        self.words = words
    }
}

public struct ReadPart: Sendable, Hashable {
    /// The part's text (normalised: half-width digits, simplified characters, no line breaks).
    public var words: String
    public var effect: ReadEffect
    /// The words that gave the effect (禁止, 严格控制, 应开展…论证), if any.
    public var effectWords: String?
    /// 原则上不得 / 原则上禁止: prohibited, with exceptions a person may argue.
    public var inPrinciple: Bool
    /// Nil: every nature.
    public var natures: [ReadNature]?
    public var natureWords: [String]
    /// Whom it concerns: nil when it names no industry or project (then every project).
    public var industries: [ReadTerm]?
    /// ……除外 industries.
    public var excluded: [ReadTerm]
    public var exceptions: [ReadException]
    public var scopes: [ReadScope]
    public var missing: [ReadMissing]
    /// 现有……: about existing enterprises only, not a new project.
    public var existingOnly: Bool
    /// 投资额不得低于5000万元, 投资低于3亿元的化工项目: the prescription holds for a project investing less.
    public var investmentBelow: ReadInvestment?
    /// Reader rules that fired, in order (effect.禁止, nature.新建, industry.lexicon, scope.园区外 …).
    public var rules: [String]

    public init(words: String) {
        self.words = words
        effect = .requirement
        effectWords = nil
        inPrinciple = false
        natures = nil
        natureWords = []
        industries = nil
        excluded = []
        exceptions = []
        scopes = []
        missing = []
        existingOnly = false
        investmentBelow = nil
        rules = []
    }
}
