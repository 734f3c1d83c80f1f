/// How a length, distance or area was measured. Official 三线一单 areas were computed on
/// Gauss-Krüger projected data, so reports must say which of the two a figure is.
public enum MeasureMethod: Hashable, Sendable, CustomStringConvertible {
    /// On the CGCS2000 ellipsoid (a = 6378137 m, f = 1/298.257222101) with Karney's geodesic
    /// algorithms (PROJ's geodesic.h).
    case ellipsoidal
    /// Planar, after projecting the geometry to this CRS (a Gauss-Krüger zone).
    case projected(CRS)

    /// Measured in the plane of the working CRS (so a planar figure from GEOS is already the answer).
    public var isPlanar: Bool {
        if case .projected = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .ellipsoidal: "ellipsoidal (CGCS2000)"
        case .projected(let crs): "projected (\(crs))"
        }
    }

}

/// An area in square metres with the method that produced it.
public struct Area: Hashable, Sendable {
    public let squareMetres: Double
    public let method: MeasureMethod

    public init(squareMetres: Double, method: MeasureMethod) {
        self.squareMetres = squareMetres
        self.method = method
    }

    public static let squareMetresPerHectare = 10_000.0
    /// 1 亩 = 10,000 / 15 m² (the municipal mu).
    public static let squareMetresPerMu = 10_000.0 / 15.0

    public var hectares: Double { squareMetres / Self.squareMetresPerHectare }
    public var mu: Double { squareMetres / Self.squareMetresPerMu }
}

/// A length or distance in metres with the method that produced it.
public struct Length: Hashable, Sendable {
    public let metres: Double
    public let method: MeasureMethod

    public init(metres: Double, method: MeasureMethod) {
        self.metres = metres
        self.method = method
    }
}
