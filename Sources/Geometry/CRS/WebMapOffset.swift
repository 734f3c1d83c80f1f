import Foundation

/// The coordinate systems of Chinese web maps. 高德 and 腾讯 publish GCJ-02, 百度 BD-09 (GCJ-02 plus
/// a second offset); 天地图 and GPS give CGCS2000 / WGS 84, which coincide to well under a metre.
public enum WebMapDatum: String, Sendable, CaseIterable {
    case wgs84
    case gcj02
    case bd09
}

/// A converted point, and whether an offset was applied (it is not outside China).
public struct OffsetResult: Hashable, Sendable {
    public let coordinate: Coordinate
    public let applied: Bool
}

/// The GCJ-02 and BD-09 offsets, forward and inverse. The forward formulas are the widely published
/// ones (Krasovsky ellipsoid a = 6378245, e² = 0.00669342162296594323; BD-09 from GCJ-02 by a
/// rotation and a shift). The inverses are iterated until the forward image of the answer lies within
/// 0.1 mm of the input. Offsets apply only inside the box the reference implementations use for China
/// (72.004..137.8347 E, 0.8293..55.8271 N); outside it coordinates pass unchanged with `applied` false.
public enum WebMapOffset {
    public static func isInsideChina(_ point: Coordinate) -> Bool {
        (72.004...137.8347).contains(point.x) && (0.8293...55.8271).contains(point.y)
    }

    public static func convert(_ point: Coordinate, from source: WebMapDatum, to target: WebMapDatum) -> OffsetResult {
        guard source != target else { return OffsetResult(coordinate: point, applied: false) }
        guard point.isFinite, isInsideChina(point) else { return OffsetResult(coordinate: point, applied: false) }
        let gcj: Coordinate
        switch source {
        case .wgs84: gcj = wgsToGCJ(point)
        case .gcj02: gcj = point
        case .bd09: gcj = invert(point, forward: gcjToBD)
        }
        let result: Coordinate
        switch target {
        case .wgs84: result = source == .wgs84 ? point : invert(gcj, forward: wgsToGCJ)
        case .gcj02: result = gcj
        case .bd09: result = gcjToBD(gcj)
        }
        return OffsetResult(coordinate: result, applied: true)
    }

    // MARK: forward formulas

    private static let krasovskyA = 6_378_245.0
    private static let krasovskyE2 = 0.00669342162296594323

    static func wgsToGCJ(_ point: Coordinate) -> Coordinate {
        let x = point.x - 105.0, y = point.y - 35.0
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
        dLat += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLat += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        dLat += (160.0 * sin(y / 12.0 * .pi) + 320 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
        dLon += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        dLon += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        dLon += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        let radLat = point.y / 180.0 * .pi
        let sinLat = sin(radLat)
        let magic = 1 - krasovskyE2 * sinLat * sinLat
        let sqrtMagic = sqrt(magic)
        dLat = (dLat * 180.0) / ((krasovskyA * (1 - krasovskyE2)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180.0) / (krasovskyA / sqrtMagic * cos(radLat) * .pi)
        return Coordinate(x: point.x + dLon, y: point.y + dLat)
    }

    private static let baiduFactor = Double.pi * 3000.0 / 180.0

    static func gcjToBD(_ point: Coordinate) -> Coordinate {
        let x = point.x, y = point.y
        let z = sqrt(x * x + y * y) + 0.00002 * sin(y * baiduFactor)
        let theta = atan2(y, x) + 0.000003 * cos(x * baiduFactor)
        return Coordinate(x: z * cos(theta) + 0.0065, y: z * sin(theta) + 0.006)
    }

    // MARK: inverse by iteration

    /// Finds p with forward(p) == target: start at target and step by the residual. The offsets change
    /// slowly with position, so each step gains several digits; 1 mm is reached in 2-4 steps.
    static func invert(_ target: Coordinate, forward: (Coordinate) -> Coordinate) -> Coordinate {
        var guess = target
        for _ in 0..<30 {
            let image = forward(guess)
            let dx = image.x - target.x, dy = image.y - target.y
            guess = Coordinate(x: guess.x - dx, y: guess.y - dy)
            if residualMetres(dx, dy, latitude: target.y) < 0.0001 { break }
        }
        return guess
    }

    /// A residual in degrees expressed in metres (spherical approximation, good enough to stop on).
    static func residualMetres(_ dx: Double, _ dy: Double, latitude: Double) -> Double {
        let metresPerDegree = 111_320.0
        let east = dx * metresPerDegree * cos(latitude * .pi / 180), north = dy * metresPerDegree
        return sqrt(east * east + north * north)
    }
}

extension Geometry {
    /// The geometry with every coordinate converted between web-map datums. `applied` is false if any
    /// coordinate lay outside China (those coordinates are left as they were).
    public func converted(from source: WebMapDatum, to target: WebMapDatum) -> (geometry: Geometry, allApplied: Bool) {
        var allApplied = true
        let geometry = mapCoordinates { point in
            let result = WebMapOffset.convert(point, from: source, to: target)
            if !result.applied && source != target { allApplied = false }
            return result.coordinate
        }
        return (geometry, allApplied)
    }
}
