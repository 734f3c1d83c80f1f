import Foundation

/// Seven-parameter (Helmert, position-vector convention as in PROJ's `+towgs84` and EPSG method 9606)
/// shift from a local datum to WGS 84 / CGCS2000: translations in metres, rotations in arc-seconds,
/// scale difference in parts per million. This is how 勘测定界 files write 转换参数 (dx,dy,dz,rx,ry,rz,k).
public struct HelmertParameters: Hashable, Sendable {
    public var translationMetres: (x: Double, y: Double, z: Double) {
        (values[0], values[1], values[2])
    }
    public var rotationArcSeconds: (x: Double, y: Double, z: Double) {
        (values[3], values[4], values[5])
    }
    public var scalePPM: Double { values[6] }

    /// dx, dy, dz, rx, ry, rz, scale in the order above.
    public let values: [Double]

    /// Nil unless there are exactly seven finite numbers (three if only translations are given; the
    /// rest are then zero). All zeros is no shift at all and also gives nil.
    public init?(_ values: [Double]) {
        guard values.count == 7 || values.count == 3, values.allSatisfy(\.isFinite) else { return nil }
        let seven = values.count == 7 ? values : values + [0, 0, 0, 0]
        guard seven.contains(where: { $0 != 0 }) else { return nil }
        self.values = seven
    }

    /// What a 转换参数 value says: nothing (empty, ",,,,,," or all zeros, which files use for "no
    /// parameters"), seven (or three) parameters, or something else.
    public enum Parsed: Equatable, Sendable {
        case none
        case parameters(HelmertParameters)
        case malformed
    }

    /// Parses "dx,dy,dz,rx,ry,rz,k" (commas, full-width commas, semicolons or spaces between).
    public static func parse(_ text: String) -> Parsed {
        let pieces = text.split(whereSeparator: { ",，;； \t".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        if pieces.isEmpty { return .none }
        let numbers = pieces.compactMap(Double.init)
        guard numbers.count == pieces.count else { return .malformed }
        if numbers.allSatisfy({ $0 == 0 }) { return .none }
        guard let parameters = HelmertParameters(numbers) else { return .malformed }
        return .parameters(parameters)
    }

    /// As PROJ's `+towgs84=` value.
    public var towgs84: String {
        values.map { value in
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
        }.joined(separator: ",")
    }
}
