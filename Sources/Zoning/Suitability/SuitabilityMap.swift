import Foundation
import Formats
import Geometry
import Wording

/// Where a project may go: the dataset's region cut into pieces, each with the verdict a site there
/// would get for one profile and the rules and clauses that decide it. Built from the same data the
/// screener uses: every unit is cut by the red lines, the rules' shoreline bands (buffers of the right
/// rivers at the right distance) and the sensitive areas that rules name; each piece is then screened
/// at a point inside it, so its answer is the screener's own. Pieces with the same answer are merged.
///
/// Band buffers approximate their arcs with `quadrantSegments` segments per quarter circle: 64, so an
/// arc of a 5 km band is at most 5,000 x (1 - cos(π/256)) = 0.38 m inside the true band edge.
public struct SuitabilityMap: Sendable {
    public struct Region: Sendable {
        public var verdict: Verdict
        /// The verdict's reasons: rule and clause ids.
        public var rules: [String]
        /// In the dataset's working CRS.
        public var geometry: Geometry
        public var squareMetres: Double
    }

    public struct UnitShare: Sendable {
        public var unit: String
        public var verdict: Verdict
        public var rules: [String]
        public var squareMetres: Double
    }

    public static let quadrantSegments = 64

    public var profile: ProjectProfile
    public var crs: CRS
    public var regions: [Region]
    public var units: [UnitShare]
    public var regionSquareMetres: Double
    /// No rule and no clause concerns this profile: the map is one 符合 region per unit.
    public var concernsNothing: Bool

    /// The regions as features in CGCS2000 longitude/latitude: verdict, its name, the deciding rules
    /// (one `;`-separated text for tables and files, or a list for the web page), area and share.
    /// `drawingTolerance`: simplify for drawing (working-CRS units) first.
    public func features(language: Language, drawingTolerance: Double? = nil, rulesAsList: Bool = false) throws -> [Feature] {
        Self.named(try drawnFeatures(drawingTolerance: drawingTolerance, rulesAsList: rulesAsList), language: language)
    }

    /// The regions as features with facts only (no verdict name): the part worth keeping for every
    /// language, since drawing and projecting a province's regions is the costly step.
    public func drawnFeatures(drawingTolerance: Double? = nil, rulesAsList: Bool = false) throws -> [Feature] {
        try regions.enumerated().map { index, region in
            let drawn = drawingTolerance.flatMap { try? region.geometry.simplifiedForDrawing(tolerance: $0) } ?? region.geometry
            return Feature(id: "\(index + 1)", geometry: try drawn.transformed(from: crs, to: .cgcs2000), properties: [
                "verdict": .string(region.verdict.rawValue),
                "rules": rulesAsList ? .array(region.rules.map(JSONValue.string)) : .string(region.rules.joined(separator: ";")),
                "areaSquareMetres": .number((region.squareMetres * 100).rounded() / 100), "areaHectares": .number((region.squareMetres / 100).rounded() / 100),
                "share": .number(regionSquareMetres > 0 ? (region.squareMetres / regionSquareMetres * 1e6).rounded() / 1e6 : 0),
            ], index: index, propertyOrder: ["verdict", "rules", "areaSquareMetres", "areaHectares", "share"])
        }
    }

    /// Drawn features with the verdict's name in `language` after the verdict.
    public static func named(_ features: [Feature], language: Language) -> [Feature] {
        features.map { feature in
            var named = feature
            guard let code = feature.properties["verdict"]?.text, let verdict = Verdict(rawValue: code) else { return named }
            named.properties["verdictName"] = .string(verdict.name(language))
            var order = feature.propertyOrder ?? feature.properties.keys.sorted()
            order.insert("verdictName", at: (order.firstIndex(of: "verdict") ?? -1) + 1)
            named.propertyOrder = order
            return named
        }
    }

    public func squareMetres(of verdict: Verdict) -> Double {
        regions.filter { $0.verdict == verdict }.reduce(0) { $0 + $1.squareMetres }
    }

    /// Builds the map, cutting and screening the units on the threads of `pool` (engines of `dataset`;
    /// by default a pool of one thread per core, made for the call). Blocks the calling thread, which
    /// must not be one of the pool's. The map is the same whatever the number of threads.
    public static func build(dataset: Dataset, profile: ProjectProfile,
                             pool given: EnginePool<ScreeningEngine>? = nil) throws -> SuitabilityMap {
        let pool = given ?? EnginePool(threads: ProcessInfo.processInfo.activeProcessorCount, name: "zs-suitability") { () throws(GeometryError) in
            try ScreeningEngine(dataset: dataset)
        }
        defer { if given == nil { pool.shutDown() } }
        let crs = dataset.workingCRS
        // What cuts the units: every red line, each band rule's buffer, the sensitive areas rules name,
        // and the parks when a condition asks whether a site lies in one.
        var cutters: [Geometry] = []
        if !dataset.rules.redLineRules.isEmpty { cutters += dataset.redLines.map(\.geometry) }
        var seen = Set<String>()
        for rule in dataset.rules.shorelineBands {
            guard case .shorelineBand(let distance, let rivers) = rule.kind, seen.insert("\(distance)|\(rivers)").inserted else { continue }
            let lines = dataset.shorelines.filter { rivers.contains($0.riverClass) }.map(\.geometry)
            guard !lines.isEmpty else { continue }
            cutters.append(try Geometry.geometryCollection(lines).buffer(distance, quadrantSegments: quadrantSegments).unaryUnion())
        }
        let sensitiveLayers = Set(dataset.rules.sensitiveAreaRules.compactMap { rule -> String? in
            if case .sensitiveArea(let layer, _) = rule.kind { return layer }
            return nil
        })
        cutters += dataset.sensitiveAreas.filter { sensitiveLayers.contains($0.layer) || $0.role.map { sensitiveLayers.contains($0.rawValue) } ?? false }
            .map(\.geometry)
        if let parks = dataset.parks, dataset.rules.namesParks || dataset.clauses.contains(where: { $0.conditions.namesParks }) {
            cutters += parks.map(\.geometry)
        }
        // A province's band buffers are huge shapes: cut against whole, every unit would pay for all their
        // vertices. Cut once into tiles (about 1/32 of the region across), each unit meets only the tiles
        // near it. Inside a tile piece is inside the shape, so the pieces of the map are the same; they may
        // be split along tile edges, and merge again with their equals.
        let region = dataset.units.reduce(Envelope.empty) { $0.union($1.shape.envelope) }
        let tile = max(region.width, region.height) / 32
        cutters = try cutters.flatMap { cutter -> [Geometry] in
            guard tile > 0, cutter.coordinateCount > 5_000 else { return [cutter] }
            let envelope = cutter.envelope
            var tiles: [Geometry] = []
            var y = envelope.minY
            while y < envelope.maxY {
                var x = envelope.minX
                while x < envelope.maxX {
                    let cell = Envelope(minX: x, minY: y, maxX: min(x + tile, envelope.maxX), maxY: min(y + tile, envelope.maxY))
                    if let part = Self.polygonal(try cutter.clipped(to: cell)), try part.planarArea() > 1e-6 { tiles.append(part) }
                    x += tile
                }
                y += tile
            }
            return tiles
        }
        let cutterEnvelopes = cutters.map(\.envelope)
        let allCutters = cutters

        // Each unit is cut and its pieces screened on an engine thread; the pieces are gathered here in
        // unit order, so areas add up and regions are keyed in the same order however many threads.
        var byKey: [String: (verdict: Verdict, rules: [String], parts: [Geometry], area: Double)] = [:]
        var keys: [String] = []
        var units: [UnitShare] = []
        var regionArea = 0.0
        var anyConcern = false
        let contentHash = dataset.contentHash
        let unitPieces = OrderedStream<ScreeningEngine, Int, UnitPieces>(pool: pool, batchSize: 1) { engine, unitIndex, _ in
            guard engine.dataset.contentHash == contentHash else {
                throw GeometryError.libraryFailed(library: "ZoneScreen", operation: "suitability", message: "the engines are of another dataset")
            }
            return try pieces(of: dataset.units[unitIndex], cutters: allCutters, cutterEnvelopes: cutterEnvelopes, profile: profile, crs: crs, engine: engine)
        }
        try unitPieces.run(Array(dataset.units.indices)) { unit in
            var shares: [String: UnitShare] = [:]
            for piece in unit.pieces {
                let rules = piece.rules
                if piece.concerns { anyConcern = true }
                let key = piece.verdict.rawValue + "|" + rules.joined(separator: ",")
                regionArea += piece.area
                if byKey[key] == nil {
                    byKey[key] = (piece.verdict, rules, [], 0)
                    keys.append(key)
                }
                byKey[key]?.parts.append(piece.geometry)
                byKey[key]?.area += piece.area
                shares[key, default: UnitShare(unit: unit.code, verdict: piece.verdict, rules: rules, squareMetres: 0)].squareMetres += piece.area
            }
            units += shares.values.sorted { ($0.verdict, $0.rules.joined()) < ($1.verdict, $1.rules.joined()) }
        }
        var regions: [Region] = []
        if !anyConcern {
            // Nothing concerns this profile: every unit is one 符合 region of its own.
            for unit in dataset.units {
                regions.append(Region(verdict: .compliant, rules: [], geometry: unit.geometry, squareMetres: try unit.geometry.planarArea()))
            }
            return SuitabilityMap(profile: profile, crs: crs, regions: regions, units: units, regionSquareMetres: regionArea, concernsNothing: true)
        }
        // The union of each answer's pieces, one answer per job, in the order the answers were met.
        let entries = keys.compactMap { byKey[$0] }
        let merging = OrderedStream<ScreeningEngine, (verdict: Verdict, rules: [String], parts: [Geometry], area: Double), Region>(
            pool: pool, batchSize: 1) { _, entry, _ in
            Region(verdict: entry.verdict, rules: entry.rules, geometry: try Geometry.geometryCollection(entry.parts).unaryUnion(), squareMetres: entry.area)
        }
        try merging.run(entries) { regions.append($0) }
        regions.sort { ($0.verdict, -$0.squareMetres) < ($1.verdict, -$1.squareMetres) }
        return SuitabilityMap(profile: profile, crs: crs, regions: regions, units: units, regionSquareMetres: regionArea, concernsNothing: !anyConcern)
    }

    /// One unit's pieces, each with the answer a site inside it gets.
    struct UnitPieces: Sendable {
        struct Piece: Sendable {
            var geometry: Geometry
            var verdict: Verdict
            var rules: [String]
            var area: Double
            /// A rule or clause has something to say about the profile here.
            var concerns: Bool
        }
        var code: String
        var pieces: [Piece]
    }

    /// The unit cut by every cutter that reaches it, each piece screened at a point inside it.
    private static func pieces(of unit: ControlUnit, cutters: [Geometry], cutterEnvelopes: [Envelope], profile: ProjectProfile, crs: CRS,
                               engine: ScreeningEngine) throws -> UnitPieces {
        var pieces = [unit.geometry]
        let envelope = unit.shape.envelope
        for (cutter, cutterEnvelope) in zip(cutters, cutterEnvelopes) where cutterEnvelope.intersects(envelope) {
            try WorkCancellation.check()
            var next: [Geometry] = []
            for piece in pieces {
                guard piece.envelope.intersects(cutterEnvelope) else { next.append(piece); continue }
                for part in [try piece.intersection(cutter), try piece.difference(cutter)] {
                    let polygonal = Self.polygonal(part)
                    if let polygonal, try polygonal.planarArea() > 1e-6 { next.append(polygonal) }
                }
            }
            pieces = next
        }
        return UnitPieces(code: unit.code, pieces: try pieces.map { piece in
            let point = try piece.pointOnSurface()
            var site = Site(geometry: .point(point), crs: crs, profile: profile)
            site.label = .name(unit.code)
            let result = try engine.screen(site, clauses: .decisive)
            return UnitPieces.Piece(geometry: piece, verdict: result.verdict, rules: result.reasons.map(\.ruleId), area: try piece.planarArea(),
                                    concerns: !result.reasons.isEmpty || !result.possibleReasons.isEmpty)
        })
    }

    /// The polygons of an overlay result (touching shapes also give lines and points), or nil.
    static func polygonal(_ geometry: Geometry) -> Geometry? {
        switch geometry {
        case .polygon, .multiPolygon: return geometry.isEmpty ? nil : geometry
        case .geometryCollection(let parts):
            let polygons = parts.flatMap { part -> [Polygon] in
                switch part {
                case .polygon(let polygon): [polygon]
                case .multiPolygon(let polygons): polygons
                default: []
                }
            }
            return polygons.isEmpty ? nil : (polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons))
        default: return nil
        }
    }
}
