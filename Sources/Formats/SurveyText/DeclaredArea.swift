import Geometry
import Wording

/// A parcel's declared area (地块面积) read against the area computed from its corners. The format says
/// 公顷, but files written by other software state square metres and some state 亩, without saying
/// so; the unit is the one whose reading agrees with the computed area.
public struct DeclaredArea: Hashable, Sendable {
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        case hectare, squareMetre, mu

        public var squareMetres: Double {
            switch self {
            case .hectare: Area.squareMetresPerHectare
            case .squareMetre: 1
            case .mu: Area.squareMetresPerMu
            }
        }

        public func name(_ language: Language) -> String {
            switch self {
            case .hectare: language.pick("公顷", "ha")
            case .squareMetre: language.pick("平方米", "m²")
            case .mu: language.pick("亩", "mu")
            }
        }
    }

    /// The number as the file gives it.
    public let value: Double
    /// The unit whose reading agrees with the computed area, or nil when none does (a mismatch).
    public let unit: Unit?

    /// Agreement: within 0.5 % of the declared area, or within the rounding of its last digits,
    /// whichever is larger: 0.01 公顷 (100 m², four decimals of 公顷 and corners rounded to 1 cm
    /// leave that much on small parcels), 0.15 亩 (the same 100 m²), 1 m² for square metres.
    public static let toleranceFraction = 0.005
    static func floorSquareMetres(_ unit: Unit) -> Double {
        switch unit {
        case .hectare, .mu: 100
        case .squareMetre: 1
        }
    }

    /// Hectares are tried first (the format's own unit), then square metres, then 亩.
    public init(value: Double, computedSquareMetres: Double) {
        self.value = value
        self.unit = Unit.allCases.first { unit in
            Self.agrees(value, unit, computedSquareMetres)
        }
    }

    public static func agrees(_ value: Double, _ unit: Unit, _ computedSquareMetres: Double) -> Bool {
        let declared = value * unit.squareMetres
        return abs(declared - computedSquareMetres) <= max(abs(declared) * toleranceFraction, floorSquareMetres(unit))
    }

    public var isMismatch: Bool { unit == nil }

    /// The declared area in hectares, in the unit found (the format's 公顷 when none agrees).
    public var hectares: Double { value * (unit ?? .hectare).squareMetres / Area.squareMetresPerHectare }
}
