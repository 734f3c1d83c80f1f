import Zoning
/// A rules file as written: the dataset's own `rules.yaml` and the built-in national pack share this
/// form (docs/dataset-format.md).
struct RulesFile: Decodable {
    var chemicalIndustries: [String]?
    /// One red-line rule (the form of earlier datasets), or several under `redLines`.
    var redLine: RuleRecord?
    var redLines: [RuleRecord]?
    var unitClassRules: [RuleRecord]?
    var shorelineBands: [RuleRecord]?
    var sensitiveAreaRules: [RuleRecord]?
    var regionRules: [RuleRecord]?
    /// The flags these rules use, with their words (the page and error messages show them).
    var flags: [ProjectFlag]?

    /// Every record with the kind its section gives it, in section order.
    var sections: [(section: RuleSection, records: [RuleRecord])] {
        [(.redLines, (redLine.map { [$0] } ?? []) + (redLines ?? [])), (.unitClassRules, unitClassRules ?? []),
         (.shorelineBands, shorelineBands ?? []), (.sensitiveAreaRules, sensitiveAreaRules ?? []), (.regionRules, regionRules ?? [])]
    }
}

enum RuleSection: String, CaseIterable {
    case redLines, unitClassRules, shorelineBands, sensitiveAreaRules, regionRules
}

/// The project conditions of a rule, a clause or an exception, as written.
struct ConditionRecord: Decodable, Hashable {
    var industries: [String]?
    var excludeIndustries: [String]?
    var natures: [ProjectNature]?
    var chemical: Bool?
    var flags: [String]?
    var inPark: ParkConditionRecord?
    var outsidePark: ParkConditionRecord?
    var nearShoreline: ShorelineConditionRecord?
    /// 生态保护红线内.
    var inRedLine: Bool?
    /// In a sensitive area: `{ layer: drinkingWater, levels: [一级] }` (a layer id or role).
    var inArea: AreaConditionRecord?
    var except: [ConditionRecord]?

    /// The conditions, or what is wrong with them.
    func conditions() -> Result<ProjectConditions, ConditionProblem> {
        if inPark != nil && outsidePark != nil { return .failure(.bothParkRelations) }
        var park: ParkCondition?
        for (record, relation) in [(inPark, ParkCondition.Relation.inside), (outsidePark, .outside)] {
            guard let record else { continue }
            switch record.condition(relation) {
            case .success(let made): park = made
            case .failure(let problem): return .failure(problem)
            }
        }
        var exceptions: [ProjectConditions] = []
        for record in except ?? [] {
            switch record.conditions() {
            case .success(let made): exceptions.append(made)
            case .failure(let problem): return .failure(problem)
            }
        }
        var shoreline: ShorelineCondition?
        if let nearShoreline {
            guard nearShoreline.distance.isFinite, nearShoreline.distance > 0 else { return .failure(.shorelineDistance) }
            shoreline = ShorelineCondition(distance: nearShoreline.distance, rivers: nearShoreline.rivers ?? RiverClass.allCases)
        }
        if inRedLine == false || (inRedLine == true && inArea != nil) { return .failure(.zone) }
        let zone: ZoneCondition? = inRedLine == true ? .redLine : inArea.map { .area(role: $0.layer, levels: $0.levels) }
        return .success(ProjectConditions(industries: industries, excludeIndustries: excludeIndustries, natures: natures,
                                          chemical: chemical, flags: flags, park: park, shoreline: shoreline, zone: zone,
                                          exceptions: exceptions))
    }
}

/// `inArea: {layer: drinkingWater, levels: [一级]}`: inside an area of that sensitive layer (id or role).
struct AreaConditionRecord: Decodable, Hashable {
    var layer: String
    var levels: [String]?
}

/// `nearShoreline: {distance: 1000, rivers: [mainStream]}`: within that many metres of those shorelines.
struct ShorelineConditionRecord: Decodable, Hashable {
    var distance: Double
    var rivers: [RiverClass]?
}

enum ConditionProblem: Error, Equatable {
    case bothParkRelations
    case unknownParkKind(String)
    case shorelineDistance
    case zone

    var message: String {
        switch self {
        case .zone: "inRedLine 只能写 true，且不能与 inArea 同时给出 / inRedLine is true or absent, and not given with inArea"
        case .shorelineDistance: "nearShoreline.distance 应为正数（米）/ nearShoreline.distance must be positive metres"
        case .bothParkRelations: "inPark 与 outsidePark 不能同时给出 / inPark and outsidePark cannot both be given"
        case .unknownParkKind(let kind): "园区类型 \(kind) 应为 chemical（化工园区）或 industrial（工业园区）/ park kind \(kind) must be chemical or industrial"
        }
    }
}

/// `inPark: true`, or a mapping with `kinds` (chemical, industrial) and `compliant: true` (合规园区 only).
struct ParkConditionRecord: Decodable, Hashable {
    var kinds: [String]?
    var compliant: Bool?

    private enum Keys: String, CodingKey { case kinds, compliant }

    init(from decoder: Decoder) throws {
        if let flag = try? decoder.singleValueContainer().decode(Bool.self) {
            guard flag else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "write the condition out (true or a mapping), or leave it away; false is not a condition"))
            }
            return
        }
        let container = try decoder.container(keyedBy: Keys.self)
        kinds = try container.decodeIfPresent([String].self, forKey: .kinds)
        compliant = try container.decodeIfPresent(Bool.self, forKey: .compliant)
    }

    func condition(_ relation: ParkCondition.Relation) -> Result<ParkCondition, ConditionProblem> {
        var parsed: [ParkKind]?
        if let kinds {
            parsed = []
            for kind in kinds {
                guard let known = ParkKind(rawValue: kind) ?? (kind.contains("园区") || kind.contains("开发区") ? ParkKind(recognising: kind) : nil) else {
                    return .failure(.unknownParkKind(kind))
                }
                parsed?.append(known)
            }
        }
        return .success(ParkCondition(relation: relation, kinds: parsed, compliantOnly: compliant ?? false))
    }
}

/// One rule as written: its own members and the condition keys every rule, clause and annotation shares.
struct RuleRecord: Decodable {
    var id: String
    var effect: Effect
    var text: String
    var source: Citation
    var conditionRecord: ConditionRecord
    // Kind-specific members.
    var allowed: [AllowedActivity]?
    var classes: [Int]?
    var distance: Double?
    var rivers: [RiverClass]?
    var layer: String?
    var levels: [String]?
    // National rules.
    var appliesIn: String?
    var note: String?

    private enum Keys: String, CodingKey {
        case id, effect, text, source, allowed, classes, distance, rivers, layer, levels, appliesIn, note
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(String.self, forKey: .id)
        effect = try c.decode(Effect.self, forKey: .effect)
        text = try c.decode(String.self, forKey: .text)
        source = try c.decode(Citation.self, forKey: .source)
        conditionRecord = try ConditionRecord(from: decoder)
        allowed = try c.decodeIfPresent([AllowedActivity].self, forKey: .allowed)
        classes = try c.decodeIfPresent([Int].self, forKey: .classes)
        distance = try c.decodeIfPresent(Double.self, forKey: .distance)
        rivers = try c.decodeIfPresent([RiverClass].self, forKey: .rivers)
        layer = try c.decodeIfPresent(String.self, forKey: .layer)
        levels = try c.decodeIfPresent([String].self, forKey: .levels)
        appliesIn = try c.decodeIfPresent(String.self, forKey: .appliesIn)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    /// The rule, or why it cannot be one (`file` names where it was written in messages).
    func rule(_ section: RuleSection, origin: RuleOrigin) -> Result<SpatialRule, RuleProblem> {
        let conditions: ProjectConditions
        switch conditionRecord.conditions() {
        case .success(let made): conditions = made
        case .failure(let problem): return .failure(RuleProblem(problem.message))
        }
        let kind: SpatialRule.Kind
        switch section {
        case .redLines:
            kind = .redLine(allowed: allowed ?? [])
        case .unitClassRules:
            let parsed = (classes ?? []).compactMap(UnitClass.init(rawValue:))
            guard !parsed.isEmpty, parsed.count == classes?.count else { return .failure(RuleProblem("classes 应为 1、2、3 / classes must be 1, 2, 3")) }
            kind = .unitClass(classes: parsed)
        case .shorelineBands:
            guard let distance, distance.isFinite, distance > 0 else { return .failure(RuleProblem("distance 应为正数（米）/ distance must be positive metres")) }
            kind = .shorelineBand(distance: distance, rivers: rivers ?? RiverClass.allCases)
        case .sensitiveAreaRules:
            guard let layer else { return .failure(RuleProblem("缺少 layer / missing layer")) }
            kind = .sensitiveArea(layer: layer, levels: levels)
        case .regionRules:
            kind = .region
        }
        return .success(SpatialRule(id: id, kind: kind, conditions: conditions, effect: effect, text: text, source: source,
                                    origin: origin, appliesIn: appliesIn, note: note))
    }
}

/// Why a rule record cannot be a rule, worded for the loader's message.
struct RuleProblem: Error {
    let detail: String
    init(_ detail: String) { self.detail = detail }
}

/// A manifest's change to one national rule: the id and the members to replace (condition keys among them).
struct RuleOverride: Decodable {
    var id: String
    var effect: Effect?
    var text: String?
    var source: Citation?
    var conditions: ConditionRecord
    var allowed: [AllowedActivity]?
    var classes: [Int]?
    var distance: Double?
    var rivers: [RiverClass]?
    var layer: String?
    var levels: [String]?
    var note: String?

    private enum Keys: String, CodingKey {
        case id, effect, text, source, allowed, classes, distance, rivers, layer, levels, note
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(String.self, forKey: .id)
        effect = try c.decodeIfPresent(Effect.self, forKey: .effect)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        source = try c.decodeIfPresent(Citation.self, forKey: .source)
        conditions = try ConditionRecord(from: decoder)
        allowed = try c.decodeIfPresent([AllowedActivity].self, forKey: .allowed)
        classes = try c.decodeIfPresent([Int].self, forKey: .classes)
        distance = try c.decodeIfPresent(Double.self, forKey: .distance)
        rivers = try c.decodeIfPresent([RiverClass].self, forKey: .rivers)
        layer = try c.decodeIfPresent(String.self, forKey: .layer)
        levels = try c.decodeIfPresent([String].self, forKey: .levels)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    /// The record with this override's members in place of its own.
    func applied(to record: RuleRecord) -> RuleRecord {
        var changed = record
        if let effect { changed.effect = effect }
        if let text { changed.text = text }
        if let source { changed.source = source }
        changed.conditionRecord = conditions.replacing(record.conditionRecord)
        if let allowed { changed.allowed = allowed }
        if let classes { changed.classes = classes }
        if let distance { changed.distance = distance }
        if let rivers { changed.rivers = rivers }
        if let layer { changed.layer = layer }
        if let levels { changed.levels = levels }
        if let note { changed.note = note }
        return changed
    }
}

extension ConditionRecord {
    /// `base` with the members this record gives in place of its own (园区内 and 园区外 replace each other).
    func replacing(_ base: ConditionRecord) -> ConditionRecord {
        var changed = base
        if let industries { changed.industries = industries }
        if let excludeIndustries { changed.excludeIndustries = excludeIndustries }
        if let natures { changed.natures = natures }
        if let chemical { changed.chemical = chemical }
        if let flags { changed.flags = flags }
        if let inPark { changed.inPark = inPark; changed.outsidePark = nil }
        if let outsidePark { changed.outsidePark = outsidePark; changed.inPark = nil }
        if let nearShoreline { changed.nearShoreline = nearShoreline }
        if let inRedLine { changed.inRedLine = inRedLine; changed.inArea = nil }
        if let inArea { changed.inArea = inArea; changed.inRedLine = nil }
        if let except { changed.except = except }
        return changed
    }
}
