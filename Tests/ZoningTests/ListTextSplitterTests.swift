import Datasets
import Testing
import Zoning

/// Published unit lists number their items in several styles; each case below is split by hand.
@Suite("Splitting unit-level list text into clauses")
struct ListTextSplitterTests {
    @Test("1. style, with a decimal inside an item that must not split it")
    func dotted() {
        #expect(ListTextSplitter.split("1.禁止新建重化工、纺织、造纸等工业项目。2.单位产值能耗低于0.5吨标准煤。")
                == ["禁止新建重化工、纺织、造纸等工业项目。", "单位产值能耗低于0.5吨标准煤。"])
    }

    @Test("1、 style across lines")
    func ideographicComma() {
        #expect(ListTextSplitter.split("1、严格控制新增排放。\n2、执行特别排放限值。\n3、园区污水集中处理。")
                == ["严格控制新增排放。", "执行特别排放限值。", "园区污水集中处理。"])
    }

    @Test("full-width and half-width parentheses")
    func parenthesised() {
        #expect(ListTextSplitter.split("（1）禁止新建燃煤锅炉；(2)禁止露天焚烧；（3）加强监测。")
                == ["禁止新建燃煤锅炉；", "禁止露天焚烧；", "加强监测。"])
    }

    @Test("circled digits")
    func circled() {
        #expect(ListTextSplitter.split("①禁止围湖造田②禁止采砂") == ["禁止围湖造田", "禁止采砂"])
    }

    @Test("ten items or more: 10. follows 9. and 1 inside 11 is not a marker")
    func twoDigits() {
        let text = (1...11).map { "\($0).第\($0)项" }.joined()
        #expect(ListTextSplitter.split(text) == (1...11).map { "第\($0)项" })
    }

    @Test("text without numbering is one clause; empty text none")
    func unnumbered() {
        #expect(ListTextSplitter.split("执行省级总体准入要求。") == ["执行省级总体准入要求。"])
        #expect(ListTextSplitter.split("  ") == [])
        // A reference to an article number in running text is not numbering.
        #expect(ListTextSplitter.split("按照第2条执行。") == ["按照第2条执行。"])
    }
}
