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
        switch detail {
        case .verdict: return Data(LeanAnswer(wording: wording, datasetName: result.dataset.name).verdict(result))
        case .reasons: return Data(LeanAnswer(wording: wording, datasetName: result.dataset.name).reasons(result))
        case .full: return (try? CompactJSONEncoder().encode(FullAnswer(result, wording, dataset: dataset))) ?? Data("null".utf8)
        }
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
        reasons = result.reasons.map { ReasonView($0, wording, datasetName: name) }
        possibleReasons = result.possibleReasons.map { ReasonView($0, wording, datasetName: name) }
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

struct SiteView: Encodable {
    var id: String?
    var name: String?
    var geometryType: String
    var inputCRS: String
    var webMapDatum: WebMapDatum
    var area: AreaFigure?
    var length: LengthFigure?
    var coveredShare: Double
    var notes: [String]
    var geometry: Geometry?

    init(_ site: SiteSummary, _ wording: ResultWording, geometry: Bool) {
        id = site.id
        name = site.name
        geometryType = site.geometryType
        inputCRS = site.inputCRS
        webMapDatum = site.webMapDatum
        area = site.area
        length = site.length
        coveredShare = site.coveredShare
        notes = site.notes.map(wording.note)
        self.geometry = geometry ? site.geometry : nil
    }
}

struct ReasonView: Encodable {
    var kind: Reason.Kind
    var ruleId: String
    var effect: Effect
    var text: String
    var source: CitedSource
    var detail: String

    /// The reason whole: its text, citation and why it applies, worded.
    init(_ reason: Reason, _ wording: ResultWording, datasetName: String) {
        kind = reason.kind
        ruleId = reason.ruleId
        effect = reason.effect
        text = reason.text
        source = wording.titled(reason.source, datasetName: datasetName)
        detail = wording.detail(reason.detail)
    }
}

struct UnitView: Encodable {
    var code: String
    var name: String
    var unitClass: Int
    var className: String
    var subclass: String?
    var overlap: Overlap
    var onBoundary: Bool

    init(_ hit: UnitHit, _ wording: ResultWording) {
        code = hit.code
        name = hit.name
        unitClass = hit.unitClass
        className = wording.unitClass(hit.unitClass)
        subclass = hit.subclass
        overlap = hit.overlap
        onBoundary = hit.onBoundary
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
