/// Which clauses can apply where, worked out once at load: a site touching two units looks at the
/// province, city and class clauses and those two units' own, not at every unit's list.
public struct ClauseIndex: Sendable {
    /// Clauses scoped to all units, to classes or to subclasses.
    public let general: [Int]
    /// Unit code → clauses scoped to that unit.
    public let byUnit: [String: [Int]]
    /// Position of each clause in report order: by dimension, then level, then as the dataset lists them.
    public let rank: [Int]

    public init(_ clauses: [Clause]) {
        var general: [Int] = [], byUnit: [String: [Int]] = [:]
        for (index, clause) in clauses.enumerated() {
            if case .units(let codes) = clause.scope {
                for code in Set(codes) { byUnit[code, default: []].append(index) }
            } else {
                general.append(index)
            }
        }
        let order = clauses.indices.sorted {
            (clauses[$0].dimension, clauses[$0].level, $0) < (clauses[$1].dimension, clauses[$1].level, $1)
        }
        var rank = [Int](repeating: 0, count: clauses.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        self.general = general
        self.byUnit = byUnit
        self.rank = rank
    }

    /// The clauses that may apply to a site touching `unitCodes`, in report order.
    public func candidates(touching unitCodes: [String]) -> [Int] {
        var indices = general
        for code in unitCodes { indices += byUnit[code] ?? [] }
        return Array(Set(indices)).sorted { rank[$0] < rank[$1] }
    }
}
