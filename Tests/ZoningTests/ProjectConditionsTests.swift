import Testing
import Zoning

/// Whether a clause concerns a project, by the rules of docs/dataset-format.md.
@Suite("Clause and rule conditions against a project profile")
struct ProjectConditionsTests {
    static let chemical = ["C25", "C26", "C27", "C28", "C29"]

    @Test("a clause on division C26 concerns class C2614; one on C2614 does not concern C2619")
    func hierarchy() {
        let onDivision = ProjectConditions(industries: ["C26"])
        #expect(onDivision.evaluate(ProjectProfile(industry: "C2614"), chemicalIndustries: Self.chemical) == .concerns)
        #expect(ProjectConditions(industries: ["C2614"]).evaluate(ProjectProfile(industry: "C2619"), chemicalIndustries: Self.chemical) == .doesNotConcern)
        // A section letter covers every code in it.
        #expect(ProjectConditions(industries: ["C"]).evaluate(ProjectProfile(industry: "c2614"), chemicalIndustries: Self.chemical) == .concerns)
    }

    @Test("exclusions win over inclusions")
    func exclusions() {
        let conditions = ProjectConditions(industries: ["C26"], excludeIndustries: ["C266"])
        #expect(conditions.evaluate(ProjectProfile(industry: "C2662"), chemicalIndustries: Self.chemical) == .doesNotConcern)
        #expect(conditions.evaluate(ProjectProfile(industry: "C2651"), chemicalIndustries: Self.chemical) == .concerns)
    }

    @Test("natures: a new-build clause does not concern a rebuild; an unstated nature leaves it open")
    func natures() {
        let conditions = ProjectConditions(natures: [.new, .expansion])
        #expect(conditions.evaluate(ProjectProfile(nature: .rebuild), chemicalIndustries: Self.chemical) == .doesNotConcern)
        #expect(conditions.evaluate(ProjectProfile(nature: .expansion), chemicalIndustries: Self.chemical) == .concerns)
        #expect(conditions.evaluate(ProjectProfile(industry: "C2614"), chemicalIndustries: Self.chemical) == .unknown)
    }

    @Test("chemical: decided by the industry's division unless the profile says otherwise")
    func chemicalNature() {
        let conditions = ProjectConditions(chemical: true)
        #expect(conditions.evaluate(ProjectProfile(industry: "C2710"), chemicalIndustries: Self.chemical) == .concerns)
        #expect(conditions.evaluate(ProjectProfile(industry: "C1311"), chemicalIndustries: Self.chemical) == .doesNotConcern)
        // A food plant whose process involves chemical reactions, declared chemical by the user.
        #expect(conditions.evaluate(ProjectProfile(industry: "C1311", chemical: true), chemicalIndustries: Self.chemical) == .concerns)
        #expect(conditions.evaluate(ProjectProfile(industry: "C2614", chemical: false), chemicalIndustries: Self.chemical) == .doesNotConcern)
    }

    @Test("flags must all be present; flags nobody answered leave the conditions open, not unmet")
    func flags() {
        let conditions = ProjectConditions(flags: ["tailingsPond"])
        #expect(conditions.evaluate(ProjectProfile(flags: ["tailingsPond", "x"]), chemicalIndustries: Self.chemical) == .concerns)
        // Answered: another flag ticked, or an explicit empty list.
        #expect(conditions.evaluate(ProjectProfile(flags: ["x"]), chemicalIndustries: Self.chemical) == .doesNotConcern)
        #expect(conditions.evaluate(ProjectProfile(flags: [], flagsStated: true), chemicalIndustries: Self.chemical) == .doesNotConcern)
        // Not answered: the project may be a tailings pond.
        #expect(conditions.evaluate(ProjectProfile(industry: "B0810", flags: []), chemicalIndustries: Self.chemical) == .unknown)
    }

    @Test("a flag among the industries (燃煤锅炉 = D4430 or the coalFiredBoiler flag): a code settles it, an unanswered flag leaves it open")
    func flagDesignators() {
        let boilers = ProjectConditions(industries: ["D4430", "flag:coalFiredBoiler"])
        #expect(boilers.evaluate(ProjectProfile(industry: "D4430"), chemicalIndustries: Self.chemical) == .concerns)
        #expect(boilers.evaluate(ProjectProfile(industry: "C2221"), chemicalIndustries: Self.chemical) == .unknown)
        #expect(boilers.evaluate(ProjectProfile(industry: "C2221", flags: ["coalFiredBoiler"]), chemicalIndustries: Self.chemical) == .concerns)
        #expect(boilers.evaluate(ProjectProfile(industry: "C2221", flagsStated: true), chemicalIndustries: Self.chemical) == .doesNotConcern)
    }

    @Test("an exception met by a flag (水源工程除外) is met only when the flag is given: unanswered, the prohibition holds")
    func flagExceptions() {
        let prohibition = ProjectConditions(exceptions: [ProjectConditions(industries: ["flag:waterSupply"])])
        #expect(prohibition.evaluate(ProjectProfile(industry: "H6110"), chemicalIndustries: Self.chemical) == .concerns)
        #expect(prohibition.evaluate(ProjectProfile(industry: "H6110", flagsStated: true), chemicalIndustries: Self.chemical) == .concerns)
        #expect(prohibition.evaluate(ProjectProfile(industry: "D4610", flags: ["waterSupply"]), chemicalIndustries: Self.chemical) == .doesNotConcern)
    }

    @Test("no conditions concern every project, even an unknown one; conditions without a profile are open")
    func emptyAndUnknown() {
        #expect(ProjectConditions().evaluate(nil, chemicalIndustries: Self.chemical) == .concerns)
        #expect(ProjectConditions(industries: ["C26"]).evaluate(nil, chemicalIndustries: Self.chemical) == .unknown)
        #expect(ProjectConditions(industries: ["C26"]).evaluate(ProjectProfile(nature: .new), chemicalIndustries: Self.chemical) == .unknown)
    }

    @Test("natures parse from Chinese and English", arguments: [("新建", ProjectNature.new), ("扩建", .expansion), ("改建", .rebuild),
                                                                ("new", .new), ("Expansion", .expansion), ("rebuild", .rebuild)])
    func natureNames(text: String, nature: ProjectNature) {
        #expect(ProjectNature(parsing: text) == nature)
    }
}
