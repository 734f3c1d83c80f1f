/// A static packed R-tree over envelopes (items sorted along a Hilbert curve, then grouped
/// `nodeCapacity` at a time, level by level). Built once, never modified, so it is a plain value
/// that any number of threads may query at once.
public struct EnvelopeTree: Sendable {
    public let count: Int
    public let nodeCapacity: Int
    /// levels[0] holds item envelopes in Hilbert order; levels[k] the envelopes of level k's nodes,
    /// node i covering entries i*capacity ..< (i+1)*capacity of level k-1.
    private let levels: [[Envelope]]
    /// Item index (into the caller's array) of each entry of levels[0].
    private let itemOrder: [Int32]

    public init(_ envelopes: [Envelope], nodeCapacity: Int = 16) {
        precondition(nodeCapacity >= 2, "node capacity must be at least 2")
        precondition(envelopes.count < Int(Int32.max), "too many items for one index")
        self.count = envelopes.count
        self.nodeCapacity = nodeCapacity
        var bounds = Envelope.empty
        for envelope in envelopes where !envelope.isEmpty { bounds = bounds.union(envelope) }
        let keys = envelopes.map { Self.hilbertKey($0, in: bounds) }
        let order = (0..<envelopes.count).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        self.itemOrder = order.map { Int32($0) }
        var levels = [order.map { envelopes[$0] }]
        while let last = levels.last, last.count > 1 {
            var parents: [Envelope] = []
            parents.reserveCapacity((last.count + nodeCapacity - 1) / nodeCapacity)
            var start = 0
            while start < last.count {
                let end = Swift.min(start + nodeCapacity, last.count)
                parents.append(last[start..<end].reduce(Envelope.empty) { $0.union($1) })
                start = end
            }
            levels.append(parents)
        }
        self.levels = levels
    }

    /// The tree's arrays, for a compiled dataset to store: level by level, then the item order.
    public var storedParts: (levels: [[Envelope]], itemOrder: [Int32]) { (levels, itemOrder) }

    /// A tree as a compiled dataset stored it; nil when the parts are not a tree of this shape.
    public init?(count: Int, nodeCapacity: Int, levels: [[Envelope]], itemOrder: [Int32]) {
        guard nodeCapacity >= 2, itemOrder.count == count, levels.first?.count ?? 0 == count,
              itemOrder.allSatisfy({ $0 >= 0 && Int($0) < count }) else { return nil }
        if count == 0 {
            guard levels.count <= 1 else { return nil }
        } else {
            for (level, entries) in levels.enumerated().dropFirst()
            where entries.count != (levels[level - 1].count + nodeCapacity - 1) / nodeCapacity { return nil }
            guard levels.last?.count == 1 else { return nil }
        }
        self.count = count
        self.nodeCapacity = nodeCapacity
        self.levels = levels
        self.itemOrder = itemOrder
    }

    /// Memory held by the tree's arrays, in bytes.
    public var byteCount: Int {
        levels.reduce(0) { $0 + $1.count * MemoryLayout<Envelope>.stride } + itemOrder.count * MemoryLayout<Int32>.stride
    }

    public var height: Int { levels.count }

    /// The envelope of every item (empty for an empty tree).
    public var extent: Envelope { count == 0 ? .empty : levels.last?.first ?? .empty }

    /// Calls `visit` with the index of every item whose envelope intersects `query`.
    public func search(_ query: Envelope, _ visit: (Int) throws -> Void) rethrows {
        guard count > 0, !query.isEmpty else { return }
        let top = levels.count - 1
        guard levels[top][0].intersects(query) else { return }
        var stack: [(level: Int, node: Int)] = [(top, 0)]
        stack.reserveCapacity(levels.count * nodeCapacity)
        // Children are tested before they are pushed, so the stack only holds nodes that meet the query.
        while let (level, node) = stack.popLast() {
            if level == 0 {
                try visit(Int(itemOrder[node]))
                continue
            }
            let below = levels[level - 1]
            let first = node * nodeCapacity
            let end = Swift.min(first + nodeCapacity, below.count)
            for child in stride(from: end - 1, through: first, by: -1) where below[child].intersects(query) {
                stack.append((level - 1, child))
            }
        }
    }

    public func search(_ query: Envelope) -> [Int] {
        var found: [Int] = []
        search(query) { found.append($0) }
        return found
    }

    /// Best-first nearest-neighbour search; ties go to the lower item index.
    ///
    /// - `bounds(item)`: cheap bounds below and above the item's true distance, tighter than its
    ///   envelope's (the default knows nothing). Items wait in the queue under their lower bound and
    ///   are measured in its order; nothing farther than the smallest upper bound seen is queued.
    /// - `exactDistance(item, limit)`: the item's true distance, or nil to skip it; `limit` is the
    ///   distance to beat, so it may stop measuring (and return nil) once it is sure to be farther.
    /// - `scratch`: the queue, reused across calls (one per thread): for point queries allocating it
    ///   cost as much as the search.
    public func nearest(to query: Envelope, maxDistance: Double = .infinity, scratch: inout NearestSearchScratch,
                        bounds: (Int) -> (lower: Double, upper: Double) = { _ in (0, .infinity) },
                        exactDistance: (Int, Double) throws -> Double?) rethrows -> (item: Int, distance: Double)? {
        guard count > 0, !query.isEmpty else { return nil }
        scratch.queue.removeAll()
        defer { scratch.queue.removeAll() }
        var queue = scratch.queue
        defer { scratch.queue = queue }
        scratch.queue = MinHeap()  // so `queue` is uniquely referenced and grows in place
        var best: (item: Int, distance: Double)?
        // The smallest upper bound offered so far: the nearest item is no farther than this.
        var upper = Double.infinity
        var limit: Double { Swift.min(best?.distance ?? maxDistance, upper) }
        func measure(_ entry: Int) throws {
            let item = Int(itemOrder[entry])
            guard let distance = try exactDistance(item, limit), distance <= maxDistance else { return }
            if let found = best, distance > found.distance || (distance == found.distance && found.item < item) { return }
            best = (item, distance)
        }
        func offer(_ entry: Int) throws {
            let envelopeBound = levels[0][entry].distance(to: query)
            guard envelopeBound <= limit else { return }
            let (lower, upperBound) = bounds(Int(itemOrder[entry]))
            let bound = Swift.max(envelopeBound, lower)
            guard bound <= limit else { return }
            queue.push(.init(bound: bound, level: 0, node: entry))
            // After the push: the item holding the smallest upper bound must itself stay in the queue.
            upper = Swift.min(upper, upperBound)
        }
        let top = levels.count - 1
        if top == 0 {
            try offer(0)
        } else {
            queue.push(.init(bound: levels[top][0].distance(to: query), level: top, node: 0))
        }
        while let entry = queue.pop() {
            if entry.bound > limit { break }
            if entry.level == 0 {
                try measure(entry.node)
                continue
            }
            let first = entry.node * nodeCapacity
            let end = Swift.min(first + nodeCapacity, levels[entry.level - 1].count)
            if entry.level == 1 {
                for child in first..<end { try offer(child) }
                continue
            }
            let below = levels[entry.level - 1]
            for child in first..<end {
                // Children farther than something already measured can never win: not queued at all.
                let bound = below[child].distance(to: query)
                if bound <= limit { queue.push(.init(bound: bound, level: entry.level - 1, node: child)) }
            }
        }
        return best
    }

    // MARK: Hilbert ordering

    private static func hilbertKey(_ envelope: Envelope, in bounds: Envelope) -> UInt32 {
        guard !envelope.isEmpty, !bounds.isEmpty else { return UInt32.max }
        // Halving before subtracting keeps the arithmetic finite for any finite input (even ±1e308);
        // non-finite envelopes sort last instead of trapping.
        func cell(_ value: Double, _ low: Double, _ high: Double) -> UInt32? {
            let span = high / 2 - low / 2
            guard span.isFinite else { return nil }
            guard span > 0 else { return 0 }
            let fraction = (value / 2 - low / 2) / span
            guard fraction.isFinite else { return nil }
            return UInt32((min(1, max(0, fraction)) * Double(UInt16.max)).rounded())
        }
        let center = Coordinate(x: envelope.minX / 2 + envelope.maxX / 2, y: envelope.minY / 2 + envelope.maxY / 2)
        guard let x = cell(center.x, bounds.minX, bounds.maxX), let y = cell(center.y, bounds.minY, bounds.maxY) else {
            return UInt32.max
        }
        return hilbertIndex(x: x, y: y, order: 16)
    }

    /// Position of (x, y) along the Hilbert curve filling a 2^order square.
    static func hilbertIndex(x: UInt32, y: UInt32, order: Int) -> UInt32 {
        var x = x, y = y, d: UInt32 = 0
        var s: UInt32 = 1 << (order - 1)
        while s > 0 {
            let rx: UInt32 = (x & s) > 0 ? 1 : 0
            let ry: UInt32 = (y & s) > 0 ? 1 : 0
            d &+= s &* s &* ((3 &* rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = s &- 1 &- x
                    y = s &- 1 &- y
                }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }
}

/// Binary min-heap on `bound` for the nearest-neighbour search.
/// The reusable queue of `EnvelopeTree.nearest`.
public struct NearestSearchScratch {
    var queue = MinHeap()
    public init() {}
}

struct MinHeap {
    struct Entry {
        var bound: Double
        var level: Int
        var node: Int
    }

    private var storage: [Entry] = []

    mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    mutating func push(_ entry: Entry) {
        storage.append(entry)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child].bound < storage[parent].bound else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let top = storage.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < storage.count, storage[left].bound < storage[smallest].bound { smallest = left }
            if right < storage.count, storage[right].bound < storage[smallest].bound { smallest = right }
            if smallest == parent { break }
            storage.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
