import Geometry
import Wording

/// What the user told ZoneScreen about a file read through GDAL.
public struct GDALReadOptions: Hashable, Sendable {
    /// `--encoding`: the text encoding of a Shapefile's DBF, a CSV table or a DXF drawing (e.g.
    /// "GBK", "GB18030", "UTF-8"), overriding the `.cpg` and detection. Other formats are UTF-8 by
    /// definition and ignore it.
    public var encoding: String?
    /// `--crs`: the CRS of the coordinates, overriding what the file says (or standing in where it
    /// says nothing: DXF, CSV, XLSX).
    public var crs: CRS?
    /// Read only the layer (or sheet) of this name; nil reads every layer in order.
    public var layer: String?
    /// `--rows`: whether a coordinate table's rows are sites or boundary points of parcels.
    public var tableRows: TableRows
    /// `--id-field`: in a vertex table, the column that says which parcel a row belongs to.
    public var idField: String?
    /// The file comes from someone else (an upload, `--untrusted-input`): only the driver its ending
    /// calls for, no network, nothing outside its folder (`UntrustedOpening`).
    public var untrusted: Bool
    /// How far the file may expand while it is read.
    public var limits: ReadLimits

    public init(encoding: String? = nil, crs: CRS? = nil, layer: String? = nil,
                tableRows: TableRows = .auto, idField: String? = nil, untrusted: Bool = false, limits: ReadLimits = .files) {
        self.encoding = encoding
        self.crs = crs
        self.layer = layer
        self.tableRows = tableRows
        self.idField = idField
        self.untrusted = untrusted
        self.limits = limits
    }
}

/// How the text of a file was decoded.
public enum GDALTextEncoding: Hashable, Sendable {
    /// UTF-8 by the format's definition (GeoPackage, KML, GeoJSON), or as GDAL decoded it.
    case asGDALGives
    /// Named by the Shapefile's `.cpg` (or the DBF language byte) and converted by GDAL.
    case declared(String)
    /// Forced with `--encoding`.
    case forced(String)
    /// Nothing declared; every string was valid UTF-8.
    case detectedUTF8
    /// Nothing declared; some strings were not UTF-8, so the file was read as GB18030 (a superset of
    /// GBK and GB2312, what Chinese Windows writes).
    case detectedGB18030
}

/// Something the reader decided or skipped that the user should know about.
public enum GDALNote: Hashable, Sendable {
    case textEncoding(GDALTextEncoding)
    /// The layer declares no CRS (DXF, CSV, XLSX, a Shapefile without `.prj`): the caller must decide.
    case noCRS(layer: String)
    /// The layer has a CRS that no EPSG code matches; its name as the file gives it.
    case unidentifiedCRS(layer: String, name: String)
    /// The `.prj` carries no EPSG code but matches one (OSRFindMatches, confidence 90-100).
    case matchedCRS(layer: String, epsg: Int, confidence: Int)
    /// `--crs` was used instead of the file's own CRS (nil when the file had none).
    case crsOverridden(layer: String, fileCRS: CRS?, used: CRS)
    /// DXF: closed polylines read as polygons (parcels).
    case closedPolylinesAsPolygons(layer: String, count: Int)
    /// DXF: points, text and blocks have no area or line to screen and were skipped.
    case skippedPoints(layer: String, count: Int)
    /// A sheet without coordinate columns was skipped (another sheet had them).
    case skippedSheet(layer: String, columns: [String])
    /// A coordinate table: which columns were read as coordinates.
    case coordinateColumns(layer: String, columns: [String])
    /// What the coordinate reader did with one row's text (degrees/minutes/seconds converted...).
    case coordinateText(row: Int, note: CoordinateTextNote)
    /// How a table's coordinate pair was read when not as named longitude/latitude (or x = easting).
    case tableConvention(layer: String, first: String, second: String, swapped: Bool, projected: Bool, zoneFromPrefix: Int?, crs: CRS)
    /// The table's rows were read as boundary points of parcels; `byNumberColumn`: because the table
    /// holds nothing but a number column and coordinates (the user may have meant point sites).
    case vertexTable(layer: String, parcelColumn: String?, pointColumn: String?, ringColumn: String?, byNumberColumn: Bool = false)

    public func message(_ language: Language) -> String {
        switch self {
        case .textEncoding(let encoding):
            switch encoding {
            case .asGDALGives: return language.pick("文字按 UTF-8 读取", "text read as UTF-8")
            case .declared(let name): return language.pick("文字编码按 .cpg 声明为 \(name)", "text encoding \(name), as the .cpg declares")
            case .forced(let name): return language.pick("文字编码按 --encoding 指定为 \(name)", "text encoding \(name), as --encoding says")
            case .detectedUTF8: return language.pick("未声明文字编码，内容是合法的 UTF-8，按 UTF-8 读取",
                                                     "no text encoding declared; the text is valid UTF-8 and was read so")
            case .detectedGB18030: return language.pick("未声明文字编码（无 .cpg），内容不是 UTF-8，按 GBK/GB18030 读取；如有乱码请用 --encoding 指定",
                                                        "no text encoding declared (no .cpg) and the text is not UTF-8: read as GBK/GB18030; use --encoding if names look wrong")
            }
        case .noCRS(let layer):
            return language.pick("图层“\(layer)”未给出坐标系，请用 --crs 指定（默认按 CGCS2000 经纬度处理）",
                                 "layer \"\(layer)\" declares no CRS; give one with --crs (CGCS2000 longitude/latitude is assumed)")
        case .unidentifiedCRS(let layer, let name):
            return language.pick("图层“\(layer)”的坐标系“\(name)”无法对应到 EPSG 代码，请用 --crs 指定",
                                 "layer \"\(layer)\": CRS \"\(name)\" matches no EPSG code; give one with --crs")
        case .matchedCRS(let layer, let epsg, let confidence):
            return language.pick("图层“\(layer)”的 .prj 未写 EPSG 代码，按内容匹配为 EPSG:\(epsg)（置信度 \(confidence)%）",
                                 "layer \"\(layer)\": the .prj names no EPSG code; it matches EPSG:\(epsg) (confidence \(confidence)%)")
        case .crsOverridden(let layer, let fileCRS, let used):
            if let fileCRS {
                return language.pick("图层“\(layer)”自带坐标系 \(fileCRS)，按 --crs 改用 \(used)",
                                     "layer \"\(layer)\" says \(fileCRS); \(used) used as --crs says")
            }
            return language.pick("图层“\(layer)”按 --crs 使用 \(used)", "layer \"\(layer)\": \(used) used as --crs says")
        case .closedPolylinesAsPolygons(let layer, let count):
            return language.pick("图层“\(layer)”中 \(count) 条闭合多段线按地块（面）读取",
                                 "layer \"\(layer)\": \(count) closed polyline(s) read as parcels (polygons)")
        case .skippedPoints(let layer, let count):
            return language.pick("图层“\(layer)”中 \(count) 个点、文字或图块对象没有面积或线，已跳过",
                                 "layer \"\(layer)\": \(count) point, text or block object(s) skipped (no area or line)")
        case .skippedSheet(let layer, let columns):
            return language.pick("工作表“\(layer)”没有坐标列，已跳过（列：\(columns.joined(separator: "、"))）",
                                 "sheet \"\(layer)\" has no coordinate columns and was skipped (columns: \(columns.joined(separator: ", ")))")
        case .coordinateColumns(let layer, let columns):
            return language.pick("表“\(layer)”的坐标取自列 \(columns.joined(separator: "、"))",
                                 "table \"\(layer)\": coordinates read from column(s) \(columns.joined(separator: ", "))")
        case .tableConvention(let layer, let first, let second, let swapped, let projected, let zone, let crs):
            let (east, north) = swapped ? (second, first) : (first, second)
            if projected {
                let how = zone.map { language.pick("东坐标带号 \($0)，按 CGCS2000 高斯-克吕格 \(crs) 读取（如为西安80或北京54请用 --crs 指定）",
                                                   "zone \($0) from the eastings, read as CGCS2000 Gauss-Krüger \(crs) (give --crs for Xian 1980 or Beijing 1954)") }
                    ?? language.pick("按 \(crs) 读取", "read as \(crs)")
                return language.pick("表“\(layer)”的“\(north)”为北坐标、“\(east)”为东坐标（米）；\(how)",
                                     "table \"\(layer)\": \"\(north)\" is the northing and \"\(east)\" the easting (metres); \(how)")
            }
            return language.pick("表“\(layer)”的“\(first)”列是纬度、“\(second)”列是经度（按数值判断），已交换",
                                 "table \"\(layer)\": column \"\(first)\" holds latitudes and \"\(second)\" longitudes (by their values); swapped")
        case .vertexTable(let layer, let parcel, let point, let ring, let byNumberColumn):
            let grouping = parcel.map { language.pick("按“\($0)”分为地块", "grouped into parcels by \"\($0)\"") }
                ?? language.pick("整表为一个地块", "the whole table is one parcel")
            let extras = [point.map { language.pick("点号列“\($0)”", "point column \"\($0)\"") },
                          ring.map { language.pick("圈号列“\($0)”", "ring column \"\($0)\"") }].compactMap { $0 }
            let why = byNumberColumn
                ? language.pick("；表中除坐标外只有编号列“\(point ?? "")”，按一个地块的界址点读取，如每行是一个站点（点）请用 --rows points",
                                "; besides the coordinates the table has only the number column \"\(point ?? "")\", so its rows were read as one parcel's corners; if each row is a site (a point), use --rows points")
                : ""
            return language.pick("表“\(layer)”按界址点坐标表读取：每行一个界址点，\(grouping)" + (extras.isEmpty ? "" : "（" + extras.joined(separator: "，") + "）") + why,
                                 "table \"\(layer)\" read as a boundary-point table: one row per vertex, \(grouping)" + (extras.isEmpty ? "" : " (" + extras.joined(separator: ", ") + ")") + why)
        case .coordinateText(let row, let note):
            return language.pick("第 \(row + 1) 行：\(note.message(language))", "row \(row + 1): \(note.message(language))")
        }
    }
}
