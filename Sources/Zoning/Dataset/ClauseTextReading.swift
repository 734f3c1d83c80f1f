import ClauseReading
import Foundation

/// The clause reader as datasets use it: the shipped lexicon and category tables, with the dataset's
/// own category tables (`industryGroups`) added, and its readings turned into clause parts.
struct DatasetClauseReader {
    let reader: ClauseTextReader

    /// The shipped lexicon, or the problem that stops the load (a dataset read without it would take
    /// every published clause for a requirement).
    static func shippedLexicon(_ log: inout ProblemLog) -> ReaderLexicon? {
        guard let (lexicon, _) = BuiltInData.contents(BuiltInData.readerLexicon) else {
            log.fail(.builtInMissing(name: BuiltInData.readerLexicon, looked: BuiltInData.candidates(BuiltInData.readerLexicon).map(\.path)))
            return nil
        }
        guard let (groups, _) = BuiltInData.contents(BuiltInData.readerGroups) else {
            log.fail(.builtInMissing(name: BuiltInData.readerGroups, looked: BuiltInData.candidates(BuiltInData.readerGroups).map(\.path)))
            return nil
        }
        do {
            return try ReaderLexicon(lexiconCSV: String(decoding: lexicon, as: UTF8.self), groupsCSV: String(decoding: groups, as: UTF8.self))
        } catch {
            log.fail(.fileInvalid(path: "builtin:" + BuiltInData.readerLexicon, detail: "\(error)"))
            return nil
        }
    }

    init(lexicon: ReaderLexicon) {
        reader = ClauseTextReader(lexicon: lexicon)
    }

    /// The text's parts, effect (the most severe part's) and conditions.
    func read(_ text: String) -> (parts: [ClausePart], effect: Effect) {
        let parts = reader.read(text).parts.map(ClausePart.init)
        let effect = parts.map(\.effect).min { (Effect.allCases.firstIndex(of: $0) ?? 0) < (Effect.allCases.firstIndex(of: $1) ?? 0) } ?? .requirement
        return (parts, effect)
    }
}

extension ClausePart {
    /// A reader's part as the zoning model holds it.
    init(_ part: ReadPart) {
        func designators(_ terms: [ReadTerm]) -> [String] {
            terms.flatMap { term in
                term.codes.map { $0 == "chemical" ? ProjectConditions.chemicalDesignator : $0 }
                    + term.flags.map { ProjectConditions.flagPrefix + $0 }
            }
        }
        var park: ParkCondition?, shoreline: ShorelineCondition?, zone: ZoneCondition?
        for scope in part.scopes {
            switch scope {
            case .outsidePark(let chemical, let compliant, _):
                park = ParkCondition(relation: .outside, kinds: chemical ? [.chemical] : nil, compliantOnly: compliant)
            case .inPark(let chemical, let compliant, _):
                park = ParkCondition(relation: .inside, kinds: chemical ? [.chemical] : nil, compliantOnly: compliant)
            case .nearShoreline(let metres, let rivers, _):
                shoreline = ShorelineCondition(distance: metres, rivers: rivers?.compactMap(RiverClass.init(rawValue:)) ?? RiverClass.allCases)
            case .inArea(let role, let levels, _):
                zone = .area(role: role, levels: levels)
            case .inRedLine:
                zone = .redLine
            }
        }
        let exceptions = part.exceptions.filter { $0.natures != nil || !$0.flags.isEmpty }.map { exception in
            ProjectConditions(natures: exception.natures?.compactMap { ProjectNature(rawValue: $0.rawValue) },
                              flags: exception.flags.isEmpty ? nil : exception.flags)
        }
        let excluded = designators(part.excluded).filter { !$0.hasPrefix(ProjectConditions.flagPrefix) && $0 != ProjectConditions.chemicalDesignator }
        let industries = part.industries.map(designators)
        let conditions = ProjectConditions(
            industries: industries?.isEmpty == true ? nil : industries, excludeIndustries: excluded.isEmpty ? nil : excluded,
            natures: part.natures?.compactMap { ProjectNature(rawValue: $0.rawValue) }, park: park, shoreline: shoreline, zone: zone,
            exceptions: exceptions)
        let missing: [ClauseMissing] = part.missing.map { missing in
            switch missing {
            case .categoryTable(let name): .categoryTable(name: name)
            case .threshold(let words): .threshold(words: words)
            case .conformity(let words): .conformity(words: words)
            case .object(let words): .object(words: words)
            }
        }
        let effect: Effect = switch part.effect {
        case .prohibited: .prohibited
        case .restricted: .restricted
        case .needsAssessment: .needsAssessment
        case .requirement: .requirement
        }
        self.init(effect: effect, conditions: conditions, missing: missing, evidence: ClauseEvidence(
            words: part.words, effectWords: part.effectWords, inPrinciple: part.inPrinciple, natureWords: part.natureWords,
            industryWords: (part.industries ?? []).map(\.words), exceptionWords: part.exceptions.map(\.words) + part.excluded.map(\.words),
            scopeWords: part.scopes.map(\.words), rules: part.rules))
    }
}
