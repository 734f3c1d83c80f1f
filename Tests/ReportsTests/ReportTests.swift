import Datasets
import Foundation
import Geometry
import Reports
import Testing
import TestSupport
import Zoning
import Wording

/// The 预判报告 and its map, on the demo dataset (answers in Fixtures/demo/expected.csv, worked out
/// independently) and the hand-drawn tiny dataset.
@Suite("预判报告 and its map")
struct ReportTests {
    static let demo: Dataset = {
        do { return try DatasetLoader.load(from: FixtureTable.url("demo")) } catch { fatalError("demo: \(error)") }
    }()
    static let tiny: Dataset = {
        do { return try DatasetLoader.load(from: FixtureTable.url("zoning/tiny")) } catch { fatalError("tiny: \(error)") }
    }()

    static func screen(_ geometry: Geometry, in dataset: Dataset = demo, crs: CRS = .cgcs2000, language: Language = .zh) throws -> ScreeningResult {
        let profile = ProjectProfile(industry: "C2614", nature: .new)
        return try ScreeningEngine(dataset: dataset).screen(Site(id: "S", geometry: geometry, crs: crs, profile: profile))
    }

    /// The first number after `name="` in `text` from `start`.
    static func attribute(_ name: String, in text: Substring) -> Double? {
        guard let range = text.range(of: name + "=\"") else { return nil }
        return Double(text[range.upperBound...].prefix { $0 != "\"" })
    }

    // S01 (Fixtures/demo/sites.geojson) lies 800.0 m from the 长江 main stream (expected.csv).
    static let s01 = Geometry.point(Coordinate(x: 111.7312807, y: 30.5291253))

    @Test("the line to the nearest shoreline, measured with the scale bar, is S01's 800.0 m within 1 %")
    func scaleBarAgreesWithDistance() throws {
        let svg = try SiteMap(dataset: Self.demo, language: .zh).svg(try Self.screen(Self.s01))
        let bar = try #require(svg.range(of: "class=\"scale-bar\"").map { svg[$0.lowerBound...] })
        let metres = try #require(Self.attribute("data-metres", in: bar)), length = try #require(Self.attribute("data-length", in: bar))
        let line = try #require(svg.range(of: "class=\"nearest\"").map { svg[$0.lowerBound...] })
        let (x1, y1, x2, y2) = (Self.attribute("x1", in: line) ?? 0, Self.attribute("y1", in: line) ?? 0, Self.attribute("x2", in: line) ?? 0, Self.attribute("y2", in: line) ?? 0)
        let drawn = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot() * metres / length
        #expect(abs(drawn - 800) < 8, "drawn \(drawn) m")
        #expect(Self.attribute("data-metres", in: line).map { abs($0 - 800) < 0.1 } == true)
    }

    @Test("the frame shows the nearest shoreline within 5 km, and only the site when none is that near")
    func framing() throws {
        let map = SiteMap(dataset: Self.demo, language: .zh)
        let near = try map.layout(try Self.screen(Self.s01))
        let shoreline = try #require(near.nearest?.onShoreline)
        #expect(near.frame.contains(Envelope(minX: shoreline.x, minY: shoreline.y, maxX: shoreline.x, maxY: shoreline.y)))
        // S19 is 12,935.6 m and 12,864.5 m from the nearest main stream and tributary (expected.csv).
        let far = try map.layout(try Self.screen(.point(Coordinate(x: 111.5195124, y: 30.6694451))))
        #expect(far.nearest == nil)
        #expect(far.frame.width < 2_000)
    }

    @Test("one site's report: verdict, reasons with citations, map with legend and scale bar, dataset and disclaimer, no URL")
    func siteReport() throws {
        let result = try Self.screen(Self.s01)
        let document = ReportDocument(dataset: Self.demo, language: .zh)
        let html = document.head(subtitle: "S01") + SiteReport(dataset: Self.demo, language: .zh).section(.screened(result), title: "S01", source: nil, anchor: "site-1") + document.tail
        #expect(html.contains("<div class=\"verdict prohibited\"><span class=\"label\">结论</span> <strong>禁止</strong>"))
        // CN-CJ-26-1 (the built-in national rule) and its source, as expected.csv says S01 must cite it.
        #expect(html.contains("<code>CN-CJ-26-1</code>") && html.contains("中华人民共和国长江保护法 第二十六条第二款"))
        #expect(html.contains("class=\"scale-bar\"") && html.contains(">图例<") && html.contains("class=\"north-arrow\""))
        #expect(html.contains("虚构示例数据") && html.contains("不是审批"))
        #expect(html.contains(Self.demo.contentHash))
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("src=") && !html.contains("@import"))
    }

    @Test("a point on the tiny dataset's A/B boundary: both units listed as on the boundary")
    func sharedBoundary() throws {
        let result = try Self.screen(.point(Coordinate(x: 502000, y: 3301000)), in: Self.tiny, crs: CRS(epsg: 4546))
        let section = SiteReport(dataset: Self.tiny, language: .zh).section(.screened(result), title: "A/B", source: nil, anchor: "s")
        #expect(section.components(separatedBy: "（位于边界）").count - 1 == 2)
        #expect(section.contains("ZH42909910001") && section.contains("ZH42909920001"))
    }

    @Test("a site that could not be screened gets a failure section; an English report is in English")
    func failureAndEnglish() throws {
        let failed = SiteReport(dataset: Self.demo, language: .zh).section(.failed(message: "站点 X：站点完全在数据集范围之外"), title: "X", source: "a.geojson", anchor: "s")
        #expect(failed.contains("无法判定") && failed.contains("站点完全在数据集范围之外"))
        let english = try Self.screen(Self.s01, language: .en)
        let html = ReportDocument(dataset: Self.demo, language: .en).head(subtitle: nil) + SiteReport(dataset: Self.demo, language: .en).section(.screened(english), title: "S01", source: nil, anchor: "s")
        #expect(html.contains("<html lang=\"en\">") && html.contains(">Verdict<") && html.contains(">Legend<") && html.contains("Reasons"))
    }

    @Test("batch summary: one bar per verdict with its count, every site in the table, sections beyond the limit said")
    func batchSummary() throws {
        let rows = (1...5).map { number in
            BatchReport.Row(number: number, id: "P\(number)", name: nil, verdict: number <= 3 ? .prohibited : .compliant, verdictName: nil, rules: [],
                            area: nil, unitClasses: [.keyControl], failure: nil, location: Coordinate(x: 111.7, y: 30.5), anchor: "site-\(number)",
                            hasSection: number <= 2)
        }
        let html = BatchReport(dataset: Self.demo, language: .zh, sectionLimit: 2).summary(rows)
        #expect(html.contains("<g class=\"bar\" data-count=\"3\"><text x=\"0\" y=\"36.0\">禁止</text>"))
        #expect(html.contains("<g class=\"bar\" data-count=\"2\"><text x=\"0\" y=\"108.0\">符合</text>"))
        #expect(html.components(separatedBy: "<tr class=").count - 1 == 5)
        #expect(html.contains("前 2 个站点有单独的章节，其余 3 个只列在下表中"))
        #expect(html.contains("<a href=\"#site-2\">2</a>") && !html.contains("<a href=\"#site-3\">3</a>"))
    }
}
