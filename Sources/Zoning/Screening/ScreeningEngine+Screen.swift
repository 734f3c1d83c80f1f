import Geometry

extension ScreeningEngine {
    /// Screens one site: what it touches, the clauses that apply, and the verdict with its reasons.
    public func screen(_ site: Site, language: Language = .zh) throws(ScreeningError) -> ScreeningResult {
        let label = site.id ?? site.name ?? language.pick("（未命名）", "(unnamed)")
        let (geometry, notes) = try prepare(site, label: label)
        do {
            return try screenPrepared(site, geometry: geometry, notes: notes, language: language, label: label)
        } catch let error as ScreeningError {
            throw error
        } catch let error as GeometryError {
            throw ScreeningError(site: label, problem: .geometry(error))
        } catch {
            throw ScreeningError(site: label, problem: .geometry(.libraryFailed(library: "ZoneScreen", operation: "screen", message: "\(error)")))
        }
    }

    private func screenPrepared(_ site: Site, geometry: Geometry, notes: [String], language l: Language, label: String) throws -> ScreeningResult {
        let siteArea = geometry.dimension == 2 ? try measurer.area(geometry) : nil
        let siteLength = geometry.dimension == 1 ? try measurer.length(geometry) : nil

        func overlap(with zone: Geometry) throws -> Overlap? {
            switch geometry.dimension {
            case 2:
                let area = try measurer.area(geometry.intersection(zone))
                guard area.squareMetres > 0, let total = siteArea?.squareMetres, total > 0 else { return nil }
                return Overlap(area: AreaFigure(area), length: nil, share: min(1, area.squareMetres / total))
            case 1:
                // A line of zero length is a point that was drawn twice: it lies where the point does.
                guard let total = siteLength?.metres, total > 0 else { return Overlap(area: nil, length: nil, share: 1) }
                let length = try measurer.length(geometry.intersection(zone))
                guard length.metres > 0 else { return nil }
                return Overlap(area: nil, length: LengthFigure(length), share: min(1, length.metres / total))
            default:
                return Overlap(area: nil, length: nil, share: 1)
            }
        }

        // Points use covers semantics: a point on a shared boundary lies in every unit it touches.
        var units: [UnitHit] = []
        var touchedIndices: [Int] = []
        for item in try unitIndex.query(geometry, .intersects) {
            let unit = dataset.units[item]
            guard let found = try overlap(with: unit.geometry) else { continue }
            let onBoundary = geometry.dimension == 0 ? try geometry.relates(unit.geometry, .touches) : false
            touchedIndices.append(item)
            units.append(UnitHit(code: unit.code, name: unit.name, unitClass: unit.unitClass.rawValue,
                                 className: unit.unitClass.name(l), subclass: unit.subclass, overlap: found, onBoundary: onBoundary))
        }
        units.sort { ($0.overlap.share, $1.code) > ($1.overlap.share, $0.code) }
        guard !units.isEmpty else { throw ScreeningError(site: label, problem: .outsideDataset(region: dataset.metadata.region)) }

        var redLines: [RedLineHit] = []
        for item in try redLineIndex.query(geometry, .intersects) {
            let redLine = dataset.redLines[item]
            guard let found = try overlap(with: redLine.geometry) else { continue }
            redLines.append(RedLineHit(code: redLine.code, name: redLine.name, type: redLine.type, overlap: found))
        }
        redLines.sort { $0.overlap.share > $1.overlap.share }

        var sensitive: [SensitiveAreaHit] = []
        for item in try sensitiveIndex.query(geometry, .intersects) {
            let area = dataset.sensitiveAreas[item]
            guard let found = try overlap(with: area.geometry) else { continue }
            sensitive.append(SensitiveAreaHit(layer: area.layer, kind: area.kind, code: area.code, name: area.name, level: area.level, overlap: found))
        }

        let shorelines = try shorelineFacts(geometry, language: l)
        let coveredShare = geometry.dimension == 0 ? 1 : min(1, units.reduce(0) { $0 + $1.overlap.share })
        var siteNotes = site.notes + notes.map { note in
            note == "outsideChinaNoOffset" ? l.pick("部分坐标在中国境外，未做网络地图纠偏", "some coordinates lie outside China; no web-map offset was removed") : note
        }
        if units.count > 1 && geometry.dimension == 0 {
            siteNotes.append(l.pick("该点位于管控单元的共同边界上，同时属于 \(units.count) 个单元", "the point lies on a shared unit boundary and belongs to all \(units.count) units"))
        }
        if coveredShare < 0.999 {
            siteNotes.append(l.pick(String(format: "站点只有 %.1f%% 在数据集范围内", coveredShare * 100), String(format: "only %.1f%% of the site lies inside the dataset", coveredShare * 100)))
        }

        // In dataset order, as the clause lists expect; found from the query's own indices, not by search.
        let touched = touchedIndices.sorted().map { dataset.units[$0] }
        let evaluation = RuleEvaluator(dataset: dataset, profile: site.profile, language: l)
        let clauses = evaluation.applicableClauses(touchedUnits: touched)
        let (reasons, possible) = evaluation.reasons(redLines: redLines, units: touched, shorelines: shorelines,
                                                    sensitive: sensitive, clauses: clauses)
        let verdict = reasons.compactMap(\.effect.verdict).min() ?? .compliant

        return ScreeningResult(
            site: SiteSummary(id: site.id, name: site.name, geometryType: site.geometry.typeName, inputCRS: site.crs.description,
                              webMapDatum: site.webMapDatum, area: siteArea.map(AreaFigure.init), length: siteLength.map(LengthFigure.init),
                              coveredShare: coveredShare, notes: siteNotes, geometry: try toGeographic.transform(geometry)),
            profile: site.profile.map { profile in
                ProfileSummary(industry: profile.industry, industryName: profile.industry.flatMap { dataset.catalogue.name(of: $0) },
                               nature: profile.nature, chemical: profile.isChemical(chemicalIndustries: dataset.rules.chemicalIndustries),
                               flags: profile.flags.sorted())
            },
            verdict: verdict, verdictName: verdict.name(l), reasons: reasons, possibleReasons: possible,
            redLines: redLines, controlUnits: units, onSharedBoundary: units.count > 1 && geometry.dimension == 0,
            shorelines: shorelines, sensitiveAreas: sensitive, clauses: clauses,
            dataset: DatasetSummary(name: dataset.metadata.name, region: dataset.metadata.region, version: dataset.metadata.version,
                                    date: dataset.metadata.date, fictional: dataset.metadata.fictional, contentHash: dataset.contentHash,
                                    workingCRS: dataset.workingCRS.description, measurement: dataset.measurement.description,
                                    shorelineBaseline: dataset.metadata.shorelineBaseline))
    }

    /// Nearest main stream, nearest tributary, and every band of the rules with the site's distance.
    private func shorelineFacts(_ geometry: Geometry, language l: Language) throws -> ShorelineFacts {
        var nearestByClass: [RiverClass: RiverDistance] = [:]
        for riverClass in RiverClass.allCases {
            let owners = dataset.shorelinePieces.owners
            let found = try shorelineIndex.nearest(to: geometry) { self.dataset.shorelines[owners[$0]].riverClass == riverClass }
            guard let found else { continue }
            let shoreline = dataset.shorelines[owners[found.item]]
            let distance = try measurer.distance(planar: found.distance, between: geometry, and: dataset.shorelinePieces.geometries[found.item])
            nearestByClass[riverClass] = RiverDistance(river: shoreline.riverName, riverClass: riverClass, distance: LengthFigure(distance))
        }
        func nearest(among classes: [RiverClass]) -> RiverDistance? {
            classes.compactMap { nearestByClass[$0] }.min { $0.distance.metres < $1.distance.metres }
        }
        let bands = dataset.rules.shorelineBands.compactMap { rule -> BandFact? in
            guard case .shorelineBand(let distance, let rivers) = rule.kind else { return nil }
            let closest = nearest(among: rivers)
            // Inclusive edge: a site exactly at the band distance is inside the band.
            return BandFact(ruleId: rule.id, distanceMetres: distance, rivers: rivers, nearest: closest,
                            inside: (closest?.distance.metres ?? .infinity) <= distance)
        }
        return ShorelineFacts(baseline: dataset.metadata.shorelineBaseline, nearestMainStream: nearestByClass[.mainStream],
                              nearestTributary: nearest(among: [.importantTributary, .tributary]), bands: bands)
    }
}
