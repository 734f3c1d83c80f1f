import Foundation
import Formats
import Geometry
import Reports
import Zoning
import Wording

/// Writes rendered outputs in input order, streaming every format: nothing but failure messages is
/// held until the end, so memory stays flat however many sites there are. Files are written to a
/// temporary name and renamed by `finish()`.
public final class OutputWriter {
    let format: OutputFormat
    let language: Language
    private let primary: AtomicOutput?
    private let secondary: AtomicOutput?
    /// CSV: the site table, with the input's columns first.
    private let siteTable: SiteTableCSV?
    /// XLSX: the input's columns, and each site's input cells until the end.
    private let xlsxColumns: InputColumns?
    private var inputRows: [[JSONValue]] = []
    /// HTML/PDF: the 预判报告.
    private let report: ReportWriter?
    private let comparing: Bool
    private var count = 0
    private var failures: [(index: Int, label: String, message: String)] = []
    /// XLSX is written in one go by GDAL at the end, so its rows are held until then.
    private var siteRows: [[JSONValue]] = []
    private var zoneRows: [[JSONValue]] = []
    private let destination: URL?
    /// JSON forms: the texts of the clauses the answers refer to, given once (see `ClauseTexts`).
    private var clauseTexts: ClauseTexts?

    /// A feature per line: a GeoJSON file a user can grep and page through.
    private static let collection = FeatureCollectionLayout(.featurePerLine)

    /// Streams: the dataset summary the first record carries, until it is written.
    private var datasetForStream: Data?

    /// `clausesFile`: where the clause dictionary goes instead of into the output itself.
    public init(format: OutputFormat, output: String?, language: Language, dataset: Dataset? = nil, detail: AnswerDetail = .reasons,
         reportSections: Int = 200, comparing: Bool = false, clausesFile: String? = nil) throws {
        self.format = format
        self.language = language
        let url = output.map { URL(fileURLWithPath: $0) }
        destination = url
        if format == .xlsx && url == nil {
            throw OutputError.needsFile(format: .xlsx)
        }
        let siteColumns = ResultTable.siteColumns(language, comparing: comparing)
        self.comparing = comparing
        siteTable = format == .csv ? try SiteTableCSV(destination: url, resultColumns: siteColumns, language: language) : nil
        xlsxColumns = format == .xlsx ? InputColumns(resultColumns: siteColumns, language: language) : nil
        report = try dataset.flatMap { dataset in
            format.isReport ? try ReportWriter(format: format, destination: url, dataset: dataset, sectionLimit: reportSections, language: language) : nil
        }
        // XLSX goes through GDAL's own writer, CSV's site table and the report write themselves.
        primary = format == .xlsx || format == .csv || format.isReport ? nil : try AtomicOutput(destination: url)
        // CSV's second table goes beside the first: results.csv -> results.zones.csv.
        secondary = format == .csv ? try url.map { try AtomicOutput(destination: $0.deletingPathExtension().appendingPathExtension("zones.csv")) } : nil
        if let dataset, [.json, .geojson, .geojsonseq, .ndjson].contains(format) {
            clauseTexts = try ClauseTexts(dictionary: ClauseDictionary(dataset: dataset, language: language),
                                          sideFile: clausesFile.map { try AtomicOutput(destination: URL(fileURLWithPath: $0)) })
        }
        let bom = Data([0xEF, 0xBB, 0xBF])  // without it Excel reads UTF-8 Chinese as mojibake
        // The dataset once, at the top of a collection (the `full` answers also name it each).
        let datasetJSON = dataset.map { AnswerRenderer(dataset: $0, language: language, detail: detail).datasetJSON }
        let datasetMember = datasetJSON.map { Data(#""dataset":"#.utf8) + $0 + Data(",".utf8) } ?? Data()
        datasetForStream = format == .geojsonseq || format == .ndjson ? datasetJSON : nil
        switch format {
        case .json: try primary?.write(Data("{".utf8) + datasetMember + Data("\"results\":[".utf8))
        case .geojson: try primary?.write(Self.collection.head(dataset: datasetJSON))
        case .csv: try secondary?.write(bom + Data(CSVText.line(ResultTable.zoneColumns(language).map(JSONValue.string)).utf8))
        default: break
        }
    }

    public func add(_ item: BatchItem, _ rendered: RenderedOutput) throws {
        if let failure = rendered.failure, format == .json { failures.append((item.index, item.label.text(language), failure)) }
        clauseTexts?.refer(to: rendered.clauseIndices)
        switch format {
        case .json:
            guard !rendered.primary.isEmpty else { return }
            try primary?.write((count > 0 ? ",\n" : "\n") )
            try primary?.write(rendered.primary)
        case .geojson:
            try primary?.write(Self.collection.separator(before: count))
            try primary?.write(rendered.primary)
        case .text:
            if count > 0 { try primary?.write("\n") }
            try primary?.write(rendered.primary)
        case .xlsx:
            inputRows.append(xlsxColumns?.cells(of: item.feature) ?? [])
            siteRows.append(rendered.siteRow)
            zoneRows += rendered.zoneRows
        case .html, .pdf:
            try report?.add(item, rendered)
        case .csv:
            try siteTable?.add(item.feature, result: rendered.primary)
            if !rendered.secondary.isEmpty { try secondary?.write(rendered.secondary) }
        default:
            // A stream's first record names the dataset; a record carries the texts of the clauses no
            // earlier record referred to.
            var record = rendered.primary
            if let member = clauseTexts?.newTextsMember(), !record.isEmpty { record = ClauseTexts.adding(#""clauseTexts":"#, member, toRecord: record) }
            if let summary = datasetForStream, !record.isEmpty {
                record = ClauseTexts.adding(#""dataset":"#, summary, toRecord: record)
                datasetForStream = nil
            }
            try primary?.write(record)
        }
        count += 1
    }

    public func finish() throws {
        switch format {
        case .json:
            let list = failures.map { failure in
                JSONValue.object(["index": .number(Double(failure.index)), "site": .string(failure.label), "message": .string(failure.message)]).jsonText
            }
            try primary?.write("\n],\"failures\":[" + list.joined(separator: ",") + "]")
            try primary?.write(clauseTexts?.collectionMember() ?? Data())
            try primary?.write("}\n")
        case .geojson:
            try primary?.write(Self.collection.tail(clauses: clauseTexts?.collectionMember()))
        case .xlsx:
            guard let destination, let columns = xlsxColumns else { return }
            let width = columns.names.count
            let rows = zip(inputRows, siteRows).map { input, result in
                input + Array(repeating: JSONValue.null, count: width - input.count) + result
            }
            try XLSXWriter.write(sheets: [(language.pick("站点", "sites"), columns.header + ResultTable.siteColumns(language, comparing: comparing), rows),
                                          (language.pick("单元与红线", "zones"), ResultTable.zoneColumns(language), zoneRows)], to: destination)
            return
        case .html, .pdf:
            try report?.finish()
        case .csv:
            try siteTable?.finish()
            if let dropped = siteTable?.droppedColumns, !dropped.isEmpty {
                let list = dropped.joined(separator: language.pick("、", ", "))
                FileHandle.standardError.write(Data(language.pick(
                    "注意：后面的站点带有新的输入列（\(list)），标准输出的表头已写出，这些列未保留；写入文件（--output）可保留全部列\n",
                    "note: later sites brought new input columns (\(list)) after the header went to standard output; they were left out (write to a file with --output to keep them all)\n").utf8))
            }
        default: break
        }
        try clauseTexts?.finish()
        try primary?.commit()
        try secondary?.commit()
    }
}
