import Datasets
import Foundation
import Formats
import Geometry
import Server
import Zoning

/// One entry per fuzz target: bytes in, fed to a parser of outside input. A target must return for
/// every input; errors are expected and ignored, a crash, a hang or unbounded memory is a bug.
/// `scripts/fuzz` runs them under libFuzzer (`ZoneScreenFuzz`); `FuzzRegressionTests` runs every input
/// under `Fixtures/fuzz/<target>/` through the same entries.
public enum FuzzTargets {
    /// The targets by name, as `ZONESCREEN_FUZZ_TARGET` and `Fixtures/fuzz/<name>/` call them.
    public static let all: [(name: String, run: @Sendable (Data) -> Void)] = [
        ("survey", survey),
        ("coordinates", coordinates),
        ("geojson", geoJSON),
        ("geojsonseq", geoJSONSequence),
        ("yaml", datasetYAML),
        ("gdal-csv", { gdal($0, fileName: "x.csv") }),
        ("gdal-xlsx", { gdal($0, fileName: "x.xlsx") }),
        ("gdal-kml", { gdal($0, fileName: "x.kml") }),
        ("gdal-geojson", { gdal($0, fileName: "x.geojson") }),
        ("upload", upload),
        ("screen", screenRequest),
        ("batch", batchRequest),
    ]

    public static func target(named name: String) -> (@Sendable (Data) -> Void)? {
        all.first { $0.name == name }?.run
    }

    /// Does once what a target keeps for every input (the request targets' demo dataset), so that the
    /// fuzzer's per-input leak check and time limit see only the input's own work.
    public static func prepare(_ name: String) {
        if name == "screen" || name == "batch" { _ = DemoDataset.shared }
    }

    /// A 勘测定界 coordinate file (.txt).
    public static func survey(_ data: Data) {
        _ = try? SurveyTextFile(data: data, name: "fuzz.txt").readAll()
    }

    /// Coordinates pasted as text, read as degrees and as projected metres.
    public static func coordinates(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? CoordinateText.parse(text, geographic: true)
        _ = try? CoordinateText.parse(text, geographic: false)
    }

    /// A GeoJSON document (FeatureCollection, Feature or bare geometry).
    public static func geoJSON(_ data: Data) {
        _ = try? GeoJSONData(data: data, name: "fuzz.geojson").readAll()
    }

    /// GeoJSON Text Sequences or one feature per line, read from a file handle as from stdin. Small
    /// reads (1 to 13 bytes, from the input's length) make records straddle reads; a 16 KiB record
    /// limit lets the fuzzer reach the over-long-record path.
    public static func geoJSONSequence(_ data: Data) {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("zonescreen-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).geojsons")
        guard (try? data.write(to: url)) != nil else { return }
        defer { try? FileManager.default.removeItem(at: url) }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return }
        defer { try? handle.close() }
        let reader = GeoJSONSequenceReader(handle: handle, name: "fuzz", chunkSize: 1 + data.count % 13, maximumRecordBytes: 16 * 1024)
        _ = try? reader.readAll()
    }

    /// A dataset YAML text read as each kind of dataset file: manifest, clause file, annotation table, rules.
    public static func datasetYAML(_ data: Data) {
        for kind in DatasetFileText.Kind.allCases {
            _ = DatasetFileText.problems(data, kind: kind, name: "fuzz.yaml")
        }
    }

    /// Any file GDAL reads, given the name `fileName` (its ending picks CSV/XLSX coordinate tables,
    /// KML, GeoJSON), from GDAL's memory file system.
    public static func gdal(_ data: Data, fileName: String) {
        GDALMemoryFile.withFile(data, named: fileName) { path in
            guard let file = try? GDALFile(url: URL(fileURLWithPath: path)) else { return }
            _ = try? file.readAll()
        }
    }

    /// The endings of uploads read through GDAL (`SiteFiles.uploadEndings` but .txt and GeoJSON,
    /// which the `survey` and `geojson` targets cover).
    static let uploadEndings = ["csv", "xlsx", "kml", "kmz", "gpkg", "dxf", "zip"]

    /// Small limits, so that the fuzzer reaches each refusal and a bounded input stays within
    /// libFuzzer's memory limit.
    static let uploadLimits = ReadLimits(unpackedBytes: .init(1 << 20, setting: "--max-unpacked-bytes"), features: .init(1_000, setting: "--max-features"),
                                         vertices: .init(100_000, setting: "--max-vertices"), stringBytes: .init(64 << 10, setting: "--max-string-bytes"))

    /// A file uploaded to the service, read as the service reads it (from memory, confined, one
    /// driver, limits checked while reading) under every ending that goes to GDAL: a sender chooses
    /// the name as freely as the bytes, and a driver that does not recognise them gives up at once.
    public static func upload(_ data: Data) {
        for ending in uploadEndings {
            _ = try? RequestBodies.uploadedParcels(data, fileName: "fuzz." + ending, limits: uploadLimits, language: .en)
        }
    }

    /// The body of `POST /api/screen`, decoded into its sites against the demo dataset's catalogue.
    public static func screenRequest(_ data: Data) {
        guard let dataset = DemoDataset.shared else { return }
        _ = try? RequestBodies.screenSites(data, dataset: dataset, language: .en)
    }

    /// The body of `POST /api/screen/batch` (a FeatureCollection) decoded into sites, and each site
    /// in longitude/latitude as the handler returns it.
    public static func batchRequest(_ data: Data) {
        guard let dataset = DemoDataset.shared,
              let jobs = try? RequestBodies.batchJobs(data, dataset: dataset, crs: nil, offset: nil, idField: nil,
                                                      maxFeatures: 1000, language: .en) else { return }
        for (_, job) in jobs {
            if case .success(let site) = job.site { _ = try? site.longitudeLatitude() }
        }
    }
}

/// The demo dataset (Fixtures/demo), loaded once from its sources, for the request targets.
enum DemoDataset {
    static let shared: Dataset? = {
        guard let directory = DatasetLoader.defaultDirectory() else {
            FileHandle.standardError.write(Data("FuzzTargets: the demo dataset (Fixtures/demo) was not found; set ZONESCREEN_DATASET\n".utf8))
            return nil
        }
        return try? DatasetLoader.load(from: directory)
    }()
}
