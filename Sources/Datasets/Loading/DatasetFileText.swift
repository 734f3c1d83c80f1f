import Foundation
import Geometry
import Wording
import Zoning

/// One of a dataset's YAML files checked from its text alone, through the same decoding and checks the
/// loader applies when it reads the file from a folder (for fuzzing and for tools that hold the text).
/// Checks that need the rest of the dataset (layers, the industry catalogue, references between
/// files) are not made.
public enum DatasetFileText {
    public enum Kind: String, Sendable, CaseIterable {
        /// `dataset.yaml`.
        case manifest
        /// A clause file (`lists/*.yaml`).
        case clauses
        /// The unit clause annotation table.
        case annotations
        /// `rules.yaml`.
        case rules
    }

    /// Every problem the loader would record for this text as a file of that kind (empty: none).
    public static func problems(_ data: Data, kind: Kind, name: String) -> [DatasetProblem] {
        var log = ProblemLog()
        switch kind {
        case .manifest:
            guard let manifest: ManifestFile = log.decodeYAML(data, name: name) else { break }
            if manifest.formatVersion != 1 { log.fail(.unsupportedFormatVersion(manifest.formatVersion)) }
            if let text = manifest.crs {
                do { _ = try CRS(parsing: text) } catch { log.fail(.invalidSetting(name: "crs", detail: error.message(.zh))) }
            }
            _ = DatasetLoader.resolveMeasurement(manifest.measurement, &log)
            if let code = manifest.regionCode, let detail = RegionCode.problem(code) { log.fail(.invalidSetting(name: "regionCode", detail: detail)) }
            if let pack = NationalRulePack.read(&log) {
                _ = NationalRulePack.resolve(pack, settings: manifest.nationalRules, regionCode: manifest.regionCode, &log)
            }
        case .clauses:
            guard let parsed: ClauseFile = log.decodeYAML(data, name: name) else { break }
            var reader = ClauseReader(directory: URL(fileURLWithPath: "/"), log: log)
            reader.addClauses(parsed, file: name)
            log = reader.log
        case .annotations:
            guard let parsed: AnnotationFile = log.decodeYAML(data, name: name) else { break }
            var reader = ClauseReader(directory: URL(fileURLWithPath: "/"), log: log)
            reader.applyAnnotations(parsed)
            log = reader.log
        case .rules:
            guard let parsed: RulesFile = log.decodeYAML(data, name: name) else { break }
            // Checked with the national rules in force everywhere, as a dataset without regionCode gets them.
            guard let pack = NationalRulePack.read(&log) else { break }
            let national = NationalRulePack.resolve(pack, settings: nil, regionCode: nil, &log)
            var reader = ClauseReader(directory: URL(fileURLWithPath: "/"), log: log)
            _ = reader.rules(national: national, local: parsed, file: name)
            log = reader.log
        }
        return log.fatal + log.warnings
    }
}
