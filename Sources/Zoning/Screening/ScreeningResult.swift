import Geometry

/// An area with its units and how it was measured. `method` is `projected` or `ellipsoidal`.
public struct AreaFigure: Codable, Sendable, Hashable {
    public var squareMetres: Double
    public var hectares: Double
    public var mu: Double
    public var method: String
    public var crs: String?

    init(_ area: Area, label: (method: String, crs: String?)? = nil) {
        squareMetres = area.squareMetres
        hectares = area.hectares
        mu = area.mu
        (method, crs) = label ?? MeasureLabel.of(area.method)
    }
}

public struct LengthFigure: Codable, Sendable, Hashable {
    public var metres: Double
    public var method: String
    public var crs: String?

    /// `label`: the method's label made once by the caller (making it per figure showed in profiles).
    init(_ length: Length, label: (method: String, crs: String?)? = nil) {
        metres = length.metres
        (method, crs) = label ?? MeasureLabel.of(length.method)
    }
}

enum MeasureLabel {
    static func of(_ method: MeasureMethod) -> (method: String, crs: String?) {
        switch method {
        case .ellipsoidal: ("ellipsoidal", nil)
        case .projected(let crs): ("projected", crs.description)
        }
    }
}

/// How much of the site a zone takes: area for polygon sites, length for line sites, nothing for points.
public struct Overlap: Codable, Sendable, Hashable {
    public var area: AreaFigure?
    public var length: LengthFigure?
    /// Fraction (0...1) of the site's area or length; 1 for a point inside the zone.
    public var share: Double
}

public struct RedLineHit: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var type: String?
    public var overlap: Overlap
}

public struct UnitHit: Codable, Sendable, Hashable {
    public var code: String
    public var name: String
    public var unitClass: Int
    public var className: String
    public var subclass: String?
    public var overlap: Overlap
    /// The site (a point) lies on this unit's boundary.
    public var onBoundary: Bool
}

public struct SensitiveAreaHit: Codable, Sendable, Hashable {
    public var layer: String
    public var kind: String
    public var code: String?
    public var name: String
    public var level: String?
    public var overlap: Overlap
}

public struct RiverDistance: Codable, Sendable, Hashable {
    public var river: String
    public var riverClass: RiverClass
    public var distance: LengthFigure
}

/// A shoreline band of the rules and whether the site lies in it (distance at most `distanceMetres`).
public struct BandFact: Codable, Sendable, Hashable {
    public var ruleId: String
    public var distanceMetres: Double
    public var rivers: [RiverClass]
    public var nearest: RiverDistance?
    public var inside: Bool
}

public struct ShorelineFacts: Codable, Sendable, Hashable {
    public var baseline: ShorelineBaseline
    public var nearestMainStream: RiverDistance?
    public var nearestTributary: RiverDistance?
    public var bands: [BandFact]
}

public struct CitedSource: Codable, Sendable, Hashable {
    public var document: String
    public var title: String?
    public var article: String?
}

/// One reason behind the verdict (or one that would apply, depending on what the profile leaves open).
public struct Reason: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case redLine, unitClass, shorelineBand, sensitiveArea, clause
    }

    public var kind: Kind
    public var ruleId: String
    public var effect: Effect
    public var text: String
    public var source: CitedSource
    /// Why it applies here, in the requested language (e.g. "距长江干流 800.0 米").
    public var detail: String
}

public struct ApplicableClause: Codable, Sendable, Hashable {
    public var id: String
    public var level: ClauseLevel
    public var dimension: Dimension
    public var effect: Effect
    public var text: String
    public var source: CitedSource
    /// The unit whose list it belongs to, for unit and class level clauses.
    public var units: [String]
    /// The clause names industries, natures or flags (rather than applying to every project).
    public var conditional: Bool
    public var concernsProject: Concern
}

public struct SiteSummary: Encodable, Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var geometryType: String
    public var inputCRS: String
    public var webMapDatum: WebMapDatum
    public var area: AreaFigure?
    public var length: LengthFigure?
    /// Share of the site inside the dataset's units (1 when wholly inside).
    public var coveredShare: Double
    public var notes: [String]
    /// The site as screened, in CGCS2000 longitude/latitude (web-map offsets removed), for maps.
    public var geometry: Geometry
}

public struct ProfileSummary: Codable, Sendable, Hashable {
    public var industry: String?
    public var industryName: String?
    public var nature: ProjectNature?
    public var chemical: Bool?
    public var flags: [String]
}

public struct DatasetSummary: Codable, Sendable, Hashable {
    public var name: String
    public var region: String
    public var version: String
    public var date: String
    public var fictional: Bool
    public var contentHash: String
    public var workingCRS: String
    public var measurement: String
    public var shorelineBaseline: ShorelineBaseline
}

/// Everything a screening found. JSON keys are camelCase; areas say how they were measured.
public struct ScreeningResult: Encodable, Sendable, Hashable {
    public var site: SiteSummary
    public var profile: ProfileSummary?
    public var verdict: Verdict
    public var verdictName: String
    public var reasons: [Reason]
    /// Rules and clauses that would apply if the profile said more (e.g. no industry given).
    public var possibleReasons: [Reason]
    public var redLines: [RedLineHit]
    public var controlUnits: [UnitHit]
    public var onSharedBoundary: Bool
    public var shorelines: ShorelineFacts
    public var sensitiveAreas: [SensitiveAreaHit]
    public var clauses: [ApplicableClause]
    public var dataset: DatasetSummary
}

extension WebMapDatum: Codable {}
