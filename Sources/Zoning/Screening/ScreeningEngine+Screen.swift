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
    /// Screens one site: what it touches, the clauses that apply, and the verdict with its reasons.
    public func screen(_ site: Site, language: Language = .zh, clauses detail: ClauseDetail = .all) throws(ScreeningError) -> ScreeningResult {
        let location = try locate(site, language: language)
        do {
            return try assemble(site, location, language: language, clauses: detail)
        } catch let error as ScreeningError {
            throw error
        } catch let error as GeometryError {
            throw ScreeningError(site: site.title(language), problem: .geometry(error))
        } catch {
            throw ScreeningError(site: site.title(language),
                                 problem: .geometry(.libraryFailed(library: "ZoneScreen", operation: "screen", message: "\(error)")))
        }
    }

    /// The other half of `screen`: lists, rules, verdict and the result record around a location.
    public func assemble(_ site: Site, _ location: SiteLocation, language l: Language = .zh, clauses detail: ClauseDetail = .all) throws -> ScreeningResult {
        let geometry = location.geometry, units = location.units, redLines = location.redLines
        let sensitive = location.sensitiveAreas, shorelines = location.shorelines
        let siteArea = location.area, siteLength = location.length, notes = location.notes
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
        let touched = location.unitIndices.sorted().map { dataset.units[$0] }
        let evaluation = RuleEvaluator(dataset: dataset, profile: site.profile, language: l)
        let clauses = evaluation.applicableClauses(touchedUnits: touched, decisiveOnly: detail == .decisive)
        let (reasons, possible) = evaluation.reasons(redLines: redLines, units: touched, shorelines: shorelines,
                                                    sensitive: sensitive, clauses: clauses)
        let verdict = reasons.compactMap(\.effect.verdict).min() ?? .compliant

        return ScreeningResult(
            site: SiteSummary(id: site.id, name: site.name, geometryType: site.geometry.typeName, inputCRS: site.crs.description,
                              webMapDatum: site.webMapDatum, area: siteArea.map { AreaFigure($0) }, length: siteLength.map { LengthFigure($0) },
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
}
