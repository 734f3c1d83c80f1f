import Foundation
import Geometry

// The leak-check driver (`GeometryBenchmark leak ...`, run by scripts/leak-check): a loop that
// creates and frees GEOS geometries, prepared geometries, GEOS contexts, PROJ transformers and
// error values through the public API, printing the resident set size as it goes.

struct LeakCheckOptions {
    var iterations = 1_000_000
    var reportEvery = 100_000
    /// Prepared geometries, small indexes, repairs and buffers every this many iterations.
    var preparedEvery = 100
    /// PROJ transformers (each opens proj.db) every this many iterations.
    var transformerEvery = 1_000
    /// RSS growth allowed between the first report and the end, in kB.
    var maxGrowthKilobytes = 4_096
    /// Self-test of the checker: leak 64 bytes with malloc every this many iterations (0: never).
    var injectLeakEvery = 0
}

/// Counts of what the loop did, so the summary shows the work was real.
private struct Tally {
    var geosCalls = 0
    var prepared = 0
    var transformers = 0
    var expectedErrors = 0
    var unexpected: [String] = []

    mutating func expectFailure(_ what: String, _ body: () throws -> Void) {
        do {
            try body()
            if unexpected.count < 10 { unexpected.append("\(what) did not throw") }
        } catch {
            expectedErrors += 1
        }
    }
}

/// Returns the process exit code: 0 when RSS stayed flat and nothing unexpected happened.
func runLeakCheck(_ options: LeakCheckOptions) -> Int32 {
    let clock = ContinuousClock()
    let start = clock.now
    var tally = Tally()
    var firstReport: Int?
    var lastRSS = residentKilobytes()
    print("leak loop: \(options.iterations) iterations; RSS at start \(megabytes(lastRSS))")
    do {
        for i in 0..<options.iterations {
            try leakIteration(i, options, &tally)
            if options.injectLeakEvery > 0 && i % options.injectLeakEvery == 0 {
                // Deliberately lost: only a number derived from the address survives.
                blackhole(Int(bitPattern: malloc(64)) &* 3)
            }
            let done = i + 1
            if done % options.reportEvery == 0 || done == options.iterations {
                lastRSS = residentKilobytes()
                if firstReport == nil { firstReport = lastRSS }
                let seconds = (clock.now - start).nanoseconds / 1e9
                print("  iteration \(pad(grouped(done), 10)): RSS \(pad(megabytes(lastRSS), 9)), \(fixed(seconds, 1)) s")
                fflushStdout()
            }
        }
    } catch {
        print("leak loop FAILED with an unexpected error: \(error)")
        return 2
    }
    let seconds = (clock.now - start).nanoseconds / 1e9
    let growth = lastRSS - (firstReport ?? lastRSS)
    let flat = growth <= options.maxGrowthKilobytes
    for line in tally.unexpected { print("unexpected: \(line)") }
    print("leak loop done: \(grouped(options.iterations)) iterations in \(fixed(seconds, 1)) s; \(grouped(tally.geosCalls)) GEOS-backed calls, "
          + "\(grouped(tally.prepared)) prepared geometries, \(grouped(tally.transformers)) transformers, "
          + "\(grouped(tally.expectedErrors)) expected errors thrown")
    print("RSS-SUMMARY growth_kb=\(growth) first_report_kb=\(firstReport ?? -1) final_kb=\(lastRSS) "
          + "limit_kb=\(options.maxGrowthKilobytes) seconds=\(fixed(seconds, 1)) result=\(flat ? "flat" : "GROWING")")
    print("(blackhole \(String(blackholeSink, radix: 16)))")
    return flat && tally.unexpected.isEmpty ? 0 : 1
}

private func fflushStdout() { fflush(nil) }  // nil: all streams (stdout itself is not concurrency-safe to name)

/// A valid ~10-vertex polygon that changes a little with `i`.
private func smallPolygon(_ i: Int) -> Geometry {
    let cx = 106.5 + Double(i % 97) * 1e-4, cy = 29.5 + Double(i % 89) * 1e-4
    var ring: [Coordinate] = []
    for k in 0..<10 {
        let theta = 2 * Double.pi * Double(k) / 10
        let r = 0.01 * (1 + 0.3 * sin(Double(k * 3 + i % 7)))
        ring.append(Coordinate(x: cx + r * cos(theta), y: cy + r * sin(theta)))
    }
    ring.append(ring[0])
    return .polygon(Polygon(exterior: ring))
}

private let unclosed = Geometry.polygon(Polygon(exterior: [
    Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1),
]))

private func leakIteration(_ i: Int, _ options: LeakCheckOptions, _ tally: inout Tally) throws {
    let polygon = smallPolygon(i)
    let center = polygon.envelope.center
    let point = Geometry.point(center)
    let square = Geometry.polygon(Polygon(exterior: [
        Coordinate(x: center.x, y: center.y), Coordinate(x: center.x + 0.02, y: center.y),
        Coordinate(x: center.x + 0.02, y: center.y + 0.02), Coordinate(x: center.x, y: center.y + 0.02),
        Coordinate(x: center.x, y: center.y),
    ]))

    // Every iteration: a predicate, a WKB round trip, an overlay.
    blackhole(try polygon.relates(point, .covers))
    let wkb = try polygon.wkb()
    blackhole(try Geometry(wkb: wkb).coordinateCount)
    blackhole(try polygon.intersection(square).coordinateCount)
    tally.geosCalls += 4

    if i % 10 == 0 {
        // Invalid input: GEOS allocates a reason string and a location point.
        let report = try Fixtures.bowTie.validity()
        if report.isValid && tally.unexpected.count < 10 { tally.unexpected.append("bow-tie reported valid") }
        blackhole(report.reason?.count ?? 0)
        // Error paths: a GEOS parse exception, a structure error before GEOS, a GEOS geometry made
        // and then dropped when the predicate argument is refused.
        tally.expectFailure("Geometry(wkt: \"POLYGON((0 0\")") { _ = try Geometry(wkt: "POLYGON((0 0") }
        tally.expectFailure("Geometry(wkb: truncated)") { _ = try Geometry(wkb: Array(wkb.prefix(wkb.count / 2))) }
        tally.expectFailure("relates on an unclosed ring") { _ = try unclosed.relates(point, .intersects) }
        tally.expectFailure("withinDistance(-1)") { _ = try polygon.relates(point, .withinDistance(-1)) }
        blackhole(try Geometry(wkt: try polygon.wkt()).coordinateCount)
        blackhole(try polygon.union(square).coordinateCount)
        blackhole(try polygon.difference(square).coordinateCount)
        tally.geosCalls += 8
    }

    if i % options.preparedEvery == 0 {
        let prepared = try PreparedGeometry(polygon)
        blackhole(try prepared.relates(point: center, .covers))
        blackhole(try prepared.relates(square, .intersects))
        blackhole(try prepared.distance(to: .point(Coordinate(x: center.x + 1, y: center.y))))
        tally.expectFailure("prepared relates(point: NaN)") { _ = try prepared.relates(point: Coordinate(x: .nan, y: 0), .covers) }
        let index = try GeometryIndex([polygon, square, Fixtures.bowTie])
        blackhole(try index.query(point: center, .coveredBy).count)
        blackhole(try index.nearest(to: .point(Coordinate(x: 0, y: 0)))?.item ?? -1)
        let repair = try Fixtures.bowTie.repaired()
        blackhole(repair.changes.count)
        blackhole(try polygon.buffer(0.001).coordinateCount)
        blackhole(try polygon.centroid.x)
        blackhole(try polygon.nearestPoints(to: .point(Coordinate(x: 0, y: 0))).0.x)
        blackhole(try polygon.planarArea())
        // A GEOS exception inside an overlay of an invalid input (or a result; either frees cleanly).
        blackhole((try? Fixtures.bowTie.intersection(Fixtures.bowTie.mapCoordinates { Coordinate(x: $0.x + 1, y: $0.y) }))?.coordinateCount ?? -1)
        tally.prepared += 1
        tally.geosCalls += 12
    }

    if i % options.transformerEvery == 0 {
        let transformer = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 4545))
        var buffer = polygon.coordinates
        try transformer.transform(&buffer)
        blackhole(buffer[0].x)
        blackhole(try transformer.transform(polygon).coordinateCount)
        tally.expectFailure("transform latitude 95") { _ = try transformer.transform(Coordinate(x: 106, y: 95)) }
        tally.expectFailure("unknown EPSG:999999") { _ = try CoordinateTransformer(from: .cgcs2000, to: CRS(epsg: 999_999)) }
        blackhole(try polygon.area(.projected(CRS(epsg: 4545))).squareMetres)
        tally.transformers += 3
    }
}
