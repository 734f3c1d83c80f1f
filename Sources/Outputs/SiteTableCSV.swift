import Foundation
import Formats
import Geometry
import Wording

/// The CSV site table: the input's columns, then the result columns. Written to a file, rows go to a
/// scratch file first and the header is written at the end, when every input column is known (a
/// later feature may bring a new one; rows written before it get an empty cell). Written to standard
/// output, the header goes with the first row and columns that appear later are left out, with a note.
final class SiteTableCSV {
    private let output: AtomicOutput
    private let scratch: AtomicOutput?
    private let columns: InputColumns
    private let resultColumns: [String]
    /// For each row in the scratch file: how many input cells it has, their bytes, the whole row's bytes.
    private var layout: [(inputCells: Int32, inputBytes: Int32, rowBytes: Int32)] = []
    private var headerWritten = false
    private static let bom = Data([0xEF, 0xBB, 0xBF])  // without it Excel reads UTF-8 Chinese as mojibake

    init(destination: URL?, resultColumns: [String], language: Language) throws {
        output = try AtomicOutput(destination: destination)
        scratch = try destination.map { url in
            try AtomicOutput(destination: url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).rows"))
        }
        self.resultColumns = resultColumns
        columns = InputColumns(resultColumns: resultColumns, language: language)
    }

    /// `result` is the row's result cells as CSV, ending in CRLF.
    func add(_ feature: Feature?, result: Data) throws {
        let cells = columns.cells(of: feature)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        for cell in cells { CSVText.appendField(cell, to: &bytes); bytes.append(UInt8(ascii: ",")) }
        let input = Data(bytes)
        guard let scratch else {
            if !headerWritten {
                try output.write(Self.bom + Data(CSVText.line((columns.header + resultColumns).map(JSONValue.string)).utf8))
                headerWritten = true
                columns.freeze()
            }
            try output.write(input + result)
            return
        }
        layout.append((Int32(cells.count), Int32(input.count), Int32(input.count + result.count)))
        try scratch.write(input)
        try scratch.write(result)
    }

    /// Columns seen only after the header went out (standard output).
    var droppedColumns: [String] { columns.dropped }

    func finish() throws {
        if let scratch {
            try output.write(Self.bom + Data(CSVText.line((columns.header + resultColumns).map(JSONValue.string)).utf8))
            try scratch.flush()
            if let path = scratch.temporaryPath, !layout.isEmpty {
                let rows = try MappedFile(path: path)
                let total = columns.names.count
                var offset = 0
                for row in layout {
                    let start = rows.bytes.baseAddress.map { $0 + offset }
                    let inputEnd = Int(row.inputBytes), rowEnd = Int(row.rowBytes)
                    if let start {
                        try output.write(Data(bytes: start, count: inputEnd))
                        if total > Int(row.inputCells) { try output.write(Data(repeating: UInt8(ascii: ","), count: total - Int(row.inputCells))) }
                        try output.write(Data(bytes: start + inputEnd, count: rowEnd - inputEnd))
                    }
                    offset += rowEnd
                }
            }
        } else if !headerWritten {
            try output.write(Self.bom + Data(CSVText.line((columns.header + resultColumns).map(JSONValue.string)).utf8))
        }
        try output.commit()
    }
}
