import Foundation
import Formats
import Geometry
import Zoning

/// The dataset drawn for the web map, in CGCS2000 longitude/latitude: units, red lines, shorelines,
/// the rules' shoreline bands, sensitive areas, parks. Built once at start-up; served as one JSON document.
///
/// Drawn, not measured: every shape is simplified to within a tolerance that grows with the region
/// (1/20,000 of its envelope's diagonal: about 4 m for the demo county, 40 m for a province), so a
/// province's map is a few megabytes rather than the 72 MB of its full vertices. Answers on the page
/// always come from screening, never from these shapes.
enum MapLayers {
    static func build(_ dataset: Dataset) throws -> Data {
        let back = try CoordinateTransformer(from: dataset.workingCRS, to: .cgcs2000)
        let extent = dataset.units.reduce(Envelope.empty) { $0.union($1.shape.envelope) }
        let tolerance = extent.isEmpty ? 0 : (extent.width * extent.width + extent.height * extent.height).squareRoot() / 20_000
        func feature(_ geometry: Geometry, _ properties: [String: JSONValue]) throws -> Feature {
            let drawn = tolerance > 0 ? (try? geometry.simplifiedForDrawing(tolerance: tolerance)) ?? geometry : geometry
            // Rounded to 1e-6 degrees (about 0.1 m): enough for a map, a third of the bytes.
            let geographic = try back.transform(drawn).mapCoordinates {
                Coordinate(x: ($0.x * 1e6).rounded() / 1e6, y: ($0.y * 1e6).rounded() / 1e6)
            }
            return Feature(geometry: geographic, properties: properties)
        }
        func collection(_ features: [Feature]) -> String { String(decoding: GeoJSONWriter.featureCollection(features), as: UTF8.self) }

        let units = try dataset.units.map {
            try feature($0.geometry, ["code": .string($0.code), "name": .string($0.name), "unitClass": .number(Double($0.unitClass.rawValue)),
                                      "subclass": $0.subclass.map(JSONValue.string) ?? .null])
        }
        let redLines = try dataset.redLines.map {
            try feature($0.geometry, ["code": .string($0.code), "name": .string($0.name), "type": $0.type.map(JSONValue.string) ?? .null])
        }
        let shorelines = try dataset.shorelines.map {
            try feature($0.geometry, ["river": .string($0.riverName), "riverClass": .string($0.riverClass.rawValue)])
        }
        let sensitive = try dataset.sensitiveAreas.map {
            try feature($0.geometry, ["layer": .string($0.layer), "kind": .string($0.kind), "name": .string($0.name),
                                      "level": $0.level.map(JSONValue.string) ?? .null])
        }
        let parks = try (dataset.parks ?? []).map {
            try feature($0.geometry, ["name": .string($0.name), "code": $0.code.map(JSONValue.string) ?? .null, "kind": .string($0.kind.rawValue),
                                      "level": $0.level.map(JSONValue.string) ?? .null, "compliant": $0.compliant.map(JSONValue.bool) ?? .null])
        }
        // One band per distinct distance and set of rivers in the rules, widest first so narrow ones draw on top.
        var bands: [Feature] = []
        var seen = Set<String>()
        let rules = dataset.rules.shorelineBands.sorted {
            if case .shorelineBand(let a, _) = $0.kind, case .shorelineBand(let b, _) = $1.kind { return a > b }
            return false
        }
        for rule in rules {
            guard case .shorelineBand(let distance, let rivers) = rule.kind, seen.insert("\(distance)|\(rivers)").inserted else { continue }
            let lines = dataset.shorelines.filter { rivers.contains($0.riverClass) }.map(\.geometry)
            guard !lines.isEmpty else { continue }
            let band = try Geometry.geometryCollection(lines).buffer(distance, quadrantSegments: 4).unaryUnion()
            bands.append(try feature(band, ["distanceMetres": .number(distance), "ruleId": .string(rule.id),
                                            "rivers": .array(rivers.map { .string($0.rawValue) })]))
        }
        let document = "{\"units\":\(collection(units)),\"redLines\":\(collection(redLines)),\"shorelines\":\(collection(shorelines)),"
            + "\"bands\":\(collection(bands)),\"sensitiveAreas\":\(collection(sensitive)),\"parks\":\(collection(parks))}"
        return Data(document.utf8)
    }
}
