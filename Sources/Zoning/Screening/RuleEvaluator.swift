import Foundation
import Geometry

/// Applies the dataset's clauses and spatial rules to what a site touches and what its profile says.
struct RuleEvaluator {
    let dataset: Dataset
    let profile: ProjectProfile?
    let language: Language

    private var chemicalIndustries: [String] { dataset.rules.chemicalIndustries }

    /// Every clause whose scope covers one of the touched units: the union of every level, in report
    /// order (dimension, then level). With `decisiveOnly`, only those that can be reasons (an effect
    /// other than a plain requirement).
    func applicableClauses(touchedUnits: [ControlUnit], decisiveOnly: Bool = false) -> [ApplicableClause] {
        let codes = touchedUnits.map(\.code)
        let classes = touchedUnits.map(\.unitClass)
        let subclasses = touchedUnits.map(\.subclass)
        var result: [ApplicableClause] = []
        for index in dataset.clauseIndex.candidates(touching: codes, decisiveOnly: decisiveOnly) {
            let clause = dataset.clauses[index]
            let covered: [String]
            switch clause.scope {
            case .all: covered = []
            case .classes(let wanted): covered = codes.indices.filter { wanted.contains(classes[$0]) }.map { codes[$0] }
            case .subclasses(let names): covered = codes.indices.filter { subclasses[$0].map(names.contains) ?? false }.map { codes[$0] }
            case .units(let wanted): covered = codes.filter(wanted.contains)
            }
            if case .all = clause.scope {} else if covered.isEmpty { continue }
            let source = dataset.citation(ofClause: index, language)
            result.append(ApplicableClause(id: clause.id, level: clause.level, dimension: clause.dimension, effect: clause.effect,
                                           text: clause.text, source: source, units: covered, conditional: !clause.conditions.isEmpty,
                                           concernsProject: clause.conditions.evaluate(profile, chemicalIndustries: chemicalIndustries)))
        }
        return result
    }

    /// Reasons that decide the verdict, and those that would if the profile said more.
    func reasons(redLines: [RedLineHit], units: [ControlUnit], shorelines: ShorelineFacts,
                 sensitive: [SensitiveAreaHit], clauses: [ApplicableClause]) -> (applied: [Reason], possible: [Reason]) {
        let l = language
        var applied: [Reason] = [], possible: [Reason] = []
        func add(_ rule: SpatialRule, kind: Reason.Kind, detail: String, effect: Effect? = nil, text: String? = nil) {
            let reason = Reason(kind: kind, ruleId: rule.id, effect: effect ?? rule.effect, text: text ?? rule.text,
                                source: cite(rule.source), detail: detail)
            switch rule.conditions.evaluate(profile, chemicalIndustries: chemicalIndustries) {
            case .concerns: applied.append(reason)
            case .unknown: possible.append(reason)
            case .doesNotConcern: break
            }
        }

        if let rule = dataset.rules.redLine, !redLines.isEmpty {
            let names = redLines.map { "\($0.name)（\($0.code)）" }.joined(separator: "、")
            let detail = l.pick("涉及生态保护红线：\(names)", "touches ecological red lines: \(names)")
            if let allowed = dataset.rules.redLineAllowed.first(where: { profile?.flags.contains($0.flag) ?? false }) {
                add(rule, kind: .redLine, detail: detail + l.pick("；属于允许的有限人为活动：\(allowed.text)", "; an allowed limited activity: \(allowed.text)"),
                    effect: allowed.effect, text: allowed.text)
            } else {
                add(rule, kind: .redLine, detail: detail)
            }
        }
        for rule in dataset.rules.unitClassRules {
            guard case .unitClass(let classes) = rule.kind else { continue }
            let hit = units.filter { classes.contains($0.unitClass) }
            guard !hit.isEmpty else { continue }
            let names = hit.map { "\($0.name)（\($0.code)，\($0.unitClass.name(l))）" }.joined(separator: "、")
            add(rule, kind: .unitClass, detail: l.pick("位于 \(names)", "lies in \(names)"))
        }
        for band in shorelines.bands where band.inside {
            guard let rule = dataset.rules.shorelineBands.first(where: { $0.id == band.ruleId }), let nearest = band.nearest else { continue }
            let metres = String(format: "%.1f", nearest.distance.metres), limit = String(format: "%.0f", band.distanceMetres)
            add(rule, kind: .shorelineBand, detail: l.pick(
                "距\(nearest.river)（\(nearest.riverClass.name(l))）岸线 \(metres) 米，在 \(limit) 米范围内",
                "\(metres) m from the shoreline of \(nearest.river) (\(nearest.riverClass.name(l))), within \(limit) m"))
        }
        for rule in dataset.rules.sensitiveAreaRules {
            guard case .sensitiveArea(let layer, let levels) = rule.kind else { continue }
            let hit = sensitive.filter { $0.layer == layer && (levels == nil || $0.level.map { levels?.contains($0) ?? false } ?? false) }
            guard !hit.isEmpty else { continue }
            let names = hit.map { [$0.name, $0.level].compactMap { $0 }.joined(separator: " ") }.joined(separator: "、")
            add(rule, kind: .sensitiveArea, detail: l.pick("涉及\(hit[0].kind)：\(names)", "touches \(hit[0].kind): \(names)"))
        }
        for clause in clauses where clause.effect != .requirement && clause.concernsProject != .doesNotConcern {
            let scope = clause.units.isEmpty ? clause.level.name(l) : clause.level.name(l) + " " + clause.units.joined(separator: "、")
            let reason = Reason(kind: .clause, ruleId: clause.id, effect: clause.effect, text: clause.text, source: clause.source,
                                detail: l.pick("\(scope)·\(clause.dimension.chineseName)", "\(scope), \(clause.dimension.englishName)"))
            if clause.concernsProject == .concerns { applied.append(reason) } else { possible.append(reason) }
        }
        let order: (Reason) -> Int = { Effect.allCases.firstIndex(of: $0.effect) ?? 0 }
        return (applied.sorted { order($0) < order($1) }, possible.sorted { order($0) < order($1) })
    }

    func cite(_ citation: Citation) -> CitedSource { Dataset.cite(citation, dataset.metadata, language) }
}
