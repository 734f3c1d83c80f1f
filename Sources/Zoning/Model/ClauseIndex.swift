/// Which clauses can apply where, worked out once at load: a site touching two units looks at the
/// province, city and class clauses and those two units' own, not at every unit's list.
///
/// Made from the clauses when a dataset is read from its sources; a compiled store keeps it made
/// (a `UnitClauseTable` the store provides), so opening a national store reads none of its 400,000 clauses.
public struct ClauseIndex: Sendable {
    /// Clauses scoped to all units, to classes or to subclasses, in report order.
    public let general: [Int]
    /// The same, keeping only clauses that can decide a verdict (an effect other than a plain
    /// requirement, or undecided prohibiting words): tables ask for these, and most of a province's clauses are requirements.
    package let decisiveGeneral: [Int]
    private let units: UnitClauses

    /// Unit code → clauses scoped to that unit (all, and the decisive ones), in report order; and each
    /// clause's position in report order (by dimension, then level, then as the dataset lists them).
    enum UnitClauses: Sendable {
        case memory(byUnit: [String: [Int]], decisiveByUnit: [String: [Int]], rank: [Int])
        case stored(any UnitClauseTable)
    }

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
        self.decisiveGeneral = general.filter(decisive)
        units = .memory(byUnit: byUnit, decisiveByUnit: byUnit.mapValues { $0.filter(decisive) }, rank: rank)
    }

    package init(general: [Int], decisiveGeneral: [Int], stored: any UnitClauseTable) {
        self.general = general
        self.decisiveGeneral = decisiveGeneral
        units = .stored(stored)
    }

    /// Position of clause `index` in report order.
    public func rank(_ index: Int) -> Int {
        switch units {
        case .memory(_, _, let rank): rank[index]
        case .stored(let stored): stored.rank(index)
        }
    }

    /// The clauses scoped to unit `code`, in report order (nil when none).
    public func clauses(ofUnit code: String, decisiveOnly: Bool = false) -> [Int]? {
        switch units {
        case .memory(let byUnit, let decisiveByUnit, _): decisiveOnly ? decisiveByUnit[code] : byUnit[code]
        case .stored(let stored): stored.clauses(ofUnit: code, decisiveOnly: decisiveOnly)
        }
    }

    /// Every unit code that has clauses of its own, with them (for writing the index into a store).
    package var unitLists: [(code: String, all: [Int], decisive: [Int])] {
        switch units {
        case .memory(let byUnit, let decisiveByUnit, _):
            byUnit.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { ($0, byUnit[$0] ?? [], decisiveByUnit[$0] ?? []) }
        case .stored(let stored): stored.all
        }
    }

    /// The clauses that may apply to a site touching `unitCodes`, in report order.
    public func candidates(touching unitCodes: [String], decisiveOnly: Bool = false) -> [Int] {
        let general = decisiveOnly ? decisiveGeneral : self.general
        var lists = [general]
        for code in unitCodes { if let own = clauses(ofUnit: code, decisiveOnly: decisiveOnly), !own.isEmpty { lists.append(own) } }
        if lists.count == 1 { return general }
        if lists.count == 2 { return merge(lists[0], lists[1]) }
        // Several units (a parcel across units, a point on a shared boundary): a clause naming two of
        // them must appear once.
        return Array(Set(lists.joined())).sorted { rank($0) < rank($1) }
    }

    /// Two rank-sorted lists without common items, merged in rank order.
    private func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        var merged: [Int] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if rank(a[i]) < rank(b[j]) { merged.append(a[i]); i += 1 } else { merged.append(b[j]); j += 1 }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }
}

/// Unit-scoped clause lists kept outside memory: a compiled store's table, read on demand.
package protocol UnitClauseTable: Sendable {
    /// Position of clause `index` in report order.
    func rank(_ index: Int) -> Int
    func clauses(ofUnit code: String, decisiveOnly: Bool) -> [Int]?
    /// Every unit code with its lists, in byte order of the codes.
    var all: [(code: String, all: [Int], decisive: [Int])] { get }
}
