import Datasets
import Foundation
import Testing
import Wording
import Zoning

/// Everyday industry words (from the clause reader's lexicon) in profiles and in the industries search.
/// The classes below are read off GB/T 4754-2017 by hand: group 311 炼铁 has the one class 3110, 312 炼钢
/// 3120, 313 钢压延加工 3130; group 252 煤炭加工 has 2521 炼焦 among its classes.
@Suite("Industry words in profiles")
struct IndustryWordsTests {
    /// GB/T 4754-2017 answering with the shipped words, as every loaded dataset's catalogue does.
    static let catalogue = (try? IndustryCatalogueTests.catalogue())?.withShippedWords()

    @Test("钢铁 covers 炼铁, 炼钢 and 钢压延加工, and asks which one a profile means")
    func steel() throws {
        let catalogue = try #require(Self.catalogue)
        let words = IndustryWords.shipped
        let meaning = try #require(words.meaning(of: "钢铁"))
        #expect(words.classes(of: meaning, in: catalogue).map(\.code) == ["C3110", "C3120", "C3130"])
        #expect(throws: ProfileInputError.ambiguousIndustry("钢铁", chemical: false, classes: ["C3110 炼铁", "C3120 炼钢", "C3130 钢压延加工"])) {
            try catalogue.code(for: "钢铁")
        }
    }

    @Test("a dataset's catalogue answers with the words whether read from its files or from its compiled store")
    func loadedCatalogues() throws {
        // 炼焦 → C2521 as in the test below; the loader, not the caller, gives the catalogue its words.
        #expect(try TestDatasets.load("demo").catalogue.code(for: "炼焦") == "C2521")
        #expect(try TestDatasets.compiled("demo").catalogue.code(for: "炼焦") == "C2521")
    }

    @Test("a word standing for one class is taken as that class: 炼焦 → C2521")
    func coking() throws {
        let catalogue = try #require(Self.catalogue)
        #expect(try catalogue.code(for: "炼焦") == "C2521")
        // Names and codes still come first: 炼焦 is also the class's own name in the standard.
        #expect(try catalogue.code(for: "C2521") == "C2521")
    }

    @Test("化工 is the chemical nature, not an industry: the error says to use the chemical option")
    func chemicalWord() throws {
        let catalogue = try #require(Self.catalogue)
        do {
            _ = try catalogue.code(for: "化工")
            Issue.record("化工 was taken as an industry")
        } catch {
            guard case .ambiguousIndustry(_, let chemical, _) = error else { Issue.record("\(error)"); return }
            #expect(chemical)
            #expect(error.message(.zh).contains("--chemical"))
        }
    }

    @Test("a word that is neither a name nor a lexicon word is still unknown, with near names")
    func unknown() throws {
        let catalogue = try #require(Self.catalogue)
        #expect(IndustryWords.shipped.meaning(of: "飞船制造厂") == nil)
        #expect {
            try catalogue.code(for: "飞船制造厂")
        } throws: { error in
            if case ProfileInputError.unknownIndustry("飞船制造厂", _) = error { true } else { false }
        }
    }
}
