import ClauseReading
import Foundation
import Zoning

extension IndustryWords {
    /// The words shipped with the clause reader (none when its lexicon cannot be read: the catalogue
    /// alone answers).
    public static let shipped: IndustryWords = {
        var log = ProblemLog()
        return IndustryWords(lexicon: DatasetClauseReader.shippedLexicon(&log))
    }()

    /// The lexicon's words first (exact entries), then its category tables' names and words.
    init(lexicon: ReaderLexicon?) {
        guard let lexicon else { self = .none; return }
        var meanings: [String: Meaning] = [:]
        for entry in lexicon.entries where meanings[entry.word] == nil {
            meanings[entry.word] = Meaning(word: entry.word, codes: entry.codes.filter { $0 != "chemical" },
                                           chemical: entry.codes.contains("chemical"), note: entry.note)
        }
        for group in lexicon.groups {
            let note = group.note.isEmpty ? group.document : "\(group.note)（\(group.document)）"
            for word in [group.name] + group.words where meanings[word] == nil {
                meanings[word] = Meaning(word: word, codes: group.codes.filter { $0 != "chemical" },
                                         chemical: group.codes.contains("chemical"), note: note)
            }
        }
        self.init(meanings: meanings)
    }
}

extension IndustryCatalogue {
    /// This catalogue answering typed words with the clause reader's (read on first need).
    public func withShippedWords() -> IndustryCatalogue {
        var catalogue = self
        catalogue.wordSource = { IndustryWords.shipped }
        return catalogue
    }
}
