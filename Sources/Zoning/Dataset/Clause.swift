/// Which units a clause covers.
public enum ClauseScope: Sendable, Hashable {
    case all
    case classes([UnitClass])
    case subclasses([String])
    case units([String])

    /// A clause (its position in `Dataset.clauses`) whose scope covers some touched units, and which
    /// of them bring it in (none for a clause that covers every unit).
    struct Hit: Sendable {
        let index: Int
        let units: [String]
        /// The clause states project conditions (else it concerns every project).
        let conditional: Bool
    }
}

/// A document cited by clauses and rules.
public struct SourceDocument: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var issuer: String?
    public var date: String?
}

/// Where a clause or rule comes from: a document of the dataset and an article in it.
public struct Citation: Sendable, Hashable, Codable {
    public var document: String
    public var article: String?
}

/// One admission-list condition (准入清单条款).
public struct Clause: Sendable, Hashable, Identifiable {
    public var id: String
    public var level: ClauseLevel
    public var scope: ClauseScope
    public var dimension: Dimension
    public var conditions: ProjectConditions
    public var effect: Effect
    public var text: String
    public var source: Citation
    /// True for clauses split from a unit's published free text.
    public var fromUnitText: Bool = false
}
