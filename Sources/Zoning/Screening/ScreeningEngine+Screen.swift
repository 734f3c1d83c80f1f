import Geometry

/// Which applicable clauses a result lists.
public enum ClauseDetail: Sendable {
    /// Every clause of every level that covers the site (the complete answer: reports, JSON, the page).
    case all
    /// Only clauses that can decide the verdict (those with an effect other than a plain requirement):
    /// for outputs that show the verdict and its reasons but no clause list (CSV, XLSX tables). The
    /// verdict and reasons are the same as with `.all`.
    case decisive
}

extension ScreeningEngine {
    /// Screens one site: what it touches, the clauses that apply, and the verdict with its reasons,
    /// as facts (renderers word them).
    public func screen(_ site: Site, clauses detail: ClauseDetail = .all) throws(ScreeningError) -> ScreeningResult {
        let location = try locate(site)
        do {
            return try assemble(site, location, clauses: detail)
        } catch let error as ScreeningError {
            throw error
        } catch let error as GeometryError {
            throw ScreeningError(site: site.reference, problem: .geometry(error))
        } catch {
            throw ScreeningError(site: site.reference,
                                 problem: .geometry(.libraryFailed(library: "ZoneScreen", operation: "screen", message: "\(error)")))
        }
    }

    /// The clauses the touched units bring in, worked out once per set of units and kept.
    /// `unitIndices`: sorted, the positions of `touched` in `Dataset.units`.
    private func clauseScopes(_ unitIndices: [Int], _ touched: [ControlUnit], decisiveOnly: Bool) -> [ClauseScope.Hit] {
        if unitIndices.count == 1, let unit = unitIndices.first { return clauseScopes(unit: unit, touched, decisiveOnly: decisiveOnly) }
        let key = ClauseScopeKey(units: unitIndices, decisiveOnly: decisiveOnly)
        if let known = clauseScopeCache[key] { return known }
        let made = RuleEvaluator.clauseScopes(dataset, touchedUnits: touched, decisiveOnly: decisiveOnly)
        // Bounded: parcels across many units could make a key per site.
        if clauseScopeCache.count >= 20_000 { clauseScopeCache.removeAll(keepingCapacity: true) }
        clauseScopeCache[key] = made
        return made
    }

    /// `clauseScopes` for a site in one unit: an array slot per unit, since hashing the key of the
    /// general cache showed in point-screening profiles.
    private func clauseScopes(unit: Int, _ touched: [ControlUnit], decisiveOnly: Bool) -> [ClauseScope.Hit] {
        let table = decisiveOnly ? 1 : 0
        if singleUnitScopes[table].isEmpty { singleUnitScopes[table] = Array(repeating: nil, count: dataset.units.count) }
        if let known = singleUnitScopes[table][unit] { return known }
        let made = RuleEvaluator.clauseScopes(dataset, touchedUnits: touched, decisiveOnly: decisiveOnly)
        singleUnitScopes[table][unit] = made
        return made
    }

    /// The other half of `screen`: lists, rules, verdict and the result record around a location.
    public func assemble(_ site: Site, _ location: SiteLocation, clauses detail: ClauseDetail = .all) throws -> ScreeningResult {
        let geometry = location.geometry, units = location.units, redLines = location.redLines
        let sensitive = location.sensitiveAreas, shorelines = location.shorelines
        let coveredShare = geometry.dimension == 0 ? 1 : min(1, units.reduce(0) { $0 + $1.overlap.share })
        var notes = site.notes.map(SiteNote.input) + location.notes
        if units.count > 1 && geometry.dimension == 0 { notes.append(.onSharedBoundary(units: units.count)) }
        if coveredShare < 0.999 { notes.append(.partlyOutside(share: coveredShare)) }

        // In dataset order, as the clause lists expect; found from the query's own indices, not by search.
        let unitIndices = location.unitIndices.sorted()
        let touched = unitIndices.map { dataset.units[$0] }
        let parks = location.parks
        let evaluation = RuleEvaluator(dataset: dataset, profile: site.profile, site: location.conditionFacts, parks: parks ?? [])
        let clauses = evaluation.applicableClauses(clauseScopes(unitIndices, touched, decisiveOnly: detail == .decisive))
        let (reasons, possible) = evaluation.reasons(redLines: redLines, units: touched, shorelines: shorelines,
                                                    sensitive: sensitive, clauses: clauses)
        let verdict = reasons.compactMap(\.effect.verdict).min() ?? .compliant

        return ScreeningResult(
            site: SiteSummary(id: site.id, name: site.name, geometryType: site.geometry.typeName, inputCRS: site.crs.description,
                              webMapDatum: site.webMapDatum, area: location.area.map { AreaFigure($0) }, length: location.length.map { LengthFigure($0) },
                              coveredShare: coveredShare, notes: notes, geometry: try toGeographic.transform(geometry)),
            profile: site.profile.map { profile in
                ProfileSummary(industry: profile.industry, industryName: profile.industry.flatMap { dataset.catalogue.name(of: $0) },
                               nature: profile.nature, chemical: profile.isChemical(chemicalIndustries: dataset.rules.chemicalIndustries),
                               flags: profile.flags.sorted(), products: profile.products, investment: profile.investment)
            },
            verdict: verdict, reasons: reasons, possibleReasons: possible,
            redLines: redLines, controlUnits: units, onSharedBoundary: units.count > 1 && geometry.dimension == 0,
            shorelines: shorelines, sensitiveAreas: sensitive, parks: parks, clauses: clauses, dataset: summary)
    }
}
