/// Planar distance from a small polygon or line (the site) to a polyline (a shoreline piece),
/// computed on the coordinates directly.
///
/// Parcel screening measures each parcel against a few shoreline pieces per river class, and GEOS's
/// distance spent most of that workload pairing every parcel edge with every piece segment. Here each
/// piece segment is first bounded from the site's centre (every site point lies within `reach` of
/// it), so only the segments near the closest approach are paired with the site's edges.
public struct LineSetDistance {
    /// The site's vertex lists: polygon rings, or lines.
    let lists: [[Coordinate]]
    let areal: Bool
    public let centre: Coordinate
    /// Every point of the site lies within this distance of `centre`.
    public let reach: Double

    public init(_ site: Geometry) {
        var lists: [[Coordinate]] = []
        site.forEachCoordinateList { lists.append($0) }
        let centre = site.envelope.center
        var reach = 0.0
        for list in lists {
            for p in list { reach = Swift.max(reach, ((p.x - centre.x) * (p.x - centre.x) + (p.y - centre.y) * (p.y - centre.y)).squareRoot()) }
        }
        self.lists = lists
        self.areal = site.dimension == 2
        self.centre = centre
        self.reach = reach
    }

    /// Distance to `line`, or 0 where they cross or the line lies inside the (areal) site; nil when
    /// it is more than `limit` (the search already has something nearer, so the rest is not measured).
    public func distance(to line: [Coordinate], limit: Double = .infinity) -> Double? {
        guard let first = line.first else { return .infinity }
        if areal, Self.contains(lists, first) { return 0 }
        if line.count == 1 { return lists.reduce(Double.infinity) { Swift.min($0, PointToLineDistance.distance(from: first, to: $1)) } }
        // Segments in the order of their bound from the centre, so the first measured set a small
        // best distance and the loop can stop at the first bound that reaches it.
        var order: [(bound: Double, index: Int)] = []
        order.reserveCapacity(line.count - 1)
        for index in 1..<line.count {
            order.append((PointToLineDistance.segmentDistance(centre, line[index - 1], line[index]) - reach, index))
        }
        order.sort { $0.bound < $1.bound }
        var best = Double.infinity
        for (bound, index) in order {
            if bound > Swift.min(best, limit) { break }
            let c = line[index - 1], d = line[index]
            for list in lists where !list.isEmpty {
                if list.count == 1 {
                    best = Swift.min(best, PointToLineDistance.segmentDistance(list[0], c, d))
                    continue
                }
                for k in 1..<list.count {
                    let a = list[k - 1], b = list[k]
                    if Self.crosses(a, b, c, d) { return 0 }
                    best = Swift.min(best, PointToLineDistance.segmentDistance(a, c, d), PointToLineDistance.segmentDistance(c, a, b),
                                     PointToLineDistance.segmentDistance(d, a, b))
                }
                // Each edge's end is the next edge's start, so the last vertex is the one left unmeasured.
                if let last = list.last { best = Swift.min(best, PointToLineDistance.segmentDistance(last, c, d)) }
            }
        }
        return best <= limit ? best : nil
    }

    /// Even-odd ray crossing over all rings (holes included). A point on the boundary may go either
    /// way; it is then at distance 0 from the site's edges anyway.
    static func contains(_ rings: [[Coordinate]], _ point: Coordinate) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 2 {
            var previous = ring[ring.count - 1]
            for current in ring {
                if (current.y > point.y) != (previous.y > point.y) {
                    let x = current.x + (point.y - current.y) * (previous.x - current.x) / (previous.y - current.y)
                    if point.x < x { inside.toggle() }
                }
                previous = current
            }
        }
        return inside
    }

    /// Proper crossing: each segment's ends lie strictly on opposite sides of the other. Touching and
    /// collinear cases are left to the end-to-segment distances, which are 0 there.
    static func crosses(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Bool {
        func side(_ p: Coordinate, _ q: Coordinate, _ r: Coordinate) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = side(a, b, c), d2 = side(a, b, d), d3 = side(c, d, a), d4 = side(c, d, b)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }
}
