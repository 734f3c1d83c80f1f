/// What a user says about the project: all optional, since 招商 staff often know only the industry.
public struct ProjectProfile: Sendable, Hashable {
    /// A GB/T 4754-2017 code such as `C2614`.
    public var industry: String?
    public var nature: ProjectNature?
    /// Stated explicitly; when nil, the dataset's chemical industries decide from `industry`.
    public var chemical: Bool?
    /// Flags that rules use, e.g. `tailingsPond`, `industrialPark`, `linearInfrastructure`.
    public var flags: Set<String>

    public init(industry: String? = nil, nature: ProjectNature? = nil, chemical: Bool? = nil, flags: Set<String> = []) {
        self.industry = industry.map(IndustryCode.normalise)
        self.nature = nature
        self.chemical = chemical
        self.flags = flags
    }

    /// Chemical if the user said so, otherwise if the industry lies in one of the chemical divisions;
    /// nil when neither is known.
    public func isChemical(chemicalIndustries: [String]) -> Bool? {
        if let chemical { return chemical }
        guard let industry else { return nil }
        return chemicalIndustries.contains { IndustryCode.covers($0, industry) }
    }
}
