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
}

/// A sensitive-area layer as the manifest declares it.
public struct SensitiveLayer: Sendable, Hashable {
    public var id: String
    public var kind: String
}

/// A loaded zoning dataset: immutable, Sendable, shared by every worker. Geometries are in
/// `workingCRS` (the manifest's measurement CRS), so areas and distances need no further projection.
///
/// A class, not a struct: it is large and passed everywhere, and copying it by value onto the small
/// stacks of concurrency threads (debug builds especially) overflowed them.
public final class Dataset: Sendable {
    public let directory: URL
    public let metadata: DatasetMetadata
    public let workingCRS: CRS
    public let measurement: MeasureMethod
    public let redLines: [RedLine]
    public let units: [ControlUnit]
    public let shorelines: [Shoreline]
    /// The shorelines cut into short pieces for nearest-distance search, with a tree per river class.
    public let shorelinePieces: ShorelinePieces
    public let sensitiveLayers: [SensitiveLayer]
    public let sensitiveAreas: [SensitiveArea]
    public let clauses: [Clause]
    public let clauseIndex: ClauseIndex
    public let rules: RuleSet
    public let catalogue: IndustryCatalogue
    /// Demo sites shipped with the dataset (layer CRS), if any.
    public let sites: [Feature]
    /// SHA-256 over the manifest and every file it names, so a result can say exactly what it used.
    public let contentHash: String
    /// Problems that do not stop screening (e.g. a clause naming an unknown industry code).
    public let warnings: [DatasetProblem]
    public let trees: ZoneTrees

    /// Frozen envelope trees over each layer, built once at load and shared by all workers.
    public struct ZoneTrees: Sendable {
        public let units: EnvelopeTree
        public let redLines: EnvelopeTree
        public let sensitiveAreas: EnvelopeTree
        /// Coarse rasters of each zone (same order as the layer), shared by all workers.
        public let unitGrids: [CoverageGrid]?
        public let redLineGrids: [CoverageGrid]?
        public let sensitiveGrids: [CoverageGrid]?
    }

    init(directory: URL, metadata: DatasetMetadata, workingCRS: CRS, measurement: MeasureMethod, redLines: [RedLine],
         units: [ControlUnit], shorelines: [Shoreline], shorelinePieces: ShorelinePieces, sensitiveLayers: [SensitiveLayer],
         sensitiveAreas: [SensitiveArea], clauses: [Clause], rules: RuleSet, catalogue: IndustryCatalogue, sites: [Feature],
         contentHash: String, warnings: [DatasetProblem], trees: ZoneTrees) {
        self.directory = directory
        self.metadata = metadata
        self.workingCRS = workingCRS
        self.measurement = measurement
        self.redLines = redLines
        self.units = units
        self.shorelines = shorelines
        self.shorelinePieces = shorelinePieces
        self.sensitiveLayers = sensitiveLayers
        self.sensitiveAreas = sensitiveAreas
        self.clauses = clauses
        self.clauseIndex = ClauseIndex(clauses)
        self.rules = rules
        self.catalogue = catalogue
        self.sites = sites
        self.contentHash = contentHash
        self.warnings = warnings
        self.trees = trees
    }

    public func unit(code: String) -> ControlUnit? { units.first { $0.code == code } }
}
