import Foundation
import Geometry

/// Applies the dataset's clauses and spatial rules to what a site touches and what its profile says.
/// It records facts only: reasons name the zones and distances, renderers word them.
package struct RuleEvaluator {
    let dataset: Dataset
    let profile: ProjectProfile?
    /// Where the site lies relative to parks, for 园区内/园区外 conditions.
    let site: SiteConditionFacts
    /// The parks the site touches (for the reasons that name them).
    let parks: [ParkHit]

    private var chemicalIndustries: [String] { dataset.rules.chemicalIndustries }

    /// Every clause whose scope covers one of the touched units: the union of every level, in report
    /// order (dimension, then level), with the touched units that bring it in. It depends on the units
    /// alone, not on the project, so engines keep it per set of units. With `decisiveOnly`, only those
    /// that can be reasons (an effect other than a plain requirement, or undecided prohibiting words).
    static func clauseScopes(_ dataset: Dataset, touchedUnits: [ControlUnit], decisiveOnly: Bool) -> [ClauseScope.Hit] {
        var hits: [ClauseScope.Hit] = []
        for index in dataset.clauseIndex.candidates(touching: touchedUnits.map(\.code), decisiveOnly: decisiveOnly) {
            let box = dataset.clauses.record(index)
            let clause = box.value
            let conditional = !clause.conditions.isEmpty || clause.reviewWord != nil || clause.readParts != nil
            var covered: [String] = []
            switch clause.scope {
            case .all:
                hits.append(ClauseScope.Hit(index: index, units: [], conditional: conditional, clause: box, source: dataset.clauseCitations[index]))
                continue
            case .classes(let wanted): for unit in touchedUnits where wanted.contains(unit.unitClass) { covered.append(unit.code) }
            case .subclasses(let names): for unit in touchedUnits where unit.subclass.map(names.contains) ?? false { covered.append(unit.code) }
            case .units(let wanted): for unit in touchedUnits where wanted.contains(unit.code) { covered.append(unit.code) }
            }
            if !covered.isEmpty {
                hits.append(ClauseScope.Hit(index: index, units: covered, conditional: conditional, clause: box, source: dataset.clauseCitations[index]))
            }
        }
        return hits
    }

    /// The clauses of `scopes` with whether each concerns the project.
    func applicableClauses(_ scopes: [ClauseScope.Hit]) -> ApplicableClauses {
        // Worked out once per site, not once per clause that names chemical projects.
        let isChemical = profile?.isChemical(chemicalIndustries: chemicalIndustries)
        var concerns: [Concern] = [], parts: [Int] = []
        concerns.reserveCapacity(scopes.count)
        parts.reserveCapacity(scopes.count)
        for position in scopes.indices {
            // Read in place through the hit's box: copying a whole Clause (texts, scope, conditions) per
            // hit showed in profiles.
            let clause = scopes[position].clause
            if !scopes[position].conditional {
                concerns.append(.concerns)
                parts.append(-1)
            } else if clause.value.reviewWord != nil {
                concerns.append(.undetermined)
                parts.append(-1)
            } else if let read = clause.value.readParts {
                let (concern, part) = Self.decide(read, profile: profile, isChemical: isChemical, site: site)
                concerns.append(concern)
                parts.append(part)
            } else {
                concerns.append(clause.value.conditions.evaluate(profile, isChemical: isChemical, site: site))
                parts.append(-1)
            }
        }
        return ApplicableClauses(dataset: dataset, scopes: scopes, concerns: concerns, parts: parts)
    }

    /// How a read clause concerns the project, and which of its parts decides: the binding part that
    /// concerns it for certain, most severe first; else one that may (a fact missing: 需论证); else one
    /// the profile leaves open; else, if none binds, its requirements. A part whose words ask for a fact
    /// nobody gives is undetermined where it would otherwise concern.
    package static func decide(_ parts: [ClausePart], profile: ProjectProfile?, isChemical: Bool?, site: SiteConditionFacts) -> (Concern, Int) {
        func rank(_ concern: Concern) -> Int {
            switch concern {
            case .concerns: 0
            case .undetermined: 1
            case .unknown: 2
            case .doesNotConcern: 3
            }
        }
        var best: (concern: Concern, part: Int, key: (Int, Int))?
        var requirement: (concern: Concern, part: Int)?
        // By index, not `for part in parts`: each iteration copied a whole part (conditions, words).
        for index in parts.indices {
            var concern = parts[index].conditions.evaluate(profile, isChemical: isChemical, site: site)
            if concern == .concerns && parts[index].missing.contains(where: { !$0.isStated(by: profile, site: site) }) { concern = .undetermined }
            let effect = parts[index].effect
            guard effect != .requirement else {
                if requirement.map({ rank(concern) < rank($0.concern) }) ?? true { requirement = (concern, index) }
                continue
            }
            let key = (rank(concern), effect.severity)
            if best.map({ key < $0.key }) ?? true { best = (concern, index, key) }
        }
        if let best, best.concern != .doesNotConcern { return (best.concern, best.part) }
        if let requirement { return (requirement.concern == .undetermined ? .concerns : requirement.concern, requirement.part) }
        return (.doesNotConcern, best?.part ?? -1)
    }

    /// Reasons that decide the verdict, and those that would if the profile said more.
    func reasons(redLines: [RedLineHit], units: [ControlUnit], shorelines: ShorelineFacts,
                 sensitive: [SensitiveAreaHit], clauses: ApplicableClauses) -> (applied: [Reason], possible: [Reason]) {
        var applied: [Reason] = [], possible: [Reason] = []
        let isChemical = profile?.isChemical(chemicalIndustries: chemicalIndustries)
        // `detail` is made only for a rule that concerns the project: most rules do not.
        func add(_ rule: borrowing SpatialRule, kind: Reason.Kind, detail: @autoclosure () -> ReasonDetail, effect: Effect? = nil, text: String? = nil,
                 missing: Undetermined.Missing? = nil) {
            let concern = rule.conditions.evaluate(profile, isChemical: isChemical, site: site)
            guard concern != .doesNotConcern else { return }
            var reason = Reason(kind: kind, ruleId: rule.id, effect: effect ?? rule.effect, text: text ?? rule.text,
                                source: dataset.citedSource(rule.source), detail: detail(), origin: rule.origin)
            if concern == .unknown {
                possible.append(reason)
                return
            }
            // A fact the dataset lacks (a park layer, a park's compliance, a protection level): 需论证.
            let gap = missing ?? (concern == .undetermined ? conditionGap(rule.conditions) : nil)
            if let gap, reason.effect != .requirement {
                reason.undetermined = Undetermined(missing: gap, ruleEffect: reason.effect)
                reason.effect = .needsAssessment
            }
            applied.append(reason)
        }

        if !redLines.isEmpty {
            let zones = redLines.map { NamedZone(code: $0.code, name: $0.name) }
            // Rules by index here and below: `for rule in` copied every rule (conditions, words, source) per site.
            let rules = dataset.rules.redLineRules
            for position in rules.indices {
                guard case .redLine(let allowedActivities) = rules[position].kind else { continue }
                if let allowed = allowedActivities.first(where: { profile?.flags.contains($0.flag) ?? false }) {
                    add(rules[position], kind: .redLine, detail: .allowedActivity(redLines: zones, activity: allowed.text), effect: allowed.effect, text: allowed.text)
                } else {
                    add(rules[position], kind: .redLine, detail: .redLines(zones))
                }
            }
        }
        let unitClassRules = dataset.rules.unitClassRules
        for position in unitClassRules.indices {
            guard case .unitClass(let classes) = unitClassRules[position].kind else { continue }
            let hit = units.filter { classes.contains($0.unitClass) }
            guard !hit.isEmpty else { continue }
            add(unitClassRules[position], kind: .unitClass, detail: .units(hit.map { NamedZone(code: $0.code, name: $0.name, unitClass: $0.unitClass) }))
        }
        let bandRules = dataset.rules.shorelineBands
        for band in shorelines.bands where band.inside {
            guard let position = bandRules.firstIndex(where: { $0.id == band.ruleId }), let nearest = band.nearest else { continue }
            add(bandRules[position], kind: .shorelineBand, detail: .shoreline(river: nearest.river, riverClass: nearest.riverClass,
                                                               metres: nearest.distance.metres, limitMetres: band.distanceMetres))
        }
        let sensitiveRules = dataset.rules.sensitiveAreaRules
        for position in sensitiveRules.indices {
            guard case .sensitiveArea(let layer, let levels) = sensitiveRules[position].kind else { continue }
            var met: [SensitiveAreaHit] = [], unread: [SensitiveAreaHit] = []
            for area in sensitive where area.layer == layer || area.role?.rawValue == layer {
                switch area.meets(levels: levels) {
                case .some(true): met.append(area)
                case nil: unread.append(area)
                case .some(false): break
                }
            }
            if let first = met.first {
                add(sensitiveRules[position], kind: .sensitiveArea, detail: .sensitiveAreas(kind: first.kind, areas: met.map { NamedZone(code: $0.code, name: $0.name, level: $0.level) }))
            } else if let first = unread.first {
                add(sensitiveRules[position], kind: .sensitiveArea, detail: .sensitiveAreas(kind: first.kind, areas: unread.map { NamedZone(code: $0.code, name: $0.name, level: $0.level) }),
                    missing: .protectionLevel(kind: first.kind, areas: unread.map(\.name)))
            }
        }
        let regionRules = dataset.rules.regionRules
        for position in regionRules.indices {
            add(regionRules[position], kind: .region,
                detail: .region(territory: regionRules[position].appliesIn, parks: placement(regionRules[position].conditions.park)))
        }
        let scopes = clauses.scopes
        // By index: `enumerated()` copied every hit.
        for position in scopes.indices where clauses.concerns[position] != .doesNotConcern && scopes[position].decisive {
            let hit = scopes[position]
            let clause = clauses[position]
            guard clause.effect != .requirement || clause.reviewWord != nil else { continue }
            let read = clause.part.flatMap { hit.clause.value.readParts?[$0] }
            var reason = Reason(kind: .clause, ruleId: clause.id, effect: clause.effect, text: hit.clause.value.text,
                                source: hit.source,
                                detail: .clause(level: clause.level, dimension: clause.dimension, units: clause.units), clauseIndex: clause.index)
            // A person decided on the clause's whole words; the reader on the span it read.
            reason.quote = read?.evidence.words ?? (clause.decision == .person ? dataset.clauses[clause.index].text : nil)
            reason.decision = clause.decision
            switch clause.concernsProject {
            case .unknown:
                possible.append(reason)
                continue
            case .undetermined:
                let gap: Undetermined.Missing?
                if let word = clause.reviewWord {
                    gap = .clauseReading(word: word)
                    reason.effect = BindingWords.effect(of: word)
                } else if let fact = read?.missing.first(where: { !$0.isStated(by: profile, site: site) }) {
                    gap = .clauseFact(fact)
                } else {
                    gap = conditionGap(read?.conditions ?? hit.clause.value.conditions)
                }
                if let gap {
                    reason.undetermined = Undetermined(missing: gap, ruleEffect: reason.effect)
                    reason.effect = .needsAssessment
                }
            case .concerns, .doesNotConcern: break
            }
            applied.append(reason)
        }
        // In place: `sorted` copied every reason into a new array.
        applied.sort { $0.effect.severity < $1.effect.severity }
        possible.sort { $0.effect.severity < $1.effect.severity }
        return (applied, possible)
    }

    /// Why a site condition cannot be decided here: no parks layer, parks of unknown compliance, or a
    /// sensitive area the dataset has no layer of (or no level for).
    private func conditionGap(_ conditions: ProjectConditions) -> Undetermined.Missing? {
        if let words = conditions.partialMatch(profile, isChemical: profile?.isChemical(chemicalIndustries: chemicalIndustries)) {
            return .clauseFact(.product(words: words))
        }
        if let limit = conditions.investmentBelow, profile?.investment == nil { return .clauseFact(.investment(words: limit.words)) }
        if let zone = conditions.zone, let role = zone.role, zone.evaluate(site) == .undetermined { return .sensitiveLayer(role: role) }
        guard conditions.namesParks else { return nil }
        guard dataset.parks != nil else { return .parksLayer }
        // In a park, but whether it is of a kind no layer records (涉重片区) is for a person.
        if let kind = conditions.park?.unrecordedKind, conditions.park?.evaluate(site.parks) == .undetermined {
            return .clauseFact(.place(words: kind))
        }
        let unknown = parks.filter { $0.compliant == nil }.map(\.name)
        return unknown.isEmpty ? nil : .parkCompliance(parks: unknown)
    }

    /// The site's place relative to the parks a condition names, for the reason's detail.
    private func placement(_ condition: ParkCondition?) -> ParkPlacement? {
        guard let condition, dataset.parks != nil else { return nil }
        var inside = 0.0
        var named: [NamedZone] = []
        for park in parks where condition.kinds?.contains(park.kind) ?? true {
            guard !condition.compliantOnly || park.compliant == true else { continue }
            inside += park.overlap.share
            named.append(NamedZone(code: park.code, name: park.name, level: park.level))
        }
        return ParkPlacement(relation: condition.relation, parks: named, shareInside: min(1, inside))
    }
}
