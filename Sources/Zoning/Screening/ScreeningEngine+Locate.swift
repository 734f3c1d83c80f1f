import Geometry

/// What a site touches, measured: the spatial half of a screening, before lists, rules and the report.
/// It is what GIS tools compute with spatial joins, so the benchmark compares it with them.
public struct SiteLocation {
    /// The site in the dataset's working CRS.
    public let geometry: Geometry
    public let area: Area?
    public let length: Length?
    /// Sorted by share of the site, largest first.
    public let units: [UnitHit]
    /// Indices into `Dataset.units` of the units in `units`, in dataset order.
    public let unitIndices: [Int]
    public let redLines: [RedLineHit]
    public let sensitiveAreas: [SensitiveAreaHit]
    public let shorelines: ShorelineFacts
    /// The nearest shoreline of each river class the dataset has, in `RiverClass.allCases` order
    /// (`shorelines` merges the tributaries).
    public let nearestByClass: [RiverDistance]

    public func nearest(_ riverClass: RiverClass) -> RiverDistance? { nearestByClass.first { $0.riverClass == riverClass } }
    /// Notes from preparing the site (e.g. no web-map offset outside China).
    public let notes: [String]
}

extension ScreeningEngine {
    /// The spatial half of `screen`: units, red lines, sensitive areas and shoreline distances.
    public func locate(_ site: Site, language: Language = .zh) throws(ScreeningError) -> SiteLocation {
        let label = site.id ?? site.name ?? language.pick("（未命名）", "(unnamed)")
        let (geometry, notes) = try prepare(site, label: label)
        do {
            return try locatePrepared(geometry, notes: notes, language: language, label: label)
        } catch let error as ScreeningError {
            throw error
        } catch let error as GeometryError {
            throw ScreeningError(site: label, problem: .geometry(error))
        } catch {
            throw ScreeningError(site: label, problem: .geometry(.libraryFailed(library: "ZoneScreen", operation: "locate", message: "\(error)")))
        }
    }

    private func locatePrepared(_ geometry: Geometry, notes: [String], language l: Language, label: String) throws -> SiteLocation {
        let area = geometry.dimension == 2 ? try measurer.area(geometry) : nil
        let length = geometry.dimension == 1 ? try measurer.length(geometry) : nil
        let overlaps = OverlapFinder(engine: self, geometry: geometry, area: area, length: length)

        var units: [UnitHit] = []
        var unitIndices: [Int] = []
        for (item, overlap, onBoundary) in try overlaps.find(in: unitIndex, boundary: true) {
            let unit = dataset.units[item]
            unitIndices.append(item)
            units.append(UnitHit(code: unit.code, name: unit.name, unitClass: unit.unitClass.rawValue,
                                 className: unit.unitClass.name(l), subclass: unit.subclass, overlap: overlap, onBoundary: onBoundary))
        }
        units.sort { ($0.overlap.share, $1.code) > ($1.overlap.share, $0.code) }
        guard !units.isEmpty else { throw ScreeningError(site: label, problem: .outsideDataset(region: dataset.metadata.region)) }

        var redLines: [RedLineHit] = []
        for (item, overlap, _) in try overlaps.find(in: redLineIndex, boundary: false) {
            let redLine = dataset.redLines[item]
            redLines.append(RedLineHit(code: redLine.code, name: redLine.name, type: redLine.type, overlap: overlap))
        }
        redLines.sort { $0.overlap.share > $1.overlap.share }

        var sensitive: [SensitiveAreaHit] = []
        for (item, overlap, _) in try overlaps.find(in: sensitiveIndex, boundary: false) {
            let zone = dataset.sensitiveAreas[item]
            sensitive.append(SensitiveAreaHit(layer: zone.layer, kind: zone.kind, code: zone.code, name: zone.name, level: zone.level, overlap: overlap))
        }
        let (shorelines, nearestByClass) = try shorelineFacts(geometry)
        return SiteLocation(geometry: geometry, area: area, length: length, units: units, unitIndices: unitIndices, redLines: redLines,
                            sensitiveAreas: sensitive, shorelines: shorelines, nearestByClass: nearestByClass, notes: notes)
    }

    /// Nearest main stream, nearest tributary, and every band of the rules with the site's distance.
    private func shorelineFacts(_ geometry: Geometry) throws -> (ShorelineFacts, [RiverDistance]) {
        var nearestByClass: [RiverDistance] = []
        nearestByClass.reserveCapacity(shorelineIndexes.count)
        for (riverClass, index, group) in shorelineIndexes {
            let found: (item: Int, distance: Double)?
            if case .point(let point) = geometry {
                found = try index.nearest(toPoint: point)
            } else {
                found = try index.nearest(to: geometry)
            }
            guard let found else { continue }
            let distance = try measurer.distance(planar: found.distance, between: geometry, and: group.geometries[found.item])
            nearestByClass.append(RiverDistance(river: dataset.shorelines[group.owners[found.item]].riverName, riverClass: riverClass, distance: LengthFigure(distance, label: measurer.label)))
        }
        func nearest(among classes: [RiverClass]) -> RiverDistance? {
            nearestByClass.filter { classes.contains($0.riverClass) }.min { $0.distance.metres < $1.distance.metres }
        }
        let bands = dataset.rules.shorelineBands.compactMap { rule -> BandFact? in
            guard case .shorelineBand(let distance, let rivers) = rule.kind else { return nil }
            let closest = nearest(among: rivers)
            // Inclusive edge: a site exactly at the band distance is inside the band.
            return BandFact(ruleId: rule.id, distanceMetres: distance, rivers: rivers, nearest: closest,
                            inside: (closest?.distance.metres ?? .infinity) <= distance)
        }
        let facts = ShorelineFacts(baseline: dataset.metadata.shorelineBaseline, nearestMainStream: nearest(among: [.mainStream]),
                                   nearestTributary: nearest(among: [.importantTributary, .tributary]), bands: bands)
        return (facts, nearestByClass)
    }
}

/// Finds a site's overlap with the zones of one layer, by the cheapest path for its geometry: points
/// by prepared point-in-polygon, polygons by a covers test before any overlay, lines by overlay.
private struct OverlapFinder {
    let engine: ScreeningEngine
    let geometry: Geometry
    let area: Area?
    let length: Length?

    func find(in index: GeometryIndex, boundary: Bool) throws -> [(item: Int, overlap: Overlap, onBoundary: Bool)] {
        let measurer = engine.measurer
        switch geometry {
        case .point(let point):
            return try index.locate(point: point, boundary: boundary).map { ($0.item, Overlap(area: nil, length: nil, share: 1), $0.onBoundary) }
        case .polygon, .multiPolygon:
            guard let area, area.squareMetres > 0 else { return [] }
            let planar = measurer.method.isPlanar
            return try index.overlaps(polygon: geometry, polygonArea: planar ? area.squareMetres : nil, keepGeometry: !planar).map { found in
                let measured: Area
                if planar {
                    measured = Area(squareMetres: found.planarArea, method: measurer.method)
                } else if let part = found.geometry {
                    measured = try measurer.area(part)
                } else {
                    measured = area
                }
                return (found.item, Overlap(area: AreaFigure(measured, label: measurer.label), length: nil, share: min(1, measured.squareMetres / area.squareMetres)), false)
            }
        default:
            return try index.query(geometry, .intersects).compactMap { item in
                let zone = index.geometries[item]
                guard let overlap = try generalOverlap(with: zone) else { return nil }
                let onBoundary = boundary && geometry.dimension == 0 ? try geometry.relates(zone, .touches) : false
                return (item, overlap, onBoundary)
            }
        }
    }

    /// Lines and multi-points (and collections): overlay, then measure.
    private func generalOverlap(with zone: Geometry) throws -> Overlap? {
        let measurer = engine.measurer
        switch geometry.dimension {
        case 2:
            let part = try measurer.area(geometry.intersection(zone))
            guard part.squareMetres > 0, let total = area?.squareMetres, total > 0 else { return nil }
            return Overlap(area: AreaFigure(part), length: nil, share: min(1, part.squareMetres / total))
        case 1:
            // A line of zero length is a point that was drawn twice: it lies where the point does.
            guard let total = length?.metres, total > 0 else { return Overlap(area: nil, length: nil, share: 1) }
            let part = try measurer.length(geometry.intersection(zone))
            guard part.metres > 0 else { return nil }
            return Overlap(area: nil, length: LengthFigure(part), share: min(1, part.metres / total))
        default:
            return Overlap(area: nil, length: nil, share: 1)
        }
    }
}
