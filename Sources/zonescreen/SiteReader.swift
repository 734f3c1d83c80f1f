import Foundation
import Formats
import Geometry
import Zoning

/// Turns everything the user named (points, pasted coordinates, files, stdin, demo sites) into
/// batch jobs, in order. A site that cannot be read becomes a failed job; the others go on.
struct SiteReader: Sendable {
    let dataset: Dataset
    /// The CRS the user named; nil means "as the file says, else CGCS2000 longitude/latitude".
    let declaredCRS: CRS?
    let offset: WebMapDatum
    /// For files read through GDAL: forced text encoding and layer.
    let encoding: String?
    let layer: String?
    let overrides: ProfileOverrides
    let language: Language

    var inputCRS: CRS { declaredCRS ?? .cgcs2000 }

    /// - Parameters:
    ///   - expect: told the number of sites when it is known before screening starts (not for stdin).
    ///   - submit: receives each job as soon as it is read.
    ///   - idle: called when a stream may pause, so a partial batch can go to the workers.
    func read(points: [String], coordinateTexts: [String], files: [String], demoSites: Bool,
              expect: (Int) -> Void, submit: (BatchJob) -> Void, idle: () -> Void) {
        let l = language
        var ready: [BatchJob] = []
        for (index, text) in points.enumerated() {
            let label = "--point \(text)"
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite {
                ready.append(job(Feature(id: "point-\(index + 1)", geometry: .point(Coordinate(x: x, y: y)), index: index), label: label))
            } else {
                ready.append(failed(label, l.pick("第 \(index + 1) 个 --point“\(text)”格式有误，应为 经度,纬度（如 111.5,30.5）",
                                                  "--point \(index + 1) \"\(text)\" is malformed; expected LON,LAT (e.g. 111.5,30.5)")))
            }
        }
        for (index, text) in coordinateTexts.enumerated() {
            do {
                let parsed = try CoordinateText.parse(text, geographic: inputCRS.isKnownGeographic)
                var feature = Feature(id: "coords-\(index + 1)", geometry: parsed.geometry, index: index)
                let notes = parsed.notes.map { $0.message(l) }
                if !notes.isEmpty { feature.properties["inputNotes"] = .array(notes.map(JSONValue.string)) }
                ready.append(job(feature, label: "--coords \(index + 1)"))
            } catch {
                ready.append(failed("--coords \(index + 1)", error.message(l)))
            }
        }
        let stdinRequested = files.contains("-")
        if demoSites {
            for feature in dataset.sites {
                // Demo sites are in the dataset's layer CRS.
                var located = feature
                located.crs = located.crs ?? dataset.metadata.crs
                ready.append(job(located, label: feature.id ?? feature.properties["id"]?.text ?? "#\(feature.index + 1)"))
            }
        }
        for item in ready { submit(item) }
        // File features go to the workers as they are read (screening overlaps reading, and a large
        // file's jobs are never all held at once); the total is known once the files are read.
        var count = ready.count
        for file in files where file != "-" {
            let options = GDALReadOptions(encoding: encoding, crs: declaredCRS, layer: layer, language: language)
            collect(FeatureSources.open(file, options: options)) { job in
                count += 1
                submit(job)
            }
        }
        if !stdinRequested { expect(count) }
        if stdinRequested {
            var streamed: [BatchJob] = []
            let deliver: (Result<Feature, FeatureError>) -> Void = { result in
                streamed.removeAll(keepingCapacity: true)
                append(result, source: "stdin", into: &streamed)
                for item in streamed { submit(item) }
            }
            do {
                switch StandardInput.source() {
                case .stream(let reader): try reader.forEachFeature(deliver, whenWaiting: idle)
                case .document(let source): try source.forEachFeature(deliver)
                }
            } catch {
                submit(failed("stdin", (error as? UserFacingError)?.message(language) ?? "\(error)"))
            }
        }
    }

    private func collect(_ source: Result<FeatureSource, CLIError>, submit: (BatchJob) -> Void) {
        switch source {
        case .failure(let error):
            submit(failed(language.pick("文件", "file"), error.message))
        case .success(let source):
            var jobs: [BatchJob] = []
            do {
                try source.forEachFeature { result in
                    jobs.removeAll(keepingCapacity: true)
                    append(result, source: source.name, into: &jobs)
                    for job in jobs { submit(job) }
                }
                if let gdal = source as? GDALFile {
                    for note in gdal.notes {
                        FileHandle.standardError.write(Data((language.pick("注意：", "note: ") + "\(source.name)：" + note.message(language) + "\n").utf8))
                    }
                }
            } catch {
                submit(failed(source.name, (error as? UserFacingError)?.message(language) ?? "\(error)"))
            }
        }
    }

    private func append(_ result: Result<Feature, FeatureError>, source: String, into jobs: inout [BatchJob]) {
        switch result {
        case .success(let feature):
            jobs.append(job(feature, label: "\(source)#\(feature.index + 1)" + (feature.id.map { "（\($0)）" } ?? "")))
        case .failure(let error):
            let label = "\(source)#\((error.featureIndex ?? 0) + 1)" + (error.featureID.map { "（\($0)）" } ?? "")
            jobs.append(BatchJob(label: label, feature: nil, site: .failure(BatchInputError(message: error.message(language)))))
        }
    }

    private func failed(_ label: String, _ message: String) -> BatchJob {
        BatchJob(label: label, feature: nil, site: .failure(BatchInputError(message: message)))
    }

    /// A job for one feature: its own CRS if its source stated one, its own profile merged with the options.
    private func job(_ feature: Feature, label: String) -> BatchJob {
        guard let geometry = feature.geometry else {
            return BatchJob(label: label, feature: feature, site: .failure(BatchInputError(message: language.pick("站点 \(label) 没有几何", "site \(label) has no geometry"))))
        }
        do {
            let siteProfile = try overrides.profile(over: Self.profile(from: feature.properties), catalogue: dataset.catalogue, language: language)
            let properties = feature.properties
            let name = ["name", "parcelName", "NAME", "名称", "地块名称"].lazy.compactMap { properties[$0]?.text }.first
            let site = Site(id: feature.id ?? properties["id"]?.text, name: name, geometry: geometry,
                            crs: feature.crs ?? inputCRS, webMapDatum: offset, profile: siteProfile, notes: notes(of: feature))
            return BatchJob(label: label, feature: feature, site: .success(site))
        } catch {
            return BatchJob(label: label, feature: feature, site: .failure(BatchInputError(message: language.pick("站点 \(label)：", "site \(label): ") + error.message)))
        }
    }

    /// What the reader noticed about a feature, worth a line in the report.
    private func notes(of feature: Feature) -> [String] {
        var notes = (feature.properties["inputNotes"]?.array ?? []).compactMap(\.text)
        if feature.properties["areaMismatch"]?.bool == true,
           let declared = feature.properties["declaredAreaHectares"]?.number, let computed = feature.properties["computedAreaHectares"]?.number {
            let (d, c) = (String(format: "%.4f", declared), String(format: "%.4f", computed))
            notes.append(language.pick("申报面积 \(d) 公顷与按界址点计算的 \(c) 公顷不符", "declared area \(d) ha disagrees with the \(c) ha computed from the boundary points"))
        }
        return notes
    }

    /// A project profile from a feature's own properties (industry, nature, chemical, flags).
    static func profile(from properties: [String: JSONValue]) -> ProjectProfile? {
        let industry = properties["industry"]?.text
        let nature = properties["nature"]?.text.flatMap(ProjectNature.init(parsing:))
        let chemical = properties["chemical"]?.bool
        let flags = Set((properties["flags"]?.array ?? []).compactMap(\.text))
        if industry == nil && nature == nil && chemical == nil && flags.isEmpty { return nil }
        return ProjectProfile(industry: industry, nature: nature, chemical: chemical, flags: flags)
    }
}

/// Picks a reader by the file's form: 勘测定界 coordinate files by their `.txt` ending, GeoJSON by
/// `.geojson`/`.json`, everything else (Shapefile, KML/KMZ, GeoPackage, DXF, CSV, XLSX) through GDAL.
enum FeatureSources {
    static func open(_ path: String, options: GDALReadOptions) -> Result<FeatureSource, CLIError> {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "txt": return .success(SurveyTextFile(path: path, language: options.language))
        case "geojson", "json": return .success(GeoJSONFile(path: path))
        default:
            do { return .success(try GDALFile(path: path, options: options)) } catch {
                return .failure(CLIError(error.message(options.language)))
            }
        }
    }
}
