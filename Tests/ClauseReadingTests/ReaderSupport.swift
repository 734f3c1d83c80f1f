import ClauseReading
import Foundation

/// The reader with the lexicon and category tables shipped in Sources/ClauseReading/Resources.
enum Reader {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/ClauseReading/Resources")

    static let lexicon: ReaderLexicon = {
        let read = { (name: String) in (try? String(contentsOf: resources.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        do {
            return try ReaderLexicon(lexiconCSV: read("industry-lexicon.csv"), groupsCSV: read("industry-groups.csv"))
        } catch {
            fatalError("the shipped lexicon does not load: \(error)")
        }
    }()

    static let shared = ClauseTextReader(lexicon: lexicon)
}
