import Foundation
import Geometry
import Zoning
import Wording

/// One site's section of a 预判报告: verdict first, then reasons with citations, the site, what it
/// touches with overlap areas and shares, shorelines and bands, sensitive areas, its map, and the
/// applicable clauses by dimension and level (★ for those naming the project).
public struct SiteReport {
    public let dataset: Dataset
    public let language: Language

    public init(dataset: Dataset, language: Language) {
        self.dataset = dataset
        self.language = language
    }

    /// What a section is made from: a site's answer, or why it has none.
    public enum Outcome {
        case screened(ScreeningResult)
        case failed(message: String)
    }

    /// `anchor`: the section's id, for links from a batch table.
    public func section(_ outcome: Outcome, title: String, source: String?, anchor: String) -> String {
        let l = language
        var html = "<section class=\"site\" id=\"\(XML.escape(anchor))\">\n<h2>\(XML.escape(title))</h2>\n"
        switch outcome {
        case .failed(let message):
            html += "<div class=\"verdict failed\"><span class=\"label\">\(l.pick("无法判定", "Not screened"))</span></div>\n"
            html += "<p class=\"failure\">\(XML.escape(message))</p>\n"
            if let source { html += "<p class=\"muted\">\(l.pick("来源：", "Source: "))\(XML.escape(source))</p>\n" }
        case .screened(let result):
            html += verdict(result)
            html += siteFacts(result, source: source)
            html += zones(result)
            html += shorelines(result)
            do {
                html += "<figure class=\"map\">" + (try SiteMap(dataset: dataset, language: l).svg(result))
                    + "<figcaption>\(l.pick("站点位置示意图（据数据集绘制，仅供参考）", "Site map (drawn from the dataset, for orientation only)"))</figcaption></figure>\n"
            } catch {
                html += "<p class=\"muted\">\(l.pick("无法绘制地图：", "The map could not be drawn: "))\(XML.escape(error.localizedDescription))</p>\n"
            }
            html += clauses(Array(result.clauses))
        }
        return html + "</section>\n"
    }

    private var wording: ResultWording { ResultWording(language) }

    private func cite(_ source: CitedSource) -> String {
        XML.escape(wording.cite(source, datasetName: dataset.metadata.name))
    }

    static func verdictClass(_ verdict: Verdict) -> String { verdict.rawValue }

    private func verdict(_ result: ScreeningResult) -> String {
        let l = language
        var html = "<div class=\"verdict \(Self.verdictClass(result.verdict))\"><span class=\"label\">\(l.pick("结论", "Verdict"))</span> <strong>\(XML.escape(wording.verdict(result.verdict)))</strong></div>\n"
        if let profile = result.profile {
            html += "<p class=\"profile\">\(l.pick("项目：", "Project: "))\(XML.escape(wording.profile(profile)))</p>\n"
        }
        html += "<h3>\(l.pick("理由", "Reasons"))</h3>\n"
        if result.reasons.isEmpty {
            html += "<p>\(XML.escape(wording.noReasons(result)))</p>\n"
        } else {
            html += "<ol class=\"reasons\">\n" + result.reasons.map(reason).joined() + "</ol>\n"
        }
        if !result.possibleReasons.isEmpty {
            html += "<h4>\(l.pick("视项目情况可能适用（项目信息不足以判定）", "May apply depending on the project"))</h4>\n<ol class=\"reasons possible\">\n"
                + result.possibleReasons.map(reason).joined() + "</ol>\n"
        }
        return html
    }

    private func reason(_ reason: Reason) -> String {
        let l = language
        let national = reason.origin == .national ? " <span class=\"national\">\(l.pick("国家规则", "national rule"))</span>" : ""
        let gap = (wording.quote(reason).map { "<div class=\"citation\">\(XML.escape($0))</div>" } ?? "")
            + (reason.undetermined.map { "<div class=\"check\">\(l.pick("需核对：", "To check: "))\(XML.escape(wording.undetermined($0)))</div>" } ?? "")
        return "<li><span class=\"effect \(reason.effect.rawValue)\">\(XML.escape(reason.effect.name(l)))</span> <code>\(XML.escape(reason.ruleId))</code>\(national) \(XML.escape(reason.text))"
            + "<div class=\"citation\">\(l.pick("依据：", "Source: "))\(cite(reason.source))\(l.pick("；", "; "))\(XML.escape(wording.detail(reason.detail)))</div>\(gap)</li>\n"
    }

    static func area(_ figure: AreaFigure, _ l: Language) -> String {
        String(format: "%.1f m² / %.4f ", figure.squareMetres, figure.hectares) + l.pick("公顷", "ha") + String(format: " / %.2f ", figure.mu) + l.pick("亩", "mu")
    }

    private func overlap(_ overlap: Overlap) -> (String, String) {
        let share = String(format: "%.1f%%", overlap.share * 100)
        if let area = overlap.area { return (Self.area(area, language), share) }
        if let length = overlap.length { return (String(format: "%.1f m", length.metres), share) }
        return ("—", share)
    }

    private func siteFacts(_ result: ScreeningResult, source: String?) -> String {
        let l = language, s = result.site
        var rows: [(String, String)] = []
        if let source { rows.append((l.pick("来源", "Source"), source)) }
        rows.append((l.pick("几何", "Geometry"), s.geometryType))
        rows.append((l.pick("输入坐标系", "Input CRS"), s.inputCRS + (s.webMapDatum != .wgs84
            ? l.pick("（已去除 \(s.webMapDatum.rawValue.uppercased()) 偏移）", " (\(s.webMapDatum.rawValue.uppercased()) offset removed)") : "")))
        if let a = s.area {
            rows.append((l.pick("面积", "Area"), Self.area(a, l) + wording.parenthesised(a.method + (a.crs.map { " \($0)" } ?? ""))))
        }
        if let length = s.length { rows.append((l.pick("长度", "Length"), String(format: "%.1f m", length.metres))) }
        for note in s.notes { rows.append((l.pick("说明", "Note"), wording.note(note))) }
        return "<h3>\(l.pick("站点", "Site"))</h3>\n<table class=\"facts\">" + rows.map { "<tr><th>\(XML.escape($0.0))</th><td>\(XML.escape($0.1))</td></tr>" }.joined() + "</table>\n"
    }

    private func zones(_ result: ScreeningResult) -> String {
        let l = language
        var html = "<h3>\(l.pick("生态保护红线", "Ecological red lines"))</h3>\n"
        if result.redLines.isEmpty {
            html += "<p>\(l.pick("未涉及", "None touched"))</p>\n"
        } else {
            html += table([l.pick("编码", "Code"), l.pick("名称", "Name"), l.pick("类型", "Type"), l.pick("重叠", "Overlap"), l.pick("占站点", "Share")],
                          result.redLines.map { hit in let (a, s) = overlap(hit.overlap); return [hit.code, hit.name, hit.type ?? "", a, s] })
        }
        html += "<h3>\(l.pick("环境管控单元", "Environmental control units"))</h3>\n"
        html += table([l.pick("编码", "Code"), l.pick("名称", "Name"), l.pick("类别", "Class"), l.pick("重叠", "Overlap"), l.pick("占站点", "Share")],
                      result.controlUnits.map { hit in
                          let (a, s) = overlap(hit.overlap)
                          return [hit.code, hit.name, wording.unitClass(hit.unitClass) + (hit.subclass.map { l.pick("·", " / ") + $0 } ?? "") + (hit.onBoundary ? l.pick("（位于边界）", " (on the boundary)") : ""), a, s]
                      })
        if let parks = result.parks {
            html += "<h3>\(l.pick("园区", "Parks"))</h3>\n"
            if parks.isEmpty {
                html += "<p>\(l.pick("不在园区图层的任何园区内", "In none of the dataset's parks"))</p>\n"
            } else {
                html += table([l.pick("名称", "Name"), l.pick("类型", "Kind"), l.pick("级别", "Level"), l.pick("合规（认定）园区", "Compliant"), l.pick("重叠", "Overlap"), l.pick("占站点", "Share")],
                              parks.map { park in
                                  let (a, s) = overlap(park.overlap)
                                  let compliant = park.compliant.map { $0 ? l.pick("是", "yes") : l.pick("否", "no") } ?? l.pick("未注明", "not given")
                                  return [park.name + (park.code.map(wording.parenthesised) ?? ""), park.kind.name(l), park.level ?? "", compliant, a, s]
                              })
            }
        }
        if !result.sensitiveAreas.isEmpty {
            html += "<h3>\(l.pick("敏感区", "Sensitive areas"))</h3>\n"
            html += table([l.pick("类型", "Kind"), l.pick("名称", "Name"), l.pick("级别", "Level"), l.pick("重叠", "Overlap"), l.pick("占站点", "Share")],
                          result.sensitiveAreas.map { hit in let (a, s) = overlap(hit.overlap); return [hit.kind, hit.name, hit.level ?? "", a, s] })
        }
        return html
    }

    private func shorelines(_ result: ScreeningResult) -> String {
        let l = language, facts = result.shorelines
        func distance(_ river: RiverDistance?) -> String {
            guard let river else { return l.pick("无", "none") }
            return river.river + wording.parenthesised(river.riverClass.name(l)) + String(format: " %.1f m", river.distance.metres)
        }
        var rows = [[l.pick("最近干流", "Nearest main stream"), distance(facts.nearestMainStream)],
                    [l.pick("最近支流", "Nearest tributary"), distance(facts.nearestTributary)]]
        for band in facts.bands {
            rows.append([String(format: "%.0f m ", band.distanceMetres) + l.pick("范围", "band") + wording.parenthesised(band.rivers.map { $0.name(l) }.joined(separator: wording.listSeparator) + l.pick("，", ", ") + band.ruleId),
                         band.inside ? l.pick("在范围内", "inside") : l.pick("在范围外", "outside")])
        }
        return "<h3>\(l.pick("岸线距离与范围", "Shorelines and bands"))</h3>\n" + table(nil, rows)
    }

    private func clauses(_ clauses: [ApplicableClause]) -> String {
        let l = language
        var html = "<h3 class=\"clauses-title\">\(XML.escape(wording.clausesHeading(clauses)))</h3>\n"
        for dimension in Dimension.allCases {
            let inDimension = clauses.filter { $0.dimension == dimension }
            guard !inDimension.isEmpty else { continue }
            html += "<h4>\(XML.escape(l == .zh ? dimension.chineseName : dimension.englishName))</h4>\n"
            for level in ClauseLevel.allCases {
                let atLevel = inDimension.filter { $0.level == level }
                guard !atLevel.isEmpty else { continue }
                html += "<p class=\"level\">\(XML.escape(level.name(l)))</p>\n<ul class=\"clauses\">\n"
                for clause in atLevel {
                    let mark = wording.clauseMark(clause)
                    let effect = clause.effect == .requirement ? "" : "<span class=\"effect \(clause.effect.rawValue)\">\(XML.escape(clause.effect.name(l)))</span> "
                    html += "<li><span class=\"mark\">\(mark)</span><code>\(XML.escape(clause.id))</code> \(effect)\(XML.escape(dataset.clauses[clause.index].text))<span class=\"citation\">\(XML.escape(wording.parenthesised(wording.cite(dataset.clauseCitations[clause.index], datasetName: dataset.metadata.name))))</span></li>\n"
                }
                html += "</ul>\n"
            }
        }
        return html
    }

    func table(_ header: [String]?, _ rows: [[String]]) -> String {
        var html = "<table>"
        if let header { html += "<tr>" + header.map { "<th>\(XML.escape($0))</th>" }.joined() + "</tr>" }
        for row in rows { html += "<tr>" + row.map { "<td>\(XML.escape($0))</td>" }.joined() + "</tr>" }
        return html + "</table>\n"
    }
}
