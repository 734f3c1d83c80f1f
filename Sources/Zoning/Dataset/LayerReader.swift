import Foundation
import Formats
import Geometry

/// Reads the zoning layers through a `FeatureSource`, maps the province's field names to the tool's,
/// and projects geometries into the working CRS.
struct LayerReader {
    let directory: URL
    private let transformer: CoordinateTransformer

    init(directory: URL, from layerCRS: CRS, to workingCRS: CRS) throws(GeometryError) {
        self.directory = directory
        self.transformer = try CoordinateTransformer(from: layerCRS, to: workingCRS)
    }

    /// One feature's mapped fields and projected geometry, or nil after recording its problems.
    private struct Row {
        let feature: Feature
        let geometry: Geometry
        let fields: [String: String]
    }

    private func rows(_ spec: ManifestFile.LayerSpec, role: String, required: [String], optional: [String] = [],
                      polygonal: Bool, _ problems: inout ProblemLog) -> [Row] {
        let url = directory.datasetFile(spec.file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.fail(.fileMissing(path: spec.file, role: role))
            return []
        }
        for field in required where spec.fields[field] == nil {
            problems.fail(.invalidSetting(name: "\(role).fields.\(field)", detail: "未映射 / not mapped"))
        }
        let batch: FeatureBatch
        do { batch = try GeoJSONFile(url: url).readAll() } catch {
            problems.fail(.featureUnreadable(file: spec.file, detail: (error as? UserFacingError)?.message(.zh) ?? "\(error)"))
            return []
        }
        for problem in batch.problems { problems.fail(.featureUnreadable(file: spec.file, detail: problem.message(.zh))) }
        var rows: [Row] = []
        for feature in batch.features {
            var fields: [String: String] = [:]
            var complete = true
            for field in required + optional {
                guard let source = spec.fields[field] else { continue }
                if let value = feature.properties[source]?.text, !value.isEmpty {
                    fields[field] = value
                } else if required.contains(field) {
                    problems.fail(.fieldMissing(file: spec.file, feature: feature.index, id: feature.id, field: field, mappedFrom: source))
                    complete = false
                }
            }
            for (dimension, source) in spec.listFields ?? [:] {
                if let value = feature.properties[source]?.text { fields["list." + dimension] = value }
            }
            guard let geometry = feature.geometry else {
                problems.fail(.wrongGeometryType(file: spec.file, feature: feature.index, id: feature.id, found: "null",
                                                 expected: polygonal ? "Polygon/MultiPolygon" : "LineString/MultiLineString"))
                continue
            }
            let fits = polygonal ? geometry.dimension == 2 : geometry.dimension == 1
            guard fits, !geometry.isEmpty else {
                problems.fail(.wrongGeometryType(file: spec.file, feature: feature.index, id: feature.id, found: geometry.typeName,
                                                 expected: polygonal ? "Polygon/MultiPolygon" : "LineString/MultiLineString"))
                continue
            }
            do {
                let projected = try transformer.transform(geometry)
                if complete { rows.append(Row(feature: feature, geometry: projected, fields: fields)) }
            } catch {
                problems.fail(.invalidGeometry(file: spec.file, feature: feature.index, id: feature.id, reason: error.message(.zh), location: nil))
            }
        }
        return rows
    }

    func units(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> [ControlUnit] {
        let found = rows(spec, role: "controlUnits", required: ["code", "name", "class"], optional: ["subclass", "county"],
                         polygonal: true, &problems)
        var seen = Set<String>()
        var units: [ControlUnit] = []
        for row in found {
            guard let code = row.fields["code"], let name = row.fields["name"], let rawClass = row.fields["class"] else { continue }
            let mapped = spec.classValues?[rawClass] ?? rawClass
            guard let number = Int(mapped), let unitClass = UnitClass(rawValue: number) else {
                problems.fail(.unknownClassValue(file: spec.file, feature: row.feature.index, id: code, value: rawClass))
                continue
            }
            if !seen.insert(code).inserted { problems.fail(.duplicateCode(layer: "controlUnits", code: code)) }
            var listText: [Dimension: String] = [:]
            for dimension in Dimension.allCases {
                if let text = row.fields["list." + dimension.rawValue] { listText[dimension] = text }
            }
            units.append(ControlUnit(code: code, name: name, unitClass: unitClass, subclass: row.fields["subclass"],
                                     county: row.fields["county"], listText: listText, geometry: row.geometry))
        }
        for key in (spec.listFields ?? [:]).keys where Dimension(rawValue: key) == nil {
            problems.fail(.invalidSetting(name: "controlUnits.listFields.\(key)", detail: "不是准入清单维度 / not a list dimension"))
        }
        return units
    }

    func redLines(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> [RedLine] {
        var seen = Set<String>()
        return rows(spec, role: "redLines", required: ["code", "name"], optional: ["type"], polygonal: true, &problems).compactMap { row in
            guard let code = row.fields["code"], let name = row.fields["name"] else { return nil }
            if !seen.insert(code).inserted { problems.fail(.duplicateCode(layer: "redLines", code: code)) }
            return RedLine(code: code, name: name, type: row.fields["type"], geometry: row.geometry)
        }
    }

    func shorelines(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> [Shoreline] {
        rows(spec, role: "shorelines", required: ["name", "class"], polygonal: false, &problems).compactMap { row in
            guard let name = row.fields["name"], let raw = row.fields["class"] else { return nil }
            guard let riverClass = RiverClass(rawValue: spec.classValues?[raw] ?? raw) else {
                problems.fail(.unknownClassValue(file: spec.file, feature: row.feature.index, id: name, value: raw))
                return nil
            }
            return Shoreline(riverName: name, riverClass: riverClass, geometry: row.geometry)
        }
    }

    func sensitiveAreas(_ spec: ManifestFile.LayerSpec, layer: String, _ problems: inout ProblemLog) -> [SensitiveArea] {
        rows(spec, role: "sensitiveAreas.\(layer)", required: ["name"], optional: ["code", "level"], polygonal: true, &problems).compactMap { row in
            guard let name = row.fields["name"] else { return nil }
            return SensitiveArea(layer: layer, kind: spec.kind ?? layer, code: row.fields["code"], name: name,
                                 level: row.fields["level"], geometry: row.geometry)
        }
    }
}
