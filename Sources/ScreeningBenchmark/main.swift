import Datasets
import Foundation
import Formats
import Geometry
import Reports
import Zoning
import Wording

// Screening benchmark: prints figures, asserts nothing.
//   ScreeningBenchmark [DATASET_DIR] [--out DIR] [--zonescreen PATH] [--rounds N] [--only WORKLOAD]
//                      [--service-parcels N] [--service-rounds N]
// DATASET_DIR defaults to the demo dataset. With --out, also writes the per-site answers and the
// figures for benchmarks/province/compare.py. With --zonescreen, also times cold single-site answers
// of that binary (a new process each time) and its service's batch endpoint (`zonescreen serve` with
// one engine thread and with all cores, the first 2,000 parcels in one request).

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let flag = arguments.firstIndex(of: name), flag + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(flag...(flag + 1)) }
    return arguments[flag + 1]
}
let outDirectory = option("--out").map { URL(fileURLWithPath: $0) }
let binary = option("--zonescreen")
let rounds = option("--rounds").flatMap(Int.init) ?? 3
/// Runs one workload only (its figure name, e.g. `points`, or `batch`, `serviceBatch`), for profiling.
let only = option("--only")
/// With --zonescreen: how many parcels the service's batch endpoint gets in one request, and how many timed requests.
let serviceParcels = option("--service-parcels").flatMap(Int.init) ?? 2_000
let serviceRounds = option("--service-rounds").flatMap(Int.init) ?? 5
guard let directory = arguments.first.map({ URL(fileURLWithPath: $0) }) ?? DatasetLoader.defaultDirectory() else {
    print("no dataset: pass a dataset folder")
    exit(2)
}
let cores = ProcessInfo.processInfo.activeProcessorCount
let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "?"

print("# ZoneScreen screening benchmark")
print("dataset : \(directory.path)")
print("date    : \(ISO8601DateFormatter().string(from: Date()))")
print("machine : \(cores) cores, \(machine)")
print("versions: GEOS \(LibraryVersions.geos), PROJ \(LibraryVersions.proj)")
var figures = FigureLog()

// Compile: manifest, layers (read through GDAL, projected to the working CRS), lists, rules, trees,
// grids, written as the compiled store; then open: the store mapped, as every command opens it.
let rssStart = Memory.megabytes()
/// The run cannot go on: say why, naming the input, and stop.
func stop(_ what: String, _ error: Error) -> Never {
    let detail = (error as? UserFacingError)?.message(.en) ?? "\(error)"
    print("ScreeningBenchmark: \(what): \(detail)")
    exit(2)
}
let storeFile = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-benchmark-\(getpid()).zsd")
let compileSeconds: Double
do {
    (_, compileSeconds) = try timed { () throws in
        let fromSources = try DatasetLoader.load(from: directory)
        try DatasetStore.write(fromSources, geometryProblems: nil, to: storeFile)
    }
} catch { stop("cannot compile the dataset \(directory.path)", error) }
FreedMemory.release()
let rssCompiled = Memory.megabytes()
let dataset: Dataset, loadSeconds: Double
do { (dataset, loadSeconds) = try timed { try DatasetStore.openStoreFile(storeFile) } } catch { stop("cannot open the compiled dataset", error) }
try? FileManager.default.removeItem(at: storeFile)  // the mapping stays valid
let rssLoaded = Memory.megabytes()
figures.add("compile", seconds: compileSeconds)
figures.add("load", seconds: loadSeconds)
let sites: BenchmarkSites
do { sites = try BenchmarkSites.load(dataset: dataset, directory: directory) } catch { stop("cannot read the site files in \(directory.path)", error) }
FreedMemory.release()  // the site files' parse, as the loader does for the layers
print("sites   : \(sites.points.count) points, \(sites.parcels.count) parcels (\(sites.origin))")
print("zones   : \(dataset.units.count) units, \(dataset.redLines.count) red lines, \(dataset.shorelines.count) shorelines, " +
      "\(dataset.sensitiveAreas.count) sensitive areas, \(dataset.clauses.count) clauses")

// Index build, done again here to time it apart from parsing: the envelope trees (shared by all
// workers) and one worker's engine, whose prepared geometries are warmed so no query pays for them.
let rssBeforeIndex = Memory.megabytes()
let (treeBytes, treeSeconds) = try timed { () throws -> Int in
    let units = EnvelopeTree(dataset.units.map(\.geometry.envelope))
    let redLines = EnvelopeTree(dataset.redLines.map(\.geometry.envelope))
    let sensitive = EnvelopeTree(dataset.sensitiveAreas.map(\.geometry.envelope))
    let pieces = ShorelinePieces(dataset.shorelines)
    let grids = try [dataset.units.map(\.geometry), dataset.redLines.map(\.geometry), dataset.sensitiveAreas.map(\.geometry)]
        .map { try CoverageGrid.grids(for: $0) }
    return units.byteCount + redLines.byteCount + sensitive.byteCount + pieces.treeBytes + grids.joined().reduce(0) { $0 + $1.byteCount }
}
let (engine, engineSeconds) = try timed { () throws -> ScreeningEngine in
    let engine = try ScreeningEngine(dataset: dataset)
    try engine.warmUp()
    return engine
}
let rssIndexed = Memory.megabytes()
figures.add("indexBuild", seconds: treeSeconds + engineSeconds, bytes: treeBytes)

var build = Table(["step", "time", "memory"], rightAligned: [1, 2])
build.add(["compile from sources (GDAL read, project, lists, trees, grids, write store)", duration(compileSeconds), String(format: "RSS %.0f → %.0f MB", rssStart, rssCompiled)])
build.add(["open the compiled store (map, check, decode)", duration(loadSeconds), String(format: "RSS %.0f → %.0f MB", rssCompiled, rssLoaded)])
build.add(["envelope trees and coverage grids (shared by all workers)", duration(treeSeconds), "\(grouped(Double(treeBytes) / 1024)) KB"])
build.add(["engine: prepared geometries, warmed (one worker)", duration(engineSeconds),
           String(format: "+%.0f MB RSS", rssIndexed - rssBeforeIndex)])
build.add(["index build in all", duration(treeSeconds + engineSeconds), String(format: "RSS %.0f MB", rssIndexed)])
print("\n" + build.render())

// Point-to-unit lookup against the bare prepared point-in-polygon test: the bare loop tests each
// point once against the unit known to contain it; the lookup finds that unit through the tree and
// tests every candidate, including whether the point is on a boundary.
let toWorking = try CoordinateTransformer(from: dataset.metadata.crs, to: dataset.workingCRS)
let workingPoints = try sites.points.compactMap { site -> Coordinate? in
    guard case .point(let point) = site.geometry else { return nil }
    return try toWorking.transform(point)
}
// As the engine builds it: over the packed table, points located on the rings in place.
let unitIndex = try GeometryIndex(dataset.shapes.units, tree: dataset.trees.units, grids: dataset.trees.unitGrids)
try unitIndex.warmUp()
let unitIndexWithoutGrids = try GeometryIndex(dataset.units.map(\.geometry), tree: dataset.trees.units)
try unitIndexWithoutGrids.warmUp()
let containing = try workingPoints.map { try unitIndex.locate(point: $0).first?.item }
let pairs = zip(workingPoints, containing).compactMap { point, item in item.map { (point, $0) } }
var sink = 0
let bareSeconds = try bestOf(rounds) {
    for (point, item) in pairs where try unitIndex.preparedItem(item).relates(point: point, .covers) { sink += 1 }
}
let lookupSeconds = try bestOf(rounds) {
    for (point, _) in pairs { sink += try unitIndex.locate(point: point, boundary: true).count }
}
let gridlessLookupSeconds = try bestOf(rounds) {
    for (point, _) in pairs { sink += try unitIndexWithoutGrids.locate(point: point, boundary: true).count }
}
let candidates = pairs.reduce(0) { $0 + dataset.trees.units.search(Envelope($1.0)).count }
var lookup = Table(["point → unit", "ops/s", "ns/op", "× bare"], rightAligned: [1, 2, 3])
for (name, time) in [("bare prepared point-in-polygon (known unit)", bareSeconds),
                     ("lookup: tree, grids, GEOS where a grid cannot tell", lookupSeconds),
                     ("lookup without grids: tree, GEOS for every candidate", gridlessLookupSeconds)] {
    lookup.add([name, grouped(Double(pairs.count) / time), String(format: "%.0f", time / Double(pairs.count) * 1e9),
                String(format: "%.2f", time / bareSeconds)])
}
print("\n" + lookup.render())
print(String(format: "(%d points inside a unit; %.2f candidate units per point on average)", pairs.count,
             Double(candidates) / Double(max(1, pairs.count))))
figures.add("barePointInPolygon", threads: 1, sites: pairs.count, seconds: bareSeconds)
figures.add("pointLookup", threads: 1, sites: pairs.count, seconds: lookupSeconds)

// The workloads, single thread and all cores.
let threadCounts = cores > 1 ? [1, cores] : [1]
let workloads: [(name: String, figure: String, sites: [Site], work: @Sendable (ScreeningEngine, Site) -> Bool)] = [
    ("points: units, red lines, shorelines, bands", "points", sites.points, { engine, site in
        guard let location = try? engine.locate(site) else { return false }
        return Answers.extract(location) >= 0
    }),
    ("parcels: overlap areas, distances, bands", "parcels", sites.parcels, { engine, site in
        guard let location = try? engine.locate(site) else { return false }
        return Answers.extract(location) >= 0
    }),
    ("points: full result (lists, rules, verdict)", "pointsFullResult", sites.points, { (try? $0.screen($1)) != nil }),
    ("parcels: full result", "parcelsFullResult", sites.parcels, { (try? $0.screen($1)) != nil }),
    ("points: full result as JSON, default detail (reasons)", "pointsJSON", sites.points, { engine, site in
        guard let result = try? engine.screen(site) else { return false }
        return !AnswerRenderer(dataset: engine.dataset, language: .zh, detail: .reasons).json(result).isEmpty
    }),
    ("points: full result as JSON, --detail full", "pointsJSONFull", sites.points, { engine, site in
        guard let result = try? engine.screen(site) else { return false }
        return !AnswerRenderer(dataset: engine.dataset, language: .zh, detail: .full).json(result).isEmpty
    }),
]
var table = Table(["workload", "threads", "sites", "ops/s", "ns/op", "speed-up", "unanswered"], rightAligned: [1, 2, 3, 4, 5, 6])
for workload in workloads where only == nil || only == workload.figure {
    var single = 0.0
    for threads in threadCounts {
        let outcome = ParallelRun(dataset: dataset, threads: threads, rounds: rounds).run(workload.sites, workload.work)
        if threads == 1 { single = outcome.seconds }
        let count = workload.sites.count
        table.add([workload.name, "\(threads)", grouped(Double(count)), grouped(Double(count) / outcome.seconds),
                   grouped(outcome.seconds / Double(count) * 1e9), String(format: "%.2f×", single / outcome.seconds), "\(outcome.failures)"])
        figures.add(workload.figure, threads: threads, sites: count, seconds: outcome.seconds)
    }
}
print("\n" + table.render())
print("(best of \(rounds) rounds; unanswered = outside every unit)")
if only == nil || only == "batch" {
    print("\n" + (try BatchRun.measure(sites.parcels, dataset: dataset, workerCounts: threadCounts)).render())
}
// The service's batch endpoint on one and on all engine threads (issue 25: at least 1.5x on 2 cores).
if let binary, only == nil || only == "serviceBatch" {
    let parcels = Array(sites.parcels.prefix(serviceParcels))
    print("\n" + (try ServiceBatchRun.measure(binary: binary, dataset: directory, parcels: parcels, threadCounts: threadCounts,
                                               rounds: serviceRounds)).render())
    print("(first: the server's first request, which also prepares the zones its parcels reach; median and best of \(serviceRounds) more, " +
          "alternating between the servers; server CPU / wall: the cores the server kept busy during them)")
}
print(String(format: "memory  : RSS %.0f MB now, peak %.0f MB", Memory.megabytes(), Memory.megabytes("VmHWM")))

if let outDirectory {
    try FileManager.default.createDirectory(at: outDirectory, withIntermediateDirectories: true)
    try Answers.write(sites.points, engine: engine, areas: false, to: outDirectory.appendingPathComponent("zonescreen-points.csv"))
    try Answers.write(sites.parcels, engine: engine, areas: true, to: outDirectory.appendingPathComponent("zonescreen-parcels.csv"))
}

// Every industry class at once (--all-industries) on one point and one parcel, after load.
// A 5 km² square parcel (2,236 m a side) around the first point, in the working CRS.
let squareParcel: Site? = sites.points.first.flatMap { point in
    guard case .point(let c)? = try? point.geometry.transformed(from: point.crs, to: dataset.workingCRS) else { return nil }
    let h = 5_000_000.0.squareRoot() / 2
    let ring = [Coordinate(x: c.x - h, y: c.y - h), Coordinate(x: c.x + h, y: c.y - h), Coordinate(x: c.x + h, y: c.y + h),
                Coordinate(x: c.x - h, y: c.y + h), Coordinate(x: c.x - h, y: c.y - h)]
    return Site(geometry: .polygon(Polygon(exterior: ring)), crs: dataset.workingCRS)
}
for (kind, site) in [("point", sites.points.first), ("parcel", sites.parcels.first), ("5 km² parcel", squareParcel)] where only == nil {
    guard let site else { continue }
    var times: [Double] = []
    for _ in 0..<5 { times.append(try timed { try engine.screenAllIndustries(site, nature: .new) }.1) }
    times.sort()
    let area = (try? site.geometry.transformed(from: site.crs, to: dataset.workingCRS).planarArea()).map { String(format: ", %.2f km²", $0 / 1e6) } ?? ""
    print(String(format: "all industries: one %@%@, 1,380 classes: median %@, best %@", kind, area, duration(times[times.count / 2]), duration(times[0])))
    figures.add("allIndustries-\(kind.replacingOccurrences(of: " ", with: ""))", seconds: times[times.count / 2])
}

// The 预判报告 of one site after load: screening, the SVG map drawn from the dataset, the HTML.
if only == nil, let first = sites.parcels.first ?? sites.points.first {
    var times: [Double] = []
    var bytes = 0
    for _ in 0..<(dataset.units.count > 500 ? 5 : 20) {
        let (html, seconds) = try timed { () throws -> String in
            let result = try engine.screen(first)
            let document = ReportDocument(dataset: dataset, language: .zh)
            return document.head(subtitle: nil) + SiteReport(dataset: dataset, language: .zh)
                .section(.screened(result), title: "1", source: nil, anchor: "site-1") + document.tail
        }
        times.append(seconds)
        bytes = html.utf8.count
    }
    times.sort()
    print(String(format: "\nreport  : one site's HTML report (screening, map, document) median %@, best %@, %d KB",
                 duration(times[times.count / 2]), duration(times[0]), bytes / 1024))
    figures.add("siteReport", seconds: times[times.count / 2], bytes: bytes)
}

if let binary, only == nil, let first = sites.points.first, case .point(let point) = first.geometry {
    var times: [Double] = []
    let runs = dataset.units.count > 500 ? 3 : 10
    for _ in 0..<runs {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["screen", "--dataset", directory.path, "--point", "\(point.x),\(point.y)", "--industry", "C2614", "--nature", "new"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        times.append(try timed { try process.run(); process.waitUntilExit() }.1)
    }
    times.sort()
    print(String(format: "\ncold CLI: median %@, best %@ over %d runs (new process: load, index, one screening, report)",
                 duration(times[times.count / 2]), duration(times[0]), runs))
    figures.add("coldCLI", seconds: times[times.count / 2])
}

if let outDirectory {
    try figures.write(to: outDirectory.appendingPathComponent("zonescreen-figures.json"), machine: machine, cores: cores)
    print("\nanswers and figures: \(outDirectory.path)")
}
