import Foundation
import Formats
import Geometry
import Zoning

/// How much each JSON answer carries.
public enum AnswerDetail: String, CaseIterable, Sendable, Codable {
    /// The site, the profile, the verdict and the ids of the rules and clauses that decide it.
    case verdict
    /// And the reasons (spatial rules with their own text and citation; clauses by id, with level,
    /// dimension, effect and the units that bring them in), the zones the site touches and its
    /// shoreline distances. The texts of the clauses the reasons cite go once per output (the clause
    /// dictionary); the complete list of applicable clauses is the `full` answer's.
    case reasons
    /// Today's self-contained answer: also every applicable clause with its text and citation, every
    /// band with its nearest shoreline, and the site's geometry.
    case full
}

/// A screening result as JSON, in one language, at one detail. Worded here (verdict and class names,
/// reason details, notes, citation titles), never in the engine.
public struct AnswerRenderer: Sendable {
    public let dataset: Dataset
    public let wording: ResultWording
    public let detail: AnswerDetail

    public init(dataset: Dataset, language: Language, detail: AnswerDetail) {
        self.dataset = dataset
        self.wording = ResultWording(language)
        self.detail = detail
    }

    public func json(_ result: ScreeningResult) -> Data {
        let encoder = CompactJSONEncoder()
        let encoded: Data?
        switch detail {
        case .verdict: encoded = try? encoder.encode(VerdictAnswer(result, wording))
        case .reasons: encoded = try? encoder.encode(ReasonsAnswer(result, wording))
        case .full: encoded = try? encoder.encode(FullAnswer(result, wording, dataset: dataset))
        }
        return encoded ?? Data("null".utf8)
    }

    /// The dataset's summary, which an output of `verdict` or `reasons` answers gives once (a member of
    /// the collection, the first record of a stream) rather than in every answer.
    public var datasetJSON: Data {
        (try? CompactJSONEncoder().encode(dataset.summary)) ?? Data("null".utf8)
    }

    /// Indices (into `Dataset.clauses`) of the clauses an answer at this detail cites by id, whose
    /// texts the output's clause dictionary gives.
    public func clausesReferred(by result: ScreeningResult) -> [Int] {
        guard detail == .reasons else { return [] }
        return (result.reasons + result.possibleReasons).compactMap(\.clauseIndex)
    }
}

/// `verdict` detail.
struct VerdictAnswer: Encodable {
    var site: SiteView
    var profile: ProfileView?
    var verdict: Verdict
    var verdictName: String
    /// The rules and clauses that decide the verdict, and those that would if the profile said more.
    var ruleIds: [String]
    var possibleRuleIds: [String]?

    init(_ result: ScreeningResult, _ wording: ResultWording) {
        site = SiteView(result.site, wording, geometry: false, leaveOutDefaults: true)
        profile = result.profile.map(ProfileView.init)
        verdict = result.verdict
        verdictName = wording.verdict(result.verdict)
        ruleIds = result.reasons.map(\.ruleId)
        possibleRuleIds = nonEmpty(result.possibleReasons.map(\.ruleId))
    }
}

/// `reasons` detail: facts and reasons, each clause's text once per output. Members that would be
/// empty, false or the default are left out (no red lines, no notes, WGS 84 input ...), and the
/// dataset is named once per output, not in every answer.
struct ReasonsAnswer: Encodable {
    var site: SiteView
    var profile: ProfileView?
    var verdict: Verdict
    var verdictName: String
    var reasons: [ReasonView]?
    var possibleReasons: [ReasonView]?
    var redLines: [RedLineHit]?
    var controlUnits: [UnitView]
    var onSharedBoundary: Bool?
    var shorelines: ShorelineSummary
    var sensitiveAreas: [SensitiveAreaHit]?
    /// How many admission-list clauses apply to the site in all (listed in the `full` answer).
    var applicableClauseCount: Int

    init(_ result: ScreeningResult, _ wording: ResultWording) {
        let name = result.dataset.name
        site = SiteView(result.site, wording, geometry: false, leaveOutDefaults: true)
        profile = result.profile.map(ProfileView.init)
        verdict = result.verdict
        verdictName = wording.verdict(result.verdict)
        reasons = nonEmpty(result.reasons.map { ReasonView(citing: $0, wording, datasetName: name) })
        possibleReasons = nonEmpty(result.possibleReasons.map { ReasonView(citing: $0, wording, datasetName: name) })
        redLines = nonEmpty(result.redLines)
        controlUnits = result.controlUnits.map { UnitView($0, wording, leaveOutDefaults: true) }
        onSharedBoundary = result.onSharedBoundary ? true : nil
        shorelines = ShorelineSummary(result.shorelines)
        sensitiveAreas = nonEmpty(result.sensitiveAreas)
        applicableClauseCount = result.clauses.count
    }
}

private func nonEmpty<T>(_ items: [T]) -> [T]? { items.isEmpty ? nil : items }

/// The profile as the `reasons` answer gives it: no empty flag list.
struct ProfileView: Encodable {
    var industry: String?
    var industryName: String?
    var nature: ProjectNature?
    var chemical: Bool?
    var flags: [String]?

    init(_ profile: ProfileSummary) {
        industry = profile.industry
        industryName = profile.industryName
        nature = profile.nature
        chemical = profile.chemical
        flags = nonEmpty(profile.flags)
    }
}

/// `full` detail: the self-contained answer.
struct FullAnswer: Encodable {
    var site: SiteView
    var profile: ProfileSummary?
    var verdict: Verdict
    var verdictName: String
    var reasons: [ReasonView]
    var possibleReasons: [ReasonView]
    var redLines: [RedLineHit]
    var controlUnits: [UnitView]
    var onSharedBoundary: Bool
    var shorelines: ShorelineFacts
    var sensitiveAreas: [SensitiveAreaHit]
    var clauses: [ClauseView]
    var dataset: DatasetSummary

    init(_ result: ScreeningResult, _ wording: ResultWording, dataset texts: Dataset) {
        let name = result.dataset.name
        site = SiteView(result.site, wording, geometry: true)
        profile = result.profile
        verdict = result.verdict
        verdictName = wording.verdict(result.verdict)
        reasons = result.reasons.map { ReasonView(full: $0, wording, datasetName: name) }
        possibleReasons = result.possibleReasons.map { ReasonView(full: $0, wording, datasetName: name) }
        redLines = result.redLines
        controlUnits = result.controlUnits.map { UnitView($0, wording) }
        onSharedBoundary = result.onSharedBoundary
        shorelines = result.shorelines
        sensitiveAreas = result.sensitiveAreas
        clauses = result.clauses.map { clause in
            ClauseView(clause, text: texts.clauses[clause.index].text,
                       source: wording.titled(texts.clauseCitations[clause.index], datasetName: name))
        }
        dataset = result.dataset
    }
}

/// The nearest shorelines and the ids of the bands that hold the site (the `full` answer also gives
/// every band with its nearest shoreline). Distances in metres, measured as the dataset says.
struct ShorelineSummary: Encodable {
    struct Nearest: Encodable {
        var river: String
        var riverClass: RiverClass
        var metres: Double
    }

    var baseline: ShorelineBaseline
    var nearestMainStream: Nearest?
    var nearestTributary: Nearest?
    var bandsInside: [String]?

    init(_ facts: ShorelineFacts) {
        func nearest(_ distance: RiverDistance?) -> Nearest? {
            distance.map { Nearest(river: $0.river, riverClass: $0.riverClass, metres: ($0.distance.metres * 1000).rounded() / 1000) }
        }
        baseline = facts.baseline
        nearestMainStream = nearest(facts.nearestMainStream)
        nearestTributary = nearest(facts.nearestTributary)
        bandsInside = nonEmpty(facts.bands.filter(\.inside).map(\.ruleId))
    }
}

struct SiteView: Encodable {
    var id: String?
    var name: String?
    var geometryType: String
    var inputCRS: String
    var webMapDatum: WebMapDatum?
    var area: AreaFigure?
    var length: LengthFigure?
    /// Share of the site inside the dataset's units; left out by `reasons` when the site is wholly inside.
    var coveredShare: Double?
    var notes: [String]?
    var geometry: Geometry?

    /// `leaveOutDefaults`: no `webMapDatum` for plain WGS 84 / CGCS2000 input, no empty `notes`, no
    /// `coveredShare` of 1.
    init(_ site: SiteSummary, _ wording: ResultWording, geometry: Bool, leaveOutDefaults: Bool = false) {
        id = site.id
        name = site.name
        geometryType = site.geometryType
        inputCRS = site.inputCRS
        webMapDatum = leaveOutDefaults && site.webMapDatum == .wgs84 ? nil : site.webMapDatum
        area = site.area
        length = site.length
        coveredShare = leaveOutDefaults && site.coveredShare == 1 ? nil : site.coveredShare
        let worded = site.notes.map(wording.note)
        notes = leaveOutDefaults ? nonEmpty(worded) : worded
        self.geometry = geometry ? site.geometry : nil
    }
}

struct ReasonView: Encodable {
    var kind: Reason.Kind
    var ruleId: String
    var effect: Effect
    /// Clauses cited by id (`reasons` detail): their level, dimension and the units that bring them
    /// in; the text and citation are in the clause dictionary.
    var level: ClauseLevel?
    var dimension: Zoning.Dimension?
    var units: [String]?
    var text: String?
    var source: CitedSource?
    var detail: String?

    /// The reason whole: its text, citation and why it applies, worded.
    init(full reason: Reason, _ wording: ResultWording, datasetName: String) {
        kind = reason.kind
        ruleId = reason.ruleId
        effect = reason.effect
        text = reason.text
        source = wording.titled(reason.source, datasetName: datasetName)
        detail = wording.detail(reason.detail)
    }

    /// A spatial rule's reason whole; a clause by id with its level, dimension and units.
    init(citing reason: Reason, _ wording: ResultWording, datasetName: String) {
        guard case .clause(let level, let dimension, let units) = reason.detail else {
            self.init(full: reason, wording, datasetName: datasetName)
            return
        }
        self.init(clause: reason, level: level, dimension: dimension, units: units)
    }

    private init(clause reason: Reason, level: ClauseLevel, dimension: Zoning.Dimension, units: [String]) {
        kind = reason.kind
        ruleId = reason.ruleId
        effect = reason.effect
        self.level = level
        self.dimension = dimension
        self.units = nonEmpty(units)
    }
}

struct UnitView: Encodable {
    var code: String
    var name: String
    var unitClass: Int
    var className: String
    var subclass: String?
    var overlap: Overlap
    var onBoundary: Bool?

    init(_ hit: UnitHit, _ wording: ResultWording, leaveOutDefaults: Bool = false) {
        code = hit.code
        name = hit.name
        unitClass = hit.unitClass
        className = wording.unitClass(hit.unitClass)
        subclass = hit.subclass
        overlap = hit.overlap
        onBoundary = leaveOutDefaults && !hit.onBoundary ? nil : hit.onBoundary
    }
}

struct ClauseView: Encodable {
    var id: String
    var level: ClauseLevel
    var dimension: Zoning.Dimension
    var effect: Effect
    var text: String?
    var source: CitedSource?
    var units: [String]
    var conditional: Bool
    var concernsProject: Concern

    init(_ clause: ApplicableClause, text: String? = nil, source: CitedSource? = nil) {
        id = clause.id
        level = clause.level
        dimension = clause.dimension
        effect = clause.effect
        self.text = text
        self.source = source
        units = clause.units
        conditional = clause.conditional
        concernsProject = clause.concernsProject
    }
}

extension AnswerRenderer {
    /// The all-industries answer: every class's verdict on the site, grouped.
    public func json(_ verdicts: IndustryVerdicts) -> Data {
        (try? CompactJSONEncoder().encode(IndustryVerdictsView(verdicts, wording))) ?? Data("null".utf8)
    }
}

struct IndustryVerdictsView: Encodable {
    struct Group: Encodable {
        var verdict: Verdict
        var verdictName: String
        var rules: [String]
        var industries: [IndustryVerdicts.Entry]
    }

    var site: SiteView
    var nature: ProjectNature?
    var counts: [String: Int]
    var groups: [Group]

    init(_ verdicts: IndustryVerdicts, _ wording: ResultWording) {
        site = SiteView(verdicts.site, wording, geometry: true)
        nature = verdicts.nature
        counts = verdicts.counts
        groups = verdicts.groups.map { Group(verdict: $0.verdict, verdictName: wording.verdict($0.verdict), rules: $0.rules, industries: $0.industries) }
    }
}
