import Foundation

/// The project conditions a clause or rule states; every stated condition must hold, and none of its
/// exceptions may.
public struct ProjectConditions: Sendable, Hashable {
    /// Industry designators: GB/T 4754 codes (a code covers its descendants) and `CHEMICAL`, which
    /// stands for a project of chemical nature (化工项目, decided by the profile's chemical nature, not
    /// by a code alone). Nil: every industry.
    public var industries: [String]?
    public var excludeIndustries: [String]?
    public var natures: [ProjectNature]?
    public var chemical: Bool?
    public var flags: [String]?
    /// Whether the site must lie in, or outside, a park (of some kinds, compliant ones only).
    public var park: ParkCondition?
    /// The site must lie within a distance of some rivers' shorelines (岸线 N 公里范围内).
    public var shoreline: ShorelineCondition?
    /// The site must lie in a red line, or in a sensitive area of a role and level (水源一级保护区内).
    public var zone: ZoneCondition?
    /// "……除外": a project that meets any of these is not concerned (e.g. a rebuild that raises safety).
    public var exceptions: [ProjectConditions]?
    /// Designators among `industries` that the clause's words cover only in part (聚氯乙烯 is one product
    /// of C2651), with those words: a project matched by these alone may be concerned, a person must look.
    public var partialIndustries: [String: [String]]?
    /// 投资额不得低于5000万元: the conditions hold for a project investing less.
    public var investmentBelow: InvestmentLimit?
    /// Words the user's products must name for these conditions to hold: an exception nobody could read
    /// into conditions (环保型项目除外) is met when the project's own words claim it.
    public var namedByProducts: [String]?

    /// The designator of chemical projects among `industries`, after normalisation.
    public static let chemicalDesignator = "CHEMICAL"
    /// Designators `flag:<id>` among `industries`: a project with that flag (尾矿库 is a project, not a code).
    public static let flagPrefix = "flag:"

    public init(industries: [String]? = nil, excludeIndustries: [String]? = nil, natures: [ProjectNature]? = nil,
                chemical: Bool? = nil, flags: [String]? = nil, park: ParkCondition? = nil, shoreline: ShorelineCondition? = nil,
                zone: ZoneCondition? = nil, exceptions: [ProjectConditions]? = nil, partialIndustries: [String: [String]]? = nil,
                investmentBelow: InvestmentLimit? = nil, namedByProducts: [String]? = nil) {
        self.industries = industries?.map(IndustryCode.normalise)
        self.excludeIndustries = excludeIndustries?.map(IndustryCode.normalise)
        self.natures = natures
        self.chemical = chemical
        self.flags = flags
        self.park = park
        self.shoreline = shoreline
        self.zone = zone
        self.exceptions = exceptions?.isEmpty == true ? nil : exceptions
        let partial = partialIndustries.map { Dictionary($0.map { (IndustryCode.normalise($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }) }
        self.partialIndustries = partial?.isEmpty == true ? nil : partial
        self.investmentBelow = investmentBelow
        self.namedByProducts = namedByProducts?.isEmpty == true ? nil : namedByProducts
    }

    public var isEmpty: Bool {
        industries == nil && excludeIndustries == nil && natures == nil && chemical == nil && (flags ?? []).isEmpty
            && park == nil && shoreline == nil && zone == nil && exceptions == nil && investmentBelow == nil
            && namedByProducts == nil
    }

    /// Whether the conditions hold for the profile. `.unknown` when the profile lacks what a condition
    /// needs (no profile, no industry code, no nature): such a clause is listed, not applied.
    /// `.undetermined` when the profile matches but the dataset cannot say whether the site meets a
    /// site condition (a park condition without a parks layer, or in a park of unknown compliance).
    public func evaluate(_ profile: ProjectProfile?, chemicalIndustries: [String], site: SiteConditionFacts = .none) -> Concern {
        evaluate(profile, isChemical: profile?.isChemical(chemicalIndustries: chemicalIndustries), site: site)
    }

    /// The same, with whether the project is a chemical one worked out by the caller (once per site).
    func evaluate(_ profile: ProjectProfile?, isChemical: Bool?, site: SiteConditionFacts) -> Concern {
        if isEmpty { return .concerns }
        let own = evaluateOwn(profile, isChemical: isChemical, site: site)
        guard own != .doesNotConcern, let exceptions else { return own }
        // An exception is met only by a flag the user gave: one nobody answered (水源工程除外 for a
        // project that ticked nothing) must not lift a prohibition, nor leave it open.
        var answered = profile
        answered?.flagsStated = true
        for exception in exceptions {
            // An exception met for certain lifts the condition; one that may be met leaves it open.
            switch exception.evaluate(answered, isChemical: isChemical, site: site) {
            case .concerns: return .doesNotConcern
            case .unknown, .undetermined: if own == .concerns { return .unknown }
            case .doesNotConcern: break
            }
        }
        return own
    }

    private func evaluateOwn(_ profile: ProjectProfile?, isChemical: Bool?, site: SiteConditionFacts) -> Concern {
        if let words = namedByProducts, !words.contains(where: { profile?.names(product: $0) == true }) { return .doesNotConcern }
        // Site conditions first: a project outside the stated place is not concerned, whatever it is.
        if let shoreline, !shoreline.holds(site.shorelineMetres) { return .doesNotConcern }
        var placed = park?.evaluate(site.parks) ?? .concerns
        if placed == .doesNotConcern { return .doesNotConcern }
        if let zone {
            switch zone.evaluate(site) {
            case .doesNotConcern: return .doesNotConcern
            case .undetermined: placed = .undetermined
            default: break
            }
        }
        if industries == nil && excludeIndustries == nil && natures == nil && chemical == nil && (flags ?? []).isEmpty && investmentBelow == nil
            && namedByProducts == nil {
            return placed
        }
        guard let profile else { return .unknown }
        var unknown = false
        if let industries {
            switch Self.covers(industries, profile.industry, isChemical: isChemical, flags: profile.flags, flagsStated: profile.flagsStated) {
            case .some(false): return .doesNotConcern
            case nil: unknown = true
            case .some(true): break
            }
        }
        if let excluded = excludeIndustries, let code = profile.industry,
           excluded.contains(where: { IndustryCode.covers($0, code) }) {
            return .doesNotConcern
        }
        if let natures {
            if let nature = profile.nature {
                if !natures.contains(nature) { return .doesNotConcern }
            } else {
                unknown = true
            }
        }
        if let chemical {
            if let isChemical {
                if isChemical != chemical { return .doesNotConcern }
            } else {
                unknown = true
            }
        }
        if let flags, !flags.allSatisfy(profile.flags.contains) {
            // A flag nobody was asked about may still be the project's: open, not "not concerned".
            guard !profile.flagsStated else { return .doesNotConcern }
            unknown = true
        }
        if let limit = investmentBelow, let given = profile.investment, !limit.holds(given) { return .doesNotConcern }
        if unknown { return .unknown }
        // No investment given: whether the project falls below the limit is for a person (需论证), not left out.
        if investmentBelow != nil && profile.investment == nil { return .undetermined }
        if partialMatch(profile, isChemical: isChemical) != nil { return .undetermined }
        return placed
    }

    /// The words that name the project's class only in part, when nothing else among `industries` names
    /// it (a C2651 project against 禁止新建聚氯乙烯项目): whether the project is one is for a person.
    package func partialMatch(_ profile: ProjectProfile?, isChemical: Bool?) -> String? {
        guard let partial = partialIndustries, let industries, let profile else { return nil }
        let whole = industries.filter { partial[$0] == nil }
        guard Self.covers(whole, profile.industry, isChemical: isChemical, flags: profile.flags, flagsStated: profile.flagsStated) != true else { return nil }
        let code = profile.industry ?? ""
        let words = Set(partial.filter { designator, _ in
            designator == Self.chemicalDesignator ? isChemical == true : IndustryCode.covers(designator, code)
        }.values.joined())
        // The user's own words for the products settle it: 含电镀工序 names 电镀.
        if words.isEmpty || words.contains(where: profile.names(product:)) { return nil }
        return words.sorted().joined(separator: "、")
    }

    /// Whether a project of `code` (and chemical nature `isChemical`) is among `designators`; nil when
    /// the profile does not say enough (no code, or a flag designator and flags nobody answered).
    static func covers(_ designators: [String], _ code: String?, isChemical: Bool?, flags: Set<String> = [], flagsStated: Bool = true) -> Bool? {
        // One pass over the designators: codes first (most are), flags and the chemical designator as met.
        var namesChemical = false, namesUnansweredFlag = false
        for designator in designators {
            if let code, IndustryCode.covers(designator, code) { return true }
            if designator.utf8.first == UInt8(ascii: "f"), designator.hasPrefix(flagPrefix) {
                if !flags.isEmpty, flags.contains(String(designator.dropFirst(flagPrefix.count))) { return true }
                if !flagsStated { namesUnansweredFlag = true }
            }
            if designator.utf8.first == UInt8(ascii: "C"), designator == chemicalDesignator { namesChemical = true }
        }
        var open = code == nil || namesUnansweredFlag
        if namesChemical {
            switch isChemical {
            case .some(true): return true
            case nil: open = true
            case .some(false): break
            }
        }
        return open ? nil : false
    }
}

/// 投资额低于 N 万元 (or N 万元以下, `inclusive`): the limit a project's fixed-asset investment is held to.
public struct InvestmentLimit: Sendable, Hashable {
    /// 万元 (ten thousand yuan).
    public var wan: Double
    public var inclusive: Bool
    /// The clause's words for it (不得低于5000万元).
    public var words: String

    public init(wan: Double, inclusive: Bool, words: String) {
        self.wan = wan
        self.inclusive = inclusive
        self.words = words
    }

    /// Whether an investment of `given` 万元 falls under the limit.
    public func holds(_ given: Double) -> Bool { inclusive ? given <= wan : given < wan }
}

/// Whether a clause or rule concerns the project being screened.
public enum Concern: String, Sendable, Codable {
    case concerns
    case doesNotConcern
    /// The profile does not say enough to decide (e.g. no industry given).
    case unknown
    /// The profile matches, but the dataset cannot decide whether the site meets a condition (a park it
    /// lacks, a park of unknown compliance) or nobody has read the clause's text into conditions: a
    /// person must look, so it counts as 需论证.
    case undetermined
}

/// What a site condition needs to know about the site.
public struct SiteConditionFacts: Sendable {
    /// The parks the site touches with the share of the site inside each; nil when the dataset has no
    /// parks layer (whether a site lies in a park cannot then be known).
    public var parks: [ParkShare]?
    /// The distance (metres) to the nearest shoreline of each river class the dataset has.
    public var shorelineMetres: [RiverClass: Double]
    /// The site touches a red line.
    public var inRedLine: Bool
    /// The sensitive areas the site touches: their layer's role (if any), layer id and level.
    public var areas: [AreaFact]
    /// The roles of the dataset's sensitive layers (a condition on a role it lacks cannot be decided).
    public var roles: Set<String>

    public init(parks: [ParkShare]?, shorelineMetres: [RiverClass: Double] = [:], inRedLine: Bool = false, areas: [AreaFact] = [],
                roles: Set<String> = []) {
        self.parks = parks
        self.shorelineMetres = shorelineMetres
        self.inRedLine = inRedLine
        self.areas = areas
        self.roles = roles
    }

    public struct AreaFact: Sendable, Hashable {
        public var role: String?
        public var layer: String
        public var level: String?

        public init(role: String?, layer: String, level: String?) {
            self.role = role
            self.layer = layer
            self.level = level
        }
    }

    /// No site facts: for conditions evaluated without a site (no parks layer, no shorelines).
    public static let none = SiteConditionFacts(parks: nil)

    public struct ParkShare: Sendable, Hashable {
        public var kind: ParkKind
        public var compliant: Bool?
        /// 0...1 of the site's area or length; 1 for a point inside.
        public var share: Double
        /// The park's name as its layer gives it, for clauses that name a park (海渤湾工业园区不得……).
        public var name: String?

        public init(kind: ParkKind, compliant: Bool?, share: Double, name: String? = nil) {
            self.kind = kind
            self.compliant = compliant
            self.share = share
            self.name = name
        }
    }
}

/// 园区内 / 园区外: where a site must lie for a clause or rule to concern it.
public struct ParkCondition: Sendable, Hashable {
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        /// Some part of the site lies in a qualifying park.
        case inside
        /// Some part of the site lies outside every qualifying park.
        case outside
    }

    public var relation: Relation
    /// The park kinds that qualify; nil: every kind.
    public var kinds: [ParkKind]?
    /// Only parks on the compliant (认定/合规) list qualify (合规园区).
    public var compliantOnly: Bool
    /// A kind of park no layer records (涉重片区, 有电镀产业定位的园区), in the clause's words: outside every
    /// park the site is outside such a park too; inside any park nobody here can tell.
    public var unrecordedKind: String?

    public init(relation: Relation, kinds: [ParkKind]? = nil, compliantOnly: Bool = false, unrecordedKind: String? = nil) {
        self.relation = relation
        self.kinds = kinds
        self.compliantOnly = compliantOnly
        self.unrecordedKind = unrecordedKind
    }

    /// Shares below this are slivers of a shared boundary, not a part of the site inside or outside.
    static let sliver = 0.001

    func evaluate(_ parks: [SiteConditionFacts.ParkShare]?) -> Concern {
        guard let parks else { return .undetermined }
        var inside = 0.0, uncertain = 0.0
        for park in parks where kinds?.contains(park.kind) ?? true {
            if unrecordedKind != nil {
                uncertain += park.share
            } else if !compliantOnly || park.compliant == true {
                inside += park.share
            } else if park.compliant == nil {
                uncertain += park.share
            }
        }
        inside = min(1, inside)
        uncertain = min(1 - inside, uncertain)
        switch relation {
        case .inside:
            if inside > Self.sliver { return .concerns }
            return uncertain > Self.sliver ? .undetermined : .doesNotConcern
        case .outside:
            if 1 - inside - uncertain > Self.sliver { return .concerns }
            return uncertain > Self.sliver ? .undetermined : .doesNotConcern
        }
    }
}

/// 岸线 N 米范围内: the site must lie within `distance` metres of a shoreline of these river classes.
public struct ShorelineCondition: Sendable, Hashable {
    public var distance: Double
    public var rivers: [RiverClass]

    public init(distance: Double, rivers: [RiverClass] = RiverClass.allCases) {
        self.distance = distance
        self.rivers = rivers
    }

    /// Inclusive, as the shoreline bands are: a site exactly at the distance is within it.
    func holds(_ nearest: [RiverClass: Double]) -> Bool {
        rivers.contains { (nearest[$0] ?? .infinity) <= distance }
    }
}

/// 生态保护红线内 / 饮用水水源一级保护区内: where the site must lie.
public enum ZoneCondition: Sendable, Hashable {
    case redLine
    /// A sensitive area of this role (drinkingWater, natureReserve) or layer id, of these levels (nil: any).
    case area(role: String, levels: [String]?)
    /// Outside every area of this role (集中供热区域外).
    case outsideArea(role: String)

    /// The role of the areas the condition is about (nil for red lines).
    public var role: String? {
        switch self {
        case .redLine: nil
        case .area(let role, _), .outsideArea(let role): role
        }
    }

    func evaluate(_ site: SiteConditionFacts) -> Concern {
        switch self {
        case .redLine:
            return site.inRedLine ? .concerns : .doesNotConcern
        case .area(let role, let levels):
            let matching = site.areas.filter { $0.role == role || $0.layer == role }
            var undecided = false
            for area in matching {
                switch SensitiveRole.meets(level: area.level, role: area.role.flatMap(SensitiveRole.init(rawValue:)), levels: levels) {
                case .some(true): return .concerns
                case nil: undecided = true
                case .some(false): break
                }
            }
            // No layer of that role: whether the site lies in such an area cannot be known.
            if undecided || !site.roles.contains(role) { return .undetermined }
            return .doesNotConcern
        case .outsideArea(let role):
            guard site.roles.contains(role) else { return .undetermined }
            return site.areas.contains { $0.role == role || $0.layer == role } ? .doesNotConcern : .concerns
        }
    }
}

/// GB/T 4754 code arithmetic: `C26` covers `C2614`; a bare section letter covers its whole section.
public enum IndustryCode {
    public static func normalise(_ code: String) -> String {
        // Codes as the catalogue writes them (C2614) are already normal: every site's code passes here,
        // and Foundation's trimming of each was a fiftieth of a large batch.
        if !code.isEmpty, code.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            return code
        }
        let trimmed = code.trimmingCharacters(in: .whitespaces)
        // A flag designator keeps its id's case (flags are compared as written).
        if trimmed.lowercased().hasPrefix(ProjectConditions.flagPrefix) { return ProjectConditions.flagPrefix + trimmed.dropFirst(ProjectConditions.flagPrefix.count) }
        return trimmed.uppercased()
    }

    /// Both codes must already be normalised (`ProjectConditions` and `ProjectProfile` normalise what
    /// they are given): normalising on every comparison, hundreds per site, was a measurable share of
    /// a screening.
    public static func covers(_ ancestor: String, _ code: String) -> Bool {
        // Bytes, not `hasPrefix`: normalised codes are ASCII, and this runs for every designator of
        // every clause a site meets.
        let prefix = ancestor.utf8, whole = code.utf8
        guard !prefix.isEmpty, prefix.count <= whole.count else { return false }
        var position = whole.startIndex
        for byte in prefix {
            guard whole[position] == byte else { return false }
            whole.formIndex(after: &position)
        }
        return true
    }
}
