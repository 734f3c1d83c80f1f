import Foundation
import Formats
import Geometry
import Zoning

/// One site to screen as the user gave it: the feature (kept for GeoJSON output) and where it came from.
struct SiteInput {
    var label: String
    var feature: Feature
    var profile: ProjectProfile?
}

/// A site that could not even be read (bad coordinates text, malformed feature).
struct SiteInputFailure: Error {
    var label: String
    var message: String
}

enum SiteInputs {
    /// Reads a project profile from a feature's own properties (industry, nature, chemical, flags).
    static func profile(from properties: [String: JSONValue]) -> ProjectProfile? {
        let industry = properties["industry"]?.text
        let nature = properties["nature"]?.text.flatMap(ProjectNature.init(parsing:))
        let chemical = properties["chemical"]?.bool
        let flags = Set((properties["flags"]?.array ?? []).compactMap(\.text))
        if industry == nil && nature == nil && chemical == nil && flags.isEmpty { return nil }
        return ProjectProfile(industry: industry, nature: nature, chemical: chemical, flags: flags)
    }

    static func fromPoints(_ points: [String], language l: Language) -> ([SiteInput], [SiteInputFailure]) {
        var sites: [SiteInput] = [], failures: [SiteInputFailure] = []
        for (index, text) in points.enumerated() {
            let label = "--point \(text)"
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite else {
                failures.append(SiteInputFailure(label: label, message: l.pick("第 \(index + 1) 个 --point“\(text)”格式有误，应为 经度,纬度（如 111.5,30.5）",
                                                                               "--point \(index + 1) \"\(text)\" is malformed; expected LON,LAT (e.g. 111.5,30.5)")))
                continue
            }
            sites.append(SiteInput(label: label, feature: Feature(id: "point-\(index + 1)", geometry: .point(Coordinate(x: x, y: y)), index: index)))
        }
        return (sites, failures)
    }

    static func fromCoordinateText(_ text: String, index: Int, geographic: Bool, language l: Language) -> Result<(SiteInput, [String]), SiteInputFailure> {
        let label = "--coords"
        do {
            let parsed = try CoordinateText.parse(text, geographic: geographic)
            var notes = parsed.notes.map { $0.message(l) }
            if parsed.swappedAxes { notes.append(l.pick("坐标按 纬度,经度 书写，已调换为 经度,纬度", "coordinates were written latitude first and have been swapped")) }
            return .success((SiteInput(label: label, feature: Feature(id: "coords-\(index + 1)", geometry: parsed.geometry, index: index)), notes))
        } catch {
            return .failure(SiteInputFailure(label: label, message: error.message(l)))
        }
    }

    /// Every feature of a GeoJSON file (or `-` for stdin); bad features become failures, the rest are kept.
    static func fromFile(_ path: String, language l: Language) -> ([SiteInput], [SiteInputFailure]) {
        var sites: [SiteInput] = [], failures: [SiteInputFailure] = []
        let source: FeatureSource
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let firstByte = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-stdin-\(ProcessInfo.processInfo.processIdentifier).json")
            do { try data.write(to: temporary) } catch {
                return ([], [SiteInputFailure(label: "stdin", message: "\(error)")])
            }
            defer { try? FileManager.default.removeItem(at: temporary) }
            let lineCount = data.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }.count
            if firstByte == 0x1E || (lineCount > 1 && GeoJSONFile.looksLikeSequence(data)), let handle = FileHandle(forReadingAtPath: temporary.path) {
                source = GeoJSONSequenceReader(handle: handle, name: "stdin")
            } else {
                source = NamedGeoJSONFile(url: temporary, name: "stdin")
            }
            collect(source, into: &sites, &failures, language: l)
            return (sites, failures)
        }
        collect(GeoJSONFile(path: path), into: &sites, &failures, language: l)
        return (sites, failures)
    }

    private static func collect(_ source: FeatureSource, into sites: inout [SiteInput], _ failures: inout [SiteInputFailure], language l: Language) {
        do {
            try source.forEachFeature { result in
                switch result {
                case .success(let feature):
                    let label = "\(source.name)#\(feature.index + 1)" + (feature.id.map { "（\($0)）" } ?? "")
                    sites.append(SiteInput(label: label, feature: feature, profile: profile(from: feature.properties)))
                case .failure(let error):
                    failures.append(SiteInputFailure(label: source.name, message: error.message(l)))
                }
            }
        } catch let error as UserFacingError {
            failures.append(SiteInputFailure(label: source.name, message: error.message(l)))
        } catch {
            failures.append(SiteInputFailure(label: source.name, message: "\(error)"))
        }
    }
}

/// A GeoJSON file read under another name in messages (stdin saved to a temporary file).
struct NamedGeoJSONFile: FeatureSource {
    let url: URL
    let name: String

    func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        try GeoJSONFile(url: url).forEachFeature { result in
            switch result {
            case .success: try body(result)
            case .failure(let error): try body(.failure(error.renamingSource(to: name)))
            }
        }
    }
}

extension GeoJSONFile {
    /// Several JSON texts, one per line (newline-delimited GeoJSON), rather than one document.
    static func looksLikeSequence(_ data: Data) -> Bool {
        let lines = data.split(separator: 0x0A).filter { !$0.isEmpty }
        guard lines.count > 1, let first = lines.first else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(first))) != nil
    }
}
