import Foundation
import Geometry
import Reports
import Testing
import TestSupport
import Zoning

/// JSON answers at each detail, and the clause dictionary, on the demo dataset's 34 sites.
@Suite("answers at each detail")
struct AnswerTests {
    static let demo = ReportTests.demo

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every demo site as a C2614 new project, and without a profile (so that possible reasons occur).
    static let results: [ScreeningResult] = {
        do {
            let engine = try ScreeningEngine(dataset: demo)
            var results: [ScreeningResult] = []
            for feature in demo.sites {
                guard let geometry = feature.geometry else { continue }
                let id = feature.properties["id"]?.text
                for profile in [ProjectProfile(industry: "C2614", nature: .new), nil] {
                    results.append(try engine.screen(Site(id: id, geometry: geometry, crs: demo.metadata.crs, profile: profile)))
                }
            }
            return results
        } catch { fatalError("demo sites: \(error)") }
    }()

    @Test("a reasons answer and the clause dictionary carry the same facts as the full answer, for all 68 answers")
    func reasonsPlusDictionaryEqualsFull() throws {
        #expect(Self.results.count == 68)
        let full = AnswerRenderer(dataset: Self.demo, language: .zh, detail: .full)
        let lean = AnswerRenderer(dataset: Self.demo, language: .zh, detail: .reasons)
        let dictionary = try Self.object(ClauseDictionary(dataset: Self.demo, language: .zh).json(Self.results.flatMap(lean.clausesReferred)))
        for result in Self.results {
            let whole = try Self.object(full.json(result)), short = try Self.object(lean.json(result))
            let label = result.site.id ?? "?"
            for key in ["verdict", "verdictName"] { #expect(short[key] as? String == whole[key] as? String, "\(label) \(key)") }
            for key in ["reasons", "possibleReasons"] {
                let wholeReasons = whole[key] as? [[String: Any]] ?? [], shortReasons = short[key] as? [[String: Any]] ?? []
                #expect(shortReasons.map { $0["ruleId"] as? String } == wholeReasons.map { $0["ruleId"] as? String }, "\(label) \(key)")
                for (a, b) in zip(shortReasons, wholeReasons) {
                    #expect(a["effect"] as? String == b["effect"] as? String)
                    if a["kind"] as? String == "clause" {
                        // The text and citation the full answer carries are the dictionary's.
                        let entry = try #require(dictionary[a["ruleId"] as? String ?? ""] as? [String: Any], "\(label): \(a["ruleId"] ?? "") not in the dictionary")
                        #expect(entry["text"] as? String == b["text"] as? String)
                        #expect(NSDictionary(dictionary: entry["source"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: b["source"] as? [String: Any] ?? [:]))
                        let clause = try #require((whole["clauses"] as? [[String: Any]])?.first { $0["id"] as? String == a["ruleId"] as? String })
                        #expect(a["level"] as? String == clause["level"] as? String && a["dimension"] as? String == clause["dimension"] as? String)
                        #expect((a["units"] as? [String] ?? []) == clause["units"] as? [String])
                    } else {
                        for field in ["text", "detail"] { #expect(a[field] as? String == b[field] as? String) }
                    }
                }
            }
            func codes(_ answer: [String: Any], _ key: String) -> [String] { (answer[key] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
            for key in ["redLines", "controlUnits", "sensitiveAreas"] { #expect(codes(short, key) == codes(whole, key), "\(label) \(key)") }
            let shortShares = (short["controlUnits"] as? [[String: Any]] ?? []).map { ($0["overlap"] as? [String: Any])?["share"] as? Double }
            let wholeShares = (whole["controlUnits"] as? [[String: Any]] ?? []).map { ($0["overlap"] as? [String: Any])?["share"] as? Double }
            #expect(shortShares == wholeShares)
            let shortShore = try #require(short["shorelines"] as? [String: Any]), wholeShore = try #require(whole["shorelines"] as? [String: Any])
            for key in ["nearestMainStream", "nearestTributary"] {
                let metres = (shortShore[key] as? [String: Any])?["metres"] as? Double
                let exact = ((wholeShore[key] as? [String: Any])?["distance"] as? [String: Any])?["metres"] as? Double
                #expect(abs((metres ?? -1) - (exact ?? -2)) <= 0.0005, "\(label) \(key): \(metres ?? -1) against \(exact ?? -2)")
            }
            let inside = (wholeShore["bands"] as? [[String: Any]] ?? []).filter { $0["inside"] as? Bool == true }.compactMap { $0["ruleId"] as? String }
            #expect((shortShore["bandsInside"] as? [String] ?? []) == inside)
            #expect(short["applicableClauseCount"] as? Int == (whole["clauses"] as? [Any])?.count)
        }
    }

    @Test("the dictionary gives K3-KJ-01 as Fixtures/demo/lists/classes.yaml has it, titled from dataset.yaml")
    func dictionaryEntry() throws {
        let dictionary = ClauseDictionary(dataset: Self.demo, language: .zh)
        let index = try #require(dictionary.indices(of: ["K3-KJ-01", "no-such-clause"]).first ?? nil)
        #expect(dictionary.indices(of: ["no-such-clause"]) == [nil])
        let entry = dictionary.entry(index)
        #expect(entry.text == "禁止在合规园区外新建、扩建化工项目。")
        #expect(entry.level == .unitClass && entry.dimension == .spatialLayout && entry.effect == .prohibited && entry.conditional)
        #expect(entry.source == CitedSource(document: "yangtzeNegativeList", title: "长江经济带发展负面清单指南（试行，2022年版）",
                                            article: "合规园区外高污染项目管控条款"))
    }

    @Test("a verdict answer names the deciding rules: S01 is prohibited by CN-CJ-26-1 (expected.csv), no dataset in the answer")
    func verdictAnswer() throws {
        let s01 = try #require(Self.results.first { $0.site.id == "S01" && $0.profile != nil })
        let answer = try Self.object(AnswerRenderer(dataset: Self.demo, language: .en, detail: .verdict).json(s01))
        #expect(answer["verdict"] as? String == "prohibited" && answer["verdictName"] as? String == "prohibited")
        #expect((answer["ruleIds"] as? [String])?.contains("CN-CJ-26-1") == true)
        #expect(answer["reasons"] == nil && answer["dataset"] == nil && answer["clauses"] == nil)
    }

    // English wording is worded with English punctuation; only the dataset's own names and texts
    // (Chinese here) may bring Chinese characters in. Every case of every worded fact, with ASCII names.
    static let chinesePunctuation = Set("，。；：（）、【】“”‘’！？《》·")

    @Test("English details and notes use no Chinese punctuation, for every kind of detail and note")
    func englishPunctuation() {
        let english = ResultWording(.en)
        let unit = NamedZone(code: "U1", name: "Unit A", unitClass: .priorityProtection), other = NamedZone(code: "U2", name: "Unit B", unitClass: .generalControl)
        let details: [ReasonDetail] = [
            .redLines([NamedZone(code: "R1", name: "Red A"), NamedZone(code: "R2", name: "Red B")]),
            .allowedActivity(redLines: [NamedZone(code: "R1", name: "Red A")], activity: "linear infrastructure"),
            .units([unit, other]),
            .shoreline(river: "Yangtze", riverClass: .mainStream, metres: 800, limitMetres: 1000),
            .sensitiveAreas(kind: "water source", areas: [NamedZone(code: nil, name: "Source A", level: "level 1"), NamedZone(code: nil, name: "Source B")]),
            .clause(level: .unitClass, dimension: .spatialLayout, units: ["U1", "U2"]),
            .clause(level: .province, dimension: .environmentalRisk, units: []),
        ]
        let notes: [SiteNote] = [.outsideChinaNoOffset, .onSharedBoundary(units: 2), .partlyOutside(share: 0.5),
                                .input(.parcelsMerged(count: 2)), .input(.declaredAreaMismatch(declared: 5, computedHectares: 2)), .input(.coordinates(.closedRing))]
        let worded = details.map(english.detail) + notes.map(english.note) + Verdict.allCases.map(english.verdict)
            + UnitClass.allCases.map { english.unitClass($0.rawValue) }
            + [english.cite(CitedSource(document: "unitLists", title: nil, article: "Art. 3"), datasetName: "Demo")]
        for text in worded {
            #expect(!text.contains { Self.chinesePunctuation.contains($0) }, "\(text)")
            let ascii = text.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "\(text)")
        }
        // The Chinese wording of the same facts, for contrast, does use them.
        #expect(ResultWording(.zh).detail(details[2]).contains("（"))
    }

    @Test("a shoreline detail in Chinese and English, its distances as %.1f and %.0f would write them", arguments: [
        (800.0023314209941, "800.0"), (999.95, "1000.0"), (12.25, "12.2"), (0.04, "0.0"), (8158.473773478755, "8158.5"),
    ])
    func shorelineDetail(metres: Double, written: String) {
        // The expected texts are String(format: "%.1f") of each value, worked out by printf's rules by hand
        // (12.25 is exact in binary and rounds to even).
        #expect(String(format: "%.1f", metres) == written)
        let detail = ReasonDetail.shoreline(river: "长江", riverClass: .mainStream, metres: metres, limitMetres: 1000)
        #expect(ResultWording(.zh).detail(detail) == "距长江（干流）岸线 \(written) 米，在 1000 米范围内")
        #expect(ResultWording(.en).detail(detail) == "\(written) m from the shoreline of 长江 (main stream), within 1000 m")
    }

    @Test("the English text report and 预判报告 section of a tiny-dataset site have no Chinese punctuation outside the dataset's own texts")
    func englishTextReport() throws {
        let tiny = ReportTests.tiny
        let result = try ScreeningEngine(dataset: tiny).screen(Site(id: "S", geometry: .point(Coordinate(x: 503800, y: 3300300)),
                                                                     crs: tiny.workingCRS, profile: ProjectProfile(industry: "C2614", nature: .new)))
        var report = TextReport(language: .en, dataset: tiny).render(result)
            + SiteReport(dataset: tiny, language: .en).section(.screened(result), title: "S", source: nil, anchor: "s")
        // Remove what the dataset wrote: names, clause and rule texts, document titles and articles.
        let own = tiny.clauses.map(\.text) + tiny.units.map(\.name) + tiny.redLines.map(\.name) + tiny.shorelines.map(\.riverName)
            + tiny.metadata.sources.map(\.title) + tiny.clauses.compactMap(\.source.article) + [tiny.metadata.name, tiny.metadata.region, tiny.metadata.version, tiny.metadata.date]
            + result.reasons.map(\.text) + result.reasons.compactMap(\.source.article) + tiny.units.compactMap(\.subclass)
            + result.possibleReasons.map(\.text) + result.possibleReasons.compactMap(\.source.article)
            + (result.profile?.industryName.map { [$0] } ?? [])
        for text in own.sorted(by: { $0.count > $1.count }) where !text.isEmpty { report = report.replacingOccurrences(of: text, with: "") }
        let found = report.filter { Self.chinesePunctuation.contains($0) }
        #expect(found.isEmpty, "Chinese punctuation in English: \(found) in\n\(report)")
    }
}
