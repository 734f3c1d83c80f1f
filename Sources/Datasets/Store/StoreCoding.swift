import Formats
import Geometry
import Wording
import Zoning

// The dataset's values in the store's binary layout: each `put` has a `get` that reads the same
// fields in the same order. Enumerations are stored by their raw values and checked when read.

extension BinaryReader {
    mutating func get<T: RawRepresentable>(_: T.Type) throws(BinaryReadError) -> T where T.RawValue == String {
        let raw = try readString()
        guard let value = T(rawValue: raw) else { throw .malformed(at: position, detail: "\(T.self) \(raw)") }
        return value
    }

    mutating func getArray<T>(_ element: (inout BinaryReader) throws -> T) throws -> [T] {
        let count = try readCount()
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try element(&self)) }
        return values
    }

    mutating func getOptional<T>(_ value: (inout BinaryReader) throws -> T) throws -> T? {
        try readBool() ? try value(&self) : nil
    }

    mutating func getCRS() throws(BinaryReadError) -> CRS { CRS(epsg: Int(try read(Int32.self))) }
}

extension BinaryWriter {
    mutating func put<T: RawRepresentable>(_ value: T) where T.RawValue == String { append(value.rawValue) }

    mutating func putArray<T>(_ values: [T], _ element: (inout BinaryWriter, T) -> Void) {
        append(UInt32(values.count))
        for value in values { element(&self, value) }
    }

    mutating func putOptional<T>(_ value: T?, _ body: (inout BinaryWriter, T) -> Void) {
        append(value != nil)
        if let value { body(&self, value) }
    }

    mutating func put(_ crs: CRS) { append(Int32(clamping: crs.epsg)) }
}

// MARK: Metadata

extension BinaryWriter {
    mutating func put(_ m: DatasetMetadata) {
        append(m.name); append(m.region); append(m.regionCode); append(m.fictional); append(m.version); append(m.date)
        putArray(m.sources) { w, s in w.append(s.id); w.append(s.title); w.append(s.issuer); w.append(s.date) }
        put(m.shorelineBaseline)
        put(m.crs)
    }

    mutating func put(_ method: MeasureMethod) {
        switch method {
        case .ellipsoidal: append(UInt8(0))
        case .projected(let crs): append(UInt8(1)); put(crs)
        }
    }

    mutating func put(_ stamp: SourceStamp) {
        append(stamp.path); append(stamp.size); append(stamp.modified); append(stamp.sha256)
    }

    mutating func put(_ problem: DatasetProblem) {
        append(problem.message(.zh)); append(problem.message(.en))
    }
}

extension BinaryReader {
    mutating func getMetadata() throws -> DatasetMetadata {
        let name = try readString(), region = try readString(), regionCode = try readOptionalString()
        let fictional = try readBool(), version = try readString(), date = try readString()
        let sources = try getArray { (r: inout BinaryReader) throws in
            SourceDocument(id: try r.readString(), title: try r.readString(), issuer: try r.readOptionalString(), date: try r.readOptionalString())
        }
        return DatasetMetadata(name: name, region: region, regionCode: regionCode, fictional: fictional, version: version, date: date,
                               sources: sources, shorelineBaseline: try get(ShorelineBaseline.self), crs: try getCRS())
    }

    mutating func getMeasureMethod() throws(BinaryReadError) -> MeasureMethod {
        switch try read(UInt8.self) {
        case 0: return .ellipsoidal
        case 1: return .projected(try getCRS())
        case let other: throw .malformed(at: position, detail: "measure method \(other)")
        }
    }

    mutating func getSourceStamp() throws(BinaryReadError) -> SourceStamp {
        SourceStamp(path: try readString(), size: try read(Int64.self), modified: try read(Int64.self), sha256: try readString())
    }

    mutating func getProblem() throws(BinaryReadError) -> DatasetProblem {
        .recorded(zh: try readString(), en: try readString())
    }
}

// MARK: Clauses and rules

extension BinaryWriter {
    mutating func put(_ c: ProjectConditions) {
        append(c.industries); append(c.excludeIndustries)
        putOptional(c.natures) { w, natures in w.putArray(natures) { $0.put($1) } }
        putOptional(c.chemical) { $0.append($1) }
        append(c.flags)
        putOptional(c.park) { w, park in
            w.put(park.relation)
            w.putOptional(park.kinds) { w, kinds in w.putArray(kinds) { $0.put($1) } }
            w.append(park.compliantOnly)
            w.append(park.unrecordedKind)
        }
        putOptional(c.shoreline) { w, shoreline in w.append(shoreline.distance); w.putArray(shoreline.rivers) { $0.put($1) } }
        putOptional(c.zone) { w, zone in
            switch zone {
            case .redLine: w.append(UInt8(0))
            case .area(let role, let levels): w.append(UInt8(1)); w.append(role); w.append(levels)
            case .outsideArea(let role): w.append(UInt8(2)); w.append(role)
            }
        }
        putOptional(c.exceptions) { w, exceptions in w.putArray(exceptions) { $0.put($1) } }
        // Sorted, so the same conditions always write the same bytes (the store's hash depends on it).
        putOptional(c.partialIndustries?.sorted { $0.key < $1.key }) { w, partial in
            w.putArray(partial) { w, entry in w.append(entry.key); w.append(entry.value) }
        }
        putOptional(c.investmentBelow) { w, limit in w.append(limit.wan); w.append(limit.inclusive); w.append(limit.words) }
        append(c.namedByProducts)
    }

    mutating func put(_ citation: Citation) { append(citation.document); append(citation.article) }

    mutating func put(_ clause: Clause) {
        append(clause.id); put(clause.level)
        switch clause.scope {
        case .all: append(UInt8(0))
        case .classes(let classes): append(UInt8(1)); putArray(classes) { $0.append(UInt8($1.rawValue)) }
        case .subclasses(let names): append(UInt8(2)); append(names)
        case .units(let codes): append(UInt8(3)); append(codes)
        }
        put(clause.dimension); put(clause.conditions); put(clause.effect); append(clause.text); put(clause.source)
        append(clause.fromUnitText); append(clause.annotated); append(clause.reviewWord)
        putOptional(clause.readParts) { w, parts in w.putArray(parts) { $0.put($1) } }
    }

    mutating func put(_ part: ClausePart) {
        put(part.effect); put(part.conditions)
        putArray(part.missing) { w, missing in
            switch missing {
            case .categoryTable(let name): w.append(UInt8(0)); w.append(name)
            case .threshold(let words): w.append(UInt8(1)); w.append(words)
            case .conformity(let words): w.append(UInt8(2)); w.append(words)
            case .object(let words): w.append(UInt8(3)); w.append(words)
            case .place(let words): w.append(UInt8(4)); w.append(words)
            case .process(let words): w.append(UInt8(5)); w.append(words)
            case .product(let words): w.append(UInt8(6)); w.append(words)
            case .investment(let words): w.append(UInt8(7)); w.append(words)
            }
        }
        let e = part.evidence
        append(e.words); append(e.effectWords); append(e.inPrinciple); append(e.natureWords); append(e.industryWords)
        append(e.exceptionWords); append(e.scopeWords); append(e.rules)
    }

    mutating func put(_ rule: SpatialRule) {
        append(rule.id)
        switch rule.kind {
        case .redLine(let allowed): append(UInt8(0)); putArray(allowed) { w, a in w.append(a.flag); w.put(a.effect); w.append(a.text) }
        case .unitClass(let classes): append(UInt8(1)); putArray(classes) { $0.append(UInt8($1.rawValue)) }
        case .shorelineBand(let distance, let rivers): append(UInt8(2)); append(distance); putArray(rivers) { $0.put($1) }
        case .sensitiveArea(let layer, let levels): append(UInt8(3)); append(layer); append(levels)
        case .region: append(UInt8(4))
        }
        put(rule.conditions); put(rule.effect); append(rule.text); put(rule.source)
        put(rule.origin); append(rule.appliesIn); append(rule.note)
    }

    mutating func put(_ rules: RuleSet) {
        append(rules.chemicalIndustries)
        for list in [rules.redLineRules, rules.unitClassRules, rules.shorelineBands, rules.sensitiveAreaRules, rules.regionRules] {
            putArray(list) { $0.put($1) }
        }
        let n = rules.national
        append(n.version); append(n.enabled); append(n.regions); append(n.ruleIds); append(n.dropped); append(n.overridden)
        append(n.notApplicable); append(n.partly); append(n.regionUnknown)
        putArray(rules.declaredFlags) { w, f in w.append(f.id); w.append(f.zh); w.append(f.en); w.put(f.group) }
    }
}

extension BinaryReader {
    mutating func getUnitClass() throws(BinaryReadError) -> UnitClass {
        let raw = try read(UInt8.self)
        guard let value = UnitClass(rawValue: Int(raw)) else { throw .malformed(at: position, detail: "unit class \(raw)") }
        return value
    }

    mutating func getConditions() throws -> ProjectConditions {
        let industries = try readOptionalStrings(), excluded = try readOptionalStrings()
        let natures = try getOptional { (r: inout BinaryReader) throws in try r.getArray { (r: inout BinaryReader) throws in try r.get(ProjectNature.self) } }
        let chemical = try getOptional { (r: inout BinaryReader) throws in try r.readBool() }
        let flags = try readOptionalStrings()
        let park = try getOptional { (r: inout BinaryReader) throws -> ParkCondition in
            let relation = try r.get(ParkCondition.Relation.self)
            let kinds = try r.getOptional { (r: inout BinaryReader) throws in try r.getArray { (r: inout BinaryReader) throws in try r.get(ParkKind.self) } }
            let compliantOnly = try r.readBool()
            let unrecordedKind = try r.readOptionalString()
            return ParkCondition(relation: relation, kinds: kinds, compliantOnly: compliantOnly, unrecordedKind: unrecordedKind)
        }
        let shoreline = try getOptional { (r: inout BinaryReader) throws in
            ShorelineCondition(distance: try r.readDouble(), rivers: try r.getArray { (r: inout BinaryReader) throws in try r.get(RiverClass.self) })
        }
        let zone = try getOptional { (r: inout BinaryReader) throws -> ZoneCondition in
            switch try r.read(UInt8.self) {
            case 0: return .redLine
            case 1: return .area(role: try r.readString(), levels: try r.readOptionalStrings())
            case 2: return .outsideArea(role: try r.readString())
            case let other: throw BinaryReadError.malformed(at: r.position, detail: "zone condition \(other)")
            }
        }
        let exceptions = try getOptional { (r: inout BinaryReader) throws in try r.getArray { (r: inout BinaryReader) throws in try r.getConditions() } }
        let partial = try getOptional { (r: inout BinaryReader) throws in
            Dictionary(try r.getArray { (r: inout BinaryReader) throws in (try r.readString(), try r.readStrings()) }, uniquingKeysWith: { a, _ in a })
        }
        let investment = try getOptional { (r: inout BinaryReader) throws in
            InvestmentLimit(wan: try r.readDouble(), inclusive: try r.readBool(), words: try r.readString())
        }
        let namedByProducts = try readOptionalStrings()
        return ProjectConditions(industries: industries, excludeIndustries: excluded, natures: natures, chemical: chemical, flags: flags,
                                 park: park, shoreline: shoreline, zone: zone, exceptions: exceptions, partialIndustries: partial, investmentBelow: investment,
                                 namedByProducts: namedByProducts)
    }

    mutating func getCitation() throws(BinaryReadError) -> Citation {
        Citation(document: try readString(), article: try readOptionalString())
    }

    mutating func getClause() throws -> Clause {
        let id = try readString(), level = try get(ClauseLevel.self)
        let scope: ClauseScope
        switch try read(UInt8.self) {
        case 0: scope = .all
        case 1: scope = .classes(try getArray { (r: inout BinaryReader) throws in try r.getUnitClass() })
        case 2: scope = .subclasses(try readStrings())
        case 3: scope = .units(try readStrings())
        case let other: throw BinaryReadError.malformed(at: position, detail: "clause scope \(other)")
        }
        var clause = Clause(id: id, level: level, scope: scope, dimension: try get(Dimension.self), conditions: try getConditions(),
                            effect: try get(Effect.self), text: try readString(), source: try getCitation())
        clause.fromUnitText = try readBool()
        clause.annotated = try readBool()
        clause.reviewWord = try readOptionalString()
        clause.readParts = try getOptional { (r: inout BinaryReader) throws in try r.getArray { (r: inout BinaryReader) throws in try r.getClausePart() } }
        return clause
    }

    mutating func getClausePart() throws -> ClausePart {
        let effect = try get(Effect.self), conditions = try getConditions()
        let missing = try getArray { (r: inout BinaryReader) throws -> ClauseMissing in
            switch try r.read(UInt8.self) {
            case 0: return .categoryTable(name: try r.readString())
            case 1: return .threshold(words: try r.readString())
            case 2: return .conformity(words: try r.readString())
            case 3: return .object(words: try r.readString())
            case 4: return .place(words: try r.readString())
            case 5: return .process(words: try r.readString())
            case 6: return .product(words: try r.readString())
            case 7: return .investment(words: try r.readString())
            case let other: throw BinaryReadError.malformed(at: r.position, detail: "clause missing \(other)")
            }
        }
        let evidence = ClauseEvidence(words: try readString(), effectWords: try readOptionalString(), inPrinciple: try readBool(),
                                      natureWords: try readStrings(), industryWords: try readStrings(), exceptionWords: try readStrings(),
                                      scopeWords: try readStrings(), rules: try readStrings())
        return ClausePart(effect: effect, conditions: conditions, missing: missing, evidence: evidence)
    }

    mutating func getRule() throws -> SpatialRule {
        let id = try readString()
        let kind: SpatialRule.Kind
        switch try read(UInt8.self) {
        case 0:
            kind = .redLine(allowed: try getArray { (r: inout BinaryReader) throws in
                AllowedActivity(flag: try r.readString(), effect: try r.get(Effect.self), text: try r.readString())
            })
        case 1: kind = .unitClass(classes: try getArray { (r: inout BinaryReader) throws in try r.getUnitClass() })
        case 2: kind = .shorelineBand(distance: try readDouble(), rivers: try getArray { (r: inout BinaryReader) throws in try r.get(RiverClass.self) })
        case 3: kind = .sensitiveArea(layer: try readString(), levels: try readOptionalStrings())
        case 4: kind = .region
        case let other: throw BinaryReadError.malformed(at: position, detail: "rule kind \(other)")
        }
        return SpatialRule(id: id, kind: kind, conditions: try getConditions(), effect: try get(Effect.self), text: try readString(),
                           source: try getCitation(), origin: try get(RuleOrigin.self), appliesIn: try readOptionalString(),
                           note: try readOptionalString())
    }

    mutating func getRules() throws -> RuleSet {
        let chemical = try readStrings()
        let rule = { (r: inout BinaryReader) throws -> SpatialRule in try r.getRule() }
        let redLines = try getArray(rule), unitClass = try getArray(rule), bands = try getArray(rule)
        let sensitive = try getArray(rule), region = try getArray(rule)
        let national = NationalRulesSummary(
            version: try readOptionalString(), enabled: try readBool(), regions: try readStrings(), ruleIds: try readStrings(),
            dropped: try readStrings(), overridden: try readStrings(), notApplicable: try readStrings(), partly: try readStrings(),
            regionUnknown: try readBool())
        let flags = try getArray { (r: inout BinaryReader) throws in
            ProjectFlag(id: try r.readString(), zh: try r.readString(), en: try r.readString(), group: try r.get(ProjectFlag.Group.self))
        }
        return RuleSet(chemicalIndustries: chemical, redLineRules: redLines, unitClassRules: unitClass, shorelineBands: bands,
                       sensitiveAreaRules: sensitive, regionRules: region, national: national, declaredFlags: flags)
    }
}

// MARK: Catalogue

extension BinaryWriter {
    mutating func put(_ catalogue: IndustryCatalogue) {
        append(catalogue.source)
        putArray(catalogue.industries) { w, i in w.append(i.code); w.put(i.level); w.append(i.name); w.append(i.parent); w.append(i.note) }
    }
}

extension BinaryReader {
    mutating func getCatalogue() throws -> IndustryCatalogue {
        let source = try readString()
        let industries = try getArray { (r: inout BinaryReader) throws in
            Industry(code: try r.readString(), level: try r.get(Industry.Level.self), name: try r.readString(),
                     parent: try r.readOptionalString(), note: try r.readOptionalString())
        }
        return IndustryCatalogue(checked: industries, source: source).withShippedWords()
    }
}
