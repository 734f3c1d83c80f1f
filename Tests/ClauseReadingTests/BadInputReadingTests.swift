import ClauseReading
import Testing

/// Text as lists are really published: the same prescription written in traditional characters, with
/// full-width digits, broken across PDF lines or numbered in any of the usual ways must read exactly as
/// its plain simplified form (worked out by hand: 禁止 → prohibited; 新建、扩建 → new, expansion; 化工 →
/// the chemical nature; 岸线1公里 → 1,000 m).
@Suite("Clause text as published")
struct BadInputReadingTests {
    static let plain = "禁止在长江干流岸线1公里范围内新建、扩建化工项目。"

    static func summary(_ text: String) -> [String] {
        Reader.shared.read(text).parts.map { part in
            "\(part.effect) \(part.natures?.map(\.rawValue) ?? []) \(part.industries?.flatMap(\.codes) ?? []) \(part.scopes.map(\.words.count))"
        }
    }

    @Test("written otherwise, read the same", arguments: [
        "禁止在長江干流岸線1公里範圍內新建、擴建化工項目。",          // traditional characters
        "禁止在长江干流岸线１公里范围内新建、扩建化工项目。",          // a full-width digit
        "禁止在长江干流岸线1公里范围内新\n建、扩建化工项目。",        // a PDF line break inside a word
        "禁止在长江干流岸线1公里范围内新建、扩建化工\r\n项目。",
        "（一）禁止在长江干流岸线1公里范围内新建、扩建化工项目。",    // numbering
        "一、禁止在长江干流岸线1公里范围内新建、扩建化工项目。",
        "1）禁止在长江干流岸线1公里范围内新建、扩建化工项目。",
        "①禁止在长江干流岸线1公里范围内新建、扩建化工项目。",
        "1.1 禁止在长江干流岸线1公里范围内新建、扩建化工项目。",
    ])
    func sameReading(text: String) {
        let expected = Self.summary(Self.plain)
        #expect(Self.summary(text).map { $0.split(separator: " ").dropLast().joined(separator: " ") }
                == expected.map { $0.split(separator: " ").dropLast().joined(separator: " ") })
        let part = Reader.shared.read(text).parts.first
        #expect(part?.effect == .prohibited && part?.natures == [.new, .expansion])
        #expect(part?.scopes.contains { if case .nearShoreline(let metres, _, _) = $0 { metres == 1_000 } else { false } } == true)
    }

    @Test("several sentences in one cell are several parts; an empty text is no prohibition")
    func cells() {
        let parts = Reader.shared.read("禁止新建化工项目。严格控制新建印染项目；现有企业应逐步搬迁入园。").parts
        #expect(parts.map(\.effect) == [.prohibited, .restricted, .requirement])
        #expect(Reader.shared.read("").parts.allSatisfy { $0.effect == .requirement })
        #expect(Reader.shared.read("   \n ").parts.allSatisfy { $0.effect == .requirement })
    }
}
