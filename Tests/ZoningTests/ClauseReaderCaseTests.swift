import Datasets
import Foundation
import Testing
import TestSupport
import Zoning

/// The clause reader against Fixtures/clauses/reader-cases.csv: synthetic clauses written in the way lists
/// phrase them, each judged by hand against a project and a site (the file says how).
@Suite("Reading admission-list clauses")
struct ClauseReaderCaseTests {
    static let table = FixtureTable.load("clauses/reader-cases.csv")
    static let judge: ClauseJudge? = try? ClauseJudge()

    /// The site each case names, as screening would describe it. The dataset has drinking-water and
    /// nature-reserve layers (the site lies in none of them) and a parks layer.
    static func site(_ name: String) -> SiteConditionFacts {
        let roles: Set<String> = ["drinkingWater", "natureReserve"]
        let far: [RiverClass: Double] = [.mainStream: 8_000, .importantTributary: 12_000, .tributary: 9_000]
        switch name {
        case "inCompliantChemicalPark":
            return SiteConditionFacts(parks: [.init(kind: .chemical, compliant: true, share: 1)], shorelineMetres: far, roles: roles)
        case "inPark":
            return SiteConditionFacts(parks: [.init(kind: .industrial, compliant: true, share: 1)], shorelineMetres: far, roles: roles)
        case "nearMain800":
            return SiteConditionFacts(parks: [], shorelineMetres: [.mainStream: 800, .importantTributary: 9_000, .tributary: 5_000], roles: roles)
        default:
            return SiteConditionFacts(parks: [], shorelineMetres: far, roles: roles)
        }
    }

    @Test("each case is read as a person reads it", arguments: table.rows)
    func reads(row: FixtureTable.Row) throws {
        let judge = try #require(Self.judge, "the shipped lexicon does not load")
        let text = row["text"].replacingOccurrences(of: "\\n", with: "\n")
        let profile = ProjectProfile(industry: row["industry"], nature: ProjectNature(rawValue: row["nature"]))
        let judgement = judge.judge(text, profile: profile, site: Self.site(row["site"]))
        let seen = "\(judgement.concern) \(judgement.effect) «\(judgement.quote ?? "")» \(judgement.missing) rules \(judgement.parts.map(\.evidence.rules))"
        switch row["expect"] {
        case "binds":
            #expect(judgement.concern == .concerns && judgement.effect.rawValue == row["effect"], "\(seen)")
        case "doesNotConcern":
            #expect(judgement.concern == .doesNotConcern || judgement.effect == .requirement, "\(seen)")
        case "open":
            // The profile does not say what the clause asks (a flag nobody answered): listed as possibly applying.
            #expect(judgement.concern == .unknown && judgement.effect != .requirement, "\(seen)")
        case "mayConcern":
            #expect(judgement.concern == .undetermined && judgement.effect != .requirement, "\(seen)")
        case "requirement":
            #expect(judgement.effect == .requirement, "\(seen)")
        default:
            Issue.record("unknown expectation \(row["expect"])")
        }
    }

    /// GB/T 4754-2017 C3360 is 金属表面处理及热处理加工: electroplating and heat treatment both; the clause
    /// names electroplating alone, so only the project's own words can say which it is.
    @Test("a word that names only part of the class: may concern, naming the product; the user's product words settle it")
    func partialWordAndProducts() throws {
        let judge = try #require(Self.judge)
        let text = "禁止新建、扩建电镀项目。"
        var profile = ProjectProfile(industry: "C3360", nature: .new)
        let unsaid = judge.judge(text, profile: profile, site: Self.site("outside"))
        #expect(unsaid.concern == .undetermined && unsaid.effect == .prohibited)
        profile.products = "含电镀工序的五金件加工"
        let said = judge.judge(text, profile: profile, site: Self.site("outside"))
        #expect(said.concern == .concerns && said.effect == .prohibited)
        profile.products = "只做热处理，不含电镀"
        #expect(judge.judge(text, profile: profile, site: Self.site("outside")).concern == .undetermined)
        // A project of another class is not concerned whatever its words say.
        let other = judge.judge(text, profile: ProjectProfile(industry: "I6513", nature: .new, products: "电镀行业软件"), site: Self.site("outside"))
        #expect(other.concern == .doesNotConcern)
    }

    /// Synthetic text in the way chemical-project admission rules set a minimum investment.
    @Test("an industry typed as the lists' word (电镀) also states the product; a code (C3360) does not")
    func industryWordStatesProduct() throws {
        let catalogue = try #require(IndustryWordsTests.catalogue, "the built-in catalogue does not load")
        let byWord = try ProfileOverrides(industry: "电镀", nature: "新建", chemical: nil, flags: [], catalogue: catalogue, vocabulary: nil)
        #expect(byWord.industry == "C3360" && byWord.products == "电镀")
        let byCode = try ProfileOverrides(industry: "C3360", nature: "新建", chemical: nil, flags: [], catalogue: catalogue, vocabulary: nil)
        #expect(byCode.products == nil)
        let judge = try #require(Self.judge)
        let profile = try #require(try byWord.profile(over: nil, catalogue: catalogue))
        let judgement = judge.judge("禁止新建、扩建电镀项目。", profile: profile, site: Self.site("outside"))
        #expect(judgement.concern == .concerns && judgement.effect == .prohibited)
    }

    @Test("an investment minimum: prohibited below it, not at or above it, 需论证 naming the sum when none is given")
    func investmentMinimum() throws {
        let judge = try #require(Self.judge)
        let text = "新建化工项目固定资产投资额不得低于5000万元（不含土地费用）。"
        func judged(_ investment: Double?) -> ClauseJudge.Judgement {
            judge.judge(text, profile: ProjectProfile(industry: "C2614", nature: .new, investment: investment), site: Self.site("outside"))
        }
        #expect(judged(3000).concern == .concerns && judged(3000).effect == .prohibited)
        #expect(judged(5000).concern == .doesNotConcern)
        #expect(judged(20000).concern == .doesNotConcern)
        #expect(judged(nil).concern == .undetermined && judged(nil).effect == .prohibited)
        // 原则上应在1亿元以上: below 10000 万元 it may not be built (in principle).
        let principle = "新建化工项目投资额原则上应在1亿元以上。"
        let small = judge.judge(principle, profile: ProjectProfile(industry: "C2614", nature: .new, investment: 8000), site: Self.site("outside"))
        #expect(small.concern == .concerns && small.effect == .prohibited && small.parts.contains { $0.evidence.inPrinciple })
        let large = judge.judge(principle, profile: ProjectProfile(industry: "C2614", nature: .new, investment: 10000), site: Self.site("outside"))
        #expect(large.concern == .doesNotConcern)
        // 3亿元以下的: up to and including the sum.
        let upTo = "项目投资3亿元以下的化工项目。"
        let heading = (effect: Effect.prohibited, natures: [ProjectNature]?.none, words: "负面清单")
        let atLimit = judge.judge(upTo, profile: ProjectProfile(industry: "C2614", nature: .new, investment: 30000), site: Self.site("outside"), listEffect: heading)
        #expect(atLimit.concern == .concerns)
    }

    @Test("an investment is typed as people write it: 2亿元, 8000万元, a bare number of 万元; words are refused by name")
    func investmentParsing() throws {
        #expect(try ProjectProfile.investment(parsing: "2亿元") == 20000)
        #expect(try ProjectProfile.investment(parsing: "2.5 亿") == 25000)
        #expect(try ProjectProfile.investment(parsing: "8,000万元") == 8000)
        #expect(try ProjectProfile.investment(parsing: "8000") == 8000)
        #expect(throws: ProfileInputError.badInvestment("很多")) { try ProjectProfile.investment(parsing: "很多") }
        #expect(throws: ProfileInputError.badInvestment("-5")) { try ProjectProfile.investment(parsing: "-5") }
    }

    @Test("an exception no condition says is met when the project's own words claim it; 并需…评估 speaks of the same projects")
    func claimedExceptionAndSecondPrescription() throws {
        let judge = try #require(Self.judge)
        let text = "禁止新建印染项目（环保型项目除外）。"
        let plain = judge.judge(text, profile: ProjectProfile(industry: "C1713", nature: .new), site: Self.site("outside"))
        #expect(plain.concern == .concerns && plain.effect == .prohibited)
        let claimed = judge.judge(text, profile: ProjectProfile(industry: "C1713", nature: .new, products: "环保型印染，中水回用"), site: Self.site("outside"))
        #expect(claimed.concern == .doesNotConcern || claimed.effect == .requirement)
        let denied = judge.judge(text, profile: ProjectProfile(industry: "C1713", nature: .new, products: "不是环保型项目"), site: Self.site("outside"))
        #expect(denied.concern == .concerns && denied.effect == .prohibited)
        let second = "新建化工项目投资额不得低于5000万元，并需通过环保、安全生产和能耗等评估。"
        let large = judge.judge(second, profile: ProjectProfile(industry: "C2614", nature: .new, investment: 20000), site: Self.site("outside"))
        #expect(large.concern == .concerns && large.effect == .needsAssessment)
        let software = judge.judge(second, profile: ProjectProfile(industry: "I6513", nature: .new, investment: 20000), site: Self.site("outside"))
        #expect(software.concern == .doesNotConcern || software.effect == .requirement)
    }

    /// Synthetic text: a process and a place no profile field or layer gives.
    @Test("a process or place the project's own words state makes the clause concern it; a denial or other words leave it to a person")
    func statedFacts() throws {
        let judge = try #require(Self.judge)
        let fuel = "禁止新建以煤炭为燃料的陶瓷项目。"
        func ceramics(_ words: String?) -> ClauseJudge.Judgement {
            judge.judge(fuel, profile: ProjectProfile(industry: "C3071", nature: .new, products: words), site: Self.site("outside"))
        }
        #expect(ceramics(nil).concern == .undetermined)
        #expect(ceramics("建筑陶瓷，窑炉以煤炭为燃料").concern == .concerns && ceramics("建筑陶瓷，窑炉以煤炭为燃料").effect == .prohibited)
        #expect(ceramics("以天然气为燃料").concern == .undetermined)
        let town = "严禁在城区新建、扩建危化品仓储项目。"
        func store(_ words: String?) -> ClauseJudge.Judgement {
            judge.judge(town, profile: ProjectProfile(industry: "G5942", nature: .new, products: words), site: Self.site("outside"))
        }
        #expect(store("位于城区").concern == .concerns)
        #expect(store("不在城区").concern == .undetermined)
    }

    @Test("a category a dataset defines is read through its table (三类工业项目 → the dataset's codes)")
    func localCategory() throws {
        let judge = try ClauseJudge(groups: ["三类工业项目": ["C25", "C26", "C31"]])
        let text = "禁止新建、扩建三类工业项目。"
        let chemical = judge.judge(text, profile: ProjectProfile(industry: "C2614", nature: .new), site: Self.site("outside"))
        #expect(chemical.concern == .concerns && chemical.effect == .prohibited && chemical.missing.isEmpty)
        let food = judge.judge(text, profile: ProjectProfile(industry: "C1391", nature: .new), site: Self.site("outside"))
        #expect(food.concern == .doesNotConcern)
    }

    @Test("every finding keeps its words: the quote is a span of the text, and the rules that fired are named")
    func evidence() throws {
        let judge = try #require(Self.judge)
        let text = "园区主导产业为精细化工，临江一公里范围内禁止新建、扩建化工项目，确需建设的须开展论证。"
        let parts = judge.parts(text)
        let binding = try #require(parts.first { $0.effect == .prohibited })
        #expect(text.contains(binding.evidence.words))
        #expect(binding.evidence.effectWords == "禁止" && binding.evidence.natureWords == ["新建", "扩建"])
        #expect(binding.evidence.scopeWords == ["临江一公里范围内"] && binding.evidence.industryWords == ["化工"])
        #expect(binding.evidence.rules.contains("scope.岸线范围") && binding.evidence.rules.contains("effect.禁止"))
        // The first sentence states the park's positioning: its words concern no one.
        #expect(parts.first?.effect == .requirement)
    }
}

/// A negative list of noun phrases: the title gives the items their effect.
@Suite("Lists whose title gives the effect")
struct ListEffectTests {
    @Test("皮革生产项目 in a list of new projects forbidden to enterprises: C1910 new binds, its expansion does not, and alone it binds nothing")
    func judged() throws {
        let judge = try #require(ClauseReaderCaseTests.judge)
        let list = (effect: Effect.prohibited, natures: Optional([ProjectNature.new]), words: "企业投资新建项目产业政策负面清单")
        let site = ClauseReaderCaseTests.site("outside")
        // GB/T 4754-2017 C1910 皮革鞣制加工 is the making of leather.
        let leather = judge.judge("11.皮革生产项目", profile: ProjectProfile(industry: "C1910", nature: .new), site: site, listEffect: list)
        #expect(leather.concern == .concerns && leather.effect == .prohibited, "\(leather)")
        let expansion = judge.judge("11.皮革生产项目", profile: ProjectProfile(industry: "C1910", nature: .expansion), site: site, listEffect: list)
        #expect(expansion.concern == .doesNotConcern, "\(expansion)")
        let alone = judge.judge("11.皮革生产项目", profile: ProjectProfile(industry: "C1910", nature: .new), site: site)
        #expect(alone.effect == .requirement, "\(alone)")
    }

    @Test("a clause file's listEffect reaches the loader: its verbless clause is read as prohibited, quoting the list's title")
    func loaded() throws {
        try DatasetLoaderTests.withCopy({ copy in
            let lists = copy.appendingPathComponent("lists")
            try """
            listEffect: { effect: prohibited, natures: [new], words: 测试市产业准入负面清单 }
            clauses:
              - id: T-N-01
                level: city
                scope: all
                dimension: spatialLayout
                text: 皮革生产项目
                source: { document: provinceList, article: 负面清单第1项 }
            """.write(to: lists.appendingPathComponent("negative.yaml"), atomically: true, encoding: .utf8)
            try DatasetLoaderTests.replace(in: copy.appendingPathComponent("dataset.yaml"), "clauseFiles: [lists/clauses.yaml]",
                                           with: "clauseFiles: [lists/clauses.yaml, lists/negative.yaml]")
        }) { copy in
            let dataset = try DatasetLoader.load(from: copy)
            let clause = try #require(dataset.clauses.first { $0.id == "T-N-01" })
            #expect(clause.effect == .prohibited && clause.decision == .reader)
            let part = try #require(clause.readParts?.first)
            #expect(part.conditions.industries == ["C1910"] && part.conditions.natures == [.new])
            #expect(part.evidence.effectWords == "测试市产业准入负面清单" && part.evidence.rules.contains("effect.list"))
        }
    }
}
