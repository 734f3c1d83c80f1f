/// The admission-list clauses that apply to a site, in report order. The clauses a set of units
/// brings in are shared by every site in those units (the engine keeps them); a result adds only
/// whether each concerns its project, and makes the records when they are read.
public struct ApplicableClauses: RandomAccessCollection, Sendable, Hashable {
    let dataset: Dataset
    let scopes: [ClauseScope.Hit]
    let concerns: [Concern]
    /// For read clauses, the part that decided (-1: none, or not read).
    let parts: [Int]

    init(dataset: Dataset, scopes: [ClauseScope.Hit], concerns: [Concern], parts: [Int]) {
        self.dataset = dataset
        self.scopes = scopes
        self.concerns = concerns
        self.parts = parts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { scopes.count }

    public subscript(position: Int) -> ApplicableClause {
        let hit = scopes[position]
        let clause = hit.clause.value
        let part = parts[position] >= 0 ? parts[position] : nil
        let effect = part.flatMap { clause.readParts?[$0].effect } ?? clause.effect
        return ApplicableClause(index: hit.index, id: clause.id, level: clause.level,
                                dimension: clause.dimension, effect: effect,
                                units: hit.units, conditional: hit.conditional, concernsProject: concerns[position],
                                reviewWord: clause.reviewWord, decision: clause.decision, part: part)
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.dataset === b.dataset && a.scopes.map(\.index) == b.scopes.map(\.index) && a.concerns == b.concerns && a.parts == b.parts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(dataset))
        for hit in scopes { hasher.combine(hit.index) }
        hasher.combine(concerns)
    }
}
