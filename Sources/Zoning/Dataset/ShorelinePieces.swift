import Geometry

/// Shorelines cut into short pieces for the index. A river bank is tens of kilometres long, so its
/// envelope contains almost every site and a nearest search would have to measure the whole bank for
/// each query; pieces of a few dozen vertices have tight envelopes, so the search measures a handful.
public struct ShorelinePieces: Sendable {
    /// The pieces, each a LineString.
    public let geometries: [Geometry]
    /// For each piece, the index of its shoreline in `Dataset.shorelines`.
    public let owners: [Int]

    public static let verticesPerPiece = 32

    public init(_ shorelines: [Shoreline]) {
        var geometries: [Geometry] = [], owners: [Int] = []
        for (owner, shoreline) in shorelines.enumerated() {
            var lines: [[Coordinate]] = []
            switch shoreline.geometry {
            case .lineString(let points): lines = [points]
            case .multiLineString(let parts): lines = parts
            default: continue
            }
            for line in lines where line.count >= 2 {
                // Consecutive pieces share their end vertex, so no segment is lost between them.
                var start = 0
                while start < line.count - 1 {
                    let end = min(start + Self.verticesPerPiece, line.count - 1)
                    geometries.append(.lineString(Array(line[start...end])))
                    owners.append(owner)
                    start = end
                }
            }
        }
        self.geometries = geometries
        self.owners = owners
    }
}
