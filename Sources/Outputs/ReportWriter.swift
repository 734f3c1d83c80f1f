import Foundation
import Formats
import Geometry
import Reports
import Zoning
import Wording

/// Writes the 预判报告 (HTML, or PDF printed from it): site sections go to a scratch file as they come,
/// their summary lines are kept, and the document is put together at the end: head, the batch summary
/// when there are several sites, the sections, the disclaimer.
final class ReportWriter {
    private let format: OutputFormat
    private let language: Language
    private let dataset: Dataset
    private let destination: URL?
    private let sectionLimit: Int
    private let scratch: AtomicOutput
    private var rows: [BatchReport.Row] = []
    private var subtitle: String?

    init(format: OutputFormat, destination: URL?, dataset: Dataset, sectionLimit: Int, language: Language) throws {
        self.format = format
        self.language = language
        self.dataset = dataset
        self.destination = destination
        self.sectionLimit = sectionLimit
        if format == .pdf && destination == nil {
            throw OutputError.needsFile(format: .pdf)
        }
        // Sections are never read back by anyone else: a private scratch file, removed when done.
        let folder = FileManager.default.temporaryDirectory
        scratch = try AtomicOutput(destination: folder.appendingPathComponent("zonescreen-report-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sections"))
    }

    func add(_ item: BatchItem, _ rendered: RenderedOutput) throws {
        if let row = rendered.reportRow { rows.append(row) }
        if subtitle == nil { subtitle = rendered.reportRow.map { $0.id ?? $0.name ?? "" } }
        if !rendered.primary.isEmpty { try scratch.write(rendered.primary) }
    }

    func finish() throws {
        let document = ReportDocument(dataset: dataset, language: language)
        let l = language
        let head = document.head(subtitle: rows.count == 1 ? subtitle.flatMap { $0.isEmpty ? nil : $0 }
                                                           : l.pick("\(rows.count) 个站点", "\(rows.count) sites"))
        let html = try AtomicOutputPair(format: format, destination: destination, language: l)
        try html.output.write(head)
        if rows.count > 1 { try html.output.write(BatchReport(dataset: dataset, language: l, sectionLimit: sectionLimit).summary(rows)) }
        try scratch.flush()
        if let path = scratch.temporaryPath {
            let sections = try MappedFile(path: path)
            if let base = sections.bytes.baseAddress, sections.bytes.count > 0 { try html.output.write(Data(bytes: base, count: sections.bytes.count)) }
        }
        try html.output.write(document.tail)
        try html.finish()
    }
}

/// Where the HTML goes: the output itself, or (for PDF) a private HTML file that Chromium prints.
private final class AtomicOutputPair {
    let output: AtomicOutput
    private let format: OutputFormat
    private let destination: URL?
    private let language: Language
    private let htmlFile: URL?

    init(format: OutputFormat, destination: URL?, language: Language) throws {
        self.format = format
        self.destination = destination
        self.language = language
        htmlFile = format == .pdf ? FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-report-\(UUID().uuidString).html") : nil
        output = try AtomicOutput(destination: htmlFile ?? destination)
    }

    func finish() throws {
        try output.commit()
        guard format == .pdf, let htmlFile, let destination else { return }
        defer { try? FileManager.default.removeItem(at: htmlFile) }
        try PDFPrinter(language: language).print(htmlFile, to: destination)
    }
}
