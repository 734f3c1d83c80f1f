/// A spatial rule: where it applies is decided by geometry (or, for a region rule, by the dataset's
/// region), whom it concerns by project conditions.
public struct SpatialRule: Sendable, Hashable, Identifiable {
    public enum Kind: Sendable, Hashable {
        /// Inside an ecological red line; a project with one of the allowed activities' flags gets that
        /// activity's effect instead.
        case redLine(allowed: [AllowedActivity])
        case unitClass(classes: [UnitClass])
        case shorelineBand(distance: Double, rivers: [RiverClass])
        /// A sensitive-area layer, by its id or its role (`drinkingWater`, `natureReserve`).
        case sensitiveArea(layer: String, levels: [String]?)
        /// Everywhere the rule holds (its site conditions, e.g. outside compliant parks, still apply).
        case region
    }

    public var id: String
    public var kind: Kind
    public var conditions: ProjectConditions
    public var effect: Effect
    /// The words of the document, quoted.
    public var text: String
    public var source: Citation
    public var origin: RuleOrigin = .dataset
    /// For national rules: the territory the rule holds in (`RegionSet` id).
    public var appliesIn: String? = nil
    /// For national rules: how the quoted words became the conditions.
    public var note: String? = nil

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(id: String, kind: Kind, conditions: ProjectConditions, effect: Effect, text: String, source: Citation, origin: RuleOrigin = .dataset, appliesIn: String? = nil, note: String? = nil) {
        self.id = id
        self.kind = kind
        self.conditions = conditions
        self.effect = effect
        self.text = text
        self.source = source
        self.origin = origin
        self.appliesIn = appliesIn
        self.note = note
    }
}

/// Where a rule was written.
public enum RuleOrigin: String, Sendable, Hashable, Codable {
    /// The dataset's own rules file.
    case dataset
    /// The rule pack built into ZoneScreen (national laws and documents).
    case national
}

/// An activity on the red-line positive list: a project with this flag gets `effect` instead of the
/// red-line prohibition.
public struct AllowedActivity: Sendable, Hashable, Codable {
    public var flag: String
    public var effect: Effect
    public var text: String

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(flag: String, effect: Effect, text: String) {
        self.flag = flag
        self.effect = effect
        self.text = text
    }
}

public struct RuleSet: Sendable, Hashable {
    public var chemicalIndustries: [String]
    public var redLineRules: [SpatialRule]
    public var unitClassRules: [SpatialRule]
    public var shorelineBands: [SpatialRule]
    public var sensitiveAreaRules: [SpatialRule]
    public var regionRules: [SpatialRule]
    /// What the built-in national rule pack contributed, and how the manifest changed it.
    public var national: NationalRulesSummary
    /// The flags the pack and the dataset's rules file name, with their words.
    public var declaredFlags: [ProjectFlag]

    public var all: [SpatialRule] {
        redLineRules + unitClassRules + shorelineBands + sensitiveAreaRules + regionRules
    }

    /// Whether any rule or clause condition asks where the site lies relative to parks.
    public var namesParks: Bool { all.contains { $0.conditions.namesParks } }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(chemicalIndustries: [String], redLineRules: [SpatialRule], unitClassRules: [SpatialRule], shorelineBands: [SpatialRule], sensitiveAreaRules: [SpatialRule], regionRules: [SpatialRule], national: NationalRulesSummary, declaredFlags: [ProjectFlag]) {
        self.chemicalIndustries = chemicalIndustries
        self.redLineRules = redLineRules
        self.unitClassRules = unitClassRules
        self.shorelineBands = shorelineBands
        self.sensitiveAreaRules = sensitiveAreaRules
        self.regionRules = regionRules
        self.national = national
        self.declaredFlags = declaredFlags
    }
}

extension ProjectConditions {
    package var namesParks: Bool { park != nil || (exceptions ?? []).contains { $0.namesParks } }
}

/// What answers and `dataset info` say about the national rule pack a dataset uses.
public struct NationalRulesSummary: Sendable, Hashable, Codable {
    /// The pack's version; nil when the manifest switched the pack off.
    public var version: String?
    public var enabled: Bool
    /// Territories (`RegionSet` ids) whose rules hold for the dataset's region.
    public var regions: [String]
    /// National rules in force for this dataset.
    public var ruleIds: [String]
    /// Rules the manifest dropped, and those it changed.
    public var dropped: [String]
    public var overridden: [String]
    /// Rules that do not hold in the dataset's region.
    public var notApplicable: [String]
    /// The region lies partly in a territory (e.g. a province only partly in the Yangtze basin): its
    /// rules are applied, and answers say so.
    public var partly: [String]
    /// The dataset gives no regionCode: every territory's rules are applied.
    public var regionUnknown: Bool

    public static let off = NationalRulesSummary(version: nil, enabled: false, regions: [], ruleIds: [], dropped: [], overridden: [],
                                                 notApplicable: [], partly: [], regionUnknown: false)

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(version: String? = nil, enabled: Bool, regions: [String], ruleIds: [String], dropped: [String], overridden: [String], notApplicable: [String], partly: [String], regionUnknown: Bool) {
        self.version = version
        self.enabled = enabled
        self.regions = regions
        self.ruleIds = ruleIds
        self.dropped = dropped
        self.overridden = overridden
        self.notApplicable = notApplicable
        self.partly = partly
        self.regionUnknown = regionUnknown
    }
}
