/// A 2-D position: longitude/latitude in degrees for geographic CRSs, easting/northing in metres for
/// projected ones. The axis order is always x first, whatever the CRS's official definition says.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Longitude/latitude spelling of the same value, for readability at call sites.
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    public var isFinite: Bool { x.isFinite && y.isFinite }

    public var description: String { "(\(x), \(y))" }
}

/// An axis-aligned rectangle. An empty envelope has min > max and intersects nothing.
public struct Envelope: Hashable, Sendable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public init(_ point: Coordinate) {
        self.init(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)
    }

    public static let empty = Envelope(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    public var isEmpty: Bool { !(minX <= maxX && minY <= maxY) }
    public var width: Double { isEmpty ? 0 : maxX - minX }
    public var height: Double { isEmpty ? 0 : maxY - minY }
    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public func intersects(_ other: Envelope) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public func contains(_ other: Envelope) -> Bool {
        minX <= other.minX && other.maxX <= maxX && minY <= other.minY && other.maxY <= maxY
    }

    public mutating func expand(toInclude point: Coordinate) {
        minX = Swift.min(minX, point.x)
        minY = Swift.min(minY, point.y)
        maxX = Swift.max(maxX, point.x)
        maxY = Swift.max(maxY, point.y)
    }

    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                 maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    public func expanded(by distance: Double) -> Envelope {
        isEmpty ? self : Envelope(minX: minX - distance, minY: minY - distance,
                                  maxX: maxX + distance, maxY: maxY + distance)
    }

    /// Smallest planar distance between the two rectangles (0 when they intersect); a lower bound of
    /// the distance between anything inside them, which is what nearest-neighbour search needs.
    public func distance(to other: Envelope) -> Double {
        let dx = Swift.max(0, Swift.max(minX - other.maxX, other.minX - maxX))
        let dy = Swift.max(0, Swift.max(minY - other.maxY, other.minY - maxY))
        return (dx * dx + dy * dy).squareRoot()
    }
}
