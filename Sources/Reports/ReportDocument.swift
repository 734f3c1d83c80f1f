import Foundation
import Geometry
import Zoning
import Wording

/// The whole 预判报告 file: one self-contained HTML document (styles and maps inline, no URL of any
/// kind), printable on A4, with the dataset it was made from and the disclaimer.
public struct ReportDocument {
    public let dataset: Dataset
    public let language: Language
    public let date: Date

    public init(dataset: Dataset, language: Language, date: Date = Date()) {
        self.dataset = dataset
        self.language = language
        self.date = date
    }

    public var title: String { language.pick("三线一单生态环境分区管控 预判报告", "Environmental zoning (三线一单) pre-screening report") }

    /// The document's start: head, styles, title, date and the dataset.
    public func head(subtitle: String?) -> String {
        let l = language, m = dataset.metadata
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var html = """
        <!DOCTYPE html>
        <html lang="\(l == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(XML.escape(title + (subtitle.map { " — \($0)" } ?? "")))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header class="report-head">
        <h1>\(XML.escape(title))</h1>

        """
        if let subtitle { html += "<p class=\"subtitle\">\(XML.escape(subtitle))</p>\n" }
        let rows: [(String, String)] = [
            (l.pick("生成时间", "Made"), formatter.string(from: date)),
            (l.pick("数据集", "Dataset"), "\(m.name)（\(m.region)）" + (m.fictional ? l.pick("【虚构示例数据，不得用于实际判定】", " [FICTIONAL demo data, not for real decisions]") : "")),
            (l.pick("版本", "Version"), m.version + l.pick("，", ", ") + m.date),
            (l.pick("内容哈希", "Content hash"), dataset.contentHash),
            (l.pick("量算方法", "Measurement"), dataset.measurement.description + l.pick("；工作坐标系 ", "; working CRS ") + dataset.workingCRS.description),
            (l.pick("国家规则", "National rules"), ResultWording(l).nationalRulesText(dataset.rules.national)),
        ]
        html += "<table class=\"facts dataset\">" + rows.map { "<tr><th>\(XML.escape($0.0))</th><td>\(XML.escape($0.1))</td></tr>" }.joined() + "</table>\n</header>\n"
        return html
    }

    public var tail: String {
        let l = language
        return "<footer class=\"disclaimer\"><p>" + XML.escape(l.pick(
            "本报告为依据所列数据集自动生成的预判结果，仅供项目前期研判参考，不是审批、备案或环评结论；以生态环境主管部门的正式意见为准。数据集版本更新后结论可能变化。",
            "This report is an automatic pre-screening from the dataset named above, for early project assessment only. It is not an approval, a filing or an environmental impact assessment; the competent authority's formal opinion prevails. Answers may change with a new edition of the dataset."))
            + "</p><p class=\"muted\">ZoneScreen</p></footer>\n</body>\n</html>\n"
    }

    /// A4 with page breaks before each site and no break inside a map, a reason or a table row.
    static let style = """
    @page{size:A4;margin:16mm 14mm}
    body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;font-size:10.5pt;color:#111;max-width:190mm;margin:0 auto;line-height:1.45}
    h1{font-size:17pt;margin:0 0 4pt}h2{font-size:14pt;border-bottom:2px solid #333;padding-bottom:2pt;margin-top:0}h3{font-size:11.5pt;margin:12pt 0 4pt}h4{font-size:10.5pt;margin:8pt 0 2pt}
    table{border-collapse:collapse;width:100%;margin:2pt 0 6pt}th,td{border:1px solid #999;padding:2pt 4pt;text-align:left;vertical-align:top}th{background:#eee;font-weight:600}
    table.facts th{width:22%}tr,li,figure{break-inside:avoid}
    section.site{break-before:page}header.report-head+section.site{break-before:auto}
    .verdict{border:3px solid #000;padding:6pt 10pt;margin:6pt 0;font-size:15pt}.verdict .label{font-size:10pt;margin-right:8pt}
    .verdict.prohibited{border-color:#b00000;background:#fde8e8}.verdict.restricted{border-color:#c06000;background:#fff0e0}
    .verdict.needsAssessment{border-color:#8a7a00;background:#fffbe0}.verdict.compliant{border-color:#1d6b2a;background:#e8f6ea}.verdict.failed{border-style:dashed}
    .effect{font-size:9pt;border:1px solid #555;padding:0 3pt;margin-right:3pt}.citation{color:#444;font-size:9.5pt}.muted{color:#666;font-size:9pt}
    .mark{display:inline-block;width:1.2em}code{font-size:9pt}ul.clauses{list-style:none;padding-left:4pt}ul.clauses li{margin:2pt 0}
    figure.map{margin:8pt 0}figure.map svg{width:100%;height:auto;border:0}figcaption{font-size:9pt;color:#444}
    .chart svg{width:100%;height:auto}.disclaimer{border-top:1px solid #999;margin-top:16pt;font-size:9pt;color:#333}
    .failure{color:#900}a{color:#00c}.national{font-size:8.5pt;border:1px solid #5577aa;padding:0 2pt;color:#335}
    .check{color:#6b4e00;font-size:9.5pt}
    @media print{a{color:#000;text-decoration:none}}
    """
}
