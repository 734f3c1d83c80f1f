import Foundation
import Geometry

// The benchmark suite. Every `bench` body performs exactly n operations and feeds its results to a
// blackhole. Point sets are precomputed, power-of-two sized, and cycled with a mask.

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
}

/// Collected correctness observations, printed after the tables.
nonisolated(unsafe) var findings: [String] = []

func note(_ text: String) { findings.append(text) }

func runBenchmarks(quick: Bool) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let repeats = quick ? 3 : 5
    let target = quick ? 0.04 : 0.12

    print("# ZoneScreen GeometryBenchmark")
    print("")
    printMachineInfo()
    print("method    : each row is calibrated to ~\(Int(target * 1000)) ms per run, 1 warm-up + \(repeats) timed runs;")
    print("            ns/op is the MEDIAN of the timed runs, best ns/op the fastest, spread (slowest-best)/best.")
    print("            Build rows are the median of several builds. Single thread, ContinuousClock.")

    try pointInPolygon(repeats: repeats, target: target)
    try indexBenchmarks(repeats: repeats, target: target)
    try transformBenchmarks(repeats: repeats, target: target)
    try offsetAndGeodesicBenchmarks(repeats: repeats, target: target)

    print("")
    print("## Checks")
    print("")
    for line in findings { print("- " + line) }
    print("")
    print("total time: \(fixed((clock.now - start).nanoseconds / 1e9, 1)) s   (blackhole \(String(blackholeSink, radix: 16)))")
}

// MARK: - Point in polygon

private func pointInPolygon(repeats: Int, target: Double) throws {
    let polygon = Geometry.polygon(Fixtures.wigglyStar())
    let envelope = polygon.envelope
    let points = Fixtures.randomPoints(in: envelope, count: 1 << 16, seed: 1)
    let mask = points.count - 1
    let report = try polygon.validity()
    let widthKm = Geodesic.cgcs2000.distance(Coordinate(x: envelope.minX, y: envelope.center.y), Coordinate(x: envelope.maxX, y: envelope.center.y)) / 1000
    let heightKm = Geodesic.cgcs2000.distance(Coordinate(x: envelope.center.x, y: envelope.minY), Coordinate(x: envelope.center.x, y: envelope.maxY)) / 1000
    note("star polygon: \(polygon.coordinateCount - 1) vertices, \(fixed(widthKm, 2)) x \(fixed(heightKm, 2)) km envelope, valid: \(report.isValid)")

    Table.buildHeader("Point in polygon: 1,000-vertex polygon, random points in its envelope")
    var samples: [Double] = []
    var prepared: PreparedGeometry?
    for _ in 0..<9 {
        prepared = nil
        samples.append(try time { prepared = try PreparedGeometry(polygon) }.ns)
    }
    Table.buildRow("PreparedGeometry init (GEOS prepares lazily)", items: 1, ns: samples.sorted()[4], bytes: nil)
    samples = []
    for _ in 0..<9 {
        let fresh = try PreparedGeometry(polygon)
        samples.append(try time { try fresh.relates(point: points[0], .covers) }.ns)
    }
    Table.buildRow("first relates(point:) on a fresh PreparedGeometry", items: 1, ns: samples.sorted()[4], bytes: nil)
    guard let prepared else { throw BenchmarkError(description: "no prepared geometry") }

    Table.operations.header("Point in polygon (per point)")
    let preparedResult = try bench("PreparedGeometry.relates(point:, .covers)", target: target, repeats: repeats) { n in
        var hits = 0
        for i in 0..<n where try prepared.relates(point: points[i & mask], .covers) { hits += 1 }
        blackhole(hits)
    }
    let pointGeometries = points.prefix(4096).map { Geometry.point($0) }
    _ = try bench("PreparedGeometry.relates(.point(p), .covers)", target: target, repeats: repeats) { n in
        var hits = 0
        for i in 0..<n where try prepared.relates(pointGeometries[i & 4095], .covers) { hits += 1 }
        blackhole(hits)
    }
    _ = try bench("PreparedGeometry.relates(point:, .contains)", target: target, repeats: repeats) { n in
        var hits = 0
        for i in 0..<n where try prepared.relates(point: points[i & mask], .contains) { hits += 1 }
        blackhole(hits)
    }
    let plainResult = try bench("Geometry.relates(.point(p), .covers) (not prepared)", target: target, repeats: repeats,
                                maxIterations: 20_000) { n in
        var hits = 0
        for i in 0..<n where try polygon.relates(pointGeometries[i & 4095], .covers) { hits += 1 }
        blackhole(hits)
    }
    _ = try bench("Geometry.checkStructure() of the polygon (part of every call)", target: target, repeats: repeats) { n in
        for _ in 0..<n { try polygon.checkStructure() }
        blackhole(n)
    }
    _ = try bench("Geometry.wkb() of the polygon (GEOS round trip)", target: target, repeats: repeats) { n in
        var total = 0
        for _ in 0..<n { total += try polygon.wkb().count }
        blackhole(total)
    }
    let a = Geometry.point(points[0]), b = Geometry.point(points[1])
    _ = try bench("Geometry.relates(point, point, .intersects) (fixed cost/call)", target: target, repeats: repeats) { n in
        var hits = 0
        for _ in 0..<n where try a.relates(b, .intersects) { hits += 1 }
        blackhole(hits)
    }
    note("prepared vs not prepared point-in-polygon: \(fixed(plainResult.median / preparedResult.median, 0))x faster prepared "
         + "(\(fixed(preparedResult.median)) ns vs \(fixed(plainResult.median)) ns)")

    // Agreement and share inside.
    var inside = 0, disagreements = 0
    for p in pointGeometries.prefix(2_000) {
        guard case .point(let c) = p else { continue }
        let a = try prepared.relates(point: c, .covers), b = try polygon.relates(p, .covers)
        if a { inside += 1 }
        if a != b { disagreements += 1 }
    }
    note("prepared and plain covers agree on 2,000 points: \(disagreements == 0 ? "yes" : "NO, \(disagreements) differ"); "
         + "\(fixed(Double(inside) / 20, 1))% of envelope points inside")
}

// MARK: - Index

private func indexBenchmarks(repeats: Int, target: Double) throws {
    let rssStart = residentKilobytes()
    let cells = Fixtures.tiling()
    let vertexCounts = cells.map { $0.coordinateCount - 1 }
    var invalid = 0
    for cell in cells where try !cell.validity().isValid { invalid += 1 }
    note("tiling: \(cells.count) polygons, \(vertexCounts.min()!)-\(vertexCounts.max()!) vertices each "
         + "(\(vertexCounts.reduce(0, +)) total), invalid: \(invalid)")
    var bounds = Envelope.empty
    for cell in cells { bounds = bounds.union(cell.envelope) }
    let envelopes = cells.map(\.envelope)

    Table.buildHeader("Index over \(cells.count) polygons")
    var samples: [Double] = []
    var tree = EnvelopeTree(envelopes)
    for _ in 0..<9 {
        samples.append(time { tree = EnvelopeTree(envelopes) }.ns)
    }
    Table.buildRow("EnvelopeTree(envelopes) (bytes = byteCount)", items: cells.count, ns: samples.sorted()[4], bytes: tree.byteCount)
    samples = []
    for _ in 0..<5 {
        samples.append(time { blackhole(cells.map(\.envelope).count) }.ns)
    }
    Table.buildRow("  envelopes of the polygons (input to the above)", items: cells.count, ns: samples.sorted()[2], bytes: nil)

    let rssBefore = residentKilobytes()
    let (index, firstBuild) = try time { try GeometryIndex(cells) }
    let rssAfterBuild = residentKilobytes()
    // GEOS builds each prepared geometry's own index on first use: touch every item once.
    let (_, warmNs) = try time {
        for cell in cells { blackhole(try index.query(point: cell.envelope.center, .coveredBy).count) }
    }
    let rssAfterWarm = residentKilobytes()
    samples = [firstBuild]
    for _ in 0..<4 {
        let (other, ns) = try time { try GeometryIndex(cells) }
        blackhole(other)
        samples.append(ns)
    }
    Table.buildRow("GeometryIndex(polygons) (tree + GEOS geometries + prepare)", items: cells.count, ns: samples.sorted()[2], bytes: nil)
    samples = []
    for _ in 0..<5 {
        let (other, ns) = try time { try GeometryIndex(cells, tree: tree) }
        blackhole(other)
        samples.append(ns)
    }
    Table.buildRow("GeometryIndex(polygons, tree:) (shared tree)", items: cells.count, ns: samples.sorted()[2], bytes: nil)
    Table.buildRow("first query touching every item (lazy GEOS indexes)", items: cells.count, ns: warmNs, bytes: nil)
    print("")
    print("tree: \(tree.count) items, height \(tree.height), node capacity \(tree.nodeCapacity), \(grouped(tree.byteCount)) bytes")
    print("RSS: start \(megabytes(rssStart)), after making polygons \(megabytes(rssBefore)), "
          + "after GeometryIndex init \(megabytes(rssAfterBuild)) (+\(megabytes(rssAfterBuild - rssBefore))), "
          + "after first query of every item \(megabytes(rssAfterWarm)) (+\(megabytes(rssAfterWarm - rssBefore)) in total)")

    let inside = Fixtures.randomPoints(in: bounds, count: 1 << 16, seed: 2)
    let mask = inside.count - 1
    let queryEnvelopes = inside.map { Envelope($0) }

    Table.operations.header("Index queries among \(cells.count) polygons (per query point)")
    _ = bench("EnvelopeTree.search(envelope) { visit }", target: target, repeats: repeats) { n in
        var found = 0
        for i in 0..<n { tree.search(queryEnvelopes[i & mask]) { found &+= $0 } }
        blackhole(found)
    }
    _ = bench("EnvelopeTree.search(envelope) -> [Int]", target: target, repeats: repeats) { n in
        var found = 0
        for i in 0..<n { found &+= tree.search(queryEnvelopes[i & mask]).count }
        blackhole(found)
    }
    _ = try bench("GeometryIndex.query(point:, .coveredBy)", target: target, repeats: repeats) { n in
        var found = 0
        for i in 0..<n { found &+= try index.query(point: inside[i & mask], .coveredBy).count }
        blackhole(found)
    }
    _ = try bench("GeometryIndex.query(point:, .intersects)", target: target, repeats: repeats) { n in
        var found = 0
        for i in 0..<n { found &+= try index.query(point: inside[i & mask], .intersects).count }
        blackhole(found)
    }
    _ = try bench("GeometryIndex.query(point:, .within)", target: target, repeats: repeats) { n in
        var found = 0
        for i in 0..<n { found &+= try index.query(point: inside[i & mask], .within).count }
        blackhole(found)
    }
    // Nearest: points over an area 1.5 x larger in each direction, so about half lie outside the tiling.
    let wide = Envelope(minX: bounds.minX - bounds.width / 4, minY: bounds.minY - bounds.height / 4,
                        maxX: bounds.maxX + bounds.width / 4, maxY: bounds.maxY + bounds.height / 4)
    let around = Fixtures.randomPoints(in: wide, count: 1 << 12, seed: 3).map { Geometry.point($0) }
    _ = try bench("GeometryIndex.nearest(to: point) (points over 2.25x the area)", target: target, repeats: repeats) { n in
        var sum = 0.0
        for i in 0..<n { sum += try index.nearest(to: around[i & 4095])?.distance ?? 0 }
        blackhole(sum)
    }
    let outside = around.filter { if case .point(let p) = $0 { return !bounds.intersects(Envelope(p)) } else { return false } }
    _ = try bench("GeometryIndex.nearest(to: point) (points outside the tiling)", target: target, repeats: repeats) { n in
        var sum = 0.0
        for i in 0..<n { sum += try index.nearest(to: outside[i % outside.count])?.distance ?? 0 }
        blackhole(sum)
    }

    // Semantics and agreement with a brute-force check on the tree's candidates.
    var coveredHits = 0, coversHits = 0, intersectsHits = 0, mismatches = 0, uncovered = 0
    for p in inside.prefix(2_000) {
        let covered = try index.query(point: p, .coveredBy)
        coveredHits += covered.count
        if covered.isEmpty { uncovered += 1 }
        coversHits += try index.query(point: p, .covers).count
        intersectsHits += try index.query(point: p, .intersects).count
        var brute: [Int] = []
        for item in tree.search(Envelope(p)).sorted() where try cells[item].relates(.point(p), .covers) { brute.append(item) }
        if brute != covered { mismatches += 1 }
    }
    note("index point query over 2,000 points: .coveredBy \(fixed(Double(coveredHits) / 2_000, 3)) hits/point "
         + "(\(uncovered) points in no cell, near the jittered outer edge), .intersects \(fixed(Double(intersectsHits) / 2_000, 3)), "
         + ".covers \(fixed(Double(coversHits) / 2_000, 3)) (a point never covers a polygon, as documented)")
    note("index .coveredBy agrees with brute-force Geometry.relates(.covers): \(mismatches == 0 ? "yes" : "NO, \(mismatches) points differ")")
    var nearestMismatch = 0
    for geometry in around.prefix(200) {
        guard let found = try index.nearest(to: geometry) else { nearestMismatch += 1; continue }
        var best = Double.infinity
        for cell in cells { best = min(best, try cell.planarDistance(to: geometry)) }
        if abs(best - found.distance) > 1e-12 { nearestMismatch += 1 }
    }
    note("index nearest agrees with brute-force planarDistance over all 2,000 cells (200 points): "
         + (nearestMismatch == 0 ? "yes" : "NO, \(nearestMismatch) differ"))
    withExtendedLifetime(index) {}
}

// MARK: - CRS transform

private func transformBenchmarks(repeats: Int, target: Double) throws {
    let target4545 = CRS(epsg: 4545)
    Table.buildHeader("CRS transform CGCS2000 -> EPSG:4545 (CGCS2000 3-degree GK, CM 108E)")
    var samples: [Double] = []
    var transformer: CoordinateTransformer?
    for _ in 0..<7 {
        transformer = nil
        samples.append(try time { transformer = try CoordinateTransformer(from: .cgcs2000, to: target4545) }.ns)
    }
    Table.buildRow("CoordinateTransformer(from: .cgcs2000, to: EPSG:4545)", items: 1, ns: samples.sorted()[3], bytes: nil)
    guard let transformer else { throw BenchmarkError(description: "no transformer") }
    note("transformer: \(transformer.operationDescription) (ballpark: \(transformer.isBallpark))")

    let envelope = Envelope(minX: 105.5, minY: 28.5, maxX: 107.5, maxY: 30.5)
    let source = Fixtures.randomPoints(in: envelope, count: 10_000, seed: 4)
    Table.operations.header("CRS transform (per point)")
    var buffer = source
    _ = try bench("transform(&[Coordinate]) 10,000-point buffers, per point", target: target, repeats: repeats) { n in
        // n points = n / 10,000 buffers (rounded up); the copy back costs ~1% and is included.
        var done = 0
        while done < n {
            buffer = source
            try transformer.transform(&buffer)
            done += buffer.count
        }
        blackhole(buffer[0].x)
    }
    _ = try bench("transform(_ point:) one point per call", target: target, repeats: repeats) { n in
        var sum = 0.0
        for i in 0..<n { sum += try transformer.transform(source[i % 10_000]).x }
        blackhole(sum)
    }
    let star = Geometry.polygon(Fixtures.wigglyStar())
    _ = try bench("transform(Geometry) 1,000-vertex polygon, per vertex", target: target, repeats: repeats) { n in
        var count = 0
        while count < n { count += try transformer.transform(star).coordinateCount }
        blackhole(count)
    }
    let projected = try transformer.transform(Fixtures.center)
    note("EPSG:4545 of (106.5, 29.5): (\(fixed(projected.x, 3)), \(fixed(projected.y, 3)))")
}

// MARK: - Web map offsets and geodesics

private func offsetAndGeodesicBenchmarks(repeats: Int, target: Double) throws {
    let region = Envelope(minX: 105.5, minY: 28.5, maxX: 107.5, maxY: 30.5)
    let points = Fixtures.randomPoints(in: region, count: 1 << 16, seed: 5)
    let mask = points.count - 1
    let gcjPoints = points.map { WebMapOffset.convert($0, from: .wgs84, to: .gcj02).coordinate }
    let bdPoints = points.map { WebMapOffset.convert($0, from: .wgs84, to: .bd09).coordinate }

    Table.operations.header("Web-map offsets (per point)")
    let cases: [(String, [Coordinate], WebMapDatum, WebMapDatum)] = [
        ("WebMapOffset.convert wgs84 -> gcj02", points, .wgs84, .gcj02),
        ("WebMapOffset.convert gcj02 -> wgs84 (iterated inverse)", gcjPoints, .gcj02, .wgs84),
        ("WebMapOffset.convert gcj02 -> bd09", gcjPoints, .gcj02, .bd09),
        ("WebMapOffset.convert wgs84 -> bd09", points, .wgs84, .bd09),
        ("WebMapOffset.convert bd09 -> wgs84 (two iterated inverses)", bdPoints, .bd09, .wgs84),
    ]
    for (name, input, from, to) in cases {
        _ = bench(name, target: target, repeats: repeats) { n in
            var sum = 0.0
            for i in 0..<n { sum += WebMapOffset.convert(input[i & mask], from: from, to: to).coordinate.x }
            blackhole(sum)
        }
    }
    var worstGCJ = 0.0, worstBD = 0.0
    for i in 0..<10_000 {
        let back = WebMapOffset.convert(gcjPoints[i], from: .gcj02, to: .wgs84).coordinate
        worstGCJ = max(worstGCJ, Geodesic.cgcs2000.distance(back, points[i]))
        let backBD = WebMapOffset.convert(bdPoints[i], from: .bd09, to: .wgs84).coordinate
        worstBD = max(worstBD, Geodesic.cgcs2000.distance(backBD, points[i]))
    }
    let shift = Geodesic.cgcs2000.distance(points[0], gcjPoints[0])
    note("GCJ-02 offset at a sample point: \(fixed(shift, 1)) m; round trip wgs84->gcj02->wgs84 worst error \(fixed(worstGCJ * 1000, 3)) mm, "
         + "wgs84->bd09->wgs84 \(fixed(worstBD * 1000, 3)) mm (10,000 points)")

    Table.operations.header("Geodesic (CGCS2000 ellipsoid) and nearest")
    let pairsB = Fixtures.randomPoints(in: region, count: 1 << 16, seed: 6)
    _ = bench("Geodesic.cgcs2000.distance(a, b) (~0-280 km pairs)", target: target, repeats: repeats) { n in
        var sum = 0.0
        for i in 0..<n { sum += Geodesic.cgcs2000.distance(points[i & mask], pairsB[i & mask]) }
        blackhole(sum)
    }
    if var cached = CachedGeodesic(semiMajorAxis: Geodesic.cgcs2000.semiMajorAxis, flattening: Geodesic.cgcs2000.flattening) {
        let reference = bench("  reference: geod_inverse with geod_init done once", target: target, repeats: repeats) { n in
            var sum = 0.0
            for i in 0..<n {
                let a = points[i & mask], b = pairsB[i & mask]
                sum += cached.distance(lon1: a.x, lat1: a.y, lon2: b.x, lat2: b.y)
            }
            blackhole(sum)
        }
        let check = cached.distance(lon1: points[0].x, lat1: points[0].y, lon2: pairsB[0].x, lat2: pairsB[0].y)
        note("Geodesic.distance equals the cached-init reference: \(check == Geodesic.cgcs2000.distance(points[0], pairsB[0])) "
             + "(reference \(fixed(reference.median)) ns/pair)")
    }
    let geometryA = points.prefix(4096).map { Geometry.point($0) }, geometryB = pairsB.prefix(4096).map { Geometry.point($0) }
    _ = try bench("Geometry.distance(to:) point-point (validates, then geodesic)", target: target, repeats: repeats) { n in
        var sum = 0.0
        for i in 0..<n { sum += try geometryA[i & 4095].distance(to: geometryB[i & 4095]).metres }
        blackhole(sum)
    }
    let cell = Fixtures.tiling(columns: 1, rows: 1)[0]
    _ = try bench("Geometry.distance(to:) polygon-point (makes 2 transformers)", target: target, repeats: repeats,
                  maxIterations: 200) { n in
        var sum = 0.0
        for i in 0..<n { sum += try cell.distance(to: geometryB[i & 4095]).metres }
        blackhole(sum)
    }
}
