import Foundation
import Geometry
import Wording
import Zoning

/// The geometric checks of `zonescreen dataset check`, beyond what loading already verifies: invalid
/// geometries, and gaps and overlaps in the unit tiling (with where they are and how large).
public enum DatasetCheck {
    /// Gaps or overlaps smaller than this (m², in the working CRS) are rounding noise, not errors.
    public static let tilingTolerance = 0.01

    /// Every problem: the loader's warnings, and the geometric checks (recorded in the store when it
    /// was built with `dataset build`, run now otherwise).
    public static func problems(_ dataset: Dataset) -> [DatasetProblem] {
        dataset.warnings + (dataset.geometryProblems ?? geometryProblems(dataset))
    }

    /// Invalid geometries, and gaps and overlaps in the unit tiling.
    public static func geometryProblems(_ dataset: Dataset) -> [DatasetProblem] {
        var problems: [DatasetProblem] = []
        let toGeographic = try? CoordinateTransformer(from: dataset.workingCRS, to: .cgcs2000)
        func lonLat(_ point: Coordinate) -> Coordinate { (try? toGeographic?.transform(point)) ?? point }
        func validity(_ file: String, _ index: Int, _ id: String, _ geometry: Geometry) {
            guard let report = try? geometry.validity(), !report.isValid else { return }
            problems.append(.invalidGeometry(file: file, feature: index, id: id, reason: report.message(.zh),
                                             location: report.location.map(lonLat)))
        }
        for (index, unit) in dataset.units.enumerated() { validity("controlUnits", index, unit.code, unit.geometry) }
        for (index, redLine) in dataset.redLines.enumerated() { validity("redLines", index, redLine.code, redLine.geometry) }
        for (index, area) in dataset.sensitiveAreas.enumerated() { validity(area.layer, index, area.code ?? area.name, area.geometry) }

        // Overlaps: every pair of units whose envelopes meet.
        let units = dataset.units
        for (i, unit) in units.enumerated() {
            for j in dataset.trees.units.search(unit.geometry.envelope) where j > i {
                guard let shared = try? unit.geometry.intersection(units[j].geometry),
                      let area = try? shared.planarArea(), area > tilingTolerance,
                      let centre = try? shared.centroid else { continue }
                problems.append(.tilingOverlap(first: unit.code, second: units[j].code, location: lonLat(centre), squareMetres: area))
            }
        }
        // Gaps: holes in the union of all units. (Gaps along the region's outer edge need the region
        // boundary, which the format does not carry.)
        let all = Geometry.multiPolygon(units.flatMap { unit -> [Polygon] in
            switch unit.geometry {
            case .polygon(let polygon): [polygon]
            case .multiPolygon(let polygons): polygons
            default: []
            }
        })
        if let union = try? all.unaryUnion() {
            let polygons: [Polygon]
            switch union {
            case .polygon(let polygon): polygons = [polygon]
            case .multiPolygon(let many): polygons = many
            default: polygons = []
            }
            for hole in polygons.flatMap(\.holes) {
                let gap = Geometry.polygon(Polygon(exterior: hole))
                guard let area = try? gap.planarArea(), area > tilingTolerance, let centre = try? gap.centroid else { continue }
                problems.append(.tilingGap(location: lonLat(centre), squareMetres: area))
            }
        }
        return problems
    }
}
