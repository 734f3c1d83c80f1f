import Foundation
import Geometry

/// GeoJSON output: whole collections, single features, and one-record-at-a-time sequences.
///
/// Output is compact and deterministic (members in a fixed order, property keys sorted), so the same
/// features always give the same bytes and files diff cleanly.
public enum GeoJSONWriter {
    /// Record separator that starts each GeoJSON Text Sequence record (RFC 8142 / RFC 7464).
    public static let recordSeparator: UInt8 = 0x1E
    public static let lineFeed: UInt8 = 0x0A

    public static func featureCollection(_ features: [Feature]) -> Data {
        var text = #"{"type":"FeatureCollection","features":["#
        for (position, feature) in features.enumerated() {
            if position > 0 { text += "," }
            text += featureText(feature)
        }
        text += "]}"
        return Data(text.utf8)
    }

    public static func feature(_ feature: Feature) -> Data {
        Data(featureText(feature).utf8)
    }

    /// One GeoJSON Text Sequence record: RS, the feature, LF.
    public static func textSequenceRecord(_ feature: Feature) -> Data {
        var data = Data([recordSeparator])
        data.append(contentsOf: featureText(feature).utf8)
        data.append(lineFeed)
        return data
    }

    /// One newline-delimited GeoJSON record: the feature, LF (compact text never holds a raw LF).
    public static func lineRecord(_ feature: Feature) -> Data {
        var data = Data(featureText(feature).utf8)
        data.append(lineFeed)
        return data
    }

    public static func featureText(_ feature: Feature) -> String {
        featureText(feature, rawProperty: nil)
    }

    /// The feature with one more property whose value is JSON text already encoded elsewhere (a
    /// screening result), so large values are not decoded and re-encoded just to be embedded.
    public static func featureText(_ feature: Feature, rawProperty: (key: String, json: String)?) -> String {
        var text = #"{"type":"Feature""#
        if let id = feature.id {
            text += #","id":"# + JSONValue.string(id).jsonText
        }
        text += #","geometry":"# + (feature.geometry.map(geometryText) ?? "null")
        var properties = feature.properties
        if let rawProperty { properties.removeValue(forKey: rawProperty.key) }
        var propertiesText = JSONValue.object(properties).jsonText
        if let rawProperty {
            propertiesText.removeLast()  // the closing brace
            propertiesText += (properties.isEmpty ? "" : ",") + JSONValue.string(rawProperty.key).jsonText + ":" + rawProperty.json + "}"
        }
        text += #","properties":"# + propertiesText
        text += "}"
        return text
    }

    /// Geometry's own GeoJSON text, except that non-finite numbers (which JSON cannot hold) become null
    /// rather than an unreadable file.
    private static func geometryText(_ geometry: Geometry) -> String {
        geometry.coordinates.allSatisfy(\.isFinite) ? geometry.geoJSON : "null"
    }
}

extension JSONValue {
    /// Compact JSON text with object keys sorted. Non-finite numbers, which JSON cannot express, are
    /// written as null.
    public var jsonText: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .number(let value):
            if !value.isFinite {
                output += "null"
            } else if value == value.rounded(), abs(value) < 1e15 {
                output += String(Int64(value))
            } else {
                // Swift prints the shortest text that reads back to the same Double, in JSON syntax.
                output += "\(value)"
            }
        case .string(let value):
            Self.writeString(value, to: &output)
        case .array(let values):
            output += "["
            for (position, value) in values.enumerated() {
                if position > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                members[key]?.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += String(format: "\\u%04x", scalar.value)
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
