/// Planar distance from a point to a polyline, computed on the coordinates directly.
///
/// The nearest-shoreline search measures a few dozen short pieces per site; building a GEOS point for
/// each and crossing into GEOS for each piece cost more than the arithmetic itself. The formula is the
/// one GEOS uses (`Distance::pointToSegment`): project onto the segment, clamp, measure.
public enum PointToLineDistance {
    public static func distance(from point: Coordinate, to line: [Coordinate]) -> Double {
        guard let first = line.first else { return .infinity }
        if line.count == 1 { return length(point.x - first.x, point.y - first.y) }
        var best = Double.infinity
        for index in 1..<line.count {
            best = Swift.min(best, segmentDistance(point, line[index - 1], line[index]))
        }
        return best
    }

    /// Distance to a line or multi-line geometry, or nil for other types (use GEOS for those).
    public static func distance(from point: Coordinate, to geometry: Geometry) -> Double? {
        switch geometry {
        case .lineString(let line): return distance(from: point, to: line)
        case .multiLineString(let lines): return lines.reduce(Double.infinity) { Swift.min($0, distance(from: point, to: $1)) }
        default: return nil
        }
    }

    static func segmentDistance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let lengthSquared = dx * dx + dy * dy
        if lengthSquared == 0 { return length(p.x - a.x, p.y - a.y) }
        let t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared
        if t <= 0 { return length(p.x - a.x, p.y - a.y) }
        if t >= 1 { return length(p.x - b.x, p.y - b.y) }
        // Perpendicular distance via the cross product, as GEOS does, rather than from the projected
        // point: it loses less precision for long segments.
        let cross = (a.y - p.y) * dx - (a.x - p.x) * dy
        return abs(cross) / lengthSquared.squareRoot()
    }

    private static func length(_ dx: Double, _ dy: Double) -> Double { (dx * dx + dy * dy).squareRoot() }
}

/// A lower bound on the distance from a point to a polyline: the distance to the chord from its
/// first to its last vertex, less the polyline's largest departure from that chord (every point of
/// the polyline lies within that departure of the chord). For the gently curving pieces of a river
/// bank it is close to the true distance, so the nearest search can skip most pieces after one
/// segment's arithmetic instead of measuring all of their segments.
public struct ChordBound: Sendable {
    public let start: Coordinate
    public let end: Coordinate
    public let departure: Double

    public init?(_ line: [Coordinate]) {
        guard let start = line.first, let end = line.last else { return nil }
        self.start = start
        self.end = end
        departure = line.reduce(0) { Swift.max($0, PointToLineDistance.segmentDistance($1, start, end)) }
    }

    public func lowerBound(from point: Coordinate) -> Double { bounds(from: point).lower }

    /// The lower bound, and an upper one: the polyline runs from the chord's start to its end, so
    /// every point of the chord has a point of the polyline within `departure` of it.
    public func bounds(from point: Coordinate) -> (lower: Double, upper: Double) {
        let distance = PointToLineDistance.segmentDistance(point, start, end)
        return (distance - departure, distance + departure)
    }
}
