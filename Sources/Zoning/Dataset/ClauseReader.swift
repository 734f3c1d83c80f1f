import Foundation

/// Reads clause files, splits unit list text into clauses, applies the annotation table and reads
/// the spatial rules.
struct ClauseReader {
    let directory: URL
    var log: ProblemLog
    private(set) var clauses: [Clause] = []
    private var ids = Set<String>()

    init(directory: URL, log: ProblemLog) {
        self.directory = directory
        self.log = log
    }

    private mutating func add(_ clause: Clause) {
        if !ids.insert(clause.id).inserted { log.fail(.duplicateClauseID(clause.id)) }
        clauses.append(clause)
    }

    mutating func readClauseFile(_ file: String) {
        guard let parsed: ClauseFile = log.decodeYAML(directory.datasetFile(file), role: "准入清单 / clause file", relativeTo: directory) else { return }
        addClauses(parsed, file: file)
    }

    mutating func addClauses(_ parsed: ClauseFile, file: String) {
        for record in parsed.clauses {
            let scope: ClauseScope
            switch record.scope {
            case .all: scope = .all
            case .subclasses(let names): scope = .subclasses(names)
            case .units(let codes): scope = .units(codes)
            case .classes(let numbers):
                let classes = numbers.compactMap(UnitClass.init(rawValue:))
                if classes.count != numbers.count {
                    log.fail(.fileInvalid(path: file, detail: "\(record.id): scope.classes 只能是 1、2、3 / must be 1, 2 or 3"))
                }
                scope = .classes(classes)
            }
            let conditions = ProjectConditions(industries: record.industries, excludeIndustries: record.excludeIndustries,
                                               natures: record.natures, chemical: record.chemical, flags: record.flags)
            add(Clause(id: record.id, level: record.level, scope: scope, dimension: record.dimension, conditions: conditions,
                       effect: record.effect, text: record.text, source: record.source))
        }
    }

    /// Unit lists published as free text become clauses `<unit>-<dimension>-<n>`.
    mutating func addUnitTextClauses(units: [ControlUnit], listFields: [String: String]?) {
        guard listFields != nil else { return }
        for unit in units {
            for dimension in Dimension.allCases {
                guard let text = unit.listText[dimension] else { continue }
                for (number, item) in ListTextSplitter.split(text).enumerated() {
                    var clause = Clause(id: "\(unit.code)-\(dimension.rawValue)-\(number + 1)", level: .unit, scope: .units([unit.code]),
                                        dimension: dimension, conditions: ProjectConditions(), effect: .requirement, text: item,
                                        source: Citation(document: "unitLists", article: unit.code))
                    clause.fromUnitText = true
                    add(clause)
                }
            }
        }
    }

    mutating func applyAnnotations(_ file: String) {
        guard let parsed: AnnotationFile = log.decodeYAML(directory.datasetFile(file), role: "单元条款注释表 / annotation table", relativeTo: directory) else { return }
        applyAnnotations(parsed)
    }

    mutating func applyAnnotations(_ parsed: AnnotationFile) {
        let positions = Dictionary(clauses.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for annotation in parsed.annotations {
            guard let position = positions[annotation.clause], clauses[position].fromUnitText else {
                log.warn(.annotationUnknownClause(annotation.clause))
                continue
            }
            clauses[position].conditions = ProjectConditions(
                industries: annotation.industries, excludeIndustries: annotation.excludeIndustries,
                natures: annotation.natures, chemical: annotation.chemical, flags: annotation.flags)
            clauses[position].effect = annotation.effect
            if let source = annotation.source { clauses[position].source = source }
        }
    }

    mutating func readRules(_ file: String) -> RuleSet? {
        guard let parsed: RulesFile = log.decodeYAML(directory.datasetFile(file), role: "空间规则 / rules", relativeTo: directory) else { return nil }
        return rules(parsed, file: file)
    }

    mutating func rules(_ parsed: RulesFile, file: String) -> RuleSet {
        func rule(_ record: RulesFile.RuleRecord, _ kind: SpatialRule.Kind) -> SpatialRule {
            SpatialRule(id: record.id, kind: kind, conditions: record.conditions, effect: record.effect, text: record.text, source: record.source)
        }
        func invalid(_ record: RulesFile.RuleRecord, _ detail: String) {
            log.fail(.fileInvalid(path: file, detail: "\(record.id): \(detail)"))
        }
        let unitClassRules = (parsed.unitClassRules ?? []).map { record in
            let classes = (record.classes ?? []).compactMap(UnitClass.init(rawValue:))
            if classes.isEmpty || classes.count != record.classes?.count { invalid(record, "classes 应为 1、2、3 / classes must be 1, 2, 3") }
            return rule(record, .unitClass(classes: classes))
        }
        let bands = (parsed.shorelineBands ?? []).map { record in
            guard let distance = record.distance, distance.isFinite, distance > 0 else {
                invalid(record, "distance 应为正数（米）/ distance must be positive metres")
                return rule(record, .shorelineBand(distance: 0, rivers: []))
            }
            let rivers = record.rivers ?? RiverClass.allCases
            return rule(record, .shorelineBand(distance: distance, rivers: rivers))
        }
        let sensitive = (parsed.sensitiveAreaRules ?? []).map { record in
            if record.layer == nil { invalid(record, "缺少 layer / missing layer") }
            return rule(record, .sensitiveArea(layer: record.layer ?? "", levels: record.levels))
        }
        for record in [parsed.redLine].compactMap({ $0 }) + (parsed.unitClassRules ?? []) + (parsed.shorelineBands ?? []) + (parsed.sensitiveAreaRules ?? []) {
            if !ids.insert(record.id).inserted { log.fail(.duplicateClauseID(record.id)) }
        }
        return RuleSet(chemicalIndustries: (parsed.chemicalIndustries ?? ["C25", "C26", "C27", "C28", "C29"]).map(IndustryCode.normalise),
                       redLine: parsed.redLine.map { rule($0, .redLine) }, redLineAllowed: parsed.redLine?.allowed ?? [],
                       unitClassRules: unitClassRules, shorelineBands: bands, sensitiveAreaRules: sensitive)
    }
}
