import Foundation
import Formats
import Geometry
import Zoning

/// Writes rendered outputs in input order, streaming every format: nothing but failure messages is
/// held until the end, so memory stays flat however many sites there are. Files are written to a
/// temporary name and renamed by `finish()`.
final class OutputWriter {
    let format: OutputFormat
    let language: Language
    private let primary: AtomicOutput
    private let secondary: AtomicOutput?
    private var count = 0
    private var failures: [(index: Int, label: String, message: String)] = []
    /// XLSX is written in one go by GDAL at the end, so its rows are held until then.
    private var siteRows: [[JSONValue]] = []
    private var zoneRows: [[JSONValue]] = []
    private let destination: URL?

    init(format: OutputFormat, output: String?, language: Language) throws {
        self.format = format
        self.language = language
        let url = output.map { URL(fileURLWithPath: $0) }
        destination = url
        if format == .xlsx && url == nil {
            throw CLIError(language.pick("xlsx 格式需要用 --output 指定文件", "xlsx output needs --output FILE"))
        }
        // XLSX goes through GDAL's own writer; the primary output is then unused.
        primary = try AtomicOutput(destination: format == .xlsx ? nil : url)
        // CSV's second table goes beside the first: results.csv -> results.zones.csv.
        secondary = format == .csv ? try url.map { try AtomicOutput(destination: $0.deletingPathExtension().appendingPathExtension("zones.csv")) } : nil
        let bom = Data([0xEF, 0xBB, 0xBF])  // without it Excel reads UTF-8 Chinese as mojibake
        switch format {
        case .json: try primary.write("{\"results\":[")
        case .geojson: try primary.write(#"{"type":"FeatureCollection","features":["#)
        case .csv:
            try primary.write(bom + Data(CSVText.line(TableRows.siteColumns(language).map(JSONValue.string)).utf8))
            try secondary?.write(bom + Data(CSVText.line(TableRows.zoneColumns(language).map(JSONValue.string)).utf8))
        default: break
        }
    }

    func add(_ item: BatchItem, _ rendered: RenderedOutput) throws {
        if let failure = rendered.failure, format == .json { failures.append((item.index, item.label, failure)) }
        switch format {
        case .json:
            guard !rendered.primary.isEmpty else { return }
            try primary.write((count > 0 ? ",\n" : "\n") )
            try primary.write(rendered.primary)
        case .geojson:
            try primary.write(count > 0 ? ",\n" : "\n")
            try primary.write(rendered.primary)
        case .text:
            if count > 0 { try primary.write("\n") }
            try primary.write(rendered.primary)
        case .xlsx:
            siteRows.append(rendered.siteRow)
            zoneRows += rendered.zoneRows
        default:
            try primary.write(rendered.primary)
            if !rendered.secondary.isEmpty { try secondary?.write(rendered.secondary) }
        }
        count += 1
    }

    func finish() throws {
        switch format {
        case .json:
            let list = failures.map { failure in
                JSONValue.object(["index": .number(Double(failure.index)), "site": .string(failure.label), "message": .string(failure.message)]).jsonText
            }
            try primary.write("\n],\"failures\":[" + list.joined(separator: ",") + "]}\n")
        case .geojson:
            try primary.write("\n]}\n")
        case .xlsx:
            guard let destination else { return }
            try XLSXWriter.write(sheets: [(language.pick("站点", "sites"), TableRows.siteColumns(language), siteRows),
                                          (language.pick("单元与红线", "zones"), TableRows.zoneColumns(language), zoneRows)], to: destination)
            return
        default: break
        }
        try primary.commit()
        try secondary?.commit()
    }
}
