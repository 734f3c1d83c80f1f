import Geometry
import Wording

/// Why a 勘测定界 / 建设用地报批 coordinate file, or one parcel in it, could not be read. Line numbers
/// count from 1, as a text editor shows them.
public enum SurveyTextError: UserFacingError, Equatable, Sendable {
    // Problems with the whole file: nothing in it can be trusted, so these are thrown.

    /// The file could not be opened or read (missing, no permission, I/O error).
    case unreadable(file: String, detail: String)
    /// The file, or one of its lines, is over a reading limit (the limit names the file).
    case overLimit(InputLimits.Exceeded)
    /// The bytes are neither valid UTF-8 nor valid GB18030 (GBK); `byteOffset` counts from 0.
    case undecodable(file: String, byteOffset: Int)
    /// There is no `[地块坐标]` section, so there are no parcels to read.
    case missingCoordinateBlock(file: String)
    /// `[地块坐标]` holds no parcel header line (ending in `@`).
    case noParcels(file: String)
    /// A point line comes before the first parcel header line.
    case pointBeforeFirstParcel(file: String, line: Int)
    /// `坐标系` is missing (`name` nil) or names a system ZoneScreen does not know.
    case unknownCoordinateSystem(file: String, name: String?)
    /// `几度分带` is neither 3 nor 6.
    case unsupportedZoneWidth(file: String, text: String)
    /// `投影类型` names a projection other than Gauss-Krüger (transverse Mercator).
    case unsupportedProjection(file: String, name: String)
    /// No coordinate pair in the file looks like Gauss-Krüger metres in China in either axis order.
    case noProjectedCoordinates(file: String)
    /// The eastings carry no zone prefix and `带号` is missing or not a number.
    case zoneUnknown(file: String)
    /// `带号` and the zone prefix of the eastings disagree.
    case zoneConflict(file: String, declared: Int, fromEastings: Int, line: Int)
    /// `几度分带` and the zone prefix of the eastings disagree (e.g. 3-degree declared, zone 19 found).
    case zoneWidthConflict(file: String, declaredWidth: Int, zone: Int, line: Int)
    /// The zone is outside China's range for its zone width (3-degree 25-45, 6-degree 13-23).
    case zoneOutOfRange(file: String, zone: Int, width: Int)
    /// `转换参数` holds something other than seven (or three) numbers.
    case malformedTransformationParameters(file: String, text: String)

    // A problem with one parcel: the parcel is reported and the others are still read.

    /// `index` is the parcel's position among the parcel header lines (from 0); `parcel` its 地块编号.
    case malformedParcel(file: String, line: Int, index: Int, parcel: String?, problem: SurveyParcelProblem)

    public func message(_ language: Language) -> String {
        switch self {
        case .malformedParcel(let file, _, _, _, _):
            return language.pick("\(file)：", "\(file): ") + detail(language)
        case .unreadable(let file, let detail):
            return language.pick("无法读取 \(file)：\(detail)", "cannot read \(file): \(detail)")
        case .overLimit(let exceeded):
            return exceeded.message(language)
        case .undecodable(let file, let offset):
            return language.pick("\(file) 既不是 UTF-8 也不是 GBK/GB18030 编码（第 \(offset + 1) 个字节起无法解码）",
                                 "\(file) is neither UTF-8 nor GBK/GB18030 text (cannot decode from byte \(offset + 1))")
        case .missingCoordinateBlock(let file):
            return language.pick("\(file) 没有 [地块坐标] 部分，不是勘测定界坐标文件",
                                 "\(file) has no [地块坐标] section; it is not a land-survey coordinate file")
        case .noParcels(let file):
            return language.pick("\(file) 的 [地块坐标] 部分没有地块（应有以 @ 结尾的地块信息行）",
                                 "\(file): the [地块坐标] section holds no parcel (expected header lines ending in @)")
        case .pointBeforeFirstParcel(let file, let line):
            return language.pick("\(file) 第 \(line) 行：坐标行出现在第一个地块信息行（以 @ 结尾）之前",
                                 "\(file), line \(line): a point line comes before the first parcel header line (ending in @)")
        case .unknownCoordinateSystem(let file, let name):
            let accepted = "2000国家大地坐标系/CGCS2000、1980西安坐标系/西安80、1954北京坐标系/北京54"
            if let name {
                return language.pick("\(file) 的坐标系“\(name)”无法识别（可识别：\(accepted)）",
                                     "\(file): coordinate system \"\(name)\" is not recognised (known: \(accepted))")
            }
            return language.pick("\(file) 的 [属性描述] 缺少“坐标系”，无法确定坐标基准（可识别：\(accepted)）",
                                 "\(file): [属性描述] has no 坐标系 line, so the datum is unknown (known: \(accepted))")
        case .unsupportedZoneWidth(let file, let text):
            return language.pick("\(file) 的几度分带“\(text)”不受支持（应为 3 或 6）",
                                 "\(file): zone width 几度分带 \"\(text)\" is not supported (expected 3 or 6)")
        case .unsupportedProjection(let file, let name):
            return language.pick("\(file) 的投影类型“\(name)”不受支持（仅支持高斯-克吕格投影）",
                                 "\(file): projection 投影类型 \"\(name)\" is not supported (only Gauss-Krüger)")
        case .noProjectedCoordinates(let file):
            return language.pick(
                "\(file) 没有一个坐标像高斯-克吕格平面坐标（X 北坐标应为 2,000,000～6,000,000 米，Y 东坐标为 8 位带带号或 6 位）",
                "\(file): no coordinate looks like Gauss-Krüger metres (X northing 2,000,000-6,000,000 m, Y easting 8 digits with the zone or 6 digits)")
        case .zoneUnknown(let file):
            return language.pick("\(file) 的 Y 坐标不带带号，且 [属性描述] 没有有效的“带号”，无法确定投影带",
                                 "\(file): the eastings carry no zone prefix and [属性描述] has no usable 带号, so the zone is unknown")
        case .zoneConflict(let file, let declared, let found, let line):
            return language.pick("\(file) 的带号为 \(declared)，但第 \(line) 行 Y 坐标的带号前缀为 \(found)",
                                 "\(file): 带号 says zone \(declared) but the easting on line \(line) is prefixed with zone \(found)")
        case .zoneWidthConflict(let file, let width, let zone, let line):
            return language.pick("\(file) 声明为 \(width) 度分带，但第 \(line) 行 Y 坐标的带号 \(zone) 不属于 \(width) 度带",
                                 "\(file): declared \(width)-degree zones, but the easting on line \(line) is prefixed with zone \(zone), not a \(width)-degree zone")
        case .malformedTransformationParameters(let file, let text):
            return language.pick("\(file) 的转换参数“\(text)”应为七个数（dx,dy,dz 米，rx,ry,rz 秒，尺度 ppm），或留空",
                                 "\(file): 转换参数 \"\(text)\" should be seven numbers (dx,dy,dz in metres, rx,ry,rz in arc-seconds, scale in ppm) or empty")
        case .zoneOutOfRange(let file, let zone, let width):
            let range = width == 6 ? "13～23" : "25～45"
            return language.pick("\(file) 的 \(width) 度带带号 \(zone) 不在中国范围（\(range)）内",
                                 "\(file): \(width)-degree zone \(zone) is outside China's range (\(range.replacingOccurrences(of: "～", with: "..")))")
        }
    }

    /// The message without the file name: for a parcel, "line 12, parcel YC-002: ...".
    public func detail(_ language: Language) -> String {
        switch self {
        case .malformedParcel(_, let line, let index, let parcel, let problem):
            let name = parcel.map { language.pick("地块 \($0)", "parcel \($0)") }
                ?? language.pick("第 \(index + 1) 个地块", "parcel \(index + 1)")
            return language.pick("第 \(line) 行（\(name)）：\(problem.message(language))",
                                 "line \(line) (\(name)): \(problem.message(language))")
        default:
            return message(language)
        }
    }

    /// The line the problem was found on, if there is one.
    public var line: Int? {
        switch self {
        case .malformedParcel(_, let line, _, _, _), .pointBeforeFirstParcel(_, let line),
             .zoneConflict(_, _, _, let line), .zoneWidthConflict(_, _, _, let line):
            line
        default:
            nil
        }
    }

    /// The 地块编号 of the parcel the problem belongs to; nil for a whole-file problem.
    public var parcelNumber: String? {
        if case .malformedParcel(_, _, _, let parcel, _) = self { return parcel }
        return nil
    }

    /// The parcel's position among the file's parcel header lines (from 0); nil for a whole-file problem.
    public var parcelIndex: Int? {
        if case .malformedParcel(_, _, let index, _, _) = self { return index }
        return nil
    }

    /// The same problem as the `FeatureError` that `FeatureSource` readers hand on, still a fact: it is
    /// worded by whoever prints it, in the language they print in.
    public var featureError: FeatureError {
        switch self {
        case .malformedParcel:
            .surveyParcel(self)
        case .unreadable(let file, let detail):
            .unreadable(source: file, detail: detail)
        default:
            .surveyFile(self)
        }
    }
}

/// What is wrong with one parcel of a survey coordinate file.
public enum SurveyParcelProblem: Equatable, Sendable {
    /// A header line (`kind` "header") or point line (`kind` "point") has too few comma-separated fields.
    case tooFewFields(kind: LineKind, count: Int, minimum: Int)
    /// A field that must be a number is not (`field` names it: 界址点数, 地块面积, 圈号, X, Y).
    case notANumber(field: String, text: String)
    /// A point whose coordinates do not fit the rest of the file (axis order, zone, or range). `zone`
    /// is the file's zone when its eastings carry the zone prefix, nil when they do not.
    case unexpectedCoordinate(point: String, x: Double, y: Double, zone: Int?, axesSwapped: Bool)
    /// A ring (圈号) with fewer than 3 distinct points.
    case tooFewDistinctPoints(ring: Int, count: Int)
    /// A point repeats the ring's first 点号 to close the ring but at other coordinates.
    case closingPointMoved(point: String)
    /// 界址点数 in the header disagrees with the number of point lines that follow.
    case pointCountMismatch(declared: Int, lines: Int, distinct: Int)
    /// The header is followed by no point line.
    case noPoints
    /// GEOS failed on the parcel's geometry.
    case geometry(GeometryError)

    public enum LineKind: String, Sendable {
        case header, point
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .tooFewFields(let kind, let count, let minimum):
            switch kind {
            case .header:
                return language.pick("地块信息行只有 \(count) 项，至少需要 \(minimum) 项（界址点数,地块面积,地块编号,…,@）",
                                     "the parcel header line has \(count) fields; at least \(minimum) are needed (point count, area, parcel number, ..., @)")
            case .point:
                return language.pick("坐标行只有 \(count) 项，应为 点号,圈号,X,Y 共 \(minimum) 项",
                                     "the point line has \(count) fields; expected \(minimum): point, ring, X, Y")
            }
        case .notANumber(let field, let text):
            return language.pick("\(field)“\(text)”不是数值", "\(Self.fieldEn(field)) \"\(text)\" is not a number")
        case .unexpectedCoordinate(let point, let x, let y, let zone, let swapped):
            let eastingZh = zone.map { "以带号 \($0) 开头的 8 位东坐标" } ?? "6 位东坐标（100,000～900,000 米）"
            let eastingEn = zone.map { "an 8-digit easting starting with zone \($0)" } ?? "a 6-digit easting (100,000-900,000 m)"
            let northingZh = "北坐标（2,000,000～6,000,000 米）", northingEn = "a northing (2,000,000-6,000,000 m)"
            let expectedZh = swapped ? "本文件 X 为\(eastingZh)、Y 为\(northingZh)" : "本文件 X 为\(northingZh)、Y 为\(eastingZh)"
            let expectedEn = swapped ? "in this file X is \(eastingEn) and Y \(northingEn)" : "in this file X is \(northingEn) and Y \(eastingEn)"
            return language.pick("界址点 \(point) 的坐标 X=\(Self.number(x))、Y=\(Self.number(y)) 与本文件其他点不符：\(expectedZh)",
                                 "point \(point) at X=\(Self.number(x)), Y=\(Self.number(y)) does not fit the rest of the file: \(expectedEn)")
        case .tooFewDistinctPoints(let ring, let count):
            return language.pick("第 \(ring) 圈只有 \(count) 个不同的界址点，至少需要 3 个",
                                 "ring \(ring) has \(count) distinct points; at least 3 are needed")
        case .closingPointMoved(let point):
            return language.pick("界址点 \(point) 重复出现以闭合该圈，但坐标与首次出现时不同",
                                 "point \(point) is repeated to close its ring but at different coordinates")
        case .pointCountMismatch(let declared, let lines, let distinct):
            let read = lines == distinct
                ? language.pick("实际有 \(lines) 个坐标行", "but \(lines) point lines follow")
                : language.pick("实际有 \(lines) 个坐标行（\(distinct) 个不同界址点）",
                                "but \(lines) point lines follow (\(distinct) distinct points)")
            return language.pick("界址点数为 \(declared)，\(read)", "the header declares \(declared) points, \(read)")
        case .noPoints:
            return language.pick("地块信息行之后没有坐标行", "no point line follows the parcel header")
        case .geometry(let problem):
            return language.pick("几何有误：\(problem.message(language))", "malformed geometry: \(problem.message(language))")
        }
    }

    private static func fieldEn(_ field: String) -> String {
        switch field {
        case "界址点数": "point count (界址点数)"
        case "地块面积": "parcel area (地块面积)"
        case "圈号": "ring number (圈号)"
        default: field
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
