import Foundation
import Formats
import Geometry
import Zoning

/// One site's outcome in a run: a result, or the reason it could not be screened.
enum SiteOutcome {
    case success(feature: Feature, result: ScreeningResult)
    case failure(label: String, feature: Feature?, message: String)

    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }

    var message: String {
        if case .failure(_, _, let message) = self { return message }
        return ""
    }
}

/// Renders a run's outcomes as a Chinese/English report, JSON, or GeoJSON with results attached.
struct ScreenOutput {
    let format: OutputFormat
    let language: Language

    func render(_ outcomes: [SiteOutcome], notes: [String], dataset: Dataset) -> Data {
        switch format {
        case .text: return Data(text(outcomes, notes: notes).utf8)
        case .json: return json(outcomes)
        case .geojson: return geojson(outcomes)
        }
    }

    private func text(_ outcomes: [SiteOutcome], notes: [String]) -> String {
        let report = TextReport(language: language)
        var parts = notes.map { language.pick("注意：", "note: ") + $0 + "\n" }
        for outcome in outcomes {
            switch outcome {
            case .success(_, let result): parts.append(report.render(result))
            case .failure(let label, _, let message): parts.append("══ \(label) ══\n" + language.pick("无法筛查：", "not screened: ") + message + "\n")
            }
        }
        return parts.joined(separator: "\n")
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private struct Failure: Encodable {
        let site: String
        let message: String
    }

    private struct Run: Encodable {
        let results: [ScreeningResult]
        let failures: [Failure]
    }

    private func json(_ outcomes: [SiteOutcome]) -> Data {
        var results: [ScreeningResult] = [], failures: [Failure] = []
        for outcome in outcomes {
            switch outcome {
            case .success(_, let result): results.append(result)
            case .failure(let label, _, let message): failures.append(Failure(site: label, message: message))
            }
        }
        return ((try? Self.encoder.encode(Run(results: results, failures: failures))) ?? Data()) + Data("\n".utf8)
    }

    /// Each input feature with its result under one property, `zonescreen` (or `zonescreenError`).
    private func geojson(_ outcomes: [SiteOutcome]) -> Data {
        var features: [Feature] = []
        for outcome in outcomes {
            switch outcome {
            case .success(var feature, let result):
                if let data = try? JSONEncoder().encode(result), let object = try? JSONSerialization.jsonObject(with: data) {
                    feature.properties["zonescreen"] = JSONValue(any: object)
                }
                features.append(feature)
            case .failure(_, let feature, let message):
                guard var feature else { continue }
                feature.properties["zonescreenError"] = .string(message)
                features.append(feature)
            }
        }
        return GeoJSONWriter.featureCollection(features) + Data("\n".utf8)
    }
}
