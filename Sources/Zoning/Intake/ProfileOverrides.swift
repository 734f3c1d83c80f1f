import Formats
import Geometry

/// The profile the user gave for the whole run (command-line options, request parameters), checked
/// once, and applied over what each site's own properties say.
public struct ProfileOverrides: Sendable, Hashable {
    public var industry: String?
    public var nature: ProjectNature?
    public var chemical: Bool?
    public var flags: Set<String>
    /// The flags were answered (an explicit empty list included): those not given are "no".
    public var flagsStated: Bool
    public var products: String?
    /// 万元.
    public var investment: Double?

    /// `flagsStated` defaults to whether any flag is given.
    public init(industry: String? = nil, nature: ProjectNature? = nil, chemical: Bool? = nil, flags: Set<String> = [], flagsStated: Bool? = nil,
                products: String? = nil, investment: Double? = nil) {
        self.industry = industry
        self.nature = nature
        self.chemical = chemical
        self.flags = flags
        self.flagsStated = flagsStated ?? !flags.isEmpty
        self.products = products.flatMap { $0.contains(where: { !$0.isWhitespace }) ? $0 : nil }
        self.investment = investment
    }

    /// Checks typed-in values: a code or name of the catalogue, 新建/扩建/改建, flags the dataset knows
    /// (by id or Chinese words; `vocabulary` nil takes them as given). Blank values count as not given.
    public init(industry: String?, nature: String?, chemical: Bool?, flags: [String], flagsStated: Bool? = nil, products: String? = nil,
                investment: String? = nil, catalogue: IndustryCatalogue, vocabulary: FlagVocabulary?) throws(ProfileInputError) {
        self.init(chemical: chemical, flags: try vocabulary?.ids(for: flags) ?? Set(flags), flagsStated: flagsStated, products: products)
        if let investment, investment.contains(where: { !$0.isWhitespace }) { self.investment = try ProjectProfile.investment(parsing: investment) }
        // Blank means not given; asked without Foundation's trimming, which showed in service profiles.
        if let industry, industry.contains(where: { !$0.isWhitespace }) {
            let code = try catalogue.code(for: industry)
            self.industry = code
            self.products = Self.adding(words: industry, for: code, named: catalogue.name(of: code), to: self.products)
        }
        if let nature, nature.contains(where: { !$0.isWhitespace }) { self.nature = try ProjectNature.parse(nature) }
    }

    /// An industry typed as the lists' word (电镀 → C3360) also says what the project makes: the word joins
    /// the products words, so a clause naming 电镀 within C3360 concerns it. A code, or the class's own
    /// name, says nothing more.
    static func adding(words typed: String, for code: String, named name: String?, to products: String?) -> String? {
        // A code as the catalogue writes it says nothing more (asked first: every site of a file passes here).
        if typed == code { return products }
        let word = typed.trimmingCharacters(in: .whitespaces)
        guard !word.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), word != code, word != name else { return products }
        guard let products else { return word }
        return products.contains(word) ? products : products + "，" + word
    }

    public var isEmpty: Bool {
        industry == nil && nature == nil && chemical == nil && flags.isEmpty && !flagsStated && products == nil && investment == nil
    }

    /// The site's own profile with these overrides; a site's own industry is checked here.
    public func profile(over base: ProjectProfile?, catalogue: IndustryCatalogue) throws(ProfileInputError) -> ProjectProfile? {
        var profile = base
        if let typed = profile?.industry, industry == nil {
            let code = try catalogue.code(for: typed)
            profile?.industry = code
            let products = Self.adding(words: typed, for: code, named: catalogue.name(of: code), to: profile?.products)
            profile?.products = products
        }
        if isEmpty { return profile }
        var merged = profile ?? ProjectProfile()
        if let industry { merged.industry = industry }
        if let nature { merged.nature = nature }
        if let chemical { merged.chemical = chemical }
        if let products { merged.products = products }
        if let investment { merged.investment = investment }
        merged.flags.formUnion(flags)
        if flagsStated { merged.flagsStated = true }
        return merged
    }
}
