import Foundation
import Geometry
import Zoning
import Wording

/// A site's map, drawn by ZoneScreen itself from the dataset as SVG (no tiles, no network): the units
/// around the site by class, red lines hatched, sensitive areas, shorelines with the rules' band lines,
/// the site, the way to the nearest shoreline, a scale bar, a north arrow, the frame's corner
/// coordinates and a legend. Patterns as well as colours tell the classes apart, so it reads in
/// black-and-white print. Drawn in the dataset's working CRS (metres, north up), so the scale bar is
/// that CRS's metres; the frame is the site with a margin, widened to the nearest shoreline when it is
/// within 5 km.
public struct SiteMap {
    public let dataset: Dataset
    public let language: Language

    static let width = 680.0
    static let height = 480.0
    static let shorelineReach = 5_000.0

    public init(dataset: Dataset, language: Language) {
        self.dataset = dataset
        self.language = language
    }

    /// What the map shows, worked out before drawing (tests check it against measured figures).
    public struct Layout {
        public let frame: Envelope
        public let site: Geometry
        /// The nearest shoreline within 5 km: its river, the nearest points on the site and on it, in the working CRS.
        public let nearest: (river: String, fromSite: Coordinate, onShoreline: Coordinate, metres: Double)?
    }

    public func layout(_ result: ScreeningResult) throws -> Layout {
        let site = try result.site.geometry.transformed(from: .cgcs2000, to: dataset.workingCRS)
        var best: (river: String, fromSite: Coordinate, onShoreline: Coordinate, metres: Double)?
        let siteEnvelope = site.envelope
        for shoreline in dataset.shorelines where shoreline.shape.envelope.distance(to: siteEnvelope) <= Self.shorelineReach {
            let (a, b) = try site.nearestPoints(to: shoreline.geometry)
            let metres = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
            if metres <= Self.shorelineReach, metres < (best?.metres ?? .infinity) { best = (shoreline.riverName, a, b, metres) }
        }
        var covered = siteEnvelope
        if let best { covered = covered.union(Envelope(minX: best.onShoreline.x, minY: best.onShoreline.y, maxX: best.onShoreline.x, maxY: best.onShoreline.y)) }
        let margin = max(300, 0.25 * max(covered.width, covered.height))
        let frame = SVGProjection.widened(covered.expanded(by: margin), toAspect: Self.width / Self.height)
        return Layout(frame: frame, site: site, nearest: best)
    }

    public func svg(_ result: ScreeningResult) throws -> String {
        let layout = try layout(result)
        let projection = SVGProjection(frame: layout.frame, width: Self.width, height: Self.height)
        let clip = layout.frame.expanded(by: layout.frame.width * 0.05)
        let clipShape = Geometry.polygon(Polygon(exterior: [Coordinate(x: clip.minX, y: clip.minY), Coordinate(x: clip.maxX, y: clip.minY),
                                                            Coordinate(x: clip.maxX, y: clip.maxY), Coordinate(x: clip.minX, y: clip.maxY),
                                                            Coordinate(x: clip.minX, y: clip.minY)]))
        let tolerance = projection.metresPerUnit * 0.5
        func clipped(_ geometry: Geometry) throws -> Geometry? {
            let inside = try geometry.intersection(clipShape)
            guard !inside.isEmpty else { return nil }
            return (try? inside.simplifiedForDrawing(tolerance: tolerance)) ?? inside
        }
        let l = language
        var body = ""
        // Units, by class.
        for unit in dataset.units where unit.shape.envelope.intersects(clip) {
            guard let shape = try clipped(unit.geometry) else { continue }
            body += "<path class=\"unit\" data-code=\"\(XML.escape(unit.code))\" d=\"\(projection.path(shape))\" fill=\"url(#unit\(unit.unitClass.rawValue))\" fill-rule=\"evenodd\" stroke=\"#777\" stroke-width=\"0.6\"><title>\(XML.escape(unit.code + " " + unit.name + " " + unit.unitClass.name(l)))</title></path>\n"
        }
        for area in dataset.sensitiveAreas where area.shape.envelope.intersects(clip) {
            guard let shape = try clipped(area.geometry) else { continue }
            body += "<path class=\"sensitive\" d=\"\(projection.path(shape))\" fill=\"none\" stroke=\"#6a3d9a\" stroke-width=\"1.4\" stroke-dasharray=\"6 3\"><title>\(XML.escape(area.kind + " " + area.name))</title></path>\n"
        }
        for redLine in dataset.redLines where redLine.shape.envelope.intersects(clip) {
            guard let shape = try clipped(redLine.geometry) else { continue }
            body += "<path class=\"redline\" data-code=\"\(XML.escape(redLine.code))\" d=\"\(projection.path(shape))\" fill=\"url(#redline)\" fill-rule=\"evenodd\" stroke=\"#c00000\" stroke-width=\"1.5\"><title>\(XML.escape(redLine.code + " " + redLine.name))</title></path>\n"
        }
        // Band lines: each distinct distance and set of rivers of the rules, around the shorelines near the frame.
        var legendBands: [(distance: Double, dash: String)] = []
        for (order, band) in bands().enumerated() {
            let reach = clip.expanded(by: band.distance)
            let lines = dataset.shorelines.filter { band.rivers.contains($0.riverClass) && $0.shape.envelope.intersects(reach) }
            guard !lines.isEmpty else { continue }
            let reachShape = Geometry.polygon(Polygon(exterior: [Coordinate(x: reach.minX, y: reach.minY), Coordinate(x: reach.maxX, y: reach.minY),
                                                                 Coordinate(x: reach.maxX, y: reach.maxY), Coordinate(x: reach.minX, y: reach.maxY),
                                                                 Coordinate(x: reach.minX, y: reach.minY)]))
            let near = try Geometry.geometryCollection(lines.map(\.geometry)).intersection(reachShape)
            guard !near.isEmpty else { continue }
            let buffer = try near.buffer(band.distance, quadrantSegments: 8).unaryUnion()
            guard let shape = try clipped(buffer) else { continue }
            let dash = ["10 4", "5 4", "2 3", "12 3 2 3"][order % 4]
            legendBands.append((band.distance, dash))
            body += "<path class=\"band\" data-metres=\"\(band.distance)\" d=\"\(projection.path(shape))\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.1\" stroke-dasharray=\"\(dash)\"/>\n"
        }
        for shoreline in dataset.shorelines where shoreline.shape.envelope.intersects(clip) {
            guard let shape = try clipped(shoreline.geometry) else { continue }
            body += "<path class=\"shoreline\" d=\"\(projection.path(shape))\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2.6\"><title>\(XML.escape(shoreline.riverName + " " + shoreline.riverClass.name(l)))</title></path>\n"
        }
        // The way to the nearest shoreline, labelled with the measured distance.
        if let nearest = layout.nearest {
            let (a, b) = (projection.point(nearest.fromSite), projection.point(nearest.onShoreline))
            let measured = nearestMeasured(result) ?? nearest.metres
            let label = l.pick("距\(nearest.river) ", "to \(nearest.river) ") + Self.distanceText(measured)
            body += String(format: "<line class=\"nearest\" data-metres=\"%.1f\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>\n",
                           measured, a.x, a.y, b.x, b.y)
            body += String(format: "<text x=\"%.1f\" y=\"%.1f\" class=\"label halo\">%@</text>\n", (a.x + b.x) / 2 + 4, (a.y + b.y) / 2 - 4, XML.escape(label))
        }
        body += siteMark(layout.site, projection)
        let decorations = northArrow() + scaleBar(projection) + corners(layout.frame)
        let legend = self.legend(bands: legendBands, hasSensitive: !dataset.sensitiveAreas.isEmpty)
        let total = Self.height + legend.height
        return """
        <svg class="site-map" viewBox="0 0 \(Int(Self.width)) \(Int(total))" width="\(Int(Self.width))" height="\(Int(total))" font-family="'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif" font-size="11">
        \(Self.definitions)
        <clipPath id="frame"><rect x="0" y="0" width="\(Int(Self.width))" height="\(Int(Self.height))"/></clipPath>
        <rect x="0" y="0" width="\(Int(Self.width))" height="\(Int(Self.height))" fill="#fff"/>
        <g clip-path="url(#frame)">
        \(body)</g>
        <rect x="0" y="0" width="\(Int(Self.width))" height="\(Int(Self.height))" fill="none" stroke="#000" stroke-width="1"/>
        \(decorations)
        \(legend.svg)
        </svg>
        """
    }

    /// The distance the screening measured to the river nearest the site (the report's figure).
    private func nearestMeasured(_ result: ScreeningResult) -> Double? {
        [result.shorelines.nearestMainStream, result.shorelines.nearestTributary].compactMap { $0 }.map(\.distance.metres).min()
    }

    private func bands() -> [(distance: Double, rivers: [RiverClass])] {
        var seen = Set<String>()
        var bands: [(Double, [RiverClass])] = []
        for rule in dataset.rules.shorelineBands {
            guard case .shorelineBand(let distance, let rivers) = rule.kind, seen.insert("\(distance)|\(rivers)").inserted else { continue }
            bands.append((distance, rivers))
        }
        return bands.sorted { $0.0 < $1.0 }
    }

    static func distanceText(_ metres: Double) -> String {
        metres >= 1000 ? String(format: "%.2f km", metres / 1000) : String(format: "%.0f m", metres)
    }

    private func siteMark(_ site: Geometry, _ projection: SVGProjection) -> String {
        switch site {
        case .point(let c):
            let p = projection.point(c)
            return String(format: "<g class=\"site\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2.5\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#000\"/></g>\n", p.x, p.y, p.x, p.y)
        default:
            let d = projection.path(site)
            return "<g class=\"site\"><path d=\"\(d)\" fill=\"none\" stroke=\"#fff\" stroke-width=\"5\"/><path d=\"\(d)\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.4\" fill-rule=\"evenodd\"/></g>\n"
        }
    }

    private func northArrow() -> String {
        let x = Self.width - 34, y = 16.0
        return String(format: "<g class=\"north-arrow\"><path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#000\"/><path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#fff\" stroke=\"#000\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" class=\"halo\">N</text></g>\n",
                      x, y + 6, x - 8, y + 34, x, y + 28, x, y + 6, x + 8, y + 34, x, y + 28, x, y + 4)
    }

    /// A bar of a round length (1, 2 or 5 x 10^n m) near a quarter of the frame's width.
    private func scaleBar(_ projection: SVGProjection) -> String {
        let target = projection.frame.width / 4
        let power = pow(10, floor(log10(target)))
        let metres = [5, 2, 1].map { $0 * power }.first { $0 <= target } ?? power
        let length = metres / projection.metresPerUnit
        let x = 14.0, y = Self.height - 18
        let label = metres >= 1000 ? String(format: "%g km", metres / 1000) : String(format: "%g m", metres)
        return String(format: "<g class=\"scale-bar\" data-metres=\"%g\" data-length=\"%.3f\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#fff\" opacity=\"0.8\"/><path d=\"M%.1f %.1fv-6h%.1fv6\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"/><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"3\" fill=\"#000\"/><text x=\"%.1f\" y=\"%.1f\" class=\"halo\">%@</text></g>\n",
                      metres, length, x - 4, y - 18, length + 60, x, y, length, x, y - 3, length / 2, x + length + 6, y, label)
    }

    /// Longitude/latitude of the frame's south-west and north-east corners.
    private func corners(_ frame: Envelope) -> String {
        let back = [Coordinate(x: frame.minX, y: frame.minY), Coordinate(x: frame.maxX, y: frame.maxY)]
        guard let corners = try? back.map({ try Geometry.point($0).transformed(from: dataset.workingCRS, to: .cgcs2000) }),
              case .point(let sw) = corners[0], case .point(let ne) = corners[1] else { return "" }
        func text(_ c: Coordinate) -> String { String(format: "%.5f°E %.5f°N", c.x, c.y) }
        let l = language
        return "<text class=\"corner halo\" x=\"4\" y=\"12\" font-size=\"9\">\(l.pick("东北角 ", "NE corner ") + text(ne))</text>\n"
            + "<text class=\"corner halo\" x=\"\(Int(Self.width) - 4)\" y=\"\(Int(Self.height) - 4)\" font-size=\"9\" text-anchor=\"end\">\(l.pick("西南角 ", "SW corner ") + text(sw))</text>\n"
    }

    private func legend(bands: [(distance: Double, dash: String)], hasSensitive: Bool) -> (svg: String, height: Double) {
        let l = language
        var items: [(symbol: String, label: String)] = UnitClass.allCases.map {
            ("<rect width=\"22\" height=\"12\" fill=\"url(#unit\($0.rawValue))\" stroke=\"#777\"/>", $0.name(l))
        }
        items.append(("<rect width=\"22\" height=\"12\" fill=\"url(#redline)\" stroke=\"#c00000\" stroke-width=\"1.5\"/>", l.pick("生态保护红线", "ecological red line")))
        if hasSensitive {
            items.append(("<rect width=\"22\" height=\"12\" fill=\"none\" stroke=\"#6a3d9a\" stroke-width=\"1.4\" stroke-dasharray=\"6 3\"/>", l.pick("敏感区", "sensitive area")))
        }
        items.append(("<path d=\"M0 6h22\" stroke=\"#1f5fa8\" stroke-width=\"2.6\"/>", l.pick("岸线", "shoreline")))
        for band in bands {
            items.append(("<path d=\"M0 6h22\" stroke=\"#1f5fa8\" stroke-width=\"1.1\" stroke-dasharray=\"\(band.dash)\"/>",
                          l.pick("岸线 ", "shoreline ") + Self.distanceText(band.distance) + l.pick(" 范围线", " band")))
        }
        items.append(("<path d=\"M2 2h18v8h-18z\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.4\"/>", l.pick("站点", "site")))
        let columns = 3, rowHeight = 20.0
        var svg = "<g class=\"legend\" transform=\"translate(0 \(Int(Self.height) + 8))\"><text x=\"4\" y=\"10\" font-weight=\"bold\">\(l.pick("图例", "Legend"))</text>\n"
        for (index, item) in items.enumerated() {
            let x = 4 + Double(index % columns) * (Self.width / Double(columns)), y = 18 + Double(index / columns) * rowHeight
            svg += "<g transform=\"translate(\(Int(x)) \(Int(y)))\">\(item.symbol)<text x=\"28\" y=\"10\">\(XML.escape(item.label))</text></g>\n"
        }
        svg += "</g>"
        return (svg, 26 + Double((items.count + columns - 1) / columns) * rowHeight)
    }

    /// Fills that differ by pattern as well as colour.
    static let definitions = """
    <defs>
    <style>.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}.label{font-size:11px}</style>
    <pattern id="unit1" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#dcefd5"/><path d="M0 0v8" stroke="#5b8f4f" stroke-width="1"/></pattern>
    <pattern id="unit2" width="7" height="7" patternUnits="userSpaceOnUse"><rect width="7" height="7" fill="#f9dcc4"/><circle cx="3.5" cy="3.5" r="1.2" fill="#b3541e"/></pattern>
    <pattern id="unit3" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#f3f3ea"/></pattern>
    <pattern id="redline" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><path d="M0 0v6M0 0h6" stroke="#c00000" stroke-width="0.9"/></pattern>
    </defs>
    """
}
