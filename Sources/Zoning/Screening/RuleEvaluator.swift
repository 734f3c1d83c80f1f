import Foundation
import Geometry

/// Applies the dataset's clauses and spatial rules to what a site touches and what its profile says.
/// It records facts only: reasons name the zones and distances, renderers word them.
struct RuleEvaluator {
    let dataset: Dataset
    let profile: ProjectProfile?

    private var chemicalIndustries: [String] { dataset.rules.chemicalIndustries }

    /// Every clause whose scope covers one of the touched units: the union of every level, in report
    /// order (dimension, then level), with the touched units that bring it in. It depends on the units
    /// alone, not on the project, so engines keep it per set of units. With `decisiveOnly`, only those
    /// that can be reasons (an effect other than a plain requirement).
    static func clauseScopes(_ dataset: Dataset, touchedUnits: [ControlUnit], decisiveOnly: Bool) -> [ClauseScope.Hit] {
        var hits: [ClauseScope.Hit] = []
        for index in dataset.clauseIndex.candidates(touching: touchedUnits.map(\.code), decisiveOnly: decisiveOnly) {
            var covered: [String] = []
            switch dataset.clauses[index].scope {
            case .all:
                hits.append(ClauseScope.Hit(index: index, units: [], conditional: !dataset.clauses[index].conditions.isEmpty))
                continue
            case .classes(let wanted): for unit in touchedUnits where wanted.contains(unit.unitClass) { covered.append(unit.code) }
            case .subclasses(let names): for unit in touchedUnits where unit.subclass.map(names.contains) ?? false { covered.append(unit.code) }
            case .units(let wanted): for unit in touchedUnits where wanted.contains(unit.code) { covered.append(unit.code) }
            }
            if !covered.isEmpty { hits.append(ClauseScope.Hit(index: index, units: covered, conditional: !dataset.clauses[index].conditions.isEmpty)) }
        }
        return hits
    }

    /// The clauses of `scopes` with whether each concerns the project.
    func applicableClauses(_ scopes: [ClauseScope.Hit]) -> ApplicableClauses {
        // Worked out once per site, not once per clause that names chemical projects.
        let isChemical = profile?.isChemical(chemicalIndustries: chemicalIndustries)
        var concerns: [Concern] = []
        concerns.reserveCapacity(scopes.count)
        dataset.clauses.withUnsafeBufferPointer { clauses in
            for hit in scopes {
                // Read in place: copying a whole Clause (texts, scope, conditions) per hit showed in profiles.
                concerns.append(hit.conditional ? clauses[hit.index].conditions.evaluate(profile, isChemical: isChemical) : .concerns)
            }
        }
        return ApplicableClauses(dataset: dataset, scopes: scopes, concerns: concerns)
    }

    /// Reasons that decide the verdict, and those that would if the profile said more.
    func reasons(redLines: [RedLineHit], units: [ControlUnit], shorelines: ShorelineFacts,
                 sensitive: [SensitiveAreaHit], clauses: ApplicableClauses) -> (applied: [Reason], possible: [Reason]) {
        var applied: [Reason] = [], possible: [Reason] = []
        func add(_ rule: SpatialRule, kind: Reason.Kind, detail: ReasonDetail, effect: Effect? = nil, text: String? = nil) {
            let concern = rule.conditions.evaluate(profile, chemicalIndustries: chemicalIndustries)
            guard concern != .doesNotConcern else { return }
            let reason = Reason(kind: kind, ruleId: rule.id, effect: effect ?? rule.effect, text: text ?? rule.text,
                                source: dataset.citedSource(rule.source), detail: detail)
            if concern == .concerns { applied.append(reason) } else { possible.append(reason) }
        }

        if let rule = dataset.rules.redLine, !redLines.isEmpty {
            let zones = redLines.map { NamedZone(code: $0.code, name: $0.name) }
            if let allowed = dataset.rules.redLineAllowed.first(where: { profile?.flags.contains($0.flag) ?? false }) {
                add(rule, kind: .redLine, detail: .allowedActivity(redLines: zones, activity: allowed.text), effect: allowed.effect, text: allowed.text)
            } else {
                add(rule, kind: .redLine, detail: .redLines(zones))
            }
        }
        for rule in dataset.rules.unitClassRules {
            guard case .unitClass(let classes) = rule.kind else { continue }
            let hit = units.filter { classes.contains($0.unitClass) }
            guard !hit.isEmpty else { continue }
            add(rule, kind: .unitClass, detail: .units(hit.map { NamedZone(code: $0.code, name: $0.name, unitClass: $0.unitClass) }))
        }
        for band in shorelines.bands where band.inside {
            guard let rule = dataset.rules.shorelineBands.first(where: { $0.id == band.ruleId }), let nearest = band.nearest else { continue }
            add(rule, kind: .shorelineBand, detail: .shoreline(river: nearest.river, riverClass: nearest.riverClass,
                                                               metres: nearest.distance.metres, limitMetres: band.distanceMetres))
        }
        for rule in dataset.rules.sensitiveAreaRules {
            guard case .sensitiveArea(let layer, let levels) = rule.kind else { continue }
            let hit = sensitive.filter { $0.layer == layer && (levels == nil || $0.level.map { levels?.contains($0) ?? false } ?? false) }
            guard let first = hit.first else { continue }
            add(rule, kind: .sensitiveArea, detail: .sensitiveAreas(kind: first.kind, areas: hit.map { NamedZone(code: $0.code, name: $0.name, level: $0.level) }))
        }
        for (position, hit) in clauses.scopes.enumerated() where clauses.concerns[position] != .doesNotConcern && dataset.clauses[hit.index].effect != .requirement {
            let clause = clauses[position]
            let reason = Reason(kind: .clause, ruleId: clause.id, effect: clause.effect, text: dataset.clauses[clause.index].text,
                                source: dataset.clauseCitations[clause.index],
                                detail: .clause(level: clause.level, dimension: clause.dimension, units: clause.units), clauseIndex: clause.index)
            if clause.concernsProject == .concerns { applied.append(reason) } else { possible.append(reason) }
        }
        let order: (Reason) -> Int = { Effect.allCases.firstIndex(of: $0.effect) ?? 0 }
        return (applied.sorted { order($0) < order($1) }, possible.sorted { order($0) < order($1) })
    }
}
