import Geometry
import Wording

/// Why a file read or written through GDAL could not be used as a whole. Problems with one feature
/// arrive as `FeatureError` values and the rest of the file is still read.
public enum GDALError: UserFacingError, Equatable, Sendable {
    /// There is no file (or folder) at the path.
    case fileNotFound(file: String)
    /// GDAL has no vector driver that recognises the file; `detail` is GDAL's own message.
    case notRecognised(file: String, detail: String)
    /// The file was recognised but has no vector layer (a raster image, an empty workbook).
    case noLayers(file: String, driver: String)
    /// `--layer` named a layer the file does not have.
    case layerNotFound(file: String, layer: String, available: [String])
    /// A coordinate table (CSV, XLSX) in which no sheet has longitude/latitude, x/y or WKT columns.
    case noCoordinateColumns(file: String, columns: [String])
    /// A table's coordinates are metres (Gauss-Krüger) but its eastings carry no zone number and no
    /// CRS was given: the central meridian cannot be guessed.
    case projectedWithoutZone(file: String, layer: String, columns: [String])
    /// Zone-prefixed eastings of several zones in one table.
    case severalZones(file: String, layer: String, zones: [Int])
    /// `--encoding` named a text encoding GDAL cannot convert from.
    case unknownEncoding(file: String, encoding: String)
    /// A sheet name Excel would refuse (empty, over 31 characters, or holding []:*?/\).
    case invalidSheetName(String)
    /// A row of a sheet to write has a different number of cells than the sheet has columns.
    case rowLengthMismatch(sheet: String, row: Int, cells: Int, columns: Int)
    /// GDAL failed while reading or writing; `message` is GDAL's own (CPLGetLastErrorMsg).
    case libraryFailed(file: String, operation: String, message: String)
    /// Writing the output (temporary file or the final rename) failed.
    case cannotWrite(file: String, detail: String)
    /// A file from outside whose ending names no format taken from outside (`UntrustedOpening`).
    case refusedFormat(file: String, ending: String)
    /// The file expands beyond a limit while it is read (an archive's members, its features, a value).
    case overLimit(InputLimits.Exceeded)
    /// The output would replace what it should not (`OutputTarget`).
    case refusedOutput(FileError)
    /// The work was cancelled (its request timed out) while the file was being read.
    case stopped
    /// A FIFO, a device or a socket: not a file to read (reading a FIFO waits for a writer).
    case notRegularFile(file: String)
    /// A KMZ (a ZIP archive) with no KML document in it.
    case noKMLInKMZ(file: String)

    public func message(_ language: Language) -> String {
        switch self {
        case .fileNotFound(let file):
            return language.pick("找不到文件 \(file)", "file not found: \(file)")
        case .notRecognised(let file, let detail):
            return language.pick(
                "无法识别 \(file) 的格式（支持 Shapefile、KML/KMZ、GeoPackage、GeoJSON、DXF、CSV、XLSX 等 GDAL 可读的矢量格式）：\(detail)",
                "\(file) is not in a vector format GDAL reads (Shapefile, KML/KMZ, GeoPackage, GeoJSON, DXF, CSV, XLSX...): \(detail)")
        case .noLayers(let file, let driver):
            return language.pick("\(file)（\(driver)）中没有矢量图层", "\(file) (\(driver)) holds no vector layer")
        case .layerNotFound(let file, let layer, let available):
            return language.pick("\(file) 中没有名为“\(layer)”的图层；现有图层：\(available.joined(separator: "、"))",
                                 "\(file) has no layer named \"\(layer)\"; its layers are: \(available.joined(separator: ", "))")
        case .noCoordinateColumns(let file, let columns):
            let list = columns.isEmpty ? language.pick("（无）", "(none)") : columns.joined(separator: language.pick("、", ", "))
            return language.pick(
                "\(file) 中找不到坐标列：需要“经度/纬度”（或 lon/lat、x/y、横坐标/纵坐标）两列，或一列 WKT 几何；现有列：\(list)",
                "\(file) has no coordinate columns: expected longitude/latitude columns (经度/纬度, lon/lat, x/y, 横坐标/纵坐标) or a WKT column; its columns are: \(list)")
        case .projectedWithoutZone(let file, let layer, let columns):
            let pair = columns.joined(separator: "/")
            return language.pick(
                "\(file)（表“\(layer)”）的 \(pair) 是平面坐标（米），但东坐标前没有带号，无法确定投影带：请用 --crs 指定坐标系，如 --crs EPSG:4546（CGCS2000 3 度带，中央经线 111°E），或 --crs CM111（按中央经线）",
                "\(file) (table \"\(layer)\"): \(pair) are projected metres but the eastings carry no zone number, so the zone cannot be known: give the CRS with --crs, e.g. --crs EPSG:4546 (CGCS2000 3-degree zone, central meridian 111°E) or --crs CM111 (by central meridian)")
        case .severalZones(let file, let layer, let zones):
            let list = zones.map(String.init).joined(separator: language.pick("、", ", "))
            return language.pick("\(file)（表“\(layer)”）的东坐标带号不止一个（\(list)）：请把不同投影带的坐标分开，或用 --crs 指定",
                                 "\(file) (table \"\(layer)\"): the eastings carry several zone numbers (\(list)); split the table by zone or give --crs")
        case .unknownEncoding(let file, let encoding):
            return language.pick("无法按编码“\(encoding)”读取 \(file)", "cannot read \(file) as encoding \"\(encoding)\"")
        case .invalidSheetName(let name):
            return language.pick("工作表名“\(name)”无效：不能为空、不超过 31 个字符、不能含 []:*?/\\",
                                 "sheet name \"\(name)\" is invalid: it must be 1 to 31 characters without []:*?/\\")
        case .rowLengthMismatch(let sheet, let row, let cells, let columns):
            return language.pick("工作表“\(sheet)”第 \(row + 1) 行有 \(cells) 个单元格，而表头有 \(columns) 列",
                                 "sheet \"\(sheet)\", row \(row + 1) has \(cells) cells but the sheet has \(columns) columns")
        case .libraryFailed(let file, let operation, let message):
            return language.pick("GDAL 处理 \(file) 时出错（\(operation)）：\(message)",
                                 "GDAL failed on \(file) (\(operation)): \(message)")
        case .cannotWrite(let file, let detail):
            return language.pick("无法写入 \(file)：\(detail)", "cannot write \(file): \(detail)")
        case .refusedFormat(let file, let ending):
            let shown = ending.isEmpty ? language.pick("（无扩展名）", "(none)") : "." + ending
            return language.pick("不接受 \(file) 的文件类型 \(shown)：外来文件只按扩展名读作 Shapefile（.zip/.shp）、KML/KMZ、GeoPackage、DXF、CSV、XLSX/ODS、GeoJSON、FlatGeobuf",
                                 "\(file): files from outside are read only by their ending, and \(shown) is none of Shapefile (.zip/.shp), KML/KMZ, GeoPackage, DXF, CSV, XLSX/ODS, GeoJSON, FlatGeobuf")
        case .overLimit(let limit):
            return limit.message(language)
        case .refusedOutput(let error):
            return error.message(language)
        case .stopped:
            return WorkCancellation.Stopped().message(language)
        case .notRegularFile(let file):
            return language.pick("\(file) 不是普通文件（命名管道、设备或套接字）；从管道读取请用 - 表示标准输入",
                                 "\(file) is not a regular file (a FIFO, device or socket); to read a pipe, give - for standard input")
        case .noKMLInKMZ(let file):
            return language.pick("\(file) 是 KMZ 压缩包，但其中没有 KML 文件（.kml）", "\(file) is a KMZ archive with no KML file (.kml) in it")
        }
    }
}
