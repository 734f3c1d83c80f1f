import Geometry

// The geometry library states facts (what is wrong, what changed, how a figure was measured); this is
// where they become words, so the library below carries no user language.

extension GeometryError: UserFacingError {
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

extension InputProblem {
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

extension GeoJSONProblem {
    public func message(_ language: Language) -> String {
        switch self {
        case .notJSON(let detail): language.pick("不是合法的 JSON（\(detail)）", "not valid JSON (\(detail))")
        case .notAnObject: language.pick("应为 JSON 对象", "expected a JSON object")
        case .missingMember(let name): language.pick("缺少成员 \"\(name)\"", "missing member \"\(name)\"")
        case .unknownType(let type): language.pick("未知的几何类型 \"\(type)\"", "unknown geometry type \"\(type)\"")
        case .notAnArray: language.pick("应为数组", "expected an array")
        case .notAPosition: language.pick("坐标应为 [经度, 纬度]（可带高程）", "a position must be [x, y] (optionally z)")
        case .notANumber: language.pick("坐标值应为数字", "a coordinate must be a number")
        }
    }
}

extension ValidityReport {
    public func message(_ language: Language) -> String {
        guard !isValid, let reason else { return language.pick("几何有效", "the geometry is valid") }
        let place = location.map { language.pick("，位置 \($0)", " at \($0)") } ?? ""
        return language.pick("几何无效：\(Self.reasonZh[reason] ?? reason)（\(reason)）\(place)",
                             "invalid geometry: \(reason)\(place)")
    }

    /// Chinese for GEOS's reasons (geos/operation/valid/TopologyValidationError.cpp).
    private static let reasonZh: [String: String] = [
        "Topology Validation Error": "拓扑错误",
        "Repeated Point": "重复点",
        "Hole lies outside shell": "内环位于外环之外",
        "Holes are nested": "内环相互嵌套",
        "Interior is disconnected": "内部不连通",
        "Self-intersection": "自相交",
        "Ring Self-intersection": "环自相交",
        "Nested shells": "外环相互嵌套",
        "Duplicate Rings": "重复的环",
        "Too few distinct points in geometry component": "组成部分的不同点太少",
        "Invalid Coordinate": "坐标无效",
        "Ring is not closed": "环未闭合",
    ]
}

extension RepairChange {
    public func message(_ language: Language) -> String {
        switch self {
        case .wasInvalid(let report): return report.message(language)
        case .typeChanged(let from, let to): return language.pick("类型由 \(from) 变为 \(to)", "type changed from \(from) to \(to)")
        case .partCountChanged(let from, let to): return language.pick("部分数由 \(from) 变为 \(to)", "parts changed from \(from) to \(to)")
        case .vertexCountChanged(let from, let to): return language.pick("顶点数由 \(from) 变为 \(to)", "vertices changed from \(from) to \(to)")
        case .areaChanged(let from, let to): return language.pick("平面面积由 \(from) 变为 \(to)", "planar area changed from \(from) to \(to)")
        }
    }
}

extension MeasureMethod {
    public func label(_ language: Language) -> String {
        switch self {
        case .ellipsoidal: language.pick("椭球面（CGCS2000）", "ellipsoidal (CGCS2000)")
        case .projected(let crs): language.pick("投影平面（\(crs)）", "projected (\(crs))")
        }
    }
}
