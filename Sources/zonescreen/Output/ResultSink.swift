import Foundation
import Formats
import Geometry
import Zoning

/// Where screening results go, one site at a time in input order.
protocol ResultSink: AnyObject {
    func add(_ item: BatchItem) throws
    /// Writes what was held back and moves files into place.
    func finish() throws
}

enum OutputFormat: String, CaseIterable {
    case text, json, geojson, geojsonseq, ndjson, csv
}

enum ResultSinks {
    static func make(_ format: OutputFormat, output: String?, language: Language) throws -> ResultSink {
        let url = output.map { URL(fileURLWithPath: $0) }
        switch format {
        case .text: return TextSink(output: try AtomicOutput(destination: url), language: language)
        case .json: return JSONSink(output: try AtomicOutput(destination: url))
        case .geojson: return GeoJSONSink(output: try AtomicOutput(destination: url))
        case .geojsonseq: return SequenceSink(output: try AtomicOutput(destination: url), textSequence: true)
        case .ndjson: return SequenceSink(output: try AtomicOutput(destination: url), textSequence: false)
        case .csv:
            let zones = url.map { $0.deletingPathExtension().appendingPathExtension("zones.csv") }
            return try CSVSink(sites: try AtomicOutput(destination: url), zones: try zones.map { try AtomicOutput(destination: $0) }, language: language)
        }
    }

    /// The input feature with the result (or the error) under one property.
    static func annotatedFeature(_ item: BatchItem) -> Feature {
        var feature = item.feature ?? Feature(id: item.label, geometry: nil, index: item.index)
        switch item.outcome {
        case .success(let result):
            if let data = try? JSONEncoder().encode(result), let object = try? JSONSerialization.jsonObject(with: data) {
                feature.properties["zonescreen"] = JSONValue(any: object)
            }
        case .failure(let error):
            feature.properties["zonescreenError"] = .string(error.message)
        }
        return feature
    }
}

final class TextSink: ResultSink {
    let output: AtomicOutput
    let report: TextReport
    let language: Language
    private var first = true

    init(output: AtomicOutput, language: Language) {
        self.output = output
        self.report = TextReport(language: language)
        self.language = language
    }

    func add(_ item: BatchItem) throws {
        if !first { try output.write("\n") }
        first = false
        switch item.outcome {
        case .success(let result): try output.write(report.render(result))
        case .failure(let error): try output.write("══ \(item.label) ══\n" + language.pick("无法筛查：", "not screened: ") + error.message + "\n")
        }
    }

    func finish() throws { try output.commit() }
}

final class JSONSink: ResultSink {
    let output: AtomicOutput
    private var results: [ScreeningResult] = []
    private var failures: [Failure] = []

    struct Failure: Encodable {
        let index: Int
        let site: String
        let message: String
    }

    private struct Run: Encodable {
        let results: [ScreeningResult]
        let failures: [Failure]
    }

    init(output: AtomicOutput) { self.output = output }

    func add(_ item: BatchItem) throws {
        switch item.outcome {
        case .success(let result): results.append(result)
        case .failure(let error): failures.append(Failure(index: item.index, site: item.label, message: error.message))
        }
    }

    func finish() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try output.write(try encoder.encode(Run(results: results, failures: failures)) + Data("\n".utf8))
        try output.commit()
    }
}

final class GeoJSONSink: ResultSink {
    let output: AtomicOutput
    private var features: [Feature] = []

    init(output: AtomicOutput) { self.output = output }

    func add(_ item: BatchItem) throws { features.append(ResultSinks.annotatedFeature(item)) }

    func finish() throws {
        try output.write(GeoJSONWriter.featureCollection(features) + Data("\n".utf8))
        try output.commit()
    }
}

/// GeoJSON Text Sequences (RFC 8142) or newline-delimited GeoJSON: each answer leaves at once.
final class SequenceSink: ResultSink {
    let output: AtomicOutput
    let textSequence: Bool

    init(output: AtomicOutput, textSequence: Bool) {
        self.output = output
        self.textSequence = textSequence
    }

    func add(_ item: BatchItem) throws {
        let feature = ResultSinks.annotatedFeature(item)
        try output.write(textSequence ? GeoJSONWriter.textSequenceRecord(feature) : GeoJSONWriter.lineRecord(feature))
    }

    func finish() throws { try output.commit() }
}
