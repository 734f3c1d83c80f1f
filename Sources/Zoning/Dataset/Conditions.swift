import Foundation

/// The project conditions a clause or rule states; every stated condition must hold.
public struct ProjectConditions: Sendable, Hashable, Codable {
    /// GB/T 4754 codes; a code covers its descendants. Nil: every industry.
    public var industries: [String]?
    public var excludeIndustries: [String]?
    public var natures: [ProjectNature]?
    public var chemical: Bool?
    public var flags: [String]?

    public init(industries: [String]? = nil, excludeIndustries: [String]? = nil, natures: [ProjectNature]? = nil,
                chemical: Bool? = nil, flags: [String]? = nil) {
        self.industries = industries?.map(IndustryCode.normalise)
        self.excludeIndustries = excludeIndustries?.map(IndustryCode.normalise)
        self.natures = natures
        self.chemical = chemical
        self.flags = flags
    }

    public var isEmpty: Bool {
        industries == nil && excludeIndustries == nil && natures == nil && chemical == nil && (flags ?? []).isEmpty
    }

    /// Whether the conditions hold for the profile. `.unknown` when the profile lacks what a condition
    /// needs (no profile, no industry code, no nature): such a clause is listed, not applied.
    public func evaluate(_ profile: ProjectProfile?, chemicalIndustries: [String]) -> Concern {
        evaluate(profile, isChemical: chemical == nil ? nil : profile?.isChemical(chemicalIndustries: chemicalIndustries))
    }

    /// The same, with whether the project is a chemical one worked out by the caller (once per site).
    func evaluate(_ profile: ProjectProfile?, isChemical: Bool?) -> Concern {
        if isEmpty { return .concerns }
        guard let profile else { return .unknown }
        var unknown = false
        if let industries {
            guard let code = profile.industry else { return .unknown }
            if !industries.contains(where: { IndustryCode.covers($0, code) }) { return .doesNotConcern }
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
        if let flags, !flags.allSatisfy(profile.flags.contains) { return .doesNotConcern }
        return unknown ? .unknown : .concerns
    }
}

/// Whether a clause concerns the project being screened.
public enum Concern: String, Sendable, Codable {
    case concerns
    case doesNotConcern
    /// The profile does not say enough to decide (e.g. no industry given).
    case unknown
}

/// GB/T 4754 code arithmetic: `C26` covers `C2614`; a bare section letter covers its whole section.
public enum IndustryCode {
    public static func normalise(_ code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// Both codes must already be normalised (`ProjectConditions` and `ProjectProfile` normalise what
    /// they are given): normalising on every comparison, hundreds per site, was a measurable share of
    /// a screening.
    public static func covers(_ ancestor: String, _ code: String) -> Bool {
        !ancestor.isEmpty && code.hasPrefix(ancestor)
    }
}
