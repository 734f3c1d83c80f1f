import Geometry

extension ScreeningEngine {
    /// The spatial half of `screen`: units, red lines, sensitive areas and shoreline distances.
    public func locate(_ site: Site) throws(ScreeningError) -> SiteLocation {
        let label = site.reference
        let (geometry, notes) = try prepare(site, label: label)
        do {
            return try locatePrepared(geometry, notes: notes, label: label)
        } catch let error as ScreeningError {
            throw error
        } catch let error as GeometryError {
            throw ScreeningError(site: label, problem: .geometry(error))
        } catch {
            throw ScreeningError(site: label, problem: .geometry(.libraryFailed(library: "ZoneScreen", operation: "locate", message: "\(error)")))
        }
    }

    private func locatePrepared(_ geometry: Geometry, notes: [SiteNote], label: SiteLabel?) throws -> SiteLocation {
        let area = geometry.dimension == 2 ? try measurer.area(geometry) : nil
        let length = geometry.dimension == 1 ? try measurer.length(geometry) : nil
        let overlaps = OverlapFinder(engine: self, geometry: geometry, area: area, length: length)
        let units = try overlaps.find(in: unitIndex, boundary: true)
        guard !units.isEmpty else { throw ScreeningError(site: label, problem: .outsideDataset(region: dataset.metadata.region)) }
        let redLines = try overlaps.find(in: redLineIndex, boundary: false).map { ($0.item, $0.overlap) }
        let sensitive = try overlaps.find(in: sensitiveIndex, boundary: false).map { ($0.item, $0.overlap) }
        let parks = dataset.parks == nil ? [] : try overlaps.find(in: parkIndex, boundary: false).map { ($0.item, $0.overlap) }

        var shorelines: [(riverClass: RiverClass, shoreline: Int, distance: Length)] = []
        shorelines.reserveCapacity(shorelineIndexes.count)
        for (riverClass, index, group) in shorelineIndexes {
            let found: (item: Int, distance: Double)?
            if case .point(let point) = geometry {
                found = try index.nearest(toPoint: point)
            } else {
                found = try index.nearest(to: geometry)
            }
            guard let found else { continue }
            let distance = try measurer.distance(planar: found.distance, between: geometry, and: group.geometries[found.item])
            shorelines.append((riverClass, group.owners[found.item], distance))
        }
        return SiteLocation(geometry: geometry, area: area, length: length, notes: notes, dataset: dataset, unitFacts: units,
                            redLineFacts: redLines, sensitiveFacts: sensitive, parkFacts: parks, shorelineFacts: shorelines, distanceLabel: measurer.label)
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
                let zone = index.geometry(item)
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
