import ClauseReading
import Foundation
import Zoning

/// Reads clause files, splits unit list text into clauses, applies the annotation table and reads
/// the spatial rules.
struct ClauseReader {
    let directory: URL
    var log: ProblemLog
    private(set) var clauses: [Clause] = []
    private var ids = Set<String>()
    /// Clauses whose text the reader is to read unless a person annotates them: unit list text, and
    /// clause-file records written without an effect.
    private var unread = Set<Int>()
    /// The effect a clause file's title gives its verbless items, by clause position.
    private var headings: [Int: ListHeading] = [:]

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
            let conditions: ProjectConditions
            switch record.conditionRecord.conditions() {
            case .success(let made): conditions = made
            case .failure(let problem):
                log.fail(.fileInvalid(path: file, detail: "\(record.id): \(problem.message)"))
                continue
            }
            var clause = Clause(id: record.id, level: record.level, scope: scope, dimension: record.dimension, conditions: conditions,
                                effect: record.effect ?? .requirement, text: record.text, source: record.source)
            if record.effect == nil {
                clause.reviewWord = BindingWords.first(in: record.text)
                unread.insert(clauses.count)
                if let list = parsed.listEffect { headings[clauses.count] = list.heading }
            }
            add(clause)
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
                    clause.reviewWord = BindingWords.first(in: item)
                    unread.insert(clauses.count)
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
            guard let position = positions[annotation.clause], clauses[position].fromUnitText || unread.contains(position) else {
                log.warn(.annotationUnknownClause(annotation.clause))
                continue
            }
            // The text changed since the person decided: their decision may not fit it any more.
            if let reviewed = annotation.reviewedText, reviewed != clauses[position].text {
                log.warn(.annotationStale(clause: annotation.clause))
                continue
            }
            switch annotation.conditionRecord.conditions() {
            case .success(let conditions): clauses[position].conditions = conditions
            case .failure(let problem):
                log.fail(.fileInvalid(path: "unitClauseAnnotations", detail: "\(annotation.clause): \(problem.message)"))
                continue
            }
            clauses[position].effect = annotation.effect
            clauses[position].annotated = true
            clauses[position].reviewWord = nil
            unread.remove(position)
            if let source = annotation.source { clauses[position].source = source }
        }
    }

    /// Reads every clause nobody has decided (a person's annotation always wins).
    mutating func readTexts(with reader: DatasetClauseReader) {
        let positions = unread.sorted().filter { !clauses[$0].annotated }
        for (position, (parts, effect)) in zip(positions, reader.readAll(positions.map { (clauses[$0].text, headings[$0]) })) {
            clauses[position].readParts = parts
            clauses[position].effect = effect
            clauses[position].conditions = ProjectConditions()
            clauses[position].reviewWord = nil
        }
        unread.removeAll()
    }

    /// The dataset's own rules file, if it has one.
    mutating func readRules(_ file: String?) -> RulesFile? {
        guard let file else { return RulesFile() }
        return log.decodeYAML(directory.datasetFile(file), role: "空间规则 / rules", relativeTo: directory)
    }

    /// The national rules that hold here followed by the dataset's own, checked; nil when a rule is
    /// invalid (recorded).
    mutating func rules(national: ResolvedNationalRules, local parsed: RulesFile, file: String) -> RuleSet? {
        var made: [RuleSection: [SpatialRule]] = [:]
        var valid = true
        func add(_ record: RuleRecord, _ section: RuleSection, _ origin: RuleOrigin, _ where: String) {
            switch record.rule(section, origin: origin) {
            case .success(let rule): made[section, default: []].append(rule)
            case .failure(let problem):
                log.fail(.fileInvalid(path: `where`, detail: "\(record.id): \(problem.detail)"))
                valid = false
            }
            if !ids.insert(record.id).inserted { log.fail(.duplicateClauseID(record.id)); valid = false }
        }
        for (section, record) in national.records { add(record, section, .national, "builtin:" + BuiltInData.nationalRules) }
        for (section, records) in parsed.sections {
            for record in records {
                if national.packIds.contains(record.id) {
                    log.fail(.nationalRuleIdReused(id: record.id, file: file))
                    valid = false
                    continue
                }
                add(record, section, .dataset, file)
            }
        }
        guard valid else { return nil }
        let chemical = parsed.chemicalIndustries ?? national.chemicalIndustries ?? ["C25", "C26", "C27", "C28", "C29"]
        return RuleSet(chemicalIndustries: chemical.map(IndustryCode.normalise), redLineRules: made[.redLines] ?? [],
                       unitClassRules: made[.unitClassRules] ?? [], shorelineBands: made[.shorelineBands] ?? [],
                       sensitiveAreaRules: made[.sensitiveAreaRules] ?? [], regionRules: made[.regionRules] ?? [],
                       national: national.summary, declaredFlags: national.flags + (parsed.flags ?? []))
    }
}
