internal import CGDAL
import Foundation
import Geometry

/// Coordinate tables (CSV, XLSX, ODS): a table is read whole, since how its columns are to be read
/// (see `TableConvention`) and which rows make one parcel depend on all its rows. Tables are small
/// next to what they describe (a 100,000-row CSV is a few megabytes).
extension GDALFile {
    struct TableRow {
        /// Among the table's non-empty rows, from 0.
        let position: Int
        /// As a spreadsheet shows it: the header is row 1, the first record row 2.
        let sheetRow: Int
        var properties: [String: JSONValue]
        var cell: Result<TableCell, CoordinateColumns.RowProblem>
    }

    enum TableCell {
        /// Two plain numbers, to be read by the table's convention.
        case numbers(Double, Double)
        /// Text that `CoordinateText` read (degrees/minutes/seconds, WKT...), already lon/lat.
        case parsed(ParsedCoordinates)
    }

    func readTable(_ layer: OGRLayerH, name layerName: String, fields: [GDALField], columns: CoordinateColumns,
                   index: inout Int, notes: inout [GDALNote], _ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        let given = layerCRS[layerName] ?? nil
        var vertexColumns = VertexColumns.find(in: fields, parcelField: options.idField)
        let rows = try tableRows(layer, fields: fields, columns: columns, given: given)
        let coordinateNames = Set(columns.names)
        let order = fields.map(\.name).filter { !coordinateNames.contains($0) }

        var convention = TableConvention(crs: given ?? .cgcs2000, swapped: false, projected: given.map { !GDALCRS.isGeographic($0) } ?? false,
                                         zoneFromPrefix: nil)
        if case .pair(let xField, let yField) = columns.kind {
            let numbers = rows.compactMap { row -> (Double, Double)? in
                if case .success(.numbers(let first, let second)) = row.cell { return (first, second) }
                return nil
            }
            switch TableConvention.decide(numbers, given: given) {
            case .success(let decided): convention = decided
            case .failure(.projectedWithoutZone):
                throw GDALError.projectedWithoutZone(file: name, layer: layerName, columns: [xField.name, yField.name])
            case .failure(.severalZones(let zones)):
                throw GDALError.severalZones(file: name, layer: layerName, zones: zones)
            }
            if convention.swapped || convention.projected {
                notes.append(.tableConvention(layer: layerName, first: xField.name, second: yField.name, swapped: convention.swapped,
                                              projected: convention.projected, zoneFromPrefix: convention.zoneFromPrefix, crs: convention.crs))
            }
        }

        var asVertices: Bool
        var byNumberColumn = false
        switch options.tableRows {
        case .sites: asVertices = false
        case .vertices: asVertices = true
        case .auto:
            let parcelRepeats = vertexColumns.parcel.map { field in
                var seen = Set<String>()
                return rows.contains { row in !seen.insert(row.properties[field.name]?.text ?? "").inserted }
            } ?? false
            asVertices = vertexColumns.pointName != nil || vertexColumns.ring != nil || parcelRepeats
            // 编号/经度/纬度 and nothing else: one parcel's corners, numbered (a list of sites has names).
            let allPoints = rows.allSatisfy { row in
                if case .success(.parsed(let parsed)) = row.cell, case .point = parsed.geometry { return true }
                if case .success(.parsed) = row.cell { return false }
                return true
            }
            if !asVertices, rows.count >= 3, allPoints,
               let number = VertexColumns.onlyNumberColumn(in: fields, coordinates: coordinateNames, rows: rows) {
                vertexColumns.pointName = number
                asVertices = true
                byNumberColumn = true
            }
        }
        if asVertices {
            notes.append(.vertexTable(layer: layerName, parcelColumn: vertexColumns.parcel?.name, pointColumn: vertexColumns.pointName?.name,
                                      ringColumn: vertexColumns.ring?.name, byNumberColumn: byNumberColumn))
            try VertexTable(source: name, columns: vertexColumns, convention: convention, propertyOrder: order)
                .parcels(rows, firstIndex: &index, body)
            return
        }
        for row in rows {
            try WorkCancellation.check()
            let rowIndex = index
            index += 1
            let id = Self.rowID(row.properties)
            switch row.cell {
            case .failure(let problem):
                try body(.failure(problem.featureError(source: name, index: rowIndex, id: id)))
            case .success(.parsed(let parsed)):
                // "read as WKT" on every row says no more than the .coordinateColumns note.
                for note in parsed.notes where !Self.isReadAs(note) { notes.append(.coordinateText(row: rowIndex, note: note)) }
                try body(.success(Feature(id: id, geometry: parsed.geometry, properties: row.properties, index: rowIndex,
                                          crs: convention.projected ? convention.crs : (given ?? nil), propertyOrder: order)))
            case .success(.numbers(let first, let second)):
                guard let coordinate = convention.coordinate(first, second) else {
                    try body(.failure(.tableRows(source: name, index: rowIndex, id: id, rows: row.sheetRow...row.sheetRow,
                                                 problem: .doesNotFit(row: row.sheetRow, first: first, second: second, projected: convention.projected))))
                    continue
                }
                try body(.success(Feature(id: id, geometry: .point(coordinate), properties: row.properties, index: rowIndex,
                                          crs: convention.projected || given != nil ? convention.crs : nil, propertyOrder: order)))
            }
        }
    }

    /// An `id` column's value, as GeoJSON's feature id would be; other ID columns are the intake's to choose.
    static func rowID(_ properties: [String: JSONValue]) -> String? {
        properties.first { $0.key.trimmingCharacters(in: .whitespaces).lowercased() == "id" }?.value.text
    }

    private func tableRows(_ layer: OGRLayerH, fields: [GDALField], columns: CoordinateColumns, given: CRS?) throws -> [TableRow] {
        let coordinateIndices = Set(columns.fieldIndices)
        let geographic = given.map(GDALCRS.isGeographic) ?? true
        var rows: [TableRow] = []
        var sheetRow = 1
        try eachFeature(of: layer) { feature in
            sheetRow += 1
            var properties: [String: JSONValue] = [:]
            var anyValue = false
            for field in fields {
                guard let value = field.value(in: feature, decode: decoding.decode) else { continue }
                if value != .null, value != .string("") { anyValue = true }
                if !coordinateIndices.contains(field.index) { properties[field.name] = value }
            }
            // Spreadsheets often end in formatted but empty rows: not features.
            guard anyValue else { return }
            let cell: Result<TableCell, CoordinateColumns.RowProblem>
            if let numbers = columns.numbers(of: feature, decode: decoding.decode) {
                cell = .success(.numbers(numbers.0, numbers.1))
            } else {
                cell = columns.geometry(of: feature, geographic: geographic, decode: decoding.decode).map { .parsed($0) }
            }
            rows.append(TableRow(position: rows.count, sheetRow: sheetRow, properties: properties, cell: cell))
        }
        return rows
    }
}
