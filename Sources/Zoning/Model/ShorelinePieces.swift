import Geometry

/// Shorelines cut into short pieces for the index, one group per river class. A river bank is tens
/// of kilometres long, so its envelope contains almost every site and a nearest search would have to
/// measure the whole bank for each query; pieces of a few dozen vertices have tight envelopes, so the
/// search measures a handful. One tree per class, because the screening asks "nearest main stream",
/// "nearest tributary": a single tree filtered by class had to walk past every nearer piece of the
/// other classes.
public struct ShorelinePieces: Sendable {
    public struct Group: Sendable {
        /// The pieces, each a LineString.
        public let geometries: [Geometry]
        /// For each piece, the index of its shoreline in `Dataset.shorelines`.
        public let owners: [Int]
        public let tree: EnvelopeTree
    }

    public let groups: [RiverClass: Group]

    public static let verticesPerPiece = 32

    public init(_ shorelines: [Shoreline]) {
        var geometries: [RiverClass: [Geometry]] = [:], owners: [RiverClass: [Int]] = [:]
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
                    geometries[shoreline.riverClass, default: []].append(.lineString(Array(line[start...end])))
                    owners[shoreline.riverClass, default: []].append(owner)
                    start = end
                }
            }
        }
        var groups: [RiverClass: Group] = [:]
        for (riverClass, pieces) in geometries {
            groups[riverClass] = Group(geometries: pieces, owners: owners[riverClass] ?? [], tree: EnvelopeTree(pieces.map(\.envelope)))
        }
        self.groups = groups
    }

    /// Memory held by the trees, in bytes.
    public var treeBytes: Int { groups.values.reduce(0) { $0 + $1.tree.byteCount } }
}
