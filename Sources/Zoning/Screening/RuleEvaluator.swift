import Foundation
import Geometry

/// Applies the dataset's clauses and spatial rules to what a site touches and what its profile says.
/// It records facts only: reasons name the zones and distances, renderers word them.
struct RuleEvaluator {
    let dataset: Dataset
    let profile: ProjectProfile?

    private var chemicalIndustries: [String] { dataset.rules.chemicalIndustries }

    /// Every clause whose scope covers one of the touched units: the union of every level, in report
    /// order (dimension, then level). With `decisiveOnly`, only those that can be reasons (an effect
    /// other than a plain requirement).
    func applicableClauses(touchedUnits: [ControlUnit], decisiveOnly: Bool = false) -> [ApplicableClause] {
        var result: [ApplicableClause] = []
        for index in dataset.clauseIndex.candidates(touching: touchedUnits.map(\.code), decisiveOnly: decisiveOnly) {
            let clause = dataset.clauses[index]
            var covered: [String] = []
            // Plain loops: the filtered and mapped arrays of the functional version allocated per clause.
            switch clause.scope {
            case .all: break
            case .classes(let wanted): for unit in touchedUnits where wanted.contains(unit.unitClass) { covered.append(unit.code) }
            case .subclasses(let names): for unit in touchedUnits where unit.subclass.map(names.contains) ?? false { covered.append(unit.code) }
            case .units(let wanted): for unit in touchedUnits where wanted.contains(unit.code) { covered.append(unit.code) }
            }
            if case .all = clause.scope {} else if covered.isEmpty { continue }
            result.append(ApplicableClause(index: index, id: clause.id, level: clause.level, dimension: clause.dimension, effect: clause.effect,
                                           units: covered, conditional: !clause.conditions.isEmpty,
                                           concernsProject: clause.conditions.evaluate(profile, chemicalIndustries: chemicalIndustries)))
        }
        return result
    }

    /// Reasons that decide the verdict, and those that would if the profile said more.
    func reasons(redLines: [RedLineHit], units: [ControlUnit], shorelines: ShorelineFacts,
                 sensitive: [SensitiveAreaHit], clauses: [ApplicableClause]) -> (applied: [Reason], possible: [Reason]) {
        var applied: [Reason] = [], possible: [Reason] = []
        func add(_ rule: SpatialRule, kind: Reason.Kind, detail: ReasonDetail, effect: Effect? = nil, text: String? = nil) {
            let reason = Reason(kind: kind, ruleId: rule.id, effect: effect ?? rule.effect, text: text ?? rule.text,
                                source: dataset.citedSource(rule.source), detail: detail)
            switch rule.conditions.evaluate(profile, chemicalIndustries: chemicalIndustries) {
            case .concerns: applied.append(reason)
            case .unknown: possible.append(reason)
            case .doesNotConcern: break
            }
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
        for clause in clauses where clause.effect != .requirement && clause.concernsProject != .doesNotConcern {
            let reason = Reason(kind: .clause, ruleId: clause.id, effect: clause.effect, text: dataset.clauses[clause.index].text,
                                source: dataset.clauseCitations[clause.index],
                                detail: .clause(level: clause.level, dimension: clause.dimension, units: clause.units), clauseIndex: clause.index)
            if clause.concernsProject == .concerns { applied.append(reason) } else { possible.append(reason) }
        }
        let order: (Reason) -> Int = { Effect.allCases.firstIndex(of: $0.effect) ?? 0 }
        return (applied.sorted { order($0) < order($1) }, possible.sorted { order($0) < order($1) })
    }
}
