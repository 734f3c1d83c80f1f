import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// One site's answer as a GeoJSON feature, for every output that gives features back (the command
/// line's geojson, geojsonseq and ndjson, the service's batch answer and its answer for an upload of
/// several parcels): the input feature with all its properties, the answer under `zonescreen` or the
/// error under `zonescreenError`, and the geometry always in RFC 7946 longitude/latitude.
public enum AnsweredFeature {
    /// - Parameters:
    ///   - feature: the feature as read; nil when it could not be read (the feature is then made of
    ///     `id`, else `label`, alone).
    ///   - site: the site as read, also when screening it failed: its geometry comes back in degrees
    ///     with any web-map offset removed. Without one, a feature whose reader knew its CRS is
    ///     converted from it.
    ///   - answer: the answer's JSON, or the message saying why there is none.
    public static func text(feature: Feature?, id: String?, label: String, index: Int, site: Site?, answer: Result<Data, AnswerFailure>) -> String {
        var feature = feature ?? Feature(id: id ?? label, geometry: nil, index: index)
        if let site {
            feature.geometry = try? site.longitudeLatitude()
        } else if let geometry = feature.geometry, let crs = feature.crs, crs != .cgcs2000, crs != .wgs84 {
            feature.geometry = try? geometry.transformed(from: crs, to: .cgcs2000)
        }
        feature.crs = nil
        switch answer {
        case .success(let json):
            return GeoJSONWriter.featureText(feature, rawProperty: ("zonescreen", String(decoding: json, as: UTF8.self)))
        case .failure(let failure):
            feature.properties["zonescreenError"] = .string(failure.message)
            return GeoJSONWriter.featureText(feature)
        }
    }
}

/// Why a site has no answer, as its output says it.
public struct AnswerFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// A FeatureCollection of answered features with the dataset's summary at the top and, when the
/// answers cite clauses by id, their texts at the end (`clauses`), both foreign members. Written in
/// pieces so that a long collection streams.
public struct FeatureCollectionLayout: Sendable {
    public enum Style: Sendable {
        /// A feature per line (the command line's file, for grep and head).
        case featurePerLine
        /// No line breaks (the service's answers).
        case compact
    }

    public let style: Style

    public init(_ style: Style) { self.style = style }

    /// `{"type":"FeatureCollection","dataset":…,"features":[`; without a dataset, no `dataset` member.
    public func head(dataset: Data?) -> Data {
        var head = Data(#"{"type":"FeatureCollection","#.utf8)
        if let dataset { head += Data(#""dataset":"#.utf8) + dataset + Data(",".utf8) }
        return head + Data(#""features":["#.utf8)
    }

    /// What goes before the feature at `position` (from 0).
    public func separator(before position: Int) -> Data {
        switch style {
        case .featurePerLine: Data((position > 0 ? ",\n" : "\n").utf8)
        case .compact: position > 0 ? Data(",".utf8) : Data()
        }
    }

    /// `]`, the clause texts member when given (`,"clauses":{…}`, see `ClauseTexts.collectionMember`), `}`.
    public func tail(clauses: Data?) -> Data {
        switch style {
        case .featurePerLine: Data("\n]".utf8) + (clauses ?? Data()) + Data("}\n".utf8)
        case .compact: Data("]".utf8) + (clauses ?? Data()) + Data("}".utf8)
        }
    }
}

/// An output that cannot be written as asked.
public enum OutputError: UserFacingError, Sendable {
    /// XLSX and PDF are files, never a stream on standard output.
    case needsFile(format: OutputFormat)

    public func message(_ l: Language) -> String {
        switch self {
        case .needsFile(let format): l.pick("\(format.rawValue) 格式需要用 --output 指定文件", "\(format.rawValue) output needs --output FILE")
        }
    }
}
