import Foundation
import Formats
import Geometry
import Zoning

enum OutputFormat: String, CaseIterable {
    case text, json, geojson, geojsonseq, ndjson, csv, xlsx
}

/// One site's output, prepared on a worker thread.
struct RenderedOutput: Sendable {
    /// The bytes for the main output (a report, a JSON value, a feature record, a CSV row).
    var primary = Data()
    /// The bytes for the second table (CSV: one row per site x zone).
    var secondary = Data()
    /// The message when the site could not be screened.
    var failure: String?
    /// XLSX: the site's row and its zone rows, written as sheets at the end.
    var siteRow: [JSONValue] = []
    var zoneRows: [[JSONValue]] = []
}

/// Turns outcomes into output bytes. Runs on the workers, so it holds only Sendable values.
struct OutputRenderer: Sendable {
    let format: OutputFormat
    let language: Language

    func render(_ item: BatchItem) -> RenderedOutput {
        var rendered = RenderedOutput()
        if case .failure(let error) = item.outcome { rendered.failure = error.message }
        switch format {
        case .text:
            switch item.outcome {
            case .success(let result): rendered.primary = Data(TextReport(language: language).render(result).utf8)
            case .failure(let error):
                rendered.primary = Data(("══ \(item.label) ══\n" + language.pick("无法筛查：", "not screened: ") + error.message + "\n").utf8)
            }
        case .json:
            if case .success(let result) = item.outcome { rendered.primary = Self.json(result) }
        case .geojson, .geojsonseq, .ndjson:
            let text = featureText(item)
            switch format {
            case .geojsonseq: rendered.primary = Data([GeoJSONWriter.recordSeparator]) + Data(text.utf8) + Data([GeoJSONWriter.lineFeed])
            case .ndjson: rendered.primary = Data(text.utf8) + Data([GeoJSONWriter.lineFeed])
            default: rendered.primary = Data(text.utf8)
            }
        case .csv:
            rendered.primary = Data(CSVText.line(ResultTable.siteRow(item, language)).utf8)
            rendered.secondary = Data(ResultTable.zoneRows(item, language).map(CSVText.line).joined().utf8)
        case .xlsx:
            rendered.siteRow = ResultTable.siteRow(item, language)
            rendered.zoneRows = ResultTable.zoneRows(item, language)
        }
        return rendered
    }

    static func json(_ result: ScreeningResult) -> Data {
        (try? CompactJSONEncoder().encode(result)) ?? Data("null".utf8)
    }

    /// The input feature with the result (or the error) under one property, `zonescreen` or `zonescreenError`.
    /// Geometry is always RFC 7946 longitude/latitude: a site from a Gauss-Krüger file comes back in
    /// degrees, with any web-map offset removed, also when it could not be screened.
    private func featureText(_ item: BatchItem) -> String {
        var feature = item.feature ?? Feature(id: item.id ?? item.label, geometry: nil, index: item.index)
        if let site = item.site {
            feature.geometry = try? site.longitudeLatitude()
        } else if let geometry = feature.geometry, let crs = feature.crs, crs != .cgcs2000, crs != .wgs84 {
            feature.geometry = try? geometry.transformed(from: crs, to: .cgcs2000)
        }
        feature.crs = nil
        switch item.outcome {
        case .success(let result):
            return GeoJSONWriter.featureText(feature, rawProperty: ("zonescreen", String(decoding: Self.json(result), as: UTF8.self)))
        case .failure(let error):
            var failed = feature
            failed.properties["zonescreenError"] = .string(error.message)
            return GeoJSONWriter.featureText(failed)
        }
    }
}

enum CSVText {
    static func line(_ fields: [JSONValue]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ field: JSONValue) -> String {
        let text = field == .null ? "" : (field.text ?? "")
        // Scanned as bytes: walking Characters (grapheme clusters) of Chinese text was a tenth of a
        // province batch's time.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
