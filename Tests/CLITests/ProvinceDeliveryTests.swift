import Foundation
import Testing

/// A county's files as provinces deliver them (Fixtures/demo-official's layers: units as a GBK Shapefile in
/// Gauss-Krüger metres, red lines, rivers and water sources in a GeoPackage, parks as a Shapefile, the unit
/// lists as the published Excel table), taken through `dataset init` with only what no file can tell filled
/// in, and no rules of the user's own: the national rules must answer by themselves.
///
/// The points are demo sites (Fixtures/demo/sites.geojson) whose facts the demo generator worked out with
/// shapely (Fixtures/demo/expected.csv, README): S01 is 800 m from the 长江 main-stream shoreline outside any
/// park; S02 lies in 临港化工园区 (on the compliant list), 1,200 m from it; S21 lies inside red line
/// HX429099001; S31 is 8 km from any river and 2 km from any park; S30 lies in 沧澜镇's town unit, whose
/// published list says "城镇建成区内禁止新建、扩建化工、印染、电镀等污染较重的工业项目".
@Suite("A province's own files answer correctly out of the box", .serialized)
struct ProvinceDeliveryTests {
    static let s01 = "111.7312807,30.5291253", s02 = "111.7341286,30.5317595", s21 = "111.4971717,30.3808887"
    static let s30 = "111.4730485,30.5295204", s31 = "111.7589355,30.5961093"

    /// The delivery's files in a fresh folder, `dataset init` run on it, its TODOs filled in.
    /// Prepared once, by the first test that asks (a task, so the `dataset init` it runs is awaited).
    static let prepared = Task<URL?, Never> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-delivery-\(UUID().uuidString)")
        let official = CLI.root.appendingPathComponent("Fixtures/demo-official")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: official.appendingPathComponent("layers"), to: folder.appendingPathComponent("layers"))
            try FileManager.default.copyItem(at: official.appendingPathComponent("lists"), to: folder.appendingPathComponent("lists"))
            let initialised = try await CLI.run(["dataset", "init", folder.path])
            guard initialised.status == 0 else { return nil }
            let manifest = folder.appendingPathComponent("dataset.yaml")
            let values = ["name": "某县三线一单数据集", "version": "\"2024.1\"", "date": "\"2024-06-30\"", "shorelineBaseline": "waterline",
                          "sources": "[{ id: unitLists, title: 某县环境管控单元生态环境准入清单 }]"]
            var lines: [String] = []
            for line in try String(contentsOf: manifest, encoding: .utf8).components(separatedBy: "\n") {
                let indent = line.prefix { $0 == " " }
                let rest = line.dropFirst(indent.count)
                if rest.hasPrefix("# "), let marker = rest.range(of: ":  # 待填写（TODO）：") {
                    let key = String(rest[rest.index(rest.startIndex, offsetBy: 2)..<marker.lowerBound])
                    guard let value = values[key] else { return nil }
                    lines.append("\(indent)\(key): \(value)")
                } else {
                    lines.append(line)
                }
            }
            try lines.joined(separator: "\n").write(to: manifest, atomically: true, encoding: .utf8)
            return folder
        } catch {
            return nil
        }
    }
    static var folder: URL? { get async { await prepared.value } }

    static func screen(_ point: String, _ industry: String) async throws -> [String: Any] {
        let folder = try #require(await Self.folder, "dataset init on the delivery failed")
        let output = try await CLI.run(["screen", "--point", point, "--industry", industry, "--nature", "新建", "--format", "json",
                                  "--dataset", folder.path, "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return try #require((json?["results"] as? [[String: Any]])?.first)
    }

    static func ruleIds(_ answer: [String: Any]) -> [String] {
        (answer["reasons"] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String }
    }

    @Test("init writes a manifest and an empty local rules file; with the few fields no file tells, dataset check passes")
    func checks() async throws {
        let folder = try #require(await Self.folder, "dataset init on the delivery failed")
        let manifest = try String(contentsOf: folder.appendingPathComponent("dataset.yaml"), encoding: .utf8)
        // The county code from the unit codes (ZH429099…), the parks layer by its file name and fields.
        #expect(manifest.contains("regionCode: \"429099\""))
        #expect(manifest.contains("  parks:") && manifest.contains("compliant: SFHG"))
        #expect(!manifest.contains("\nindustryCatalogue:"))
        let check = try await CLI.run(["dataset", "check", folder.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let info = try await CLI.run(["dataset", "info", folder.path])
        #expect(info.stdout.contains("国家规则：内置规则包"), "\(info.stdout)")
    }

    @Test("a new chemical plant inside a red line: 禁止, by the built-in red-line rule")
    func redLine() async throws {
        let answer = try await Self.screen(Self.s21, "C2614")
        #expect(answer["verdict"] as? String == "prohibited")
        #expect(Self.ruleIds(answer).contains("CN-HX-01"))
    }

    @Test("a new chemical plant 800 m from the main stream: 禁止, citing 长江保护法 第二十六条")
    func yangtze() async throws {
        let answer = try await Self.screen(Self.s01, "C2614")
        #expect(answer["verdict"] as? String == "prohibited")
        let law = try #require((answer["reasons"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "CN-CJ-26-1" })
        let source = law["source"] as? [String: Any]
        #expect(source?["title"] as? String == "中华人民共和国长江保护法" && (source?["article"] as? String)?.hasPrefix("第二十六条") == true)
        #expect(law["origin"] as? String == "national")
    }

    @Test("software at the same spot: not 禁止")
    func software() async throws {
        let answer = try await Self.screen(Self.s01, "I6513")
        #expect(answer["verdict"] as? String != "prohibited")
        #expect(!Self.ruleIds(answer).contains("CN-CJ-26-1"))
    }

    @Test("a chemical plant outside any park in the Yangtze belt: 禁止 (负面清单指南 第九条)")
    func outsidePark() async throws {
        let answer = try await Self.screen(Self.s31, "C2614")
        #expect(answer["verdict"] as? String == "prohibited")
        #expect(Self.ruleIds(answer).contains("CN-FMQD-09"))
    }

    @Test("the same plant inside the compliant chemical park: not 禁止, and the park is named")
    func insidePark() async throws {
        let answer = try await Self.screen(Self.s02, "C2614")
        #expect(answer["verdict"] as? String != "prohibited")
        #expect(!Self.ruleIds(answer).contains("CN-FMQD-09"))
        let park = (answer["parks"] as? [[String: Any]])?.first
        #expect(park?["name"] as? String == "临港化工园区" && park?["kind"] as? String == "chemical" && park?["compliant"] as? Bool == true)
    }

    /// The unit's list (Fixtures/demo/layers/units.geojson, ZH42909920004 KJBJYS item 1): "城镇建成区内禁止新建、
    /// 扩建化工、印染、电镀等污染较重的工业项目". 印染 covers C1713, but the prohibition holds only inside the
    /// built-up area, which no layer of the delivery maps: a person must check where the site lies, and the
    /// answer says which layer would tell.
    @Test("a dye works in the unit whose list says 城镇建成区内禁止新建、扩建化工、印染…: 需论证, quoting the words and naming the place to check")
    func publishedList() async throws {
        let answer = try await Self.screen(Self.s30, "C1713")
        #expect(answer["verdict"] as? String == "needsAssessment")
        let clause = try #require((answer["reasons"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "ZH42909920004-spatialLayout-1" })
        #expect(clause["decidedBy"] as? String == "reader")
        #expect((clause["quote"] as? String)?.contains("禁止新建、扩建化工、印染") == true)
        let gap = clause["undetermined"] as? [String: Any]
        #expect(gap?["missing"] as? String == "sensitiveLayer" && gap?["ruleEffect"] as? String == "prohibited", "\(clause)")
        #expect((gap?["note"] as? String)?.contains("数据集没有城镇建成区图层") == true, "\(clause)")
    }

    /// The same delivery with a 城镇建成区 layer added: a square of ±0.003° around S30 (made for this test).
    /// S30 lies inside it; the point 0.01° west of S30 (111.4630485, 30.5295204) lies in the same unit
    /// (shapely: inside ZH42909920004 of Fixtures/demo/layers/units.geojson, 1.4 km from its edge) and
    /// outside the square.
    @Test("with a built-up-area layer the same clause is decided: 禁止 inside the area, not applied outside it")
    func builtUpLayer() async throws {
        let delivered = try #require(await Self.folder, "dataset init on the delivery failed")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-builtup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: delivered, to: folder)
        let square = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"BM":"JCQ-01","MC":"沧澜镇建成区"},"geometry":{"type":"Polygon","coordinates":[[[111.4700485,30.5265204],[111.4760485,30.5265204],[111.4760485,30.5325204],[111.4700485,30.5325204],[111.4700485,30.5265204]]]}}]}"#
        try Data(square.utf8).write(to: folder.appendingPathComponent("layers/builtup.geojson"))
        let manifest = folder.appendingPathComponent("dataset.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let entry = "  sensitiveAreas:\n    - id: builtUpArea\n      kind: 城镇建成区\n      file: layers/builtup.geojson\n      fields:\n        code: BM\n        name: MC\n"
        try #require(text.contains("  sensitiveAreas:\n"))
        try text.replacingOccurrences(of: "  sensitiveAreas:\n", with: entry).write(to: manifest, atomically: true, encoding: .utf8)
        func screen(_ point: String) async throws -> [String: Any] {
            let output = try await CLI.run(["screen", "--point", point, "--industry", "C1713", "--nature", "新建", "--format", "json", "--dataset", folder.path, "--quiet"])
            #expect(output.status == 0, "\(output.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            return try #require((json?["results"] as? [[String: Any]])?.first)
        }
        let inside = try await screen(Self.s30)
        #expect(inside["verdict"] as? String == "prohibited", "\(inside["reasons"] ?? "")")
        let clause = (inside["reasons"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "ZH42909920004-spatialLayout-1" }
        #expect(clause?["effect"] as? String == "prohibited" && clause?["undetermined"] == nil, "\(clause ?? [:])")
        let outside = try await screen("111.4630485,30.5295204")
        #expect(((outside["controlUnits"] as? [[String: Any]]) ?? []).contains { $0["code"] as? String == "ZH42909920004" })
        #expect(!Self.ruleIds(outside).contains("ZH42909920004-spatialLayout-1"), "\(outside["reasons"] ?? "")")
    }
}
