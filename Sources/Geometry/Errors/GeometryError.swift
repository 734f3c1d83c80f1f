/// The two kinds of failure in the geometry layer: the input is wrong (the user can fix it), or the
/// library (GEOS, PROJ) failed, in which case its own message is carried unchanged.
public enum GeometryError: UserFacingError, Equatable, Sendable {
    case invalidInput(InputProblem)
    case libraryFailed(library: String, operation: String, message: String)

    public func message(_ language: Language) -> String {
        switch self {
        case .invalidInput(let problem):
            return problem.message(language)
        case .libraryFailed(let library, let operation, let message):
            return language.pick("\(library) 在执行 \(operation) 时出错：\(message)",
                                 "\(library) failed in \(operation): \(message)")
        }
    }
}

/// What is wrong with an input, in terms a user can act on.
public enum InputProblem: Equatable, Sendable {
    case ringNotClosed(ring: Int, first: Coordinate, last: Coordinate)
    case tooFewPoints(kind: String, count: Int, minimum: Int)
    case nonFiniteCoordinate(index: Int)
    case latitudeOutOfRange(index: Int, latitude: Double)
    case longitudeOutOfRange(index: Int, longitude: Double)
    case emptyGeometry(operation: String)
    case unknownCRS(String, detail: String)
    case unsupportedCRS(String, reason: String)
    case projDatabaseMissing(detail: String)
    case transformFailed(index: Int, coordinate: Coordinate, detail: String)
    case gaussKrugerZoneOutOfRange(zone: Int)
    case eastingWithoutZonePrefix(easting: Double)
    case malformedWKT(detail: String)
    case malformedWKB(detail: String)
    case malformedGeoJSON(path: String, problem: GeoJSONProblem)
    case invalidDistance(Double)

    public func message(_ language: Language) -> String {
        switch self {
        case .ringNotClosed(let ring, let first, let last):
            return language.pick(
                "第 \(ring + 1) 个环未闭合：首点 \(first) 与末点 \(last) 不同",
                "ring \(ring + 1) is not closed: first point \(first) differs from last point \(last)")
        case .tooFewPoints(let kind, let count, let minimum):
            return language.pick("\(kindZh(kind)) 只有 \(count) 个点，至少需要 \(minimum) 个",
                                 "\(kind) has \(count) points; at least \(minimum) are needed")
        case .nonFiniteCoordinate(let index):
            return language.pick("第 \(index + 1) 个坐标不是有限数（NaN 或无穷大）",
                                 "coordinate \(index + 1) is not a finite number (NaN or infinity)")
        case .latitudeOutOfRange(let index, let latitude):
            return language.pick("第 \(index + 1) 个坐标的纬度 \(latitude) 超出 -90～90 度",
                                 "coordinate \(index + 1) has latitude \(latitude), outside -90..90 degrees")
        case .longitudeOutOfRange(let index, let longitude):
            return language.pick("第 \(index + 1) 个坐标的经度 \(longitude) 超出 -180～180 度",
                                 "coordinate \(index + 1) has longitude \(longitude), outside -180..180 degrees")
        case .emptyGeometry(let operation):
            return language.pick("几何为空，无法\(operationZh(operation))", "the geometry is empty; cannot compute \(operation)")
        case .unknownCRS(let name, let detail):
            return language.pick("未知的坐标系 \(name)（\(detail)）", "unknown coordinate reference system \(name) (\(detail))")
        case .unsupportedCRS(let name, let reason):
            return language.pick("不支持坐标系 \(name)：\(reason)", "coordinate reference system \(name) is not supported: \(reason)")
        case .projDatabaseMissing(let detail):
            return language.pick(
                "找不到 PROJ 数据库 proj.db（\(detail)）；请安装 proj-data 或设置 PROJ_DATA",
                "PROJ's database proj.db was not found (\(detail)); install proj-data or set PROJ_DATA")
        case .transformFailed(let index, let coordinate, let detail):
            return language.pick("第 \(index + 1) 个坐标 \(coordinate) 无法转换：\(detail)",
                                 "coordinate \(index + 1) \(coordinate) cannot be transformed: \(detail)")
        case .gaussKrugerZoneOutOfRange(let zone):
            return language.pick("3 度带带号 \(zone) 不在中国范围（25～45）内",
                                 "3-degree zone \(zone) is outside China's range (25..45)")
        case .eastingWithoutZonePrefix(let easting):
            return language.pick("横坐标 \(easting) 没有带号前缀（应为 8 位，前两位为带号）",
                                 "easting \(easting) carries no zone prefix (expected 8 digits, the first two the zone)")
        case .malformedWKT(let detail):
            return language.pick("WKT 文本有误：\(detail)", "malformed WKT: \(detail)")
        case .malformedWKB(let detail):
            return language.pick("WKB 数据有误：\(detail)", "malformed WKB: \(detail)")
        case .malformedGeoJSON(let path, let problem):
            return language.pick("GeoJSON 几何有误（位置 \(path)）：\(problem.message(language))",
                                 "malformed GeoJSON geometry at \(path): \(problem.message(language))")
        case .invalidDistance(let distance):
            return language.pick("距离 \(distance) 无效（须为有限的非负数）",
                                 "distance \(distance) is invalid (must be finite and not negative)")
        }
    }

    private func operationZh(_ operation: String) -> String {
        switch operation {
        case "nearest points": "求最近点"
        case "nearest": "查找最近要素"
        case "centroid": "求质心"
        case "distance": "计算距离"
        case "buffer": "做缓冲区"
        default: operation
        }
    }

    private func kindZh(_ kind: String) -> String {
        switch kind {
        case "LineString": "线"
        case "LinearRing": "环"
        default: kind
        }
    }
}
