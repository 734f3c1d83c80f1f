import Foundation
import Formats
import Geometry
import Zoning
import Wording

/// Turns everything the user named (points, pasted coordinates, files, stdin, demo sites) into
/// batch jobs, in order, through the library's one site intake. A site that cannot be read becomes
/// a failed job; the others go on.
struct SiteReader: Sendable {
    let dataset: Dataset
    let intake: SiteIntake
    /// The language of the notes this reader prints and of the source name it gives demo sites.
    let language: Language
    /// Standard input read whole (one GeoJSON document) stops past this.
    var stdinLimit = ReadLimits.Bound(InputLimits.stdinBytes.value, setting: InputLimits.stdinBytes.variable)
    /// `--merge-parcels`: each file's (and stdin's) parcels are screened together as one site.
    var mergeParcels = false

    /// - Parameters:
    ///   - expect: told the number of sites when it is known before screening starts (not for stdin).
    ///   - submit: receives each job as soon as it is read.
    ///   - idle: called when a stream may pause, so a partial batch can go to the workers.
    func read(points: [String], coordinateTexts: [String], files: [String], demoSites: Bool,
              expect: (Int) -> Void, submit: (BatchJob) -> Void, idle: () -> Void) {
        let l = language
        var ready: [BatchJob] = []
        for (index, text) in points.enumerated() {
            var source = intake.source("--point", numbered: false)
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite {
                ready.append(source.job(Feature(id: "point-\(index + 1)", geometry: .point(Coordinate(x: x, y: y)), index: index)))
            } else {
                ready.append(failed("--point \(text)", MalformedPoint(number: index + 1, text: text)))
            }
        }
        for (index, text) in coordinateTexts.enumerated() {
            var source = intake.source("--coords", numbered: false)
            do {
                let parsed = try CoordinateText.parse(text, geographic: intake.options.crs?.isKnownGeographic ?? true)
                let feature = Feature(id: "coords-\(index + 1)", geometry: parsed.geometry, index: index, notes: parsed.notes.map(InputNote.coordinates))
                ready.append(source.job(feature))
            } catch {
                ready.append(failed("--coords \(index + 1)", error))
            }
        }
        if demoSites {
            var source = intake.source(l.pick("示例站点", "demo sites"), numbered: false)
            for feature in dataset.sites {
                // Demo sites are in the dataset's layer CRS.
                var located = feature
                located.crs = located.crs ?? dataset.metadata.crs
                ready.append(source.job(located))
            }
        }
        for item in ready { submit(item) }
        // File features go to the workers as they are read (screening overlaps reading, and a large
        // file's jobs are never all held at once); the total is known once the files are read.
        var count = ready.count
        for file in files where file != "-" {
            count += read(file: file, submit: submit)
        }
        let stdinRequested = files.contains("-")
        if !stdinRequested { expect(count) }
        if stdinRequested {
            var source = intake.source("stdin")
            var parcels: [BatchJob] = []
            let deliver: (Result<Feature, FeatureError>) -> Void = { read in
                if mergeParcels { parcels.append(source.job(read)) } else { submit(source.job(read)) }
            }
            do {
                switch try StandardInput.source(limit: stdinLimit, language: l) {
                case .stream(let reader): try reader.forEachFeature(deliver, whenWaiting: idle)
                case .document(let document): try document.forEachFeature(deliver)
                }
            } catch {
                parcels.removeAll()
                submit(failed("stdin", error))
            }
            if mergeParcels && !parcels.isEmpty { submit(intake.merged(parcels, source: "stdin")) }
            tell(source.notes.map { $0.message(l) })
        }
    }

    /// Reads one file into jobs; returns how many.
    private func read(file: String, submit: (BatchJob) -> Void) -> Int {
        let l = language
        var count = 0
        // A FIFO would wait for a writer for ever (and a device is no site file): said at once.
        var status = stat()
        if stat(file, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG, (status.st_mode & S_IFMT) != S_IFDIR {
            submit(failed(file, GDALError.notRegularFile(file: file)))
            return 1
        }
        let opened: FeatureSource
        do { opened = try SiteFiles.open(file, options: intake.options) } catch {
            submit(failed(file, error))
            return 1
        }
        var source = intake.source(file)
        var parcels: [BatchJob] = []
        do {
            try opened.forEachFeature { result in
                if mergeParcels {
                    parcels.append(source.job(result))
                } else {
                    count += 1
                    submit(source.job(result))
                }
            }
            if mergeParcels {
                count += 1
                submit(intake.merged(parcels, source: file))
            }
        } catch {
            count += 1
            submit(failed(file, error))
        }
        let readerNotes = (opened as? GDALFile)?.notes.map { file + l.pick("：", ": ") + $0.message(l) } ?? []
        tell(readerNotes + source.notes.map { $0.message(l) })
        return count
    }

    private func tell(_ notes: [String]) {
        for note in notes {
            FileHandle.standardError.write(Data((language.pick("注意：", "note: ") + TerminalText.oneLine(note) + "\n").utf8))
        }
    }

    /// A job for input that could not be read at all, called by `name` (an argument, a file, stdin).
    private func failed(_ name: String, _ error: any Error) -> BatchJob {
        BatchJob(label: .name(name), feature: nil, site: .failure(BatchInputError(.input(error), site: .name(name))))
    }
}

/// A `--point` that is not two finite numbers.
struct MalformedPoint: UserFacingError {
    /// Which `--point` of the command line, from 1.
    let number: Int
    let text: String

    func message(_ l: Language) -> String {
        l.pick("第 \(number) 个 --point“\(text)”格式有误，应为 经度,纬度（如 111.5,30.5）",
               "--point \(number) \"\(text)\" is malformed; expected LON,LAT (e.g. 111.5,30.5)")
    }
}
