import Foundation
import Testing

/// 勘测定界 coordinate files screened as planners bring them (Fixtures/survey, written by hand).
@Suite("Screening 勘测定界 coordinate files", .serialized)
struct SurveyFileCommandTests {
    static func results(_ arguments: [String]) async throws -> (CLI.Output, [[String: Any]]) {
        let output = try await CLI.run(["screen"] + arguments + ["--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return (output, json?["results"] as? [[String: Any]] ?? [])
    }

    static func siteArea(_ result: [String: Any]) -> Double? {
        ((result["site"] as? [String: Any])?["area"] as? [String: Any])?["squareMetres"] as? Double
    }

    static func units(_ result: [String: Any]) -> [String] {
        (result["controlUnits"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("the parcel is the one drawn, in the right place")
    func rightPlace() async throws {
        let (output, results) = try await Self.results(["Fixtures/survey/survey_cgcs2000_zone37.txt"])
        #expect(output.status == 0 && results.count == 2)
        // Fixtures/survey/expected_parcels.csv, by hand: 200 m x 150 m minus a 40 m x 25 m hole = 29,000 m².
        // The file's CRS (zone 37, CM 111°E) and the demo's EPSG:4546 share the central meridian, so the
        // planar area is the same in both.
        #expect(abs((Self.siteArea(results[0]) ?? 0) - 29_000) < 0.01)
        // Corner J1 of YC2024-001 is at (111.500307349457, 30.495617892368) by pyproj (corners.csv):
        // screened as a point, it falls in the same unit as the parcel.
        let (_, corner) = try await Self.results(["--point", "111.500307349457,30.495617892368"])
        #expect(Self.units(results[0]) == Self.units(corner[0]))
    }

    @Test("GBK and swapped-axis files give the same parcel as the UTF-8 file")
    func variants() async throws {
        let (_, reference) = try await Self.results(["Fixtures/survey/survey_cgcs2000_zone37.txt"])
        for file in ["survey_gbk_open_rings.txt", "survey_swapped_xy.txt"] {
            let (_, results) = try await Self.results(["Fixtures/survey/" + file])
            #expect(Self.siteArea(results[0]) == Self.siteArea(reference[0]), "\(file)")
            #expect(Self.units(results[0]) == Self.units(reference[0]), "\(file)")
        }
    }

    @Test("a malformed point line is reported with file, line and parcel; the other parcels are screened; exit 1")
    func badLine() async throws {
        let (output, results) = try await Self.results(["Fixtures/survey/survey_one_bad_point.txt"])
        #expect(output.status == 1)
        #expect(results.count == 2)
        #expect(output.stderr.contains("survey_one_bad_point.txt：第 23 行（地块 YC2024-202）：X“3375l12.350”不是数值"))
    }

    @Test("a declared area that disagrees with the boundary points is reported")
    func areaMismatch() async throws {
        let output = try await CLI.run(["screen", "Fixtures/survey/survey_area_mismatch.txt"])
        // YC2024-301 declares 3.2 ha; its corners enclose 3.0 ha (expected_parcels.csv).
        #expect(output.stdout.contains("申报面积 3.2000 与按界址点计算的 3.0000 公顷不符（按公顷、平方米、亩理解均不符）"))
    }

    @Test("--merge-parcels: each file's parcels as one site (69,000 m² here, two sites of 29,000 and 40,000 m² without it); a bad parcel fails the whole")
    func mergeParcels() async throws {
        let file = "Fixtures/survey/survey_cgcs2000_zone37.txt"
        // expected_parcels.csv, by hand: 200 x 150 m less a 40 x 25 m hole, and an L of 300 x 100 + 100 x 100 m.
        let separate = try await CLI.run(["screen", file, "--format", "json", "--quiet"])
        let merged = try await CLI.run(["screen", file, "--merge-parcels", "--format", "json", "--quiet"])
        #expect(separate.status == 0 && merged.status == 0)
        func areas(_ json: String) async throws -> [Double] {
            let results = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["results"] as? [[String: Any]] ?? []
            return results.compactMap { (($0["site"] as? [String: Any])?["area"] as? [String: Any])?["squareMetres"] as? Double }
        }
        await #expect(try areas(separate.stdout).map { $0.rounded() } == [29_000, 40_000])
        await #expect(try areas(merged.stdout).map { $0.rounded() } == [69_000])
        let text = try await CLI.run(["screen", file, "--merge-parcels", "--quiet"])
        #expect(text.stdout.contains("文件中的 2 个地块合并为一个站点筛查"))
        let bad = try await CLI.run(["screen", "Fixtures/survey/survey_one_bad_point.txt", "--merge-parcels", "--quiet"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("X“3375l12.350”不是数值"))
    }
}
