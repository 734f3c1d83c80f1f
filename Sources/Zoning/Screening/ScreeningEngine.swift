import Geometry

/// Screens sites against one dataset. Holds prepared geometries, so it belongs to one worker: build
/// one engine per thread or task from the same shared `Dataset` (its trees are reused, not rebuilt).
/// Zones are copied out of the dataset's packed tables and prepared only when a site reaches them,
/// so an engine costs little to make and a worker holds only the zones it has touched.
public final class ScreeningEngine {
    public let dataset: Dataset
    let unitIndex: GeometryIndex
    let redLineIndex: GeometryIndex
    /// One index per river class over its shoreline pieces, in `RiverClass.allCases` order (an array:
    /// looking classes up by hash showed in point-screening profiles).
    let shorelineIndexes: [(riverClass: RiverClass, index: GeometryIndex, pieces: ShorelinePieces.Group)]
    let sensitiveIndex: GeometryIndex
    let parkIndex: GeometryIndex
    let measurer: ZoneMeasurer
    private var transformers: [CRS: CoordinateTransformer] = [:]
    /// Working CRS → CGCS2000 longitude/latitude, for the site geometry in results.
    let toGeographic: CoordinateTransformer
    /// What every result says of the dataset, made once.
    let summary: DatasetSummary
    /// Which clauses each set of touched units brings in (see `clauseScopes`).
    var clauseScopeCache: [ClauseScopeKey: [ClauseScope.Hit]] = [:]
    /// The same for a site in one unit (most sites), by unit index: no key to hash. Two tables, all
    /// clauses (0) and the decisive ones (1), each made on first use with one slot per unit.
    var singleUnitScopes: [[[ClauseScope.Hit]?]] = [[], []]

    public init(dataset: Dataset) throws(GeometryError) {
        self.dataset = dataset
        unitIndex = try GeometryIndex(dataset.shapes.units, tree: dataset.trees.units, grids: dataset.trees.unitGrids)
        redLineIndex = try GeometryIndex(dataset.shapes.redLines, tree: dataset.trees.redLines, grids: dataset.trees.redLineGrids)
        var shorelineIndexes: [(riverClass: RiverClass, index: GeometryIndex, pieces: ShorelinePieces.Group)] = []
        for riverClass in RiverClass.allCases {
            guard let group = dataset.shorelinePieces.groups[riverClass] else { continue }
            shorelineIndexes.append((riverClass, try GeometryIndex(group.geometries, tree: group.tree), group))
        }
        self.shorelineIndexes = shorelineIndexes
        sensitiveIndex = try GeometryIndex(dataset.shapes.sensitiveAreas, tree: dataset.trees.sensitiveAreas,
                                           grids: dataset.trees.sensitiveGrids)
        parkIndex = try GeometryIndex(dataset.shapes.parks, tree: dataset.trees.parks, grids: dataset.trees.parkGrids)
        measurer = try ZoneMeasurer(dataset: dataset)
        toGeographic = try CoordinateTransformer(from: dataset.workingCRS, to: .cgcs2000)
        summary = dataset.summary
    }

    /// Prepares every zone and builds GEOS's lazy per-zone indexes now, so the first sites pay nothing
    /// extra (for benchmarks; a command or service prepares what its sites reach).
    public func warmUp() throws(GeometryError) {
        for index in [unitIndex, redLineIndex, sensitiveIndex, parkIndex] { try index.warmUp() }
    }

    /// The site's geometry in the working CRS, after removing web-map offsets and checking validity.
    func prepare(_ site: Site, label: SiteLabel?) throws(ScreeningError) -> (geometry: Geometry, notes: [SiteNote]) {
        func fail(_ problem: ScreeningError.Problem) -> ScreeningError { ScreeningError(site: label, problem: problem) }
        var geometry = site.geometry
        var notes: [SiteNote] = []
        if geometry.isEmpty { throw fail(.emptyGeometry) }
        do {
            try geometry.checkStructure()
            if site.webMapDatum != .wgs84 {
                guard site.crs.isKnownGeographic else { throw fail(.offsetNeedsGeographic(crs: site.crs)) }
                let (converted, allApplied) = geometry.converted(from: site.webMapDatum, to: .wgs84)
                geometry = converted
                if !allApplied { notes.append(.outsideChinaNoOffset) }
            }
            if geometry.dimension == 2 {
                let report = try geometry.validity()
                if !report.isValid { throw fail(.invalidGeometry(report)) }
            }
            return (try transformer(from: site.crs).transform(geometry), notes)
        } catch let error as ScreeningError {
            throw error
        } catch let error as GeometryError {
            throw fail(.geometry(error))
        } catch {
            throw fail(.geometry(.libraryFailed(library: "ZoneScreen", operation: "prepare", message: "\(error)")))
        }
    }

    private func transformer(from crs: CRS) throws(GeometryError) -> CoordinateTransformer {
        if let cached = transformers[crs] { return cached }
        let made = try CoordinateTransformer(from: crs, to: dataset.workingCRS)
        transformers[crs] = made
        return made
    }
}

/// A set of touched units (indices into `Dataset.units`, sorted) and whether only decisive clauses are wanted.
struct ClauseScopeKey: Hashable {
    let units: [Int]
    let decisiveOnly: Bool
}
