import ClauseReading
import Foundation
import Zoning

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

    /// Every text read once (lists repeat the same words across many units), the distinct texts
    /// spread over the cores; in the order given.
    func readAll(_ texts: [(text: String, heading: ListHeading?)]) -> [(parts: [ClausePart], effect: Effect)] {
        var firstOf: [ReadingInput: Int] = [:]
        var distinct: [ReadingInput] = []
        let slots = texts.map { item in
            let input = ReadingInput(text: item.text, heading: item.heading)
            if let slot = firstOf[input] { return slot }
            firstOf[input] = distinct.count
            distinct.append(input)
            return distinct.count - 1
        }
        let readings = ReadingSlots(count: distinct.count)
        let chunk = 64
        let sources = distinct
        DispatchQueue.concurrentPerform(iterations: (sources.count + chunk - 1) / chunk) { block in
            for index in (block * chunk)..<min(sources.count, (block + 1) * chunk) {
                readings.store(read(sources[index].text, heading: sources[index].heading), at: index)
            }
        }
        return slots.map { readings.value(at: $0) }
    }

    /// The text's parts, effect (the most severe part's) and conditions.
    func read(_ text: String, heading: ListHeading? = nil) -> (parts: [ClausePart], effect: Effect) {
        let parts = reader.read(text, heading: heading).parts.map(ClausePart.init)
        let effect = parts.map(\.effect).min { (Effect.allCases.firstIndex(of: $0) ?? 0) < (Effect.allCases.firstIndex(of: $1) ?? 0) } ?? .requirement
        return (parts, effect)
    }
}

private struct ReadingInput: Hashable, Sendable {
    let text: String
    let heading: ListHeading?
}

/// Results written by concurrent readers, each into its own slot.
/// `@unchecked Sendable`: every index is written by exactly one iteration of `concurrentPerform`
/// (the blocks do not overlap) and read only after `concurrentPerform` has returned, which orders the
/// writes before the reads; the buffer is allocated once and never resized.
private final class ReadingSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<(parts: [ClausePart], effect: Effect)>
    let count: Int

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer.allocate(capacity: max(count, 1))
        base.initialize(repeating: ([], .requirement), count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func store(_ reading: (parts: [ClausePart], effect: Effect), at index: Int) { base[index] = reading }
    func value(at index: Int) -> (parts: [ClausePart], effect: Effect) { base[index] }
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
            case .outsideUnrecordedPark(let kind, _):
                park = ParkCondition(relation: .outside, unrecordedKind: kind)
            case .nearShoreline(let metres, let rivers, _):
                shoreline = ShorelineCondition(distance: metres, rivers: rivers?.compactMap(RiverClass.init(rawValue:)) ?? RiverClass.allCases)
            case .inArea(let role, let levels, _):
                zone = .area(role: role, levels: levels)
            case .outsideArea(let role, _):
                zone = .outsideArea(role: role)
            case .inRedLine:
                zone = .redLine
            }
        }
        let exceptions = part.exceptions.compactMap { exception -> ProjectConditions? in
            if exception.natures != nil || !exception.flags.isEmpty {
                return ProjectConditions(natures: exception.natures?.compactMap { ProjectNature(rawValue: $0.rawValue) },
                                         flags: exception.flags.isEmpty ? nil : exception.flags)
            }
            // An exception no condition says (环保型项目除外): met when the project's own words claim it.
            let claim = ExceptionClaim.words(exception.words)
            return claim.isEmpty ? nil : ProjectConditions(namedByProducts: [claim])
        }
        let excluded = designators(part.excluded).filter { !$0.hasPrefix(ProjectConditions.flagPrefix) && $0 != ProjectConditions.chemicalDesignator }
        let industries = part.industries.map(designators)
        // A code some word names only in part, and no word names wholly (聚氯乙烯 alone, not 合成树脂).
        func designator(_ code: String) -> String { code == "chemical" ? ProjectConditions.chemicalDesignator : code }
        var partial: [String: [String]] = [:]
        for term in part.industries ?? [] {
            for code in term.partialCodes where !(partial[designator(code)] ?? []).contains(term.words) {
                partial[designator(code), default: []].append(term.words)
            }
        }
        for term in part.industries ?? [] { for code in term.codes where !term.partialCodes.contains(code) { partial[designator(code)] = nil } }
        let conditions = ProjectConditions(
            industries: industries?.isEmpty == true ? nil : industries, excludeIndustries: excluded.isEmpty ? nil : excluded,
            natures: part.natures?.compactMap { ProjectNature(rawValue: $0.rawValue) }, park: park, shoreline: shoreline, zone: zone,
            exceptions: exceptions, partialIndustries: partial.isEmpty ? nil : partial,
            investmentBelow: part.investmentBelow.map { InvestmentLimit(wan: $0.wan, inclusive: $0.inclusive, words: $0.words) })
        let missing: [ClauseMissing] = part.missing.map { missing in
            switch missing {
            case .categoryTable(let name): .categoryTable(name: name)
            case .threshold(let words): .threshold(words: words)
            case .conformity(let words): .conformity(words: words)
            case .object(let words): .object(words: words)
            case .place(let words): .place(words: words)
            case .process(let words): .process(words: words)
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

/// A clause's text read and judged against one project and site as screening judges it, without a
/// dataset: for the reader's case tables, its benchmark and the review sheet.
public struct ClauseJudge: Sendable {
    public struct Judgement: Sendable {
        public var concern: Concern
        /// The deciding part's effect (requirement when no part binds).
        public var effect: Effect
        public var quote: String?
        public var missing: [ClauseMissing]
        public var parts: [ClausePart]
    }

    let reader: DatasetClauseReader
    let chemicalIndustries: [String]

    /// The shipped lexicon with `groups` (name → codes) added as a dataset's industryGroups would be.
    public init(groups: [String: [String]] = [:], chemicalIndustries: [String] = ["C25", "C26", "C27", "C28", "C29"]) throws(DatasetError) {
        var log = ProblemLog()
        guard let lexicon = DatasetClauseReader.shippedLexicon(&log) else { throw DatasetError(path: "builtin", problems: log.fatal) }
        let local = groups.map { ReaderLexicon.Group(name: $0.key, words: IndustryGroupsReader.spellings($0.key, nil), codes: $0.value, document: "") }
        var withLocal = lexicon.adding(local)
        if let catalogue = DatasetLoader.readCatalogue(nil, in: URL(fileURLWithPath: "/"), &log) {
            withLocal = withLocal.adding(catalogueNames: catalogue.industries.map { ($0.name, $0.code) })
        }
        reader = DatasetClauseReader(lexicon: withLocal)
        self.chemicalIndustries = chemicalIndustries
    }

    /// The reader's version, as compiled stores record it.
    public static var readerVersion: String { ClauseTextReader.version }

    public func parts(_ text: String) -> [ClausePart] { reader.read(text).parts }

    /// Every text's parts, read as a dataset's compilation reads its clauses (each distinct text once,
    /// over all cores).
    public func partsOfAll(_ texts: [String]) -> [[ClausePart]] { reader.readAll(texts.map { ($0, nil) }).map(\.parts) }

    /// `listEffect`: the effect, natures and title of the list the clause stands in (a negative list of
    /// noun phrases), as a clause file's `listEffect` gives it.
    public func judge(_ text: String, profile: ProjectProfile, site: SiteConditionFacts,
                      listEffect: (effect: Effect, natures: [ProjectNature]?, words: String)? = nil) -> Judgement {
        let heading = listEffect.map { list in
            ClauseFile.ListEffectRecord(effect: list.effect, natures: list.natures, words: list.words).heading
        }
        let parts = reader.read(text, heading: heading).parts
        let (concern, index) = RuleEvaluator.decide(parts, profile: profile, isChemical: profile.isChemical(chemicalIndustries: chemicalIndustries), site: site)
        let part = index >= 0 ? parts[index] : nil
        return Judgement(concern: concern, effect: part?.effect ?? .requirement, quote: part?.evidence.words, missing: part?.missing ?? [], parts: parts)
    }
}

/// The words a user's products must contain to claim an exception nobody could read: （环保型项目除外） →
/// 环保型, 列入……目录的项目除外 → 列入……目录.
enum ExceptionClaim {
    static func words(_ exception: String) -> String {
        var words = exception.filter { !"（）()，,".contains($0) }
        if words.hasPrefix("除") { words.removeFirst() }
        for tail in ["以外", "之外", "除外", "外"] where words.hasSuffix(tail) { words.removeLast(tail.count); break }
        for tail in ["的项目", "的企业", "项目", "企业", "的"] where words.hasSuffix(tail) { words.removeLast(tail.count); break }
        return words.count >= 2 ? words : ""
    }
}
