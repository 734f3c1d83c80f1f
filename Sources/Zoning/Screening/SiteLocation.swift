import Geometry

/// What a site touches, measured: the spatial half of a screening, before lists, rules and the report.
/// It is what GIS tools compute with spatial joins, so the benchmark compares it with them.
///
/// It keeps zone indices and figures; the records with codes and names (`units`, `redLines` ...) are
/// made when asked for. Making them for every site showed as a third of point screening's time.
public struct SiteLocation {
    /// The site in the dataset's working CRS.
    public let geometry: Geometry
    public let area: Area?
    public let length: Length?
    /// Notes from preparing the site (e.g. no web-map offset outside China).
    public let notes: [SiteNote]
    let dataset: Dataset
    /// Units in dataset order, with their overlap and whether a point site is on their boundary.
    let unitFacts: [(item: Int, overlap: Overlap, onBoundary: Bool)]
    let redLineFacts: [(item: Int, overlap: Overlap)]
    let sensitiveFacts: [(item: Int, overlap: Overlap)]
    let parkFacts: [(item: Int, overlap: Overlap)]
    /// The nearest piece of each river class the dataset has, in `RiverClass.allCases` order.
    let shorelineFacts: [(riverClass: RiverClass, shoreline: Int, distance: Length)]
    let distanceLabel: (method: String, crs: String?)

    /// Indices into `Dataset.units` of the units the site touches, in dataset order.
    public var unitIndices: [Int] { unitFacts.map(\.item) }
    public var unitCodes: [String] { unitFacts.map { dataset.units[$0.item].code } }
    public var redLineCodes: [String] { redLineFacts.map { dataset.redLines[$0.item].code } }

    /// Sorted by share of the site, largest first.
    public var units: [UnitHit] {
        unitFacts.map { fact in
            // Fields read through the box: `.value` alone copied the whole unit (its list texts too).
            let unit = dataset.units.record(fact.item)
            return UnitHit(code: unit.value.code, name: unit.value.name, unitClass: unit.value.unitClass.rawValue, subclass: unit.value.subclass,
                           overlap: fact.overlap, onBoundary: fact.onBoundary)
        }.sorted { ($0.overlap.share, $1.code) > ($1.overlap.share, $0.code) }
    }

    public var redLines: [RedLineHit] {
        redLineFacts.map { fact in
            let redLine = dataset.redLines.record(fact.item)
            return RedLineHit(code: redLine.value.code, name: redLine.value.name, type: redLine.value.type, overlap: fact.overlap)
        }.sorted { $0.overlap.share > $1.overlap.share }
    }

    public var sensitiveAreas: [SensitiveAreaHit] {
        sensitiveFacts.map { fact in
            let zone = dataset.sensitiveAreas[fact.item]
            return SensitiveAreaHit(layer: zone.layer, kind: zone.kind, code: zone.code, name: zone.name, level: zone.level, role: zone.role,
                                    overlap: fact.overlap)
        }
    }

    /// The parks the site lies in, largest share first; nil when the dataset has no parks layer.
    public var parks: [ParkHit]? {
        guard let all = dataset.parks else { return nil }
        return parkFacts.map { fact in
            let park = all[fact.item]
            return ParkHit(code: park.code, name: park.name, kind: park.kind, level: park.level, compliant: park.compliant, overlap: fact.overlap)
        }.sorted { $0.overlap.share > $1.overlap.share }
    }

    /// What site conditions (园区内/外, 岸线 N 米内) need to know of the site.
    public var conditionFacts: SiteConditionFacts {
        var nearest: [RiverClass: Double] = [:]
        for fact in shorelineFacts { nearest[fact.riverClass] = min(nearest[fact.riverClass] ?? .infinity, fact.distance.metres) }
        let areas = sensitiveFacts.map { fact in
            let area = dataset.sensitiveAreas[fact.item]
            return SiteConditionFacts.AreaFact(role: area.role?.rawValue, layer: area.layer, level: area.level)
        }
        let roles = dataset.sensitiveLayerNames
        let parks = dataset.parks.map { all in
            parkFacts.map { SiteConditionFacts.ParkShare(kind: all[$0.item].kind, compliant: all[$0.item].compliant, share: $0.overlap.share,
                                                        name: all[$0.item].name) }
        }
        return SiteConditionFacts(parks: parks, shorelineMetres: nearest, inRedLine: !redLineFacts.isEmpty, areas: areas, roles: roles)
    }

    /// The nearest shoreline of each river class the dataset has (`shorelines` merges the tributaries).
    public var nearestByClass: [RiverDistance] {
        shorelineFacts.map { fact in
            RiverDistance(river: dataset.shorelines[fact.shoreline].riverName, riverClass: fact.riverClass,
                          distance: LengthFigure(fact.distance, label: distanceLabel))
        }
    }

    public func nearest(_ riverClass: RiverClass) -> RiverDistance? { nearestByClass.first { $0.riverClass == riverClass } }

    /// The distance to the nearest shoreline of `riverClass`, without making the record.
    public func nearestDistance(_ riverClass: RiverClass) -> Length? {
        shorelineFacts.first { $0.riverClass == riverClass }?.distance
    }

    /// Nearest main stream, nearest tributary, and every band of the rules with the site's distance.
    public var shorelines: ShorelineFacts {
        let nearestByClass = nearestByClass
        // Plain loops: the filtered arrays and closures of a functional version showed in profiles.
        func nearest(among classes: [RiverClass]) -> RiverDistance? {
            var best: RiverDistance?
            for candidate in nearestByClass where classes.contains(candidate.riverClass) {
                if candidate.distance.metres < best?.distance.metres ?? .infinity { best = candidate }
            }
            return best
        }
        let rules = dataset.rules.shorelineBands
        var bands: [BandFact] = []
        bands.reserveCapacity(rules.count)
        // By index: `for rule in` copied each whole rule (conditions, words, source) per site.
        for position in rules.indices {
            guard case .shorelineBand(let distance, let rivers) = rules[position].kind else { continue }
            let closest = nearest(among: rivers)
            bands.append(BandFact(ruleId: rules[position].id, distanceMetres: distance, rivers: rivers, nearest: closest,
                                  inside: (closest?.distance.metres ?? .infinity) <= distance))
        }
        return ShorelineFacts(baseline: dataset.metadata.shorelineBaseline, nearestMainStream: nearest(among: Self.mainStream),
                              nearestTributary: nearest(among: Self.tributaries), bands: bands)
    }

    // Made once, not as array literals per site.
    private static let mainStream: [RiverClass] = [.mainStream]
    private static let tributaries: [RiverClass] = [.importantTributary, .tributary]

    /// Ids of the shoreline-band rules whose band holds the site (inclusive edge: a site exactly at
    /// the band distance is inside), without making the records `shorelines` holds.
    public var bandsInside: [String] {
        // Plain loops: the filtered and mapped arrays of a functional version were a fifth of the
        // time of point screening in the benchmark.
        var inside: [String] = []
        let rules = dataset.rules.shorelineBands
        for position in rules.indices {
            guard case .shorelineBand(let distance, let rivers) = rules[position].kind else { continue }
            var closest = Double.infinity
            for fact in shorelineFacts where fact.distance.metres < closest && rivers.contains(fact.riverClass) {
                closest = fact.distance.metres
            }
            if closest <= distance { inside.append(rules[position].id) }
        }
        return inside
    }
}
