import Foundation
import Formats
import Geometry

/// Unit lists as provinces publish them: a spreadsheet (XLSX, CSV, ODS) with one row per unit, its
/// code in one column and each list dimension's text in another. Read through GDAL like the layers;
/// the text is split into clauses later by the same numbering rules as `listFields`.
struct UnitListTable {
    let directory: URL

    /// Unit code → dimension → text. Rows naming a unit the layer lacks, rows without a code, and a
    /// mapped column the table lacks are recorded as problems (all of them, not the first).
    func read(_ spec: ManifestFile.ListTableSpec, unitCodes: Set<String>, _ problems: inout ProblemLog) -> [String: [Dimension: String]] {
        let url = directory.datasetFile(spec.file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.fail(.fileMissing(path: spec.file, role: "controlUnits.listTable"))
            return [:]
        }
        let file: GDALFile
        do { file = try GDALFile(url: url, options: GDALReadOptions(encoding: spec.encoding, layer: spec.layer)) } catch {
            problems.fail(.fileInvalid(path: spec.file, detail: error.message(.zh)))
            return [:]
        }
        if spec.layer == nil, file.layerNames.count > 1 {
            problems.fail(.layerNotChosen(file: spec.file, layers: file.layerNames))
            return [:]
        }
        var columns: [(Dimension, String)] = []
        for (key, column) in spec.columns.sorted(by: { $0.key < $1.key }) {
            guard let dimension = Dimension(rawValue: key) else {
                problems.fail(.invalidSetting(name: "controlUnits.listTable.columns.\(key)", detail: "不是准入清单维度 / not a list dimension"))
                continue
            }
            columns.append((dimension, column))
        }
        let layerName = file.layerNames.first ?? ""
        let available = (file.fieldNames()[layerName] ?? []).map(Self.trimmed)
        var missing = false
        for (name, column) in [("code", spec.code)] + columns.map({ ($0.0.rawValue, $0.1) }) where !available.contains(Self.trimmed(column)) {
            problems.fail(.fieldAbsent(file: spec.file, layer: layerName, field: "listTable.\(name)", mappedFrom: column, available: available))
            missing = true
        }
        if missing { return [:] }

        var lists: [String: [Dimension: String]] = [:]
        do {
            try file.forEachRecord { _, row, values in
                // Headers in published tables often carry stray spaces or line breaks.
                var cells: [String: String] = [:]
                for (name, value) in values { if let text = value.text { cells[Self.trimmed(name)] = text } }
                guard let code = cells[Self.trimmed(spec.code)]?.trimmingCharacters(in: .whitespacesAndNewlines), !code.isEmpty else {
                    problems.fail(.listRowWithoutCode(file: spec.file, row: row, column: spec.code))
                    return
                }
                guard unitCodes.contains(code) else {
                    problems.fail(.listRowUnknownUnit(file: spec.file, row: row, code: code))
                    return
                }
                for (dimension, column) in columns {
                    if let text = cells[Self.trimmed(column)], !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        lists[code, default: [:]][dimension] = text
                    }
                }
            }
        } catch {
            problems.fail(.fileInvalid(path: spec.file, detail: (error as? UserFacingError)?.message(.zh) ?? "\(error)"))
        }
        return lists
    }

    static func trimmed(_ name: String) -> String {
        name.filter { !$0.isWhitespace }
    }
}
