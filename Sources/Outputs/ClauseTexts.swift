import Foundation
import Formats
import Reports

/// Gives each referred clause's text once per output: as a `clauses` member at the end of a JSON or
/// GeoJSON collection (after the results, so the output still streams), as a `clauseTexts` member of
/// the first stream record that refers to it (GeoJSONSeq, NDJSON), or with `--clauses FILE` in that
/// file alone.
public final class ClauseTexts {
    private let dictionary: ClauseDictionary
    private let sideFile: AtomicOutput?
    private var referred = Set<Int>()
    /// Referred to since the last stream record took them.
    private var pending: [Int] = []

    public init(dictionary: ClauseDictionary, sideFile: AtomicOutput? = nil) {
        self.dictionary = dictionary
        self.sideFile = sideFile
    }

    public func refer(to indices: [Int]) {
        for index in indices where referred.insert(index).inserted { pending.append(index) }
    }

    /// For a stream record: the texts not given before, unless they go to a side file.
    func newTextsMember() -> Data? {
        guard sideFile == nil, !pending.isEmpty else { return nil }
        defer { pending.removeAll(keepingCapacity: true) }
        return dictionary.json(pending)
    }

    /// For a collection: `,"clauses":{...}`, or nothing when they go to a side file.
    public func collectionMember() -> Data {
        guard sideFile == nil else { return Data() }
        return Data(#","clauses":"#.utf8) + dictionary.json(referred)
    }

    /// Writes the side file, if there is one.
    func finish() throws {
        guard let sideFile else { return }
        try sideFile.write(dictionary.json(referred) + Data("\n".utf8))
        try sideFile.commit()
    }

    /// The record (a JSON object, possibly followed by a line feed or preceded by a record separator)
    /// with one more member, `key` (`"name":`) and `value`, at its end.
    static func adding(_ key: String, _ value: Data, toRecord record: Data) -> Data {
        guard let close = record.lastIndex(of: UInt8(ascii: "}")) else { return record }
        var joined = Data(record[..<close])
        joined.append(UInt8(ascii: ","))
        joined.append(contentsOf: Array(key.utf8))
        joined.append(value)
        joined.append(record[close...])
        return joined
    }
}
