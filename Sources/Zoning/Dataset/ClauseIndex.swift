/// Which clauses can apply where, worked out once at load: a site touching two units looks at the
/// province, city and class clauses and those two units' own, not at every unit's list.
public struct ClauseIndex: Sendable {
    /// Clauses scoped to all units, to classes or to subclasses, in report order.
    public let general: [Int]
    /// Unit code → clauses scoped to that unit, in report order.
    public let byUnit: [String: [Int]]
    /// The same two, keeping only clauses that can decide a verdict (an effect other than a plain
    /// requirement, or undecided prohibiting words): tables ask for these, and most of a province's clauses are requirements.
    let decisiveGeneral: [Int]
    let decisiveByUnit: [String: [Int]]
    /// Position of each clause in report order: by dimension, then level, then as the dataset lists them.
    public let rank: [Int]

    public init(_ clauses: [Clause]) {
        let order = clauses.indices.sorted {
            (clauses[$0].dimension, clauses[$0].level, $0) < (clauses[$1].dimension, clauses[$1].level, $1)
        }
        var rank = [Int](repeating: 0, count: clauses.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        var general: [Int] = [], byUnit: [String: [Int]] = [:]
        // Visited in report order, so every list comes out sorted by rank.
        for index in order {
            if case .units(let codes) = clauses[index].scope {
                for code in Set(codes) { byUnit[code, default: []].append(index) }
            } else {
                general.append(index)
            }
        }
        let decisive = { (index: Int) in clauses[index].isDecisive }
        self.general = general
        self.byUnit = byUnit
        self.decisiveGeneral = general.filter(decisive)
        self.decisiveByUnit = byUnit.mapValues { $0.filter(decisive) }
        self.rank = rank
    }

    /// The clauses that may apply to a site touching `unitCodes`, in report order.
    public func candidates(touching unitCodes: [String], decisiveOnly: Bool = false) -> [Int] {
        let general = decisiveOnly ? decisiveGeneral : self.general
        let byUnit = decisiveOnly ? decisiveByUnit : self.byUnit
        var lists = [general]
        for code in unitCodes { if let own = byUnit[code], !own.isEmpty { lists.append(own) } }
        if lists.count == 1 { return general }
        if lists.count == 2 { return merge(lists[0], lists[1]) }
        // Several units (a parcel across units, a point on a shared boundary): a clause naming two of
        // them must appear once.
        return Array(Set(lists.joined())).sorted { rank[$0] < rank[$1] }
    }

    /// Two rank-sorted lists without common items, merged in rank order.
    private func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        var merged: [Int] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if rank[a[i]] < rank[b[j]] { merged.append(a[i]); i += 1 } else { merged.append(b[j]); j += 1 }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }
}
