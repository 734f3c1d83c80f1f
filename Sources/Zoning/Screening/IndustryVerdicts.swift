import Foundation
import Geometry

/// What may go on a site: the verdict of every GB/T 4754-2017 class (小类) at once, grouped by verdict
/// and by the rules that decide it. The spatial part is worked out once; only the lists and rules are
/// evaluated per class.
public struct IndustryVerdicts: Sendable {
    public struct Group: Sendable, Equatable {
        public var verdict: Verdict
        /// The deciding rules and clauses (the verdict's reasons), the same for every class in the group.
        public var rules: [String]
        public var industries: [Entry]
    }

    public struct Entry: Sendable, Equatable {
        public var code: String
        public var name: String
    }

    public var site: SiteSummary
    public var nature: ProjectNature?
    /// Classes per verdict.
    public var counts: [String: Int]
    /// Most severe first; within a verdict, the largest group first.
    public var groups: [Group]
}

extension ScreeningEngine {
    /// Every class of the catalogue as the industry of a project of `nature` (and `chemical`, `flags` when
    /// given) on `site`: one location, then the lists and rules per class.
    public func screenAllIndustries(_ site: Site, nature: ProjectNature?, chemical: Bool? = nil, flags: Set<String> = []) throws(ScreeningError) -> IndustryVerdicts {
        let location = try locate(site)
        let classes = dataset.catalogue.industries.filter { $0.level == .class }
        var grouped: [String: (verdict: Verdict, rules: [String], entries: [IndustryVerdicts.Entry])] = [:]
        var order: [String] = []
        var summary: SiteSummary?
        do {
            for industry in classes {
                var profiled = site
                profiled.profile = ProjectProfile(industry: industry.code, nature: nature, chemical: chemical, flags: flags)
                let result = try assemble(profiled, location, clauses: .decisive)
                if summary == nil { summary = result.site }
                let rules = result.reasons.map(\.ruleId)
                let key = "\(result.verdict.rawValue)|" + rules.joined(separator: ",")
                if grouped[key] == nil {
                    grouped[key] = (result.verdict, rules, [])
                    order.append(key)
                }
                grouped[key]?.entries.append(.init(code: industry.code, name: industry.name))
            }
        } catch let error as ScreeningError {
            throw error
        } catch {
            throw ScreeningError(site: site.reference, problem: .geometry(error as? GeometryError
                ?? .libraryFailed(library: "ZoneScreen", operation: "screenAllIndustries", message: "\(error)")))
        }
        let groups = order.compactMap { grouped[$0] }.map {
            IndustryVerdicts.Group(verdict: $0.verdict, rules: $0.rules, industries: $0.entries)
        }.sorted { ($0.verdict, -$0.industries.count, $0.rules.joined()) < ($1.verdict, -$1.industries.count, $1.rules.joined()) }
        var counts: [String: Int] = [:]
        for group in groups { counts[group.verdict.rawValue, default: 0] += group.industries.count }
        guard let summary else {
            throw ScreeningError(site: site.reference, problem: .geometry(.libraryFailed(library: "ZoneScreen", operation: "screenAllIndustries",
                                                                                          message: "the catalogue has no class")))
        }
        return IndustryVerdicts(site: summary, nature: nature, counts: counts, groups: groups)
    }
}
