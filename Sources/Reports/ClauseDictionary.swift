import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// The texts and citations of admission-list clauses, keyed by clause id: what answers at `reasons`
/// detail refer to. Given once per output (a member of a JSON or GeoJSON collection, a side file, the
/// service's `/api/clauses`), not in every answer.
public struct ClauseDictionary: Sendable {
    public let dataset: Dataset
    public let wording: ResultWording

    public init(dataset: Dataset, language: Language) {
        self.dataset = dataset
        self.wording = ResultWording(language)
    }

    /// One clause as the dictionary gives it.
    public struct Entry: Encodable, Sendable, Equatable {
        public var id: String
        public var level: ClauseLevel
        public var dimension: Zoning.Dimension
        public var effect: Effect
        public var text: String
        public var source: CitedSource
        /// The clause names industries, natures or flags.
        public var conditional: Bool
    }

    public func entry(_ index: Int) -> Entry {
        let clause = dataset.clauses[index]
        return Entry(id: clause.id, level: clause.level, dimension: clause.dimension, effect: clause.effect, text: clause.text,
                     source: wording.titled(dataset.clauseCitations[index], datasetName: dataset.metadata.name),
                     conditional: !clause.conditions.isEmpty)
    }

    /// The positions of the clauses with these ids, in the order asked; nil for an id the dataset lacks.
    /// One pass over the clauses (a request names a few; a province has tens of thousands).
    public func indices(of ids: [String]) -> [Int?] {
        var wanted: [String: Int?] = Dictionary(ids.map { ($0, nil) }, uniquingKeysWith: { first, _ in first })
        for (index, clause) in dataset.clauses.enumerated() where wanted[clause.id] == .some(nil) { wanted[clause.id] = index }
        return ids.map { wanted[$0] ?? nil }
    }

    /// `{"id": entry, ...}` for these clauses, in dataset order.
    public func json(_ indices: some Sequence<Int>) -> Data {
        let encoder = CompactJSONEncoder()
        var bytes = Data("{".utf8)
        for (number, index) in Set(indices).sorted().enumerated() {
            guard index >= 0, index < dataset.clauses.count,
                  let key = try? encoder.encode(dataset.clauses[index].id), let value = try? encoder.encode(entry(index)) else { continue }
            if number > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(key)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(value)
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
