/// What one row of a coordinate table is.
public enum TableRows: String, Hashable, Sendable, CaseIterable {
    /// Decided from the columns: a point-number (点号) or ring (圈号) column, or a parcel column
    /// (地块编号, 宗地号...) whose values repeat, make a vertex table; anything else is a site table.
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

    /// The vertex columns of a table; `parcelField` (`--id-field`) names the parcel column when given.
    static func find(in fields: [GDALField], parcelField: String?) -> VertexColumns {
        func named(_ names: Set<String>) -> GDALField? { fields.first { names.contains(CoordinateColumns.key($0.name)) } }
        let parcel = parcelField.flatMap { wanted in fields.first { $0.name == wanted } } ?? named(parcelNames)
        return VertexColumns(pointName: named(pointNames), parcel: parcel, ring: named(ringNames))
    }
}
