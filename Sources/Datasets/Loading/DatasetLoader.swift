import Foundation
import Formats
import Geometry
import Yams
import Wording
import Zoning

/// Reads a dataset folder (docs/dataset-format.md), collecting every problem before giving up.
public enum DatasetLoader {
    /// The demo dataset shipped in the repository, found relative to the executable or the sources.
    public static func defaultDirectory() -> URL? {
        defaultDirectoryCandidates().first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("dataset.yaml").path) }
    }

    /// Where the demo dataset is looked for, in order: `ZONESCREEN_DATASET`; `Fixtures/demo` above the
    /// executable (a build in the repository); `PREFIX/share/zonescreen/demo` beside `PREFIX/bin`
    /// (where `scripts/install` puts it); the source tree this was built from; the current folder.
    public static func defaultDirectoryCandidates() -> [URL] {
        var candidates: [URL] = []
        if let environment = ProcessInfo.processInfo.environment["ZONESCREEN_DATASET"], !environment.isEmpty {
            candidates.append(URL(fileURLWithPath: environment))
        }
        var folder = BuiltInData.executableFolder
        candidates.append(folder.deletingLastPathComponent().appendingPathComponent("share/zonescreen/demo"))
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("Fixtures/demo"))
            folder.deleteLastPathComponent()
        }
        let source = URL(fileURLWithPath: #filePath)
        candidates.append(source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/demo"))
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Fixtures/demo"))
        var seen = Set<String>()
        return candidates.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    /// Reads the dataset from its source files and compiles it in memory (no store is written or
    /// used). `DatasetStore.open` is what commands use: it maps a compiled store when one is fresh.
    public static func load(from directory: URL) throws(DatasetError) -> Dataset {
        var problems = ProblemLog()
        let manifestURL = directory.datasetFile("dataset.yaml")
        guard let manifest: ManifestFile = problems.decodeYAML(manifestURL, role: "数据集清单 / manifest") else {
            throw DatasetError(path: directory.path, problems: problems.fatal)
        }
        if manifest.formatVersion != 1 { problems.fail(.unsupportedFormatVersion(manifest.formatVersion)) }
        if let code = manifest.regionCode, let detail = RegionCode.problem(code) {
            problems.fail(.invalidSetting(name: "regionCode", detail: detail))
        }

        var layerCRS: CRS?
        if let text = manifest.crs {
            do { layerCRS = try CRS(parsing: text) } catch {
                problems.fail(.invalidSetting(name: "crs", detail: error.message(.zh)))
                throw DatasetError(path: directory.path, problems: problems.fatal)
            }
        }
        let (workingCRS, measurement) = resolveMeasurement(manifest.measurement, &problems)
        guard let workingCRS, let measurement else { throw DatasetError(path: directory.path, problems: problems.fatal) }

        var reader = LayerReader(directory: directory, defaultCRS: layerCRS, workingCRS: workingCRS)
        let unitDrafts = reader.units(manifest.layers.controlUnits, &problems)
        let redLineDrafts = reader.redLines(manifest.layers.redLines, &problems)
        let shorelineDrafts = reader.shorelines(manifest.layers.shorelines, &problems)
        let (sensitiveLayers, sensitiveDrafts) = reader.sensitiveAreas(manifest.layers.sensitiveAreas ?? [], &problems)
        let parkDrafts = manifest.layers.parks.map { reader.parks($0, &problems) }
        let packed: (units: (PackedGeometries, [ControlUnit]), redLines: (PackedGeometries, [RedLine]),
                     shorelines: (PackedGeometries, [Shoreline]), sensitive: (PackedGeometries, [SensitiveArea]),
                     parks: (PackedGeometries, [Park]))
        do {
            packed = (try unitDrafts.zones(), try redLineDrafts.zones(), try shorelineDrafts.zones(), try sensitiveDrafts.zones(),
                      try (parkDrafts ?? LayerDrafts<Park>()).zones())
        } catch {
            problems.fail(.fileInvalid(path: directory.path, detail: "\(error)"))
            throw DatasetError(path: directory.path, problems: problems.fatal)
        }
        let units = packed.units.1, redLines = packed.redLines.1, shorelines = packed.shorelines.1, sensitiveAreas = packed.sensitive.1
        let parks = parkDrafts == nil ? nil : packed.parks.1

        let catalogue = readCatalogue(manifest.industryCatalogue, in: directory, &problems)
        let national = NationalRulePack.read(&problems).map {
            NationalRulePack.resolve($0, settings: manifest.nationalRules, regionCode: manifest.regionCode, &problems)
        }

        var clauses = ClauseReader(directory: directory, log: problems)
        for file in manifest.clauseFiles ?? [] { clauses.readClauseFile(file) }
        clauses.addUnitTextClauses(units: units, listFields: unitListDimensions(manifest.layers.controlUnits))
        if let annotations = manifest.unitClauseAnnotations { clauses.applyAnnotations(annotations) }
        if var lexicon = DatasetClauseReader.shippedLexicon(&clauses.log) {
            lexicon = lexicon.adding(IndustryGroupsReader(directory: directory).groups(manifest.industryGroups, &clauses.log))
            if let catalogue { lexicon = lexicon.adding(catalogueNames: catalogue.industries.map { ($0.name, $0.code) }) }
            clauses.readTexts(with: DatasetClauseReader(lexicon: lexicon))
        }
        var rules: RuleSet?
        if let national, let local = clauses.readRules(manifest.rules) {
            rules = clauses.rules(national: national, local: local, file: manifest.rules ?? "rules.yaml")
        }
        problems = clauses.log

        var sites: [Feature] = []
        if let sitesFile = manifest.sites {
            let url = directory.datasetFile(sitesFile)
            do { sites = try GeoJSONFile(url: url).features() } catch {
                problems.fail(.fileInvalid(path: sitesFile, detail: (error as? UserFacingError)?.message(.zh) ?? "\(error)"))
            }
        }

        guard problems.fatal.isEmpty, let catalogue, let rules else {
            throw DatasetError(path: directory.path, problems: problems.fatal + problems.warnings)
        }
        // The national rules cite their own documents; a dataset declaring the same id keeps its own.
        let declared = Set(manifest.sources.map(\.id))
        let sources = manifest.sources + (national?.sources ?? []).filter { !declared.contains($0.id) }
        let metadata = DatasetMetadata(
            name: manifest.name, region: manifest.region, regionCode: manifest.regionCode,
            fictional: manifest.fictional ?? false, version: manifest.version, date: manifest.date,
            sources: sources, shorelineBaseline: manifest.shorelineBaseline, crs: layerCRS ?? workingCRS)
        var warnings = problems.warnings
        if manifest.regionCode == nil && rules.national.enabled { warnings.append(.regionCodeMissing) }
        warnings += ReferenceCheck.problems(clauses: clauses.clauses, rules: rules, units: units, metadata: metadata,
                                            catalogue: catalogue, sensitiveLayers: sensitiveLayers, hasParks: parks != nil)
        let trees = Dataset.ZoneTrees(
            units: EnvelopeTree(units.map(\.shape.envelope)),
            redLines: EnvelopeTree(redLines.map(\.shape.envelope)),
            sensitiveAreas: EnvelopeTree(sensitiveAreas.map(\.shape.envelope)),
            parks: EnvelopeTree((parks ?? []).map(\.shape.envelope)),
            // A GEOS failure here (it would need an invalid zone, which the check reports) only
            // costs speed: without grids every test goes to GEOS.
            unitGrids: (try? CoverageGrid.grids(for: units.map(\.geometry))).map(CoverageGrids.init),
            redLineGrids: (try? CoverageGrid.grids(for: redLines.map(\.geometry))).map(CoverageGrids.init),
            sensitiveGrids: (try? CoverageGrid.grids(for: sensitiveAreas.map(\.geometry))).map(CoverageGrids.init),
            parkGrids: (try? CoverageGrid.grids(for: (parks ?? []).map(\.geometry))).map(CoverageGrids.init))
        let stamps = SourceFiles.stamps(sourceFiles(manifest, in: directory), in: directory)
            + [rules.national.enabled ? BuiltInData.nationalRules : nil, manifest.industryCatalogue == nil ? BuiltInData.catalogue : nil,
               BuiltInData.readerLexicon, BuiltInData.readerGroups]
                .compactMap { $0.flatMap(BuiltInData.stamp) } + [BuiltInData.readerStamp]
        let dataset = Dataset(Dataset.Parts(
            directory: directory, metadata: metadata, workingCRS: workingCRS, measurement: measurement,
            redLines: RecordList(redLines), units: RecordList(units), shorelines: shorelines, sensitiveLayers: sensitiveLayers,
            sensitiveAreas: sensitiveAreas, parks: parks, clauses: RecordList(clauses.clauses), clauseIndex: nil, rules: rules, catalogue: catalogue,
            sites: sites, contentHash: SourceFiles.contentHash(stamps), sources: stamps, warnings: warnings, geometryProblems: nil,
            shapes: LayerShapes(units: packed.units.0, redLines: packed.redLines.0, shorelines: packed.shorelines.0,
                                sensitiveAreas: packed.sensitive.0, parks: packed.parks.0),
            trees: trees, origin: .sources))
        FreedMemory.release()
        return dataset
    }

    /// The dataset's own catalogue when the manifest names one, else the built-in GB/T 4754-2017.
    static func readCatalogue(_ file: String?, in directory: URL, _ problems: inout ProblemLog) -> IndustryCatalogue? {
        guard let file else {
            guard let (data, _) = BuiltInData.contents(BuiltInData.catalogue) else {
                problems.fail(.builtInMissing(name: BuiltInData.catalogue, looked: BuiltInData.candidates(BuiltInData.catalogue).map(\.path)))
                return nil
            }
            do { return try IndustryCatalogue(csv: String(decoding: data, as: UTF8.self), source: "builtin:" + BuiltInData.catalogue).withShippedWords() } catch {
                problems.fail(.fileInvalid(path: "builtin:" + BuiltInData.catalogue, detail: "\(error)"))
                return nil
            }
        }
        let url = directory.datasetFile(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.fail(.fileMissing(path: file, role: "行业分类 / industry catalogue"))
            return nil
        }
        do { return try IndustryCatalogue(contentsOf: url).withShippedWords() } catch {
            problems.fail(.fileInvalid(path: file, detail: "\(error)"))
            return nil
        }
    }

    /// The dimensions whose unit text is split into clauses: from layer fields and from a list table.
    private static func unitListDimensions(_ spec: ManifestFile.LayerSpec) -> [String: String]? {
        var all = spec.listFields ?? [:]
        for (dimension, column) in spec.listTable?.columns ?? [:] where all[dimension] == nil { all[dimension] = column }
        return all.isEmpty ? nil : all
    }

    /// The manifest and every file it names (with a Shapefile's companions), in a fixed order.
    static func sourceFiles(_ manifest: ManifestFile, in directory: URL) -> [String] {
        var files = ["dataset.yaml"]
        let layers = [manifest.layers.redLines, manifest.layers.controlUnits, manifest.layers.shorelines] + (manifest.layers.sensitiveAreas ?? [])
            + (manifest.layers.parks.map { [$0] } ?? [])
        for layer in layers { files += SourceFiles.expand(layer.file, in: directory) }
        if let table = manifest.layers.controlUnits.listTable { files += SourceFiles.expand(table.file, in: directory) }
        files += [manifest.rules, manifest.industryCatalogue].compactMap { $0 }
        files += (manifest.industryGroups ?? []).compactMap(\.file)
        files += manifest.clauseFiles ?? []
        if let annotations = manifest.unitClauseAnnotations { files.append(annotations) }
        if let sites = manifest.sites { files.append(sites) }
        return files
    }

    static func resolveMeasurement(_ spec: ManifestFile.MeasurementSpec, _ problems: inout ProblemLog) -> (CRS?, MeasureMethod?) {
        let crs: CRS?
        if let text = spec.crs {
            do { crs = try CRS(parsing: text) } catch {
                problems.fail(.invalidSetting(name: "measurement.crs", detail: error.message(.zh)))
                return (nil, nil)
            }
        } else {
            crs = nil
        }
        switch spec.method {
        case "projected":
            guard let crs else {
                problems.fail(.invalidSetting(name: "measurement.crs", detail: "projected 量算需指定投影坐标系 / projected measurement needs a CRS"))
                return (nil, nil)
            }
            return (crs, .projected(crs))
        case "ellipsoidal":
            guard let crs else {
                problems.fail(.invalidSetting(name: "measurement.crs", detail: "需指定用于空间索引的投影坐标系 / a projected CRS is needed for indexing"))
                return (nil, nil)
            }
            return (crs, .ellipsoidal)
        default:
            problems.fail(.invalidSetting(name: "measurement.method", detail: "应为 projected 或 ellipsoidal / expected projected or ellipsoidal: \(spec.method)"))
            return (nil, nil)
        }
    }

}

/// Problems found while loading: fatal ones stop the load, warnings travel with the dataset.
struct ProblemLog {
    var fatal: [DatasetProblem] = []
    var warnings: [DatasetProblem] = []

    mutating func fail(_ problem: DatasetProblem) { fatal.append(problem) }
    mutating func warn(_ problem: DatasetProblem) { warnings.append(problem) }

    /// Decodes a YAML file, recording a missing or invalid file as fatal.
    mutating func decodeYAML<T: Decodable>(_ url: URL, role: String, relativeTo directory: URL? = nil) -> T? {
        let name = directory.map { url.path.replacingOccurrences(of: $0.path + "/", with: "") } ?? url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            fail(.fileMissing(path: name, role: role))
            return nil
        }
        return decodeYAML(data, name: name)
    }

    /// Decodes a YAML text already read, named `name` in messages, recording an invalid one as fatal.
    mutating func decodeYAML<T: Decodable>(_ data: Data, name: String) -> T? {
        guard let text = String(data: data, encoding: .utf8) else {
            fail(.fileInvalid(path: name, detail: "不是 UTF-8 文本 / not UTF-8 text"))
            return nil
        }
        // Yams recurses once per level and libyaml slows quadratically with depth: refuse deep texts first.
        let depthLimit = YAMLNesting.limit
        if let line = YAMLNesting.firstLine(deeperThan: depthLimit, in: text) {
            fail(.yamlTooDeep(path: name, line: line, limit: depthLimit))
            return nil
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            fail(.fileInvalid(path: name, detail: Self.describe(error)))
        } catch {
            fail(.fileInvalid(path: name, detail: "\(error)"))
        }
        return nil
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)) 缺少 \(key.stringValue) / missing \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension URL {
    /// A path from the manifest: relative to the dataset folder, or absolute.
    func datasetFile(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : appendingPathComponent(path)
    }
}
