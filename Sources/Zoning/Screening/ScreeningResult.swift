import Formats
import Geometry

/// An area with its units and how it was measured. `method` is `projected` or `ellipsoidal`.
public struct AreaFigure: Sendable, Hashable {
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

public struct LengthFigure: Sendable, Hashable {
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
public struct Overlap: Sendable, Hashable {
    public var area: AreaFigure?
    public var length: LengthFigure?
    /// Fraction (0...1) of the site's area or length; 1 for a point inside the zone.
    public var share: Double
}

public struct RedLineHit: Sendable, Hashable {
    public var code: String
    public var name: String
    public var type: String?
    public var overlap: Overlap
}

public struct UnitHit: Sendable, Hashable {
    public var code: String
    public var name: String
    public var unitClass: Int
    public var subclass: String?
    public var overlap: Overlap
    /// The site (a point) lies on this unit's boundary.
    public var onBoundary: Bool
}

public struct SensitiveAreaHit: Sendable, Hashable {
    public var layer: String
    public var kind: String
    public var code: String?
    public var name: String
    public var level: String?
    /// What national rules know the layer as, if anything.
    public var role: SensitiveRole?
    public var overlap: Overlap

    /// Whether a rule limited to `levels` reaches this area (nil: its level cannot be told).
    public func meets(levels: [String]?) -> Bool? { SensitiveRole.meets(level: level, role: role, levels: levels) }
}

/// A park the site lies in (wholly or partly).
public struct ParkHit: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var kind: ParkKind
    public var level: String?
    /// On the compliant (认定/合规) list; nil when the dataset does not say.
    public var compliant: Bool?
    public var overlap: Overlap
}

public struct RiverDistance: Sendable, Hashable {
    public var river: String
    public var riverClass: RiverClass
    public var distance: LengthFigure
}

/// A shoreline band of the rules and whether the site lies in it (distance at most `distanceMetres`).
public struct BandFact: Sendable, Hashable {
    public var ruleId: String
    public var distanceMetres: Double
    public var rivers: [RiverClass]
    public var nearest: RiverDistance?
    public var inside: Bool
}

public struct ShorelineFacts: Sendable, Hashable {
    public var baseline: ShorelineBaseline
    public var nearestMainStream: RiverDistance?
    public var nearestTributary: RiverDistance?
    public var bands: [BandFact]
}

/// Where a reason or clause comes from. `title` is the cited document's title from the dataset; nil
/// when the dataset does not declare the document (its own unit lists may go undeclared: renderers
/// then name them after the dataset).
public struct CitedSource: Encodable, Sendable, Hashable {
    public var document: String
    public var title: String?
    public var article: String?

    public init(document: String, title: String?, article: String?) {
        self.document = document
        self.title = title
        self.article = article
    }
}

/// A zone a reason names: code, name, and for control units their class.
public struct NamedZone: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var unitClass: UnitClass?
    /// Sensitive areas: the protection level (一级, 二级 ...).
    public var level: String?

    public init(code: String?, name: String, unitClass: UnitClass? = nil, level: String? = nil) {
        self.code = code
        self.name = name
        self.unitClass = unitClass
        self.level = level
    }
}

/// Why a reason applies here, as facts. Renderers word it in the reader's language.
public enum ReasonDetail: Sendable, Hashable {
    /// The site touches these red lines.
    case redLines([NamedZone])
    /// The site touches these red lines, and the profile declares one of the allowed limited activities.
    case allowedActivity(redLines: [NamedZone], activity: String)
    /// The site lies in units of the rule's classes.
    case units([NamedZone])
    /// The nearest shoreline of the band's rivers is `metres` away, within the band's `limitMetres`.
    case shoreline(river: String, riverClass: RiverClass, metres: Double, limitMetres: Double)
    /// The site touches these sensitive areas of one kind (e.g. 饮用水水源保护区).
    case sensitiveAreas(kind: String, areas: [NamedZone])
    /// An admission-list clause of this level and dimension, brought in by these units (none: every unit).
    case clause(level: ClauseLevel, dimension: Dimension, units: [String])
    /// A rule that holds throughout a territory (`RegionSet` id; nil: nationwide), and where the site
    /// lies relative to the parks its condition names.
    case region(territory: String?, parks: ParkPlacement?)
}

/// Where a site lies relative to the parks a condition names (园区内/园区外).
public struct ParkPlacement: Sendable, Hashable {
    public var relation: ParkCondition.Relation
    /// The qualifying parks the site touches, with their share of the site.
    public var parks: [NamedZone]
    /// Share (0...1) of the site inside qualifying parks.
    public var shareInside: Double

    public init(relation: ParkCondition.Relation, parks: [NamedZone], shareInside: Double) {
        self.relation = relation
        self.parks = parks
        self.shareInside = shareInside
    }
}

/// A rule or clause that would bind the project if a fact the dataset lacks were known: it counts as
/// 需论证 and names who must look at what.
public struct Undetermined: Sendable, Hashable {
    public enum Missing: Sendable, Hashable {
        /// The dataset has no parks layer.
        case parksLayer
        /// The site lies in these parks, whose compliance the dataset does not give.
        case parkCompliance(parks: [String])
        /// These areas of a sensitive layer give no level the rule can read.
        case protectionLevel(kind: String, areas: [String])
        /// Nobody has read the clause into conditions; this word prohibits or restricts.
        case clauseReading(word: String)
        /// The clause, as read, asks for a fact nobody gives (a category table, a capacity, conformity).
        case clauseFact(ClauseMissing)
        /// A condition on a sensitive area (水源保护区内) the dataset has no layer of, or whose level is unknown.
        case sensitiveLayer(role: String)
    }

    public var missing: Missing
    /// What the rule or clause says where it binds.
    public var ruleEffect: Effect

    public init(missing: Missing, ruleEffect: Effect) {
        self.missing = missing
        self.ruleEffect = ruleEffect
    }
}

/// One reason behind the verdict (or one that would apply, depending on what the profile leaves open).
public struct Reason: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case redLine, unitClass, shorelineBand, sensitiveArea, region, clause
    }

    public var kind: Kind
    /// The spatial rule's id, or the clause's id for `clause` reasons.
    public var ruleId: String
    public var effect: Effect
    /// The rule's or clause's own text, from the dataset.
    public var text: String
    public var source: CitedSource
    public var detail: ReasonDetail
    /// For `clause` reasons: the clause's position in `Dataset.clauses`.
    public var clauseIndex: Int? = nil
    /// Set when the reason is 需论证 because the dataset cannot decide it (see `Undetermined`).
    public var undetermined: Undetermined? = nil
    /// For clauses: the words of the part that decided ("禁止新建、扩建化工…"), and who read it.
    public var quote: String? = nil
    public var decision: ClauseDecision? = nil
    /// Where the rule comes from (national rules are built in).
    public var origin: RuleOrigin = .dataset
}

/// An admission-list clause that applies to the site: which one, and how it applies. Its text and
/// citation are the dataset's (`Dataset.clauses[index]`): renderers look them up, so a result does
/// not carry them and an output can give each text once.
public struct ApplicableClause: Sendable, Hashable {
    /// Position in `Dataset.clauses`.
    public var index: Int
    public var id: String
    public var level: ClauseLevel
    public var dimension: Dimension
    public var effect: Effect
    /// The units whose lists bring it in, for unit, class and subclass level clauses.
    public var units: [String]
    /// The clause names industries, natures or flags (rather than applying to every project).
    public var conditional: Bool
    public var concernsProject: Concern
    /// Nobody has decided whether the clause's prohibiting or restricting words concern a project
    /// ("未能自动判定，需人工核对"); the word that makes it so.
    public var reviewWord: String?
    /// Who decided the clause (its file, a person, the reader, nobody).
    public var decision: ClauseDecision
    /// For a clause the reader read: the part that decided how it concerns the project.
    public var part: Int?

    /// A person must look: nobody read it, or the dataset cannot decide it for this project.
    public var needsReview: Bool { reviewWord != nil || concernsProject == .undetermined }
}

/// Something to know about how a site was read or measured. Renderers word it.
public enum SiteNote: Sendable, Hashable {
    /// What the site's reader or the intake noticed about the input.
    case input(InputNote)
    /// Some coordinates lie outside China, where web maps apply no offset: none was removed.
    case outsideChinaNoOffset
    /// The point lies on a boundary shared by this many units, and belongs to all of them.
    case onSharedBoundary(units: Int)
    /// Only this share (0...1) of the site lies inside the dataset's units.
    case partlyOutside(share: Double)
}

public struct SiteSummary: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var geometryType: String
    public var inputCRS: String
    public var webMapDatum: WebMapDatum
    public var area: AreaFigure?
    public var length: LengthFigure?
    /// Share of the site inside the dataset's units (1 when wholly inside).
    public var coveredShare: Double
    public var notes: [SiteNote]
    /// The site as screened, in CGCS2000 longitude/latitude (web-map offsets removed), for maps.
    public var geometry: Geometry
}

public struct ProfileSummary: Sendable, Hashable {
    public var industry: String?
    public var industryName: String?
    public var nature: ProjectNature?
    public var chemical: Bool?
    public var flags: [String]
    /// The user's words for the main products or processes.
    public var products: String? = nil
    /// 万元.
    public var investment: Double? = nil
}

public struct DatasetSummary: Encodable, Sendable, Hashable {
    public var name: String
    public var region: String
    public var version: String
    public var date: String
    public var fictional: Bool
    public var contentHash: String
    public var workingCRS: String
    public var measurement: String
    public var shorelineBaseline: ShorelineBaseline
    public var regionCode: String?
    /// The built-in national rules this dataset uses (version, territories, dropped, changed).
    public var nationalRules: NationalRulesSummary
    /// The dataset has a parks layer (园区内/园区外 can be decided).
    public var hasParks: Bool
}

/// Everything a screening found, as facts: no wording in any language. Renderers (text report, JSON
/// answers, tables, 预判报告) word it; areas say how they were measured.
public struct ScreeningResult: Sendable, Hashable {
    public var site: SiteSummary
    public var profile: ProfileSummary?
    public var verdict: Verdict
    public var reasons: [Reason]
    /// Rules and clauses that would apply if the profile said more (e.g. no industry given).
    public var possibleReasons: [Reason]
    public var redLines: [RedLineHit]
    public var controlUnits: [UnitHit]
    public var onSharedBoundary: Bool
    public var shorelines: ShorelineFacts
    public var sensitiveAreas: [SensitiveAreaHit]
    /// Parks the site lies in; nil when the dataset has no parks layer.
    public var parks: [ParkHit]?
    public var clauses: ApplicableClauses
    public var dataset: DatasetSummary

    /// Applicable clauses a person must look at (unread, or undecidable for this project).
    public var clausesNeedingReview: Int { clauses.reduce(0) { $0 + ($1.needsReview ? 1 : 0) } }
}

