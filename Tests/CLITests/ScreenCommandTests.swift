import Foundation
import Testing

/// What a user sees from `zonescreen`, on the hand-drawn dataset (Fixtures/zoning/tiny, EPSG:4546).
@Suite("zonescreen command line", .serialized)
struct ScreenCommandTests {
    static let tiny = ["--dataset", "Fixtures/zoning/tiny", "--crs", "EPSG:4546"]

    @Test("a chemical plant 999.5 m from the main stream: 禁止, citing the law, exit 0")
    func prohibited() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--nature", "新建"] + Self.tiny)
        #expect(output.status == 0)
        #expect(output.stdout.contains("结论：禁止"))
        #expect(output.stdout.contains("[禁止] T-AX-1KM 禁止在长江干支流岸线一公里范围内新建、扩建化工项目。"))
        #expect(output.stdout.contains("依据：中华人民共和国长江保护法 第二十六条；距长江（干流）岸线 999.5 米，在 1000 米范围内"))
    }

    @Test("the industry can be given by its Chinese name")
    func industryByName() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "有机化学原料制造", "--nature", "new"] + Self.tiny)
        #expect(output.stdout.contains("项目：C2614 有机化学原料制造，新建，化工项目\n"))
    }

    @Test("--products is shown with the project, in the text report and the JSON answer")
    func products() async throws {
        let text = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--nature", "新建", "--products", "年产5万吨醋酸乙烯"] + Self.tiny)
        #expect(text.stdout.contains("项目：C2614 有机化学原料制造，新建，化工项目，主要产品及其他情况：年产5万吨醋酸乙烯"))
        let json = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--products", "年产5万吨醋酸乙烯", "--format", "json"] + Self.tiny)
        #expect(json.stdout.contains("\"products\":\"年产5万吨醋酸乙烯\""))
    }

    @Test("--investment takes a sum as people write it and is shown with the project; words are refused with exit 2")
    func investment() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--nature", "新建", "--investment", "2亿元"] + Self.tiny)
        #expect(output.stdout.contains("固定资产投资 20000 万元"))
        let json = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--investment", "8000", "--format", "json"] + Self.tiny)
        #expect(json.stdout.contains("\"investmentWanYuan\":8000"))
        let refused = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--investment", "很多"] + Self.tiny)
        #expect(refused.status == 2 && refused.stderr.contains("投资额“很多”无法识别"))
    }

    @Test("an unknown industry code: Chinese error with near matches, exit 2")
    func unknownIndustry() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2699"] + Self.tiny)
        #expect(output.status == 2)
        #expect(output.stderr.contains("行业“C2699”不在 GB/T 4754-2017 中；您是否要找：C2619"))
    }

    @Test("an unknown project nature: Chinese error naming it, exit 2")
    func unknownNature() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--nature", "重建"] + Self.tiny)
        #expect(output.status == 2)
        #expect(output.stderr.contains("项目性质“重建”无法识别，应为 新建、扩建 或 改建"))
    }

    @Test("malformed --point: error naming it, exit 2")
    func badPoint() async throws {
        let output = try await CLI.run(["screen", "--point", "503800;3300499"] + Self.tiny)
        #expect(output.status == 2)
        #expect(output.stderr.contains("第 1 个 --point“503800;3300499”格式有误，应为 经度,纬度"))
    }

    @Test("one bad site among good ones: the good ones are reported, exit 1")
    func partialFailure() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--point", "600000,3300000", "--format", "json"] + Self.tiny)
        #expect(output.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        #expect((json?["results"] as? [Any])?.count == 1)
        #expect((json?["failures"] as? [[String: Any]])?.first?["message"] as? String == "站点 point-2：站点完全在数据集范围（测试区（虚构））之外，无法判定")
    }

    @Test("a self-intersecting polygon pasted with --coords: GEOS's reason and location in Chinese")
    func selfIntersecting() async throws {
        let output = try await CLI.run(["screen", "--coords", "501000 3303000; 502000 3304000; 502000 3303000; 501000 3304000"] + Self.tiny)
        #expect(output.status == 2)
        #expect(output.stderr.contains("几何无效：自相交（Self-intersection），位置 (501500.0, 3303500.0)"))
    }

    @Test("JSON keys are camelCase and areas say how they were measured")
    func json() async throws {
        let output = try await CLI.run(["screen", "--coords", "POLYGON ((501400 3300050, 502400 3300050, 502400 3300150, 501400 3300150, 501400 3300050))", "--format", "json"] + Self.tiny)
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let result = (json?["results"] as? [[String: Any]])?.first
        let area = (result?["site"] as? [String: Any])?["area"] as? [String: Any]
        #expect(area?["squareMetres"] as? Double == 100_000)
        #expect(area?["hectares"] as? Double == 10)
        #expect(area?["method"] as? String == "projected")
        #expect(area?["crs"] as? String == "EPSG:4546")
        // No profile: unit B's "禁止新建燃煤锅炉" (read: coal-fired boilers) may apply, and does not decide.
        #expect(result?["verdict"] as? String == "compliant")
        let possible = (result?["possibleReasons"] as? [[String: Any]])?.compactMap { $0["ruleId"] as? String }
        #expect(possible?.contains("ZH42909920001-spatialLayout-1") == true)
    }

    @Test("a paper mill in unit B: 禁止新建燃煤锅炉 may apply until the flags are answered (--no-other-flags), and applies with --flag 燃煤锅炉 (the list's word for 配套燃煤锅炉)")
    func flagsAnswered() async throws {
        func ids(_ extra: [String]) async throws -> (applied: [String], possible: [String]) {
            let output = try await CLI.run(["screen", "--point", "503000,3301500", "--industry", "C2211", "--nature", "new", "--format", "json"] + extra + Self.tiny)
            let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            let result = (json?["results"] as? [[String: Any]])?.first
            func ruleIds(_ key: String) -> [String] { (result?[key] as? [[String: Any]] ?? []).compactMap { $0["ruleId"] as? String } }
            return (ruleIds("reasons"), ruleIds("possibleReasons"))
        }
        let boiler = "ZH42909920001-spatialLayout-1"
        let unanswered = try await ids([])
        #expect(unanswered.possible.contains(boiler) && !unanswered.applied.contains(boiler))
        let answered = try await ids(["--no-other-flags"])
        #expect(!answered.possible.contains(boiler) && !answered.applied.contains(boiler))
        let withBoiler = try await ids(["--flag", "燃煤锅炉"])
        #expect(withBoiler.applied.contains(boiler))
    }

    @Test("--output writes the file atomically and prints nothing")
    func outputFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-cli-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--format", "json", "--output", path] + Self.tiny)
        #expect(output.status == 0 && output.stdout.isEmpty)
        #expect(FileManager.default.contents(atPath: path).map { !$0.isEmpty } == true)
    }

    @Test("GeoJSON on stdin comes back with the result under one property")
    func geojsonStdin() async throws {
        let feature = #"{"type":"Feature","id":"f1","properties":{"name":"仓库","industry":"G5951","nature":"new"},"geometry":{"type":"Point","coordinates":[503000,3303000]}}"#
        let output = try await CLI.run(["screen", "-", "--format", "geojson"] + Self.tiny, stdin: feature)
        #expect(output.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let properties = ((json?["features"] as? [[String: Any]])?.first?["properties"]) as? [String: Any]
        #expect(properties?["name"] as? String == "仓库")
        #expect((properties?["zonescreen"] as? [String: Any])?["verdict"] as? String == "compliant")
    }

    @Test("a site file's 投资额 and 主要产品 columns: read into the profile; a sum nobody can read fails that site alone, naming it")
    func investmentColumn() async throws {
        let good = #"{"type":"Feature","id":"f1","properties":{"industry":"C2614","投资额":"2亿元","主要产品":"醋酸乙烯"},"geometry":{"type":"Point","coordinates":[503800,3300499.5]}}"#
        let bad = #"{"type":"Feature","id":"f2","properties":{"industry":"C2614","投资额":"很多"},"geometry":{"type":"Point","coordinates":[503800,3300499.5]}}"#
        let output = try await CLI.run(["screen", "-", "--format", "json"] + Self.tiny, stdin: "{\"type\":\"FeatureCollection\",\"features\":[\(good),\(bad)]}")
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stdout.contains("\"investmentWanYuan\":20000") && output.stdout.contains("\"products\":\"醋酸乙烯\""))
        #expect(output.stderr.contains("f2") && output.stderr.contains("投资额“很多”无法识别"), "\(output.stderr)")
    }

    @Test("English on request")
    func english() async throws {
        let output = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "C2614", "--nature", "new", "--lang", "en"] + Self.tiny)
        #expect(output.stdout.contains("Verdict: prohibited"))
    }

    @Test("no site at all is a usage error in Chinese")
    func noSites() async throws {
        let output = try await CLI.run(["screen"] + Self.tiny)
        #expect(output.status != 0)
        #expect(output.stderr.contains("没有要筛查的站点"))
    }

    @Test("dataset check of a broken dataset lists the problem and exits 1")
    func datasetCheckMissing() async throws {
        let output = try await CLI.run(["dataset", "check", "Fixtures/no-such-dataset"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("缺少文件 dataset.yaml"))
    }

    @Test("industries finds codes by name")
    func industries() async throws {
        let output = try await CLI.run(["industries", "有机化学原料", "--dataset", "Fixtures/zoning/tiny"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("C2614\t有机化学原料制造\t小类\tC > C26 > C261"))
    }

    @Test("industries explains a list's word: 钢铁 → 炼铁, 炼钢, 钢压延加工; a profile of 钢铁 asks which (exit 2)")
    func industryWords() async throws {
        let output = try await CLI.run(["industries", "钢铁", "--dataset", "Fixtures/zoning/tiny"])
        #expect(output.status == 0)
        // GB/T 4754-2017: groups 311, 312, 313 each hold one class (3110, 3120, 3130).
        #expect(output.stdout.contains("“钢铁”在准入清单中指：C311 炼铁、C312 炼钢、C313 钢压延加工"), "\(output.stdout)")
        #expect(output.stdout.contains("C3120\t炼钢\t小类"))
        let screened = try await CLI.run(["screen", "--point", "503800,3300499.5", "--industry", "钢铁"] + Self.tiny)
        #expect(screened.status == 2)
        #expect(screened.stderr.contains("“钢铁”包括多个行业小类，请给出其中一个：C3110 炼铁、C3120 炼钢、C3130 钢压延加工"), "\(screened.stderr)")
    }
}
