import Foundation
import Formats
import Geometry

/// Who made the dataset, when, and how its figures are meant to be read.
public struct DatasetMetadata: Sendable, Hashable {
    public var name: String
    public var region: String
    public var regionCode: String?
    public var fictional: Bool
    public var version: String
    public var date: String
    public var sources: [SourceDocument]
    public var shorelineBaseline: ShorelineBaseline
    /// CRS of the layer files.
    public var crs: CRS

    public func source(_ id: String) -> SourceDocument? { sources.first { $0.id == id } }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(name: String, region: String, regionCode: String? = nil, fictional: Bool, version: String, date: String, sources: [SourceDocument], shorelineBaseline: ShorelineBaseline, crs: CRS) {
        self.name = name
        self.region = region
        self.regionCode = regionCode
        self.fictional = fictional
        self.version = version
        self.date = date
        self.sources = sources
        self.shorelineBaseline = shorelineBaseline
        self.crs = crs
    }
}

/// A sensitive-area layer as the manifest declares it.
public struct SensitiveLayer: Sendable, Hashable {
    public var id: String
    public var kind: String
    /// What national rules know the layer as (`drinkingWater`, `natureReserve`), if anything.
    public var role: SensitiveRole?

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(id: String, kind: String, role: SensitiveRole? = nil) {
        self.id = id
        self.kind = kind
        self.role = role
    }
}

/// The packed geometry table of each layer, in the working CRS (zones refer into these).
public struct LayerShapes: Sendable {
    public let units: PackedGeometries
    public let redLines: PackedGeometries
    public let shorelines: PackedGeometries
    public let sensitiveAreas: PackedGeometries
    public let parks: PackedGeometries

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(units: PackedGeometries, redLines: PackedGeometries, shorelines: PackedGeometries, sensitiveAreas: PackedGeometries, parks: PackedGeometries) {
        self.units = units
        self.redLines = redLines
        self.shorelines = shorelines
        self.sensitiveAreas = sensitiveAreas
        self.parks = parks
    }
}

/// A loaded zoning dataset: immutable, Sendable, shared by every worker. Geometries are in
/// `workingCRS` (the manifest's measurement CRS), so areas and distances need no further projection.
/// They live in packed tables (`shapes`): in the compiled store's mapped file, or in memory when
/// the dataset was read straight from its sources.
///
/// A class, not a struct: it is large and passed everywhere, and copying it by value onto the small
/// stacks of concurrency threads (debug builds especially) overflowed them.
public final class Dataset: Sendable {
    public let directory: URL
    public let metadata: DatasetMetadata
    public let workingCRS: CRS
    public let measurement: MeasureMethod
    /// Red lines, units and clauses are decoded on first use when the dataset comes from a compiled
    /// store (`RecordList`): a site touches a handful of a national dataset's 400,000 clauses.
    public let redLines: RecordList<RedLine>
    public let units: RecordList<ControlUnit>
    public let shorelines: [Shoreline]
    /// The shorelines cut into short pieces for nearest-distance search, with a tree per river class.
    public let shorelinePieces: ShorelinePieces
    public let sensitiveLayers: [SensitiveLayer]
    /// The ids and roles of `sensitiveLayers`: what a zone condition may name (made once, not per site).
    package let sensitiveLayerNames: Set<String>
    public let sensitiveAreas: [SensitiveArea]
    /// Nil when the dataset has no parks layer (园区内/园区外 cannot then be decided).
    public let parks: [Park]?
    public let clauses: RecordList<Clause>
    public let clauseIndex: ClauseIndex
    /// The flags the clauses ask about (kept in a compiled store with the clause index).
    package let clauseFlags: Set<String>
    /// Each clause's citation as results give it (`clauses` order), made when asked for.
    public var clauseCitations: ClauseCitations { ClauseCitations(clauses: clauses, titles: sourceTitles) }
    /// Source document id → title (a rule or clause cites a handful of documents many times).
    let sourceTitles: [String: String]
    public let rules: RuleSet
    /// The project flags the dataset knows (from its rules and the national pack), for profiles to name.
    public let flags: FlagVocabulary
    public let catalogue: IndustryCatalogue
    /// Demo sites shipped with the dataset (layer CRS), if any.
    public let sites: [Feature]
    /// SHA-256 over the manifest and every file it names, so a result can say exactly what it used.
    public let contentHash: String
    /// Each source file with its size, time and SHA-256, as read (the store's freshness test).
    public let sources: [SourceStamp]
    /// Problems that do not stop screening (e.g. a clause naming an unknown industry code).
    public let warnings: [DatasetProblem]
    /// The geometric checks of `dataset check` (tiling, validity), when they were run at build.
    public let geometryProblems: [DatasetProblem]?
    public let shapes: LayerShapes
    public let trees: ZoneTrees
    /// Where this dataset was read from.
    public let origin: DatasetOrigin

    /// Frozen envelope trees over each layer, built once at load and shared by all workers.
    public struct ZoneTrees: Sendable {
        public let units: EnvelopeTree
        public let redLines: EnvelopeTree
        public let sensitiveAreas: EnvelopeTree
        public let parks: EnvelopeTree
        /// Coarse rasters of each zone (same order as the layer), shared by all workers.
        public let unitGrids: CoverageGrids?
        public let redLineGrids: CoverageGrids?
        public let sensitiveGrids: CoverageGrids?
        public let parkGrids: CoverageGrids?

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(units: EnvelopeTree, redLines: EnvelopeTree, sensitiveAreas: EnvelopeTree, parks: EnvelopeTree, unitGrids: CoverageGrids?, redLineGrids: CoverageGrids?, sensitiveGrids: CoverageGrids?, parkGrids: CoverageGrids?) {
            self.units = units
            self.redLines = redLines
            self.sensitiveAreas = sensitiveAreas
            self.parks = parks
            self.unitGrids = unitGrids
            self.redLineGrids = redLineGrids
            self.sensitiveGrids = sensitiveGrids
            self.parkGrids = parkGrids
        }
    }

    package struct Parts {
        package var directory: URL
        package var metadata: DatasetMetadata
        package var workingCRS: CRS
        package var measurement: MeasureMethod
        package var redLines: RecordList<RedLine>
        package var units: RecordList<ControlUnit>
        package var shorelines: [Shoreline]
        package var sensitiveLayers: [SensitiveLayer]
        package var sensitiveAreas: [SensitiveArea]
        package var parks: [Park]?
        package var clauses: RecordList<Clause>
        /// Worked out from `clauses` when nil (a store keeps it made).
        package var clauseIndex: ClauseIndex?
        /// The flags the clauses ask about; worked out from `clauses` when nil (a store keeps them).
        package var clauseFlags: Set<String>? = nil
        package var rules: RuleSet
        package var catalogue: IndustryCatalogue
        package var sites: [Feature]
        package var contentHash: String
        package var sources: [SourceStamp]
        package var warnings: [DatasetProblem]
        package var geometryProblems: [DatasetProblem]?
        package var shapes: LayerShapes
        package var trees: ZoneTrees
        package var origin: DatasetOrigin

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(directory: URL, metadata: DatasetMetadata, workingCRS: CRS, measurement: MeasureMethod, redLines: RecordList<RedLine>, units: RecordList<ControlUnit>, shorelines: [Shoreline], sensitiveLayers: [SensitiveLayer], sensitiveAreas: [SensitiveArea], parks: [Park]? = nil, clauses: RecordList<Clause>, clauseIndex: ClauseIndex? = nil, clauseFlags: Set<String>? = nil, rules: RuleSet, catalogue: IndustryCatalogue, sites: [Feature], contentHash: String, sources: [SourceStamp], warnings: [DatasetProblem], geometryProblems: [DatasetProblem]? = nil, shapes: LayerShapes, trees: ZoneTrees, origin: DatasetOrigin) {
            self.directory = directory
            self.metadata = metadata
            self.workingCRS = workingCRS
            self.measurement = measurement
            self.redLines = redLines
            self.units = units
            self.shorelines = shorelines
            self.sensitiveLayers = sensitiveLayers
            self.sensitiveAreas = sensitiveAreas
            self.parks = parks
            self.clauses = clauses
            self.clauseIndex = clauseIndex
            self.clauseFlags = clauseFlags
            self.rules = rules
            self.catalogue = catalogue
            self.sites = sites
            self.contentHash = contentHash
            self.sources = sources
            self.warnings = warnings
            self.geometryProblems = geometryProblems
            self.shapes = shapes
            self.trees = trees
            self.origin = origin
        }
    }

    package init(_ parts: Parts) {
        directory = parts.directory
        metadata = parts.metadata
        workingCRS = parts.workingCRS
        measurement = parts.measurement
        redLines = parts.redLines
        units = parts.units
        shorelines = parts.shorelines
        shorelinePieces = ShorelinePieces(parts.shorelines)
        sensitiveLayers = parts.sensitiveLayers
        sensitiveLayerNames = Set(parts.sensitiveLayers.flatMap { [$0.id] + ($0.role.map { [$0.rawValue] } ?? []) })
        sensitiveAreas = parts.sensitiveAreas
        parks = parts.parks
        clauses = parts.clauses
        clauseIndex = parts.clauseIndex ?? ClauseIndex(Array(parts.clauses))
        clauseFlags = parts.clauseFlags ?? FlagVocabulary.flags(of: parts.clauses)
        sourceTitles = Dictionary(parts.metadata.sources.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        rules = parts.rules
        flags = FlagVocabulary(declared: parts.rules.declaredFlags, rules: parts.rules,
                               clauseFlags: clauseFlags)
        catalogue = parts.catalogue
        sites = parts.sites
        contentHash = parts.contentHash
        sources = parts.sources
        warnings = parts.warnings
        geometryProblems = parts.geometryProblems
        shapes = parts.shapes
        trees = parts.trees
        origin = parts.origin
    }

    public func unit(code: String) -> ControlUnit? { units.first { $0.code == code } }

    /// The citation results give for a rule's source: the document and its title as the dataset names
    /// it. The dataset's own unit lists (`unitLists`) need not be declared: without a title of the
    /// dataset's, renderers name them after the dataset, in the reader's language.
    func citedSource(_ citation: Citation) -> CitedSource {
        CitedSource(document: citation.document, title: sourceTitles[citation.document], article: citation.article)
    }

    /// What answers say of the dataset: which edition, how it measures.
    public var summary: DatasetSummary {
        DatasetSummary(name: metadata.name, region: metadata.region, version: metadata.version, date: metadata.date,
                       fictional: metadata.fictional, contentHash: contentHash, workingCRS: workingCRS.description,
                       measurement: measurement.description, shorelineBaseline: metadata.shorelineBaseline,
                       regionCode: metadata.regionCode, nationalRules: rules.national, hasParks: parks != nil)
    }
}

/// Each clause's citation as results give it: the document, its title as the dataset names it, and the
/// article. Made on access (a dictionary look-up), not stored for every clause of a national dataset.
public struct ClauseCitations: RandomAccessCollection, Sendable {
    let clauses: RecordList<Clause>
    let titles: [String: String]

    public var startIndex: Int { 0 }
    public var endIndex: Int { clauses.count }

    public subscript(position: Int) -> CitedSource {
        let source = clauses.record(position).value.source
        return CitedSource(document: source.document, title: titles[source.document], article: source.article)
    }
}

/// Where a dataset's values came from.
public enum DatasetOrigin: Sendable, Hashable {
    /// Read from the source folder and compiled in memory.
    case sources
    /// Mapped from a compiled store.
    case store(path: String)
}
