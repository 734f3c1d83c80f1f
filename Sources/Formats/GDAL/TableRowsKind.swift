/// What one row of a coordinate table is.
public enum TableRows: String, Hashable, Sendable, CaseIterable {
    /// Decided from the columns: a point-number (点号) or ring (圈号) column, a parcel column
    /// (地块编号, 宗地号...) whose values repeat, or nothing but a number column (编号, 序号) beside
    /// the coordinates of three or more points make a vertex table; anything else is a site table.
    case auto
    /// Every row is one point site.
    case sites
    /// Rows are boundary points (界址点) of parcels: grouped by the parcel column, or all one parcel.
    case vertices
}

/// The columns of a vertex table (界址点坐标表) besides the coordinates.
struct VertexColumns: Equatable {
    var pointName: GDALField?
    var parcel: GDALField?
    var ring: GDALField?

    static let pointNames: Set<String> = ["点号", "界址点号", "界址点", "界址点编号", "点名", "点位", "jzd", "jzdh", "jzdbh", "point", "pointid", "point_id", "point_no", "pt", "ptid"]
    static let parcelNames: Set<String> = ["地块编号", "地块号", "地块代码", "宗地号", "宗地编号", "宗地代码", "图斑编号", "图斑号",
                                           "dkbh", "dkh", "zdh", "zddm", "zdbh", "tbbh", "parcel", "parcelid", "parcel_id", "parcel_no"]
    static let ringNames: Set<String> = ["圈号", "环号", "圈", "ring", "ringid", "ring_id", "qh"]
    /// Columns that only count rows. A table of such a column and coordinates is how a parcel's corners
    /// are typed or copied (编号 1…6 with 经度/纬度); a table of sites has names or other facts beside them.
    static let numberNames: Set<String> = ["编号", "序号", "顺序号", "点序号", "no", "no.", "num", "number", "seq"]

    /// The one column beside the coordinates when it is a number column, else nil. Columns left
    /// empty in every row (a spreadsheet's unused headings) do not count.
    static func onlyNumberColumn(in fields: [GDALField], coordinates: Set<String>, rows: [GDALFile.TableRow]) -> GDALField? {
        let others = fields.filter { field in
            !coordinates.contains(field.name) && rows.contains { row in
                guard let value = row.properties[field.name] else { return false }
                return value != .null && value != .string("")
            }
        }
        guard others.count == 1, let only = others.first, numberNames.contains(CoordinateColumns.key(only.name)) else { return nil }
        return only
    }

    /// The vertex columns of a table; `parcelField` (`--id-field`) names the parcel column when given.
    static func find(in fields: [GDALField], parcelField: String?) -> VertexColumns {
        func named(_ names: Set<String>) -> GDALField? { fields.first { names.contains(CoordinateColumns.key($0.name)) } }
        let parcel = parcelField.flatMap { wanted in fields.first { $0.name == wanted } } ?? named(parcelNames)
        return VertexColumns(pointName: named(pointNames), parcel: parcel, ring: named(ringNames))
    }
}
