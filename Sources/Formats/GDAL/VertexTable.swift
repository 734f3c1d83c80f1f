import Geometry
import Wording

/// A vertex table (界址点坐标表): each row one boundary point; rows with the same parcel value (地块编号,
/// 宗地号...) are one parcel, or the whole table is one parcel when there is no parcel column. Within a
/// parcel a ring ends where its first point comes back (same 点号 or same coordinates) or where the
/// ring column (圈号) changes; ring roles (shell, hole, another part) are decided by geometry.
struct VertexTable {
    let source: String
    let columns: VertexColumns
    let convention: TableConvention
    /// The table's columns other than the coordinates.
    let propertyOrder: [String]

    private struct Parcel {
        let key: String?
        var rows: [GDALFile.TableRow] = []
    }

    /// Calls `body` with each parcel, in the order of its first row; `firstIndex` numbers them on.
    func parcels(_ rows: [GDALFile.TableRow], firstIndex index: inout Int, _ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        var parcels: [Parcel] = []
        var positions: [String: Int] = [:]
        var unkeyed: [GDALFile.TableRow] = []
        for row in rows {
            guard let column = columns.parcel else {
                unkeyed.append(row)
                continue
            }
            guard let key = row.properties[column.name]?.text?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
                // A row with no parcel value belongs to no parcel: reported on its own.
                parcels.append(Parcel(key: nil, rows: [row]))
                continue
            }
            if let position = positions[key] {
                parcels[position].rows.append(row)
            } else {
                positions[key] = parcels.count
                parcels.append(Parcel(key: key, rows: [row]))
            }
        }
        if columns.parcel == nil, !unkeyed.isEmpty { parcels.append(Parcel(key: nil, rows: unkeyed)) }
        for parcel in parcels {
            try WorkCancellation.check()
            let featureIndex = index
            index += 1
            try body(build(parcel, index: featureIndex))
        }
    }

    private struct Ring {
        let key: String?
        let firstName: String?
        var points: [Coordinate]
        var closed = false
    }

    private func build(_ parcel: Parcel, index: Int) -> Result<Feature, FeatureError> {
        let rowNumbers = parcel.rows.map(\.sheetRow)
        let span = (rowNumbers.min() ?? 0)...(rowNumbers.max() ?? 0)
        func failure(_ problem: TableRowsProblem) -> Result<Feature, FeatureError> {
            .failure(.tableRows(source: source, index: index, id: parcel.key, rows: span, problem: problem))
        }
        if parcel.key == nil, let column = columns.parcel, let row = parcel.rows.first {
            return failure(.emptyParcelCell(row: row.sheetRow, column: column.name))
        }
        var rings: [Ring] = []
        for row in parcel.rows {
            let coordinate: Coordinate
            switch row.cell {
            case .failure(let problem):
                return failure(TableRowsProblem(row: row.sheetRow, problem))
            case .success(.parsed(let parsed)):
                guard case .point(let point) = parsed.geometry else {
                    return failure(.notAPoint(row: row.sheetRow))
                }
                coordinate = point
            case .success(.numbers(let first, let second)):
                guard let point = convention.coordinate(first, second) else {
                    return failure(.doesNotFit(row: row.sheetRow, first: first, second: second, projected: convention.projected))
                }
                coordinate = point
            }
            let name = columns.pointName.flatMap { row.properties[$0.name]?.text }.flatMap { $0.isEmpty ? nil : $0 }
            let ringKey = columns.ring.flatMap { row.properties[$0.name]?.text }
            if var ring = rings.last, !ring.closed, ring.key == ringKey {
                if (name != nil && name == ring.firstName) || coordinate == ring.points[0] {
                    ring.closed = true
                } else {
                    ring.points.append(coordinate)
                }
                rings[rings.count - 1] = ring
            } else {
                rings.append(Ring(key: ringKey, firstName: name, points: [coordinate]))
            }
        }
        for ring in rings {
            let distinct = Set(ring.points).count
            if distinct < 3 { return failure(.tooFewDistinctPoints(ring: ring.key, count: distinct)) }
        }
        let geometry: Geometry, holes: Int
        do throws(GeometryError) {
            (geometry, holes) = try RingAssembly.assemble(rings.map { $0.points + [$0.points[0]] })
        } catch {
            return failure(.geometry(error))
        }
        var properties = parcel.rows[0].properties
        for column in [columns.pointName, columns.ring].compactMap({ $0 }) { properties[column.name] = nil }
        properties["vertexCount"] = .number(Double(rings.reduce(0) { $0 + $1.points.count }))
        properties["holeCount"] = .number(Double(holes))
        properties["sourceRows"] = .string(span.lowerBound == span.upperBound ? "\(span.lowerBound)" : "\(span.lowerBound)-\(span.upperBound)")
        let dropped = Set([columns.pointName, columns.ring].compactMap { $0?.name })
        let order = propertyOrder.filter { !dropped.contains($0) } + ["vertexCount", "holeCount", "sourceRows"]
        return .success(Feature(id: parcel.key, geometry: geometry, properties: properties, index: index,
                                crs: convention.projected ? convention.crs : nil, propertyOrder: order))
    }
}

/// What is wrong with the rows of one table site or parcel.
public enum TableRowsProblem: Equatable, Sendable {
    case emptyParcelCell(row: Int, column: String)
    case emptyCoordinate(row: Int, column: String)
    case unreadableCoordinates(row: Int, column: String, problem: CoordinateTextError)
    case notAPoint(row: Int)
    /// The row's numbers do not fit how the rest of the table is read (another zone, lon/lat among metres).
    case doesNotFit(row: Int, first: Double, second: Double, projected: Bool)
    case tooFewDistinctPoints(ring: String?, count: Int)
    case geometry(GeometryError)

    public func message(_ language: Language) -> String {
        switch self {
        case .emptyParcelCell(let row, let column):
            return language.pick("第 \(row) 行的“\(column)”为空，不知属于哪个地块", "row \(row): \"\(column)\" is empty, so the row belongs to no parcel")
        case .emptyCoordinate(let row, let column):
            return language.pick("第 \(row) 行的坐标列“\(column)”为空", "row \(row): coordinate column \"\(column)\" is empty")
        case .unreadableCoordinates(let row, let column, let problem):
            return language.pick("第 \(row) 行“\(column)”列：", "row \(row), column \"\(column)\": ") + problem.message(language)
        case .notAPoint(let row):
            return language.pick("第 \(row) 行应为一个界址点的坐标", "row \(row) should hold one boundary point")
        case .doesNotFit(let row, let first, let second, let projected):
            let (a, b) = (Self.plain(first), Self.plain(second))
            return projected
                ? language.pick("第 \(row) 行的坐标 \(a), \(b) 与表中其他行的平面坐标（同一投影带的北坐标、东坐标）不一致",
                                "row \(row): coordinates \(a), \(b) do not fit the table's other rows (northing and easting of one zone)")
                : language.pick("第 \(row) 行的坐标 \(a), \(b) 不是有效的经纬度", "row \(row): \(a), \(b) is not a valid longitude/latitude")
        case .tooFewDistinctPoints(let ring, let count):
            let which = ring.map { language.pick("圈号 \($0) ", "ring \($0) ") } ?? ""
            return language.pick("\(which)只有 \(count) 个不同的界址点，至少需要 3 个", "\(which)has \(count) distinct boundary points; at least 3 are needed")
        case .geometry(let problem):
            return problem.message(language)
        }
    }

    init(row: Int, _ problem: CoordinateColumns.RowProblem) {
        switch problem {
        case .emptyCell(let column): self = .emptyCoordinate(row: row, column: column)
        case .unreadable(let column, let problem): self = .unreadableCoordinates(row: row, column: column, problem: problem)
        }
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
