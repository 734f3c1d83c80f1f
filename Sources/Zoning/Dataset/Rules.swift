/// A spatial rule: where it applies is decided by geometry, whom it concerns by project conditions.
public struct SpatialRule: Sendable, Hashable, Identifiable {
    public enum Kind: Sendable, Hashable {
        case redLine
        case unitClass(classes: [UnitClass])
        case shorelineBand(distance: Double, rivers: [RiverClass])
        case sensitiveArea(layer: String, levels: [String]?)
    }

    public var id: String
    public var kind: Kind
    public var conditions: ProjectConditions
    public var effect: Effect
    public var text: String
    public var source: Citation
}

/// An activity on the red-line positive list: a project with this flag gets `effect` instead of the
/// red-line prohibition.
public struct AllowedActivity: Sendable, Hashable, Codable {
    public var flag: String
    public var effect: Effect
    public var text: String
}

public struct RuleSet: Sendable, Hashable {
    public var chemicalIndustries: [String]
    public var redLine: SpatialRule?
    public var redLineAllowed: [AllowedActivity]
    public var unitClassRules: [SpatialRule]
    public var shorelineBands: [SpatialRule]
    public var sensitiveAreaRules: [SpatialRule]

    public var all: [SpatialRule] {
        (redLine.map { [$0] } ?? []) + unitClassRules + shorelineBands + sensitiveAreaRules
    }
}

/// `rules.yaml` as written.
struct RulesFile: Decodable {
    var chemicalIndustries: [String]?
    var redLine: RuleRecord?
    var unitClassRules: [RuleRecord]?
    var shorelineBands: [RuleRecord]?
    var sensitiveAreaRules: [RuleRecord]?

    struct RuleRecord: Decodable {
        var id: String
        var effect: Effect
        var text: String
        var source: Citation
        var industries: [String]?
        var excludeIndustries: [String]?
        var natures: [ProjectNature]?
        var chemical: Bool?
        var flags: [String]?
        // Kind-specific members.
        var allowed: [AllowedActivity]?
        var classes: [Int]?
        var distance: Double?
        var rivers: [RiverClass]?
        var layer: String?
        var levels: [String]?

        var conditions: ProjectConditions {
            ProjectConditions(industries: industries, excludeIndustries: excludeIndustries, natures: natures,
                              chemical: chemical, flags: flags)
        }
    }
}
