import ArgumentParser
import Datasets
import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// `zonescreen convert FILE… --output OUT`: site files read as `screen` reads them (the same intake:
/// one feature per parcel, its ID and all its properties) and written through GDAL in the chosen CRS.
/// A feature that cannot be read or converted is reported; the others are written.
struct ConvertFiles {
    let command: Convert
    let output: String

    private var l: Language { command.common.lang }
    private var options: ConvertFileOptions { command.files }

    func run() throws {
        InterruptCleanup.install(language: l)
        let format = try options.resolvedFormat(output: output, language: l)
        let target: CRS
        var declared: CRS?
        do throws(GeometryError) {
            target = try CRS(parsing: command.to)
            if let input = options.input.crs ?? command.from { declared = try CRS(parsing: input) }
        } catch {
            fail(error.message(l))
        }
        guard let catalogueURL = BuiltInData.url(BuiltInData.catalogue), let catalogue = try? IndustryCatalogue(contentsOf: catalogueURL).withShippedWords() else {
            fail(l.pick("找不到 ZoneScreen 自带的行业分类 \(BuiltInData.catalogue)：安装不完整，请用 scripts/install 重新安装",
                        "ZoneScreen's own industry catalogue \(BuiltInData.catalogue) is missing: reinstall with scripts/install"))
        }
        // Profiles in the features do not matter here: the intake leaves them unread.
        let intake = SiteIntake(catalogue: catalogue, options: options.input.intake(crs: declared, offset: command.fromDatum, readsProfiles: false))

        var features: [Feature] = []
        var labels: [String] = []
        var failed = 0
        for file in command.inputs {
            var status = stat()
            if stat(file, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFDIR {
                report(GDALError.notRegularFile(file: file).message(l))
                failed += 1
                continue
            }
            let opened: FeatureSource
            do { opened = try SiteFiles.open(file, options: intake.options) } catch {
                report((error as? UserFacingError)?.message(l) ?? "\(error)")
                failed += 1
                continue
            }
            var source = intake.source(file)
            do {
                try opened.forEachFeature { read in
                    let job = source.job(read)
                    switch converted(job, to: target, intake: intake) {
                    case .success(let feature):
                        features.append(feature)
                        labels.append(job.label.text(l))
                    case .failure(let problem):
                        report(problem.message)
                        failed += 1
                    }
                }
            } catch {
                report(file + l.pick("：", ": ") + ((error as? UserFacingError)?.message(l) ?? "\(error)"))
                failed += 1
            }
            let readerNotes = (opened as? GDALFile)?.notes.map { file + l.pick("：", ": ") + $0.message(l) } ?? []
            for note in readerNotes + source.notes.map({ $0.message(l) }) { tell(note) }
        }
        guard !features.isEmpty else {
            fail(l.pick("没有可写出的要素，未写出 \(output)", "no feature to write; \(output) was not written"))
        }
        var rejected = 0
        do {
            let layer = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
            try GDALVectorWriter.write(features, layer: layer.isEmpty ? "sites" : layer, format: format, crs: target,
                                       to: URL(fileURLWithPath: output)) { left in
                report(labels[left.index] + l.pick("：", ": ") + left.message(l))
                rejected += 1
            }
        } catch {
            fail(error.message(l))
        }
        let written = features.count - rejected
        if !options.quiet {
            let datum = command.toDatum == .wgs84 ? "" : " + \(command.toDatum.rawValue.uppercased())"
            tell(l.pick("已写出 \(written) 个要素到 \(output)（\(target)\(datum)）", "wrote \(written) feature(s) to \(output) (\(target)\(datum))")
                 + (failed + rejected > 0 ? l.pick("；失败 \(failed + rejected) 个", "; \(failed + rejected) failed") : ""), plain: true)
        }
        if written == 0 { throw ExitCode(2) }
        if failed + rejected > 0 { throw ExitCode(1) }
    }

    /// The feature to write: the site's geometry in `target` (any web-map offset removed, or applied
    /// for `--to-datum`), the feature's own properties, and its ID as the `id` column when it has none.
    private func converted(_ job: BatchJob, to target: CRS, intake: SiteIntake) -> Result<Feature, CLIError> {
        let site: Site
        switch job.site {
        case .success(let read):
            site = read
        case .failure(let error):
            return .failure(CLIError(error.message(l)))
        }
        let prefix = job.label.text(l) + l.pick("：", ": ")
        var geometry = site.geometry
        if site.webMapDatum != .wgs84 {
            guard site.crs.isKnownGeographic else {
                return .failure(CLIError(prefix + l.pick("网络地图坐标纠偏只适用于经纬度坐标，而输入坐标系为 \(site.crs)",
                                                         "web-map offsets apply to longitude/latitude only; the input CRS is \(site.crs)")))
            }
            geometry = geometry.converted(from: site.webMapDatum, to: .wgs84).geometry
        }
        do { geometry = try geometry.transformed(from: site.crs, to: target) } catch {
            return .failure(CLIError(prefix + error.message(l)))
        }
        if command.toDatum != .wgs84 { geometry = geometry.converted(from: .wgs84, to: command.toDatum).geometry }

        var feature = job.feature ?? Feature(id: job.id, geometry: nil, index: 0)
        // Notes are prose in the run's language, for the reader of stderr rather than a column.
        for note in feature.notes { tell(prefix + note.message(l)) }
        var order = feature.propertyOrder ?? feature.properties.keys.sorted()
        if let id = job.id, feature.properties["id"] == nil {
            feature.properties["id"] = .string(id)
            order.insert("id", at: 0)
        }
        feature.propertyOrder = order
        feature.geometry = geometry
        feature.crs = target
        return .success(feature)
    }

    private func report(_ message: String) {
        FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + TerminalText.oneLine(message) + "\n").utf8))
    }

    private func tell(_ note: String, plain: Bool = false) {
        FileHandle.standardError.write(Data(((plain ? "" : l.pick("注意：", "note: ")) + TerminalText.oneLine(note) + "\n").utf8))
    }

    private func fail(_ message: String) -> Never {
        report(message)
        Convert.exit(withError: ExitCode(2))
    }
}
