import Zoning
/// Cross-references that can be wrong in a dataset without stopping it from loading: clauses naming
/// units, industries or documents that do not exist, rules naming unknown layers.
enum ReferenceCheck {
    static func problems(clauses: [Clause], rules: RuleSet, units: [ControlUnit], metadata: DatasetMetadata,
                         catalogue: IndustryCatalogue, sensitiveLayers: [SensitiveLayer], hasParks: Bool) -> [DatasetProblem] {
        var problems: [DatasetProblem] = []
        let unitCodes = Set(units.map(\.code))
        let documents = Set(metadata.sources.map(\.id)).union(["unitLists"])
        func checkIndustries(_ owner: String, _ conditions: ProjectConditions) {
            for code in (conditions.industries ?? []) + (conditions.excludeIndustries ?? [])
            where code != ProjectConditions.chemicalDesignator && !catalogue.contains(code) {
                problems.append(.unknownIndustry(owner: owner, code: code))
            }
            for exception in conditions.exceptions ?? [] { checkIndustries(owner, exception) }
        }
        var parkOwners: [String] = []
        for clause in clauses {
            if case .units(let codes) = clause.scope {
                for code in codes where !unitCodes.contains(code) { problems.append(.clauseUnknownUnit(clause: clause.id, unit: code)) }
            }
            checkIndustries(clause.id, clause.conditions)
            // Read clauses ask about parks through their parts (园区外, 应进入化工园区).
            if clause.conditions.namesParks || (clause.readParts ?? []).contains(where: { $0.effect != .requirement && $0.conditions.namesParks }) {
                parkOwners.append(clause.id)
            }
            if !documents.contains(clause.source.document) { problems.append(.unknownSource(owner: clause.id, document: clause.source.document)) }
        }
        let layers = Set(sensitiveLayers.map(\.id))
        for rule in rules.all {
            checkIndustries(rule.id, rule.conditions)
            if rule.conditions.namesParks { parkOwners.append(rule.id) }
            if !documents.contains(rule.source.document) { problems.append(.unknownSource(owner: rule.id, document: rule.source.document)) }
            // A national rule on a layer the dataset does not have simply has nothing to act on.
            if case .sensitiveArea(let layer, _) = rule.kind, rule.origin == .dataset, !layers.contains(layer) {
                problems.append(.ruleUnknownLayer(rule: rule.id, layer: layer))
            }
        }
        if !hasParks && !parkOwners.isEmpty { problems.append(.parksLayerMissing(owners: parkOwners)) }
        for code in rules.chemicalIndustries where !catalogue.contains(code) {
            problems.append(.unknownIndustry(owner: "chemicalIndustries", code: code))
        }
        for unit in units { if let problem = UnitCode.problem(unit.code, unitClass: unit.unitClass) { problems.append(problem) } }
        return problems
    }
}

/// Unit codes look like `ZH42909920001`: "ZH", a 6-digit county code, the class digit, a 4-digit
/// sequence (inferred from published examples; no official rule text was found).
enum UnitCode {
    static func problem(_ code: String, unitClass: UnitClass) -> DatasetProblem? {
        let characters = Array(code)
        guard characters.count == 13, code.hasPrefix("ZH"), characters.dropFirst(2).allSatisfy(\.isNumber) else {
            return .malformedUnitCode(code: code, detail: "应为 ZH + 6 位区县代码 + 类别 + 4 位序号 / expected ZH + 6-digit county + class digit + 4-digit sequence")
        }
        guard characters[8] == Character(String(unitClass.rawValue)) else {
            return .malformedUnitCode(code: code, detail: "第 9 位类别码与单元类别 \(unitClass.rawValue) 不符 / class digit disagrees with class \(unitClass.rawValue)")
        }
        return nil
    }
}
