import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// Unit lists as provinces publish them: a spreadsheet (XLSX, CSV, ODS) with one row per unit, its
/// code in one column and each list dimension's text in another. Read through GDAL like the layers;
/// the text is split into clauses later by the same numbering rules as `listFields`.
struct UnitListTable {
    let directory: URL

    /// Unit code → dimension → text. Rows naming a unit the layer lacks, rows without a code, and a
    /// mapped column the table lacks are recorded as problems (all of them, not the first).
    func read(_ spec: ManifestFile.ListTableSpec, unitCodes: Set<String>, _ problems: inout ProblemLog) -> [String: [Dimension: String]] {
        guard let file = LayerReader.open(spec.file, in: directory, layer: spec.layer, encoding: spec.encoding,
                                          role: "controlUnits.listTable", &problems) else { return [:] }
        var columns: [(Dimension, String)] = []
        for (key, column) in spec.columns.sorted(by: { $0.key < $1.key }) {
            guard let dimension = Dimension(rawValue: key) else {
                problems.fail(.invalidSetting(name: "controlUnits.listTable.columns.\(key)", detail: "不是准入清单维度 / not a list dimension"))
                continue
            }
            columns.append((dimension, column))
        }
        let layerName = file.layerNames.first ?? ""
        // Rows as the spreadsheet numbers them, keyed by the column's header (whitespace removed).
        var records: [(row: Int, cells: [String: String])] = []
        do {
            try file.forEachRecord { _, row, values in
                var cells: [String: String] = [:]
                for (name, value) in values { if let text = value.text { cells[Self.trimmed(name)] = text } }
                records.append((row, cells))
            }
        } catch {
            problems.fail(.fileInvalid(path: spec.file, detail: (error as? UserFacingError)?.message(.zh) ?? "\(error)"))
            return [:]
        }
        let wanted = [spec.code] + columns.map(\.1)
        let available = (file.fieldNames()[layerName] ?? []).map(Self.trimmed)
        if !wanted.allSatisfy({ available.contains(Self.trimmed($0)) }) {
            // Published tables often open with a title row ("附件2 …准入清单") above the real header:
            // the header is then one of the first rows read, and the columns are renamed by it.
            guard let header = records.prefix(10).firstIndex(where: { record in
                let names = Set(record.cells.values.map(Self.trimmed))
                return wanted.allSatisfy { names.contains(Self.trimmed($0)) }
            }) else {
                for (name, column) in [("code", spec.code)] + columns.map({ ($0.0.rawValue, $0.1) }) where !available.contains(Self.trimmed(column)) {
                    problems.fail(.fieldAbsent(file: spec.file, layer: layerName, field: "listTable.\(name)", mappedFrom: column, available: available))
                }
                return [:]
            }
            let rename = records[header].cells.mapValues(Self.trimmed)
            records = records[(header + 1)...].map { record in
                var renamed: [String: String] = [:]
                for (field, text) in record.cells { if let name = rename[field] { renamed[name] = text } }
                return (record.row, renamed)
            }
        }

        var lists: [String: [Dimension: String]] = [:]
        for (row, cells) in records {
            guard let code = cells[Self.trimmed(spec.code)]?.trimmingCharacters(in: .whitespacesAndNewlines), !code.isEmpty else {
                problems.fail(.listRowWithoutCode(file: spec.file, row: row, column: spec.code))
                continue
            }
            guard unitCodes.contains(code) else {
                problems.fail(.listRowUnknownUnit(file: spec.file, row: row, code: code))
                continue
            }
            for (dimension, column) in columns {
                if let text = cells[Self.trimmed(column)], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    lists[code, default: [:]][dimension] = text
                }
            }
        }
        return lists
    }

    static func trimmed(_ name: String) -> String {
        name.filter { !$0.isWhitespace }
    }
}
