/// A binary spatial predicate with named boundary semantics, read as `predicate(a, b)`.
///
/// - `intersects`: a and b share at least one point (interior or boundary).
/// - `covers`: no point of b lies outside a. A point on a's boundary IS covered.
/// - `coveredBy`: the converse of `covers`.
/// - `contains`: covers, and b has at least one point in a's interior. A point on a's boundary is
///   NOT contained. Prefer `covers` for "is the site in this unit".
/// - `within`: the converse of `contains`.
/// - `touches`: they share boundary points only, no interior point.
/// - `disjoint`: no point in common.
/// - `withinDistance(d)`: the planar distance between them is at most d (in the coordinates' units).
public enum SpatialPredicate: Hashable, Sendable, CustomStringConvertible {
    case intersects
    case covers
    case coveredBy
    case contains
    case within
    case touches
    case disjoint
    case withinDistance(Double)

    /// The same relation with the arguments swapped: `p(a, b) == p.converse(b, a)`.
    public var converse: SpatialPredicate {
        switch self {
        case .covers: .coveredBy
        case .coveredBy: .covers
        case .contains: .within
        case .within: .contains
        default: self
        }
    }

    public var description: String {
        switch self {
        case .intersects: "intersects"
        case .covers: "covers"
        case .coveredBy: "coveredBy"
        case .contains: "contains"
        case .within: "within"
        case .touches: "touches"
        case .disjoint: "disjoint"
        case .withinDistance(let d): "withinDistance(\(d))"
        }
    }

    /// Parses the names used in `description` (without a distance).
    public init?(name: String) {
        switch name {
        case "intersects": self = .intersects
        case "covers": self = .covers
        case "coveredBy": self = .coveredBy
        case "contains": self = .contains
        case "within": self = .within
        case "touches": self = .touches
        case "disjoint": self = .disjoint
        default: return nil
        }
    }

    /// Whether a true answer implies the two envelopes intersect (so an index may prune by envelope).
    var requiresEnvelopeContact: Bool {
        switch self {
        case .disjoint, .withinDistance: false
        default: true
        }
    }
}
