import Foundation
import Formats
import Geometry
import Zoning
import Wording

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
        let writer = AnswerWriter(wording: wording, datasetName: result.dataset.name)
        switch detail {
        case .verdict: return Data(writer.verdict(result))
        case .reasons: return Data(writer.reasons(result))
        case .full: return Data(writer.full(result, dataset: dataset))
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

extension AnswerRenderer {
    /// The all-industries answer: every class's verdict on the site, grouped.
    public func json(_ verdicts: IndustryVerdicts) -> Data {
        Data(AnswerWriter(wording: wording, datasetName: dataset.metadata.name).industries(verdicts))
    }
}
