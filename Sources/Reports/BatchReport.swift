import Foundation
import Geometry
import Zoning
import Wording

/// The first pages of a batch report: counts per verdict and per unit class as charts, an overview map
/// of every site coloured (and shaped) by verdict, and a table of every site linking to its section.
public struct BatchReport {
    public let dataset: Dataset
    public let language: Language
    /// Sites beyond this many get their table row but no section of their own.
    public let sectionLimit: Int

    public init(dataset: Dataset, language: Language, sectionLimit: Int = 200) {
        self.dataset = dataset
        self.language = language
        self.sectionLimit = sectionLimit
    }

    /// One site as the summary needs it.
    public struct Row: Sendable {
        public var number: Int
        public var id: String?
        public var name: String?
        public var verdict: Verdict?
        public var verdictName: String?
        public var rules: [String]
        public var area: AreaFigure?
        public var unitClasses: [UnitClass]
        public var failure: String?
        /// A point to draw it at, in CGCS2000 longitude/latitude (nil when it has no usable geometry).
        public var location: Coordinate?
        public var anchor: String
        public var hasSection: Bool

        public init(number: Int, id: String?, name: String?, verdict: Verdict?, verdictName: String?, rules: [String], area: AreaFigure?,
                    unitClasses: [UnitClass], failure: String?, location: Coordinate?, anchor: String, hasSection: Bool) {
            self.number = number
            self.id = id
            self.name = name
            self.verdict = verdict
            self.verdictName = verdictName
            self.rules = rules
            self.area = area
            self.unitClasses = unitClasses
            self.failure = failure
            self.location = location
            self.anchor = anchor
            self.hasSection = hasSection
        }
    }

    public func summary(_ rows: [Row]) -> String {
        let l = language
        var html = "<section class=\"summary\">\n<h2>\(l.pick("汇总（\(rows.count) 个站点）", "Summary (\(rows.count) sites)"))</h2>\n"
        let failed = rows.filter { $0.verdict == nil }.count
        var verdictCounts = Verdict.allCases.map { verdict in (verdict.name(l), rows.filter { $0.verdict == verdict }.count, Self.verdictColour(verdict)) }
        verdictCounts.append((l.pick("无法判定", "not screened"), failed, "#888888"))
        html += "<div class=\"chart\" id=\"chart-verdicts\">" + Self.barChart(title: l.pick("按结论", "By verdict"), bars: verdictCounts) + "</div>\n"
        let classCounts = UnitClass.allCases.map { unitClass in (unitClass.name(l), rows.filter { $0.unitClasses.contains(unitClass) }.count, "#5b6f8f") }
        html += "<div class=\"chart\" id=\"chart-classes\">" + Self.barChart(title: l.pick("按涉及的单元类别（一个站点可涉及多类）", "By unit class touched (a site may touch several)"), bars: classCounts) + "</div>\n"
        html += "<figure class=\"map overview\">" + overview(rows) + "<figcaption>\(l.pick("站点总览（颜色与形状表示结论）", "All sites (colour and shape give the verdict)"))</figcaption></figure>\n"
        let withoutSection = rows.filter { !$0.hasSection }.count
        if withoutSection > 0 {
            html += "<p class=\"note\">" + XML.escape(l.pick("站点较多：前 \(sectionLimit) 个站点有单独的章节，其余 \(withoutSection) 个只列在下表中（可用 --report-sections 调整）。",
                                                              "Many sites: the first \(sectionLimit) have a section of their own; the other \(withoutSection) are listed in the table only (see --report-sections).")) + "</p>\n"
        }
        html += "<table class=\"sites\"><tr>" + [l.pick("序号", "No."), l.pick("编号", "ID"), l.pick("名称", "Name"), l.pick("结论", "Verdict"),
                                                  l.pick("决定结论的规则", "Deciding rules"), l.pick("面积（公顷）", "Area (ha)"), l.pick("失败原因", "Failure")]
            .map { "<th>\(XML.escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            let number = row.hasSection ? "<a href=\"#\(XML.escape(row.anchor))\">\(row.number)</a>" : "\(row.number)"
            let cells = [row.id ?? "", row.name ?? "", row.verdictName ?? l.pick("无法判定", "not screened"), row.rules.joined(separator: " "),
                         row.area.map { String(format: "%.4f", $0.hectares) } ?? "", row.failure ?? ""]
            html += "<tr class=\"\(row.verdict?.rawValue ?? "failed")\"><td>\(number)</td>" + cells.map { "<td>\(XML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n</section>\n"
    }

    static func verdictColour(_ verdict: Verdict) -> String {
        switch verdict {
        case .prohibited: "#b00000"
        case .restricted: "#d07000"
        case .needsAssessment: "#b8a000"
        case .compliant: "#1d7b2a"
        }
    }

    /// Horizontal bars with their counts written beside them (readable without colour).
    static func barChart(title: String, bars: [(label: String, count: Int, colour: String)]) -> String {
        let width = 680.0, rowHeight = 24.0, labelWidth = 180.0
        let most = max(1, bars.map(\.count).max() ?? 1)
        var svg = "<svg viewBox=\"0 0 \(Int(width)) \(Int(Double(bars.count) * rowHeight + 28))\" font-size=\"12\" font-family=\"'Noto Sans CJK SC',sans-serif\">"
        svg += "<text x=\"0\" y=\"14\" font-weight=\"bold\">\(XML.escape(title))</text>"
        for (index, bar) in bars.enumerated() {
            let y = 24 + Double(index) * rowHeight
            let length = Double(bar.count) / Double(most) * (width - labelWidth - 60)
            svg += String(format: "<g class=\"bar\" data-count=\"%d\"><text x=\"0\" y=\"%.1f\">%@</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%@\" stroke=\"#000\" stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"%.1f\">%d</text></g>",
                          bar.count, y + 12, XML.escape(bar.label), labelWidth, y, length, bar.colour, labelWidth + length + 6, y + 12, bar.count)
        }
        return svg + "</svg>"
    }

    /// The sites on the units around them: a marker per site, its shape and colour by verdict.
    func overview(_ rows: [Row]) -> String {
        let width = 680.0, height = 420.0
        let points: [(Row, Coordinate)] = rows.compactMap { row in
            guard let location = row.location,
                  case .point(let working)? = try? Geometry.point(location).transformed(from: .cgcs2000, to: dataset.workingCRS) else { return nil }
            return (row, working)
        }
        var extent = points.reduce(Envelope.empty) { $0.union(Envelope(minX: $1.1.x, minY: $1.1.y, maxX: $1.1.x, maxY: $1.1.y)) }
        if extent.isEmpty { extent = dataset.units.reduce(Envelope.empty) { $0.union($1.shape.envelope) } }
        guard !extent.isEmpty else { return "" }
        let frame = SVGProjection.widened(extent.expanded(by: max(500, 0.08 * max(extent.width, extent.height))), toAspect: width / height)
        let projection = SVGProjection(frame: frame, width: width, height: height)
        let tolerance = projection.metresPerUnit
        var svg = "<svg class=\"overview-map\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-size=\"10\">\(SiteMap.definitions)"
        svg += "<clipPath id=\"overview-frame\"><rect width=\"\(Int(width))\" height=\"\(Int(height))\"/></clipPath><g clip-path=\"url(#overview-frame)\"><rect width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#fff\"/>"
        for unit in dataset.units where unit.shape.envelope.intersects(frame) {
            let shape = (try? unit.geometry.simplifiedForDrawing(tolerance: tolerance)) ?? unit.geometry
            svg += "<path d=\"\(projection.path(shape))\" fill=\"url(#unit\(unit.unitClass.rawValue))\" fill-opacity=\"0.6\" stroke=\"#999\" stroke-width=\"0.4\"/>"
        }
        for shoreline in dataset.shorelines where shoreline.shape.envelope.intersects(frame) {
            let shape = (try? shoreline.geometry.simplifiedForDrawing(tolerance: tolerance)) ?? shoreline.geometry
            svg += "<path d=\"\(projection.path(shape))\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.6\"/>"
        }
        for (row, point) in points {
            let p = projection.point(point)
            let colour = row.verdict.map(Self.verdictColour) ?? "#888888"
            let marker: String
            switch row.verdict {
            case .prohibited?: marker = String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\"", p.x - 4.5, p.y - 4.5)
            case .restricted?: marker = String(format: "<path d=\"M%.1f %.1fl5 9h-10z\"", p.x, p.y - 5)
            case .needsAssessment?: marker = String(format: "<path d=\"M%.1f %.1fl5 5l-5 5l-5 -5z\"", p.x, p.y - 5)
            case .compliant?: marker = String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\"", p.x, p.y)
            case nil: marker = String(format: "<path d=\"M%.1f %.1fl8 8m0 -8l-8 8\" stroke-width=\"2\"", p.x - 4, p.y - 4)
            }
            svg += "<a href=\"#\(XML.escape(row.anchor))\">" + marker + " fill=\"\(colour)\" stroke=\"\(row.verdict == nil ? colour : "#000")\" stroke-width=\"0.8\"><title>\(XML.escape("\(row.number) \(row.id ?? "") \(row.verdictName ?? "")"))</title>" + (marker.hasPrefix("<rect") ? "</rect>" : marker.hasPrefix("<circle") ? "</circle>" : "</path>") + "</a>"
        }
        svg += "</g><rect width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"none\" stroke=\"#000\"/>"
        // Legend of the markers.
        let l = language
        let legend: [(String, String)] = [
            (String(format: "<rect x=\"0\" y=\"-8\" width=\"9\" height=\"9\" fill=\"%@\" stroke=\"#000\"/>", Self.verdictColour(.prohibited)), Verdict.prohibited.name(l)),
            (String(format: "<path d=\"M4.5 -9l5 9h-10z\" fill=\"%@\" stroke=\"#000\"/>", Self.verdictColour(.restricted)), Verdict.restricted.name(l)),
            (String(format: "<path d=\"M4.5 -9l5 5l-5 5l-5 -5z\" fill=\"%@\" stroke=\"#000\"/>", Self.verdictColour(.needsAssessment)), Verdict.needsAssessment.name(l)),
            (String(format: "<circle cx=\"4.5\" cy=\"-4\" r=\"4.5\" fill=\"%@\" stroke=\"#000\"/>", Self.verdictColour(.compliant)), Verdict.compliant.name(l)),
        ]
        for (index, item) in legend.enumerated() {
            svg += "<g transform=\"translate(\(8 + index * 110) \(Int(height) - 8))\"><rect x=\"-4\" y=\"-14\" width=\"104\" height=\"18\" fill=\"#fff\" opacity=\"0.85\"/>\(item.0)<text x=\"16\" y=\"0\">\(XML.escape(item.1))</text></g>"
        }
        return svg + "</svg>"
    }
}
