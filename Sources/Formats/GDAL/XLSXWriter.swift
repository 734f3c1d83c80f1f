internal import CGDAL
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Excel workbooks through GDAL's XLSX driver (Swift's package mirror has no XLSX writer).
///
/// A column whose values are all numbers (or empty) is written as numbers; any other column as text
/// (numbers in it written as their text, arrays and objects as JSON). Null cells stay empty. The
/// workbook is built under a hidden temporary name in the target's folder and renamed over the target
/// only when GDAL has finished, so a reader never sees half a file.
///
/// GDAL 3.6's XLSX driver: numbers are written with 16 significant digits (`%.16g`); a sheet with no
/// rows gets no header row either (the driver writes the header only before a first row); and a
/// sheet whose every column is named `Field1`, `Field2`... is written without a header.
public enum XLSXWriter {
    public static func write(sheets: [(name: String, columns: [String], rows: [[JSONValue]])], to url: URL) throws(GDALError) {
        let target = url.standardizedFileURL
        for sheet in sheets {
            try checkSheetName(sheet.name)
            for (number, row) in sheet.rows.enumerated() where row.count != sheet.columns.count {
                throw .rowLengthMismatch(sheet: sheet.name, row: number, cells: row.count, columns: sheet.columns.count)
            }
        }
        // A leading dot hides the temporary file. Its name must not contain ".xlsx" (or ".zip") before
        // the end: the driver writes through /vsizip/NAME/xl/..., and /vsizip/ cuts the path at the
        // first archive extension, so ".out.xlsx.UUID.tmp.xlsx" fails with "Failure when saving".
        let stem = target.deletingPathExtension().lastPathComponent
        try GDALNewFile.write(driver: "XLSX", to: target, temporaryName: ".\(stem)-\(UUID().uuidString)-tmp.xlsx") { dataset, file throws(GDALError) in
            for sheet in sheets {
                try write(sheet: sheet, into: dataset, file: file)
            }
        }
    }

    private static func checkSheetName(_ name: String) throws(GDALError) {
        guard !name.isEmpty, name.count <= 31, !name.contains(where: { "[]:*?/\\".contains($0) }) else {
            throw .invalidSheetName(name)
        }
    }

    private static func write(sheet: (name: String, columns: [String], rows: [[JSONValue]]),
                              into dataset: GDALDatasetH, file: String) throws(GDALError) {
        CPLErrorReset()
        guard let layer = GDALDatasetCreateLayer(dataset, sheet.name, nil, wkbNone, nil) else {
            throw .libraryFailed(file: file, operation: "GDALDatasetCreateLayer(\(sheet.name))",
                                 message: GDALLibrary.lastErrorMessage("cannot add sheet"))
        }
        let numeric: [Bool] = sheet.columns.indices.map { column in
            sheet.rows.allSatisfy { row in
                switch row[column] {
                case .number, .null: true
                default: false
                }
            }
        }
        for (column, name) in sheet.columns.enumerated() {
            guard let field = OGR_Fld_Create(name, numeric[column] ? OFTReal : OFTString) else {
                throw .libraryFailed(file: file, operation: "OGR_Fld_Create", message: GDALLibrary.lastErrorMessage("out of memory"))
            }
            defer { OGR_Fld_Destroy(field) }   // OGR_L_CreateField copies the definition
            guard OGR_L_CreateField(layer, field, 1) == OGRERR_NONE else {
                throw .libraryFailed(file: file, operation: "OGR_L_CreateField(\(name))",
                                     message: GDALLibrary.lastErrorMessage("cannot add column"))
            }
        }
        guard let definition = OGR_L_GetLayerDefn(layer) else {
            throw .libraryFailed(file: file, operation: "OGR_L_GetLayerDefn", message: GDALLibrary.lastErrorMessage("no layer definition"))
        }
        for row in sheet.rows {
            guard let feature = OGR_F_Create(definition) else {
                throw .libraryFailed(file: file, operation: "OGR_F_Create", message: GDALLibrary.lastErrorMessage("out of memory"))
            }
            defer { OGR_F_Destroy(feature) }   // OGR_L_CreateFeature copies the values
            for (column, value) in row.enumerated() {
                let field = Int32(column)
                switch value {
                case .null: continue
                case .number(let number) where numeric[column]: OGR_F_SetFieldDouble(feature, field, number)
                default: OGR_F_SetFieldString(feature, field, text(value))
                }
            }
            guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
                throw .libraryFailed(file: file, operation: "OGR_L_CreateFeature(\(sheet.name))",
                                     message: GDALLibrary.lastErrorMessage("cannot add row"))
            }
        }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .array, .object:
            guard let data = try? JSONSerialization.data(withJSONObject: value.anyValue, options: [.sortedKeys, .withoutEscapingSlashes]),
                  let text = String(data: data, encoding: .utf8) else { return "" }
            return text
        default:
            return value.text ?? ""
        }
    }
}
