import Datasets
import Foundation
import Testing
import Zoning

/// Facts a clause asks for that the project's own words state (主要产品、工艺、规模及其他情况), and parks a
/// clause names by name. Every clause text here is synthetic, written the way lists phrase such clauses;
/// each expectation is a person's reading of the text against the project.
@Suite("Facts the project's own words state")
struct StatedFactsTests {
    static let outside = ClauseReaderCaseTests.site("outside")

    func judged(_ text: String, industry: String, products: String?, site: SiteConditionFacts = outside,
                nature: ProjectNature = .new) throws -> ClauseJudge.Judgement {
        let judge = try #require(ClauseReaderCaseTests.judge)
        return judge.judge(text, profile: ProjectProfile(industry: industry, nature: nature, products: products), site: site)
    }

    /// C1461 is 味精制造 in GB/T 4754-2017. 以下 includes the figure itself (民法典第一千二百五十九条).
    @Test("a capacity the words give decides a size bound: 3万吨 and 5万吨 are within 5万吨/年及以下, 8万吨 is left to a person")
    func capacity() throws {
        let text = "禁止新建5万吨/年及以下的味精生产项目。"
        #expect(try judged(text, industry: "C1461", products: nil).concern == .undetermined)
        let small = try judged(text, industry: "C1461", products: "味精，年产3万吨")
        #expect(small.concern == .concerns && small.effect == .prohibited, "\(small)")
        #expect(try judged(text, industry: "C1461", products: "味精 50000吨/年").concern == .concerns, "5万吨 = 50,000 t, at the bound")
        #expect(try judged(text, industry: "C1461", products: "味精 8万吨/年").concern == .undetermined)
        // Steam tonnes are not tonnes: 20蒸吨以下 says nothing of a plant's 10,000 t of output.
        let boiler = "原则上不再审批新建20蒸吨以下的燃煤锅炉。"
        #expect(try judged(boiler, industry: "D4430", products: "新建10蒸吨燃煤蒸汽锅炉").concern == .concerns)
        #expect(try judged(boiler, industry: "D4430", products: "年产蒸汽1万吨").concern == .undetermined)
        // 不足1万锭: strictly below; 1万锭 is not.
        let spindles = "禁止新建规模不足1万锭的棉纺项目。"
        #expect(try judged(spindles, industry: "C1711", products: "棉纱，8000锭").concern == .concerns)
        #expect(try judged(spindles, industry: "C1711", products: "棉纱，1万锭").concern == .undetermined)
        // 不超过 is an upper bound and 不低于 a lower one (each holds the plain word inside it). D4411 is 火力发电.
        let upTo = "禁止新建单机容量不超过30万千瓦的燃煤机组。"
        #expect(try judged(upTo, industry: "D4411", products: "燃煤机组，单机20万千瓦").concern == .concerns)
        #expect(try judged(upTo, industry: "D4411", products: "燃煤机组，单机60万千瓦").concern == .undetermined)
        let atLeast = "限制新建单机容量不低于60万千瓦的燃煤机组。"
        #expect(try judged(atLeast, industry: "D4411", products: "燃煤机组，单机100万千瓦").concern == .concerns)
        #expect(try judged(atLeast, industry: "D4411", products: "燃煤机组，单机20万千瓦").concern == .undetermined)
    }

    @Test("a deficiency the words admit about the same thing states a conformity: 不符合……规划 for 不符合国家相关产业布局规划")
    func conformity() throws {
        let text = "禁止新建不符合国家相关产业布局规划的现代煤化工项目。"
        // C2523 煤制液体燃料生产 is 现代煤化工.
        #expect(try judged(text, industry: "C2523", products: nil).concern == .undetermined)
        let admitted = try judged(text, industry: "C2523", products: "煤制油，不符合国家现代煤化工产业布局规划")
        #expect(admitted.concern == .concerns && admitted.effect == .prohibited, "\(admitted)")
        // Conforming, or a deficiency about something else, leaves it to a person.
        #expect(try judged(text, industry: "C2523", products: "煤制油，符合国家现代煤化工产业布局规划").concern == .undetermined)
        #expect(try judged(text, industry: "C2523", products: "煤制油，污水处理设施不完善").concern == .undetermined)
        // A list's members: 产品为剧毒化学品 is one of what 《危险化学品名录》所列剧毒化学品 names.
        let listed = "禁止新建《危险化学品名录》所列剧毒化学品生产项目。"
        #expect(try judged(listed, industry: "C2614", products: "产品为剧毒化学品").concern == .concerns)
        #expect(try judged(listed, industry: "C2614", products: "产品为乙酸乙酯").concern == .undetermined)
    }

    @Test("a place among alternatives is stated by any of them, never under a negation that opens the phrase")
    func places() throws {
        let text = "晋江、洛阳江流域禁止新建印染项目。"
        #expect(try judged(text, industry: "C1713", products: "位于晋江流域").concern == .concerns)
        #expect(try judged(text, industry: "C1713", products: "不在晋江、洛阳江流域").concern == .undetermined)
        #expect(try judged(text, industry: "C1713", products: "位于闽江流域").concern == .undetermined)
        // 施用 … 、应用 …: each alternative on its own.
        let farming = "禁止施用高毒高残留农药、应用禁止类兽药的种养业。"
        #expect(try judged(farming, industry: "A0111", products: "水稻种植，施用高毒高残留农药").concern == .concerns)
        #expect(try judged(farming, industry: "A0111", products: "水稻种植，不使用高毒高残留农药").concern == .undetermined)
    }

    @Test("more of what the words state: a figure before a size word, an item number before a figure, 违规 about what follows, 或者 alternatives, a local class")
    func moreStatements() throws {
        // C1711 is 棉纺纱加工. The figure decides, not the word 小型.
        let spindles = "禁止新建规模1万锭以下的小型棉纺项目。"
        #expect(try judged(spindles, industry: "C1711", products: "规模8000锭").concern == .concerns)
        // Item 1, then 1000万吨 (not 1.1万吨): a refinery of 800万吨/年 is within it. C2511 is 原油加工及石油制品制造.
        let list = (effect: Effect.prohibited, natures: Optional([ProjectNature.new]), words: "淘汰类")
        let judge = try #require(ClauseReaderCaseTests.judge)
        let refinery = judge.judge("1.1000万吨/年以下常减压装置。", profile: ProjectProfile(industry: "C2511", nature: .new, products: "常减压装置800万吨/年"),
                                   site: Self.outside, listEffect: list)
        #expect(refinery.concern == .concerns && refinery.effect == .prohibited, "\(refinery)")
        // 违规 is about 新增产能 after it; C3120 is 炼钢.
        let capacity = "禁止钢铁、水泥行业违规新增产能项目。"
        #expect(try judged(capacity, industry: "C3120", products: nil).concern == .undetermined)
        #expect(try judged(capacity, industry: "C3120", products: "新增产能未落实产能置换").concern == .concerns)
        // Either deficiency of 不符合……或者未取得……. G5532 is 货运港口.
        let port = "禁止新建不符合港口总体规划或者未取得合法手续的码头项目。"
        #expect(try judged(port, industry: "G5532", products: "不符合港口总体规划").concern == .concerns)
        #expect(try judged(port, industry: "G5532", products: "合法手续未取得").concern == .concerns)
        #expect(try judged(port, industry: "G5532", products: "已纳入港口总体规划，手续齐全").concern == .undetermined, "no deficiency admitted")
        #expect(try judged(port, industry: "G5532", products: "厂区绿化不达标").concern == .undetermined, "a deficiency about something else")
        // The local class the dataset does not define, given in the project's words.
        let local = "区外，一律不再审批三类(重污染)工业项目。"
        #expect(try judged(local, industry: "C2614", products: nil).concern == .undetermined)
        #expect(try judged(local, industry: "C2614", products: "三类（重污染）工业项目").concern == .concerns)
        #expect(try judged(local, industry: "C2614", products: "不属于三类工业项目").concern == .undetermined)
    }

    @Test("a plan named beside a park's rules is a conformity, not a park's name; a place list runs to its last place word")
    func planAndPlaceLists() throws {
        // C3091 is 石墨及碳素制品制造.
        let plan = "禁止新建不符合大气污染物防治规划和园区准入条件的碳素类项目。"
        #expect(try judged(plan, industry: "C3091", products: nil).concern == .undetermined)
        let admitted = try judged(plan, industry: "C3091", products: "碳素制品，不符合大气污染物防治规划")
        #expect(admitted.concern == .concerns && admitted.effect == .prohibited, "\(admitted)")
        let near = "禁止在居民区、学校、医院等环境敏感区域周边新建化工项目。"
        #expect(try judged(near, industry: "C2614", products: "位于学校周边").concern == .concerns)
        #expect(try judged(near, industry: "C2614", products: "远离居民区").concern == .undetermined)
    }

    @Test("a place alone does not say whom: stating the place leaves the unread object to a person")
    func placeIsNotAnObject() throws {
        let text = "乌江流域严禁审批新建涉磷企业磷石膏渣场。"
        let judgement = try judged(text, industry: "C2622", products: "位于乌江流域")
        #expect(judgement.concern == .undetermined, "\(judgement)")
        // 选址 is where anything is sited.
        let siting = "严禁在地震断层、地质灾害易发区等地段选址。"
        #expect(try judged(siting, industry: "C2614", products: "位于地质灾害易发区").concern == .concerns)
    }

    /// A parks layer that names the park the site lies in decides a clause that names that park.
    @Test("a park named by its name: the site in a park of that name is where the clause holds; another park is for a person")
    func namedPark() throws {
        let text = "阿拉善高新技术产业开发区巴音敖包工业园区不得新上焦化项目。"
        func inPark(_ name: String) -> SiteConditionFacts {
            SiteConditionFacts(parks: [.init(kind: .industrial, compliant: true, share: 1, name: name)], shorelineMetres: [:],
                               roles: ["drinkingWater", "natureReserve"])
        }
        // C2521 is 炼焦.
        let there = try judged(text, industry: "C2521", products: nil, site: inPark("阿拉善高新区巴音敖包工业园区"))
        #expect(there.concern == .concerns && there.effect == .prohibited, "\(there)")
        #expect(try judged(text, industry: "C2521", products: nil, site: inPark("阿拉善经济开发区")).concern == .undetermined,
                "阿拉善 alone is not 巴音敖包")
        #expect(try judged(text, industry: "C2521", products: nil).concern == .undetermined)
        // A park named for what it is (化工园区) is a kind, read as a scope, never a name.
        let kind = try judged("化工园区外禁止新建焦化项目。", industry: "C2521", products: nil)
        #expect(kind.concern == .concerns && kind.effect == .prohibited)
    }

    @Test("a kind of park no layer records (乡镇农业园区): outside every park the clause holds; inside one a person checks")
    func unrecordedParkKind() throws {
        let judge = try #require(ClauseReaderCaseTests.judge)
        let text = "禁止在乡镇农业园区范围外新建规模化畜禽养殖场。"
        // A0321 is 鸡的饲养.
        let profile = ProjectProfile(industry: "A0321", nature: .new, products: "规模化养鸡场")
        let outside = judge.judge(text, profile: profile, site: Self.outside)
        #expect(outside.concern == .concerns && outside.effect == .prohibited, "\(outside)")
        let inside = judge.judge(text, profile: profile, site: ClauseReaderCaseTests.site("inPark"))
        #expect(inside.concern == .undetermined, "\(inside)")
    }

    /// It was read as 集中供热区内 (the shorter word inside the longer one): inside the area it prohibited, and a
    /// site outside it, the very place the clause speaks of, passed.
    @Test("集中供热区域外 is outside the area: with the area's layer, prohibited outside it and not inside; without the layer, for a person")
    func outsideAMappableArea() throws {
        let judge = try #require(ClauseReaderCaseTests.judge)
        let text = "集中供热区域外，禁止新建燃煤锅炉。"
        // D4430 is 热力生产和供应.
        let profile = ProjectProfile(industry: "D4430", nature: .new)
        var inside = Self.outside
        inside.roles.insert("centralHeating")
        inside.areas.append(.init(role: "centralHeating", layer: "centralHeating", level: nil))
        #expect(judge.judge(text, profile: profile, site: inside).concern == .doesNotConcern)
        var beyond = Self.outside
        beyond.roles.insert("centralHeating")
        let there = judge.judge(text, profile: profile, site: beyond)
        #expect(there.concern == .concerns && there.effect == .prohibited, "\(there)")
        #expect(judge.judge(text, profile: profile, site: Self.outside).concern == .undetermined, "no central-heating layer")
        // 城镇建成区以外 reads the same way.
        var town = Self.outside
        town.roles.insert("builtUpArea")
        #expect(judge.judge("城镇建成区以外禁止新建燃煤锅炉。", profile: profile, site: town).concern == .concerns)
    }

    @Test("a fact asked for is quoted as the clause wrote it, never with the blanks of words read before")
    func quotedAsWritten() throws {
        let judge = try #require(ClauseReaderCaseTests.judge)
        let parts = judge.parts("禁止设立化工园区内环境基础设施不完善企业的新改扩建化工项目。")
        let facts = parts.flatMap(\.missing)
        #expect(!facts.isEmpty)
        #expect(!"\(facts)".contains("□"), "\(facts)")
        #expect(facts.contains(.conformity(words: "环境基础设施不完善")), "\(facts)")
    }
}
