import Foundation
import Formats
import Geometry
import Reports
import Zoning
import Wording

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, geojson, geojsonseq, ndjson, csv, xlsx, html, pdf

    /// The 预判报告 forms: one document with a section (and map) per site.
    public var isReport: Bool { self == .html || self == .pdf }

    /// The forms whose answers are JSON values, and so have a detail and a clause dictionary.
    public var isJSON: Bool { [.json, .geojson, .geojsonseq, .ndjson].contains(self) }
}

/// One site's output, prepared on a worker thread.
public struct RenderedOutput: Sendable {
    /// The bytes for the main output (a report, a JSON value, a feature record, a CSV row).
    var primary = Data()
    /// The bytes for the second table (CSV: one row per site x zone).
    var secondary = Data()
    /// The message when the site could not be screened.
    public var failure: String?
    /// XLSX: the site's row and its zone rows, written as sheets at the end.
    var siteRow: [JSONValue] = []
    var zoneRows: [[JSONValue]] = []
    /// HTML/PDF: the site's line of the batch summary (the section itself is `primary`).
    var reportRow: BatchReport.Row?
    /// JSON forms at `reasons` detail: the clauses (indices into `Dataset.clauses`) whose texts the
    /// output's clause dictionary must give.
    var clauseIndices: [Int] = []
}

/// Turns outcomes into output bytes. Runs on the workers, so it holds only Sendable values.
public struct OutputRenderer: Sendable {
    let format: OutputFormat
    let language: Language
    /// Where clause texts come from; for reports also what the maps are drawn from.
    let dataset: Dataset
    /// JSON forms: how much each answer carries.
    var detail: AnswerDetail = .reasons
    /// For reports: how many sites get a section.
    var reportSections = 200
    /// With `--compare-dataset`: each answer carries its comparison with the old edition.
    var comparing = false

    public init(format: OutputFormat, language: Language, dataset: Dataset, detail: AnswerDetail = .reasons, reportSections: Int = 200,
                comparing: Bool = false) {
        self.format = format
        self.language = language
        self.dataset = dataset
        self.detail = detail
        self.reportSections = reportSections
        self.comparing = comparing
    }

    public func render(_ item: BatchItem) -> RenderedOutput {
        var rendered = RenderedOutput()
        if case .failure(let error) = item.outcome { rendered.failure = error.message(language) }
        switch format {
        case .text:
            switch item.outcome {
            case .success(let result):
                var text = TextReport(language: language, dataset: dataset).render(result)
                if let comparison = item.comparison { text += comparison.lines(language).joined(separator: "\n") + "\n" }
                rendered.primary = Data(text.utf8)
            case .failure(let error):
                rendered.primary = Data(("══ \(item.label.text(language)) ══\n" + language.pick("无法筛查：", "not screened: ") + error.message(language) + "\n").utf8)
            }
        case .json:
            if case .success(let result) = item.outcome {
                rendered.primary = json(result, comparison: item.comparison)
                rendered.clauseIndices = answers.clausesReferred(by: result)
            }
        case .geojson, .geojsonseq, .ndjson:
            let text = featureText(item)
            if case .success(let result) = item.outcome { rendered.clauseIndices = answers.clausesReferred(by: result) }
            switch format {
            case .geojsonseq: rendered.primary = Data([GeoJSONWriter.recordSeparator]) + Data(text.utf8) + Data([GeoJSONWriter.lineFeed])
            case .ndjson: rendered.primary = Data(text.utf8) + Data([GeoJSONWriter.lineFeed])
            default: rendered.primary = Data(text.utf8)
            }
        case .csv:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(512)
            CSVText.appendLine(ResultTable.siteRow(item, language) + (comparing ? ResultTable.comparisonCells(item, language) : []), to: &bytes)
            rendered.primary = Data(bytes)
            bytes.removeAll(keepingCapacity: true)
            for row in ResultTable.zoneRows(item, language) { CSVText.appendLine(row, to: &bytes) }
            rendered.secondary = Data(bytes)
        case .xlsx:
            rendered.siteRow = ResultTable.siteRow(item, language) + (comparing ? ResultTable.comparisonCells(item, language) : [])
            rendered.zoneRows = ResultTable.zoneRows(item, language)
        case .html, .pdf:
            renderReport(item, into: &rendered)
        }
        return rendered
    }

    /// A site's report section (the first `reportSections` sites) and its line of the summary.
    private func renderReport(_ item: BatchItem, into rendered: inout RenderedOutput) {
        let anchor = "site-\(item.index + 1)"
        let hasSection = item.index < reportSections
        let title = "\(item.index + 1). " + [item.id ?? (try? item.outcome.get())?.site.id, item.site?.name].compactMap { $0 }.joined(separator: " ")
        var row = BatchReport.Row(number: item.index + 1, id: item.id, name: item.site?.name, verdict: nil, verdictName: nil, rules: [], area: nil,
                                  unitClasses: [], failure: nil, location: nil, anchor: anchor, hasSection: hasSection)
        let outcome: SiteReport.Outcome
        switch item.outcome {
        case .success(let result):
            row.id = result.site.id ?? item.id
            row.name = result.site.name
            row.verdict = result.verdict
            row.verdictName = ResultWording(language).verdict(result.verdict)
            row.rules = result.reasons.map(\.ruleId)
            row.area = result.site.area
            row.unitClasses = Array(Set(result.controlUnits.compactMap { UnitClass(rawValue: $0.unitClass) })).sorted { $0.rawValue < $1.rawValue }
            let envelope = result.site.geometry.envelope
            row.location = Coordinate(x: (envelope.minX + envelope.maxX) / 2, y: (envelope.minY + envelope.maxY) / 2)
            outcome = .screened(result)
        case .failure(let error):
            row.failure = error.message(language)
            if let site = item.site, let geometry = try? site.longitudeLatitude(), !geometry.envelope.isEmpty {
                let envelope = geometry.envelope
                row.location = Coordinate(x: (envelope.minX + envelope.maxX) / 2, y: (envelope.minY + envelope.maxY) / 2)
            }
            outcome = .failed(message: error.message(language))
        }
        rendered.reportRow = row
        if hasSection {
            let source = item.feature.map { _ in item.label.text(language) }
            rendered.primary = Data(SiteReport(dataset: dataset, language: language).section(outcome, title: title, source: source, anchor: anchor).utf8)
        }
    }

    private var answers: AnswerRenderer { AnswerRenderer(dataset: dataset, language: language, detail: detail) }

    func json(_ result: ScreeningResult, comparison: SiteComparison? = nil) -> Data {
        let data = answers.json(result)
        // The comparison goes in as one more member of the result object.
        guard let comparison, let extra = try? CompactJSONEncoder().encode(comparison) else { return data }
        return CompactJSONEncoder.object(data, adding: [("comparison", extra)])
    }

    /// The input feature with the result (or the error) under one property (see `AnsweredFeature`).
    private func featureText(_ item: BatchItem) -> String {
        let answer = item.outcome.map { json($0, comparison: item.comparison) }.mapError { AnswerFailure($0.message(language)) }
        return AnsweredFeature.text(feature: item.feature, id: item.id, label: item.label.text(language), index: item.index, site: item.site, answer: answer)
    }
}
