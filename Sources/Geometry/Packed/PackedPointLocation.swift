/// Where a point lies relative to one polygonal item of a packed table.
public enum PackedPointLocation: Sendable, Equatable {
    case outside
    case inside
    /// On a ring (so covered, not in the interior).
    case boundary
    /// Too close to an edge for double arithmetic to be sure, or not a polygonal item: ask GEOS.
    case undecided
}

extension PackedGeometries {
    /// Point in polygon on the packed rings, in place: no copy, no GEOS geometry, no per-worker
    /// memory, so workers share the mapped zones. A ray to +x counts the edges it crosses (half-open
    /// in y, as GEOS's RayCrossingCounter does); holes and the parts of a valid multi-polygon fall out
    /// of the parity. Each side test is an orientation whose sign is taken only when it exceeds
    /// Shewchuk's error bound for the double computation (orient2d stage A), so every answer given is
    /// the exact one; otherwise the answer is `.undecided` and the caller asks GEOS.
    public func locate(_ point: Coordinate, item: Int) -> PackedPointLocation {
        guard isPolygonal(item) else { return .undecided }
        var inside = false
        let px = point.x, py = point.y
        for ringNumber in rings(of: item) {
            let ring = ring(ringNumber)
            guard ring.count >= 2 else { continue }
            var a = ring[ring.count - 1]
            for b in ring {
                defer { a = b }
                if b.x == px && b.y == py { return .boundary }
                let aAbove = a.y > py, bAbove = b.y > py
                if a.y == py && b.y == py {
                    // A horizontal edge on the ray's line: on it, or not crossed (half-open rule).
                    if (a.x <= px && px <= b.x) || (b.x <= px && px <= a.x) { return .boundary }
                    continue
                }
                guard aAbove != bAbove else { continue }
                // orient2d(a, b, p) > 0 when p is left of a → b.
                let left = (a.x - px) * (b.y - py), right = (a.y - py) * (b.x - px)
                let determinant = left - right
                let bound = 3.3306690738754716e-16 * (abs(left) + abs(right))
                if determinant == 0 && left == 0 && right == 0 { return .boundary }
                guard abs(determinant) > bound else { return .undecided }
                // An upward edge is crossed to the right of p when p is left of it; downward, right of it.
                if (b.y > a.y) == (determinant > 0) { inside.toggle() }
            }
        }
        return inside ? .inside : .outside
    }
}
