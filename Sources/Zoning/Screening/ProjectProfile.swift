/// What a user says about the project: all optional, since 招商 staff often know only the industry.
public struct ProjectProfile: Sendable, Hashable {
    /// A GB/T 4754-2017 code such as `C2614`.
    public var industry: String?
    public var nature: ProjectNature?
    /// Stated explicitly; when nil, the dataset's chemical industries decide from `industry`.
    public var chemical: Bool?
    /// Flags that rules use, e.g. `tailingsPond`, `industrialPark`, `linearInfrastructure`.
    public var flags: Set<String>
    /// Whether the user answered the flags at all. A flag not given then means "no"; when nobody was
    /// asked (no flags column, no box ticked), a clause for projects with a flag (燃煤锅炉, 淘汰类) may
    /// still concern the project: it is listed as possibly applying, never read as not concerning it.
    public var flagsStated: Bool
    /// The main products or processes in the user's words (年产30万吨聚氯乙烯, 含电镀工序): a clause word
    /// that names only part of the project's class (聚氯乙烯 in C2651) applies when these words name it.
    public var products: String?
    /// Fixed-asset investment (固定资产投资) in 万元, for clauses that hold below a sum.
    public var investment: Double?

    /// `flagsStated` defaults to whether any flag is given.
    public init(industry: String? = nil, nature: ProjectNature? = nil, chemical: Bool? = nil, flags: Set<String> = [], flagsStated: Bool? = nil,
                products: String? = nil, investment: Double? = nil) {
        self.industry = industry.map(IndustryCode.normalise)
        self.nature = nature
        self.chemical = chemical
        self.flags = flags
        self.flagsStated = flagsStated ?? !flags.isEmpty
        self.products = products.flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
        self.investment = investment
    }

    /// Whether the products words name `word` (电镀 in 含电镀工序), not after a negation (不含电镀, 无电镀), nor in
    /// a phrase a negation opens (不在晋江、洛阳江流域 names neither river basin).
    public func names(product word: String) -> Bool {
        guard let products, !word.isEmpty else { return false }
        var rest = Substring(products)
        while let range = rest.range(of: word) {
            let before = products[..<range.lowerBound].suffix(3)
            let phrase = products[..<range.lowerBound].split(omittingEmptySubsequences: false, whereSeparator: { "，,；;。\n".contains($0) }).last ?? ""
            if !["不", "无", "非", "未", "没有", "不含", "不涉", "不涉及", "不是", "并非", "不属", "不属于", "不使用", "不采用", "不在", "不位于"].contains(where: { before.hasSuffix($0) }),
               !Self.phraseNegations.contains(where: { phrase.contains($0) }) { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    /// Negations whose reach is the whole phrase after them (不含电镀、酸洗工序).
    private static let phraseNegations = ["不在", "不位于", "不含", "不涉及", "没有", "不属于", "不使用", "不采用", "不是", "并非", "不生产", "不产生",
                                          "不排放", "不施用", "不应用", "不燃用", "不利用", "远离", "避开", "不靠近", "不临近"]

    /// Chemical if the user said so, otherwise if the industry lies in one of the chemical divisions;
    /// nil when neither is known.
    public func isChemical(chemicalIndustries: [String]) -> Bool? {
        if let chemical { return chemical }
        guard let industry else { return nil }
        return chemicalIndustries.contains { IndustryCode.covers($0, industry) }
    }
}
