import Foundation

/// The everyday words for industries that lists and people use (钢铁, 电镀, 两高), with the GB/T 4754-2017
/// codes the clause reader takes them for: so `industries 钢铁` shows what 钢铁 covers, and a profile
/// typed as 钢铁 asks which class is meant instead of failing or guessing. The dataset side fills it from
/// the clause reader's lexicon (`IndustryWords.shipped`); a catalogue carries the words it answers with.
public struct IndustryWords: Sendable {
    /// What a word stands for.
    public struct Meaning: Sendable, Hashable {
        public let word: String
        /// Codes at any level (C31, C3120), as the lexicon or a category document gives them.
        public let codes: [String]
        /// The word means 化工, which is the project's chemical nature rather than a code.
        public let chemical: Bool
        /// Why, or the document that defines the category.
        public let note: String

        package init(word: String, codes: [String], chemical: Bool, note: String) {
            self.word = word
            self.codes = codes
            self.chemical = chemical
            self.note = note
        }
    }

    private let meanings: [String: Meaning]

    /// No words: the catalogue's codes and names alone answer.
    public static let none = IndustryWords(meanings: [:])

    /// `meanings`: word → what it stands for, already resolved (a word listed twice keeps its first meaning).
    package init(meanings: [String: Meaning]) {
        self.meanings = meanings
    }

    /// The meaning of `text` if it is one of the words (exact, after trimming), else nil.
    public func meaning(of text: String) -> Meaning? {
        meanings[text.trimmingCharacters(in: .whitespacesAndNewlines)]
    }

    /// The classes (four-digit codes) a meaning covers, in the standard's order.
    public func classes(of meaning: Meaning, in catalogue: IndustryCatalogue) -> [Industry] {
        let prefixes = meaning.codes.compactMap { catalogue.resolve($0) }
        return catalogue.industries.filter { industry in
            industry.level == .class && prefixes.contains { industry.code.hasPrefix($0) }
        }
    }
}

extension IndustryCatalogue {
    /// A code (`C2614`, `2614`), a name, or an everyday word that stands for exactly one class (炼焦 →
    /// C2521); a word standing for several classes is an error listing them, so the user picks one.
    public func code(for text: String, words: IndustryWords) throws(ProfileInputError) -> String {
        if let code = resolve(text) { return code }
        if let meaning = words.meaning(of: text) {
            let classes = words.classes(of: meaning, in: self)
            if classes.count == 1, !meaning.chemical, let only = classes.first { return only.code }
            throw .ambiguousIndustry(text, chemical: meaning.chemical, classes: classes.map { "\($0.code) \($0.name)" })
        }
        throw .unknownIndustry(text, suggestions: suggestions(for: text, limit: 5).map { "\($0.code) \($0.name)" })
    }

    /// As `code(for:words:)` with the words this catalogue carries.
    public func code(for text: String) throws(ProfileInputError) -> String {
        try code(for: text, words: words)
    }
}
