import ArgumentParser
import Formats
import Foundation
import Geometry
import Wording

/// Checks that GEOS, PROJ and proj.db are present and give known answers: the first thing to run on
/// a new machine.
struct SelfCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfcheck",
        abstract: "检查几何库（GEOS、PROJ、proj.db）能否给出已知答案 / check the geometry libraries against known answers"
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "只在失败时输出 / print only on failure") var quiet = false

    struct Check {
        let name: String
        let expected: String
        let run: () throws -> (passed: Bool, found: String)
    }

    func run() throws {
        let l = common.lang
        var lines = [l.pick("ZoneScreen 几何层自检", "ZoneScreen geometry self-check"),
                     "GEOS \(LibraryVersions.geos), PROJ \(LibraryVersions.proj), GDAL \(GDALVersion.release)"]
        var failures = 0
        for check in checks(l) {
            do {
                let (passed, found) = try check.run()
                failures += passed ? 0 : 1
                lines.append("\(passed ? "✓" : "✗") \(check.name): \(found)\(passed ? "" : l.pick("（应为 \(check.expected)）", " (expected \(check.expected))"))")
            } catch let error as UserFacingError {
                failures += 1
                lines.append("✗ \(check.name): \(error.message(l))")
            }
        }
        if failures > 0 {
            lines.append(l.pick("自检未通过：\(failures) 项失败", "self-check failed: \(failures) checks"))
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
        if !quiet { print((lines + [l.pick("自检通过", "self-check passed")]).joined(separator: "\n")) }
    }

    /// Expected figures were computed independently with pyproj and prcoords (Fixtures/geometry).
    private func checks(_ l: Language) -> [Check] {
        [
            Check(name: l.pick("大地线面积（1°×1°，北纬 30°）", "geodesic area (1°×1° at 30°N)"), expected: "10,642,455,822 m²") {
                let cell = try Geometry(wkt: "POLYGON ((114 30, 115 30, 115 31, 114 31, 114 30))")
                let area = try cell.area(.ellipsoidal).squareMetres
                return (abs(area - 10_642_455_822.16) < 1, String(format: "%.0f m²", area))
            },
            Check(name: l.pick("坐标转换 EPSG:4490 → EPSG:4545（proj.db）", "transform EPSG:4490 → EPSG:4545 (proj.db)"), expected: "E 359575.16 N 3272548.68") {
                // Chongqing (106.551, 29.563): pyproj 3.7.2, Fixtures/geometry/transforms.csv.
                let point = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545)).transform(Coordinate(lon: 106.551, lat: 29.563))
                let ok = abs(point.x - 359_575.16236571065) < 0.001 && abs(point.y - 3_272_548.678868505) < 0.001
                return (ok, String(format: "E %.2f N %.2f", point.x, point.y))
            },
            Check(name: l.pick("点在面内（预处理几何）", "point in polygon (prepared)"), expected: "true / false") {
                let square = try PreparedGeometry(Geometry(wkt: "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))"))
                let onEdge = try square.relates(point: Coordinate(x: 10, y: 5), .covers)
                let outside = try square.relates(point: Coordinate(x: 11, y: 5), .covers)
                return (onEdge && !outside, "\(onEdge) / \(outside)")
            },
            Check(name: l.pick("GCJ-02 偏移（北京）", "GCJ-02 offset (Beijing)"), expected: "116.397241, 39.908401") {
                let gcj = WebMapOffset.convert(Coordinate(lon: 116.391, lat: 39.907), from: .wgs84, to: .gcj02).coordinate
                let ok = abs(gcj.x - 116.39724095859891) < 1e-9 && abs(gcj.y - 39.9084011088464) < 1e-9
                return (ok, String(format: "%.6f, %.6f", gcj.x, gcj.y))
            },
        ]
    }
}
