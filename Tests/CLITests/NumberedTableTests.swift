import Foundation
import Testing

/// A table of nothing but a number column and coordinates (编号/经度/纬度) is one parcel's corners,
/// as a planner types or copies them; tables naming their rows stay a list of sites.
@Suite("coordinate tables with only a number column")
struct NumberedTableTests {
    @Test("编号/经度/纬度 with six rows is one hexagon; stderr says so and how to read the rows as points")
    func oneParcel() async throws {
        let output = try await CLI.run(["screen", "Fixtures/sites/numbered_corners.csv", "--format", "csv"])
        #expect(output.status == 0, "\(output.stderr)")
        let rows = output.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 2)
        // 255,374.522 m²: pyproj 3.7.2 Transformer.from_crs(4490, 4546, always_xy=True) on the six corners,
        // then shapely 2.2.0 Polygon(...).area (the demo measures in EPSG:4546); run once, 2026-12-07.
        #expect(rows.last?.contains(",Polygon,255374.522,") == true)
        #expect(rows.last?.hasPrefix("6,0,2-7,") == true)   // vertexCount, holeCount, the sheet rows it came from
        #expect(output.stderr.contains("整表为一个地块（点号列“编号”）"))
        #expect(output.stderr.contains("--rows points"))
    }

    @Test("--rows points (or sites) reads the same table as six point sites")
    func asPoints() async throws {
        for rows in ["points", "sites"] {
            let output = try await CLI.run(["screen", "Fixtures/sites/numbered_corners.csv", "--rows", rows, "--format", "csv", "--quiet"])
            #expect(output.status == 0, "\(output.stderr)")
            let lines = output.stdout.split(separator: "\r\n")
            #expect(lines.count == 7)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",Point,") })
            #expect(!output.stderr.contains("界址点"))
        }
    }

    @Test("a table with a name column beside the number stays one site per row")
    func namedRows() async throws {
        // 编号,项目名称,X,Y: four projects (Fixtures/sites/README.md).
        let output = try await CLI.run(["screen", "Fixtures/sites/points_northing_easting.csv", "--format", "csv", "--quiet"])
        let lines = output.stdout.split(separator: "\r\n")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().allSatisfy { $0.contains(",Point,") })
    }
}
