import Foundation
import Formats
import Geometry
import Zoning

/// Per-site answers in the CSV shape shared with the GeoPandas and PostGIS runs
/// (`benchmarks/province/peers.py`), so `compare.py` can check that the three tools agree:
/// `id,units,redLines,dMain,dImportant,dTributary,bands`; lists sorted and `;`-separated, parcel
/// lists as `code=area_m2`; planar metres in the working CRS, 3 decimals; empty when nothing.
enum Answers {
    static let header = "id,units,redLines,dMain,dImportant,dTributary,bands"

    static func row(id: String, location: SiteLocation?, areas: Bool) -> String {
        guard let location else { return "\(id),,,,,," }
        func list(_ entries: [(code: String, overlap: Overlap)]) -> String {
            entries.sorted { $0.code < $1.code }.map { entry in
                guard areas, let area = entry.overlap.area else { return entry.code }
                return entry.code + "=" + String(format: "%.3f", area.squareMetres)
            }.joined(separator: ";")
        }
        func distance(_ riverClass: RiverClass) -> String {
            location.nearestDistance(riverClass).map { String(format: "%.3f", $0.metres) } ?? ""
        }
        let units = list(location.units.map { ($0.code, $0.overlap) })
        let redLines = list(location.redLines.map { ($0.code, $0.overlap) })
        let bands = location.bandsInside.sorted().joined(separator: ";")
        return [id, units, redLines, distance(.mainStream), distance(.importantTributary), distance(.tributary), bands].joined(separator: ",")
    }

    /// What the peers hand back per site, taken from a location inside the timed section: unit and
    /// red-line codes, the distance per river class and the bands (codes as strings, as PostGIS
    /// returns them to its client). Returns a count so the work cannot be optimised away.
    static func extract(_ location: SiteLocation) -> Int {
        let distances = RiverClass.allCases.reduce(0) { $0 + (location.nearestDistance($1) == nil ? 0 : 1) }
        return location.unitCodes.count + location.redLineCodes.count + location.bandsInside.count + distances
    }

    /// Screens every site once more (untimed) and writes the answers.
    static func write(_ sites: [Site], engine: ScreeningEngine, areas: Bool, to url: URL) throws {
        var text = header + "\n"
        for (index, site) in sites.enumerated() {
            text += row(id: site.id ?? "\(index + 1)", location: try? engine.locate(site), areas: areas) + "\n"
        }
        try AtomicFile.write(Data(text.utf8), to: url)
    }
}
