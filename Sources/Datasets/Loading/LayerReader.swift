import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// Zones read from one layer: their geometries (working CRS), and for each a function that makes the
/// zone once its geometry has a place in the layer's packed table.
struct LayerDrafts<Zone> {
    var geometries: [Geometry] = []
    var make: [(ZoneShape) -> Zone] = []

    mutating func add(_ geometry: Geometry, _ zone: @escaping (ZoneShape) -> Zone) {
        geometries.append(geometry)
        make.append(zone)
    }

    /// The zones, with their geometries packed into one table.
    func zones() throws(PackedGeometryError) -> (table: PackedGeometries, zones: [Zone]) {
        let bytes = OwnedBytes(try PackedGeometries.encode(geometries))
        let table = try PackedGeometries(bytes: bytes.bytes, owner: bytes)
        return (table, make.enumerated().map { $1(ZoneShape(table: table, item: $0)) })
    }
}

/// Reads the zoning layers through GDAL (any vector format it reads), maps the province's field names
/// to the tool's, and projects geometries into the working CRS. Each layer's CRS comes from its file
/// unless the manifest names one for the layer; the manifest's top-level `crs` serves files that carry
/// none.
struct LayerReader {
    let directory: URL
    let defaultCRS: CRS?
    let workingCRS: CRS
    private var transformers: [CRS: CoordinateTransformer] = [:]

    init(directory: URL, defaultCRS: CRS?, workingCRS: CRS) {
        self.directory = directory
        self.defaultCRS = defaultCRS
        self.workingCRS = workingCRS
    }

    /// One feature's mapped fields and projected geometry.
    private struct Row {
        let index: Int
        let id: String?
        let geometry: Geometry
        let fields: [String: String]
    }

    private mutating func transformer(from crs: CRS) throws(GeometryError) -> CoordinateTransformer {
        if let made = transformers[crs] { return made }
        let made = try CoordinateTransformer(from: crs, to: workingCRS)
        transformers[crs] = made
        return made
    }

    /// Opens a dataset file through GDAL (a layer, a list table), or records why it cannot be read:
    /// missing, unreadable, or holding several layers when the manifest names none.
    static func open(_ file: String, in directory: URL, layer: String?, encoding: String?, role: String,
                     _ problems: inout ProblemLog) -> GDALFile? {
        let url = directory.datasetFile(file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.fail(.fileMissing(path: file, role: role))
            return nil
        }
        do {
            let opened = try GDALFile(url: url, options: GDALReadOptions(encoding: encoding, layer: layer))
            if layer == nil, opened.layerNames.count > 1 {
                problems.fail(.layerNotChosen(file: file, layers: opened.layerNames))
                return nil
            }
            return opened
        } catch {
            problems.fail(.fileInvalid(path: file, detail: error.message(.zh)))
            return nil
        }
    }

    /// The CRS the layer's coordinates are in: the manifest's for the layer, else the file's, else the
    /// manifest's default. GDAL reports WGS 84 for every GeoJSON file without a `crs` member (RFC 7946
    /// allows nothing else), yet exports in China are CGCS2000 or projected: for GeoJSON the manifest's
    /// `crs` is taken when it gives one, as the dataset format has always said.
    private func layerCRS(_ spec: ManifestFile.LayerSpec, file: GDALFile, _ problems: inout ProblemLog) -> CRS? {
        let layerName = file.layerNames.first ?? spec.file
        if let text = spec.crs {
            do { return try CRS(parsing: text) } catch {
                problems.fail(.invalidSetting(name: "\(spec.file).crs", detail: error.message(.zh)))
                return nil
            }
        }
        let fromFile = file.layerCRS[layerName] ?? nil
        if file.driver.hasPrefix("GeoJSON"), let defaultCRS { return defaultCRS }
        if let fromFile { return fromFile }
        if let defaultCRS { return defaultCRS }
        // Not the reader's notes: they speak to the command line ("请用 --crs 指定", CGCS2000 assumed) and
        // carry the text encoding; a dataset assumes nothing, and the problem's message says what to do.
        var detail = file.driver == "ESRI Shapefile" ? "文件未声明坐标系（没有 .prj）" : "文件未声明坐标系"
        for case .unidentifiedCRS(let noted, let name) in file.notes where noted == layerName {
            detail = "文件的坐标系“\(name)”无法对应到 EPSG 代码"
        }
        problems.fail(.layerCRSUnknown(file: spec.file, layer: layerName, detail: detail))
        return nil
    }

    /// How a feature is named in problems: its mapped code, else its mapped name, else GDAL's feature
    /// id. (GDAL's FID counts from 0 in Shapefiles and GeoJSON and from 1 in GeoPackages: beside the
    /// feature number it misled, "第 3 个要素（2）".)
    private static func label(_ feature: Feature, _ spec: ManifestFile.LayerSpec) -> String? {
        for field in ["code", "name"] {
            if let source = spec.fields[field],
               let value = feature.properties[source]?.text?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                return value
            }
        }
        return feature.id
    }

    private mutating func rows(_ spec: ManifestFile.LayerSpec, role: String, required: [String], optional: [String] = [],
                               polygonal: Bool, _ problems: inout ProblemLog) -> [Row] {
        for field in required where spec.fields[field] == nil {
            problems.fail(.invalidSetting(name: "\(role).fields.\(field)", detail: "未映射 / not mapped"))
        }
        guard let file = Self.open(spec.file, in: directory, layer: spec.layer, encoding: spec.encoding, role: role, &problems),
              let crs = layerCRS(spec, file: file, &problems) else { return [] }
        let projector: CoordinateTransformer
        do { projector = try transformer(from: crs) } catch {
            problems.fail(.layerCRSUnknown(file: spec.file, layer: file.layerNames.first ?? "", detail: error.message(.zh)))
            return []
        }
        // A mapped field the layer does not have is one problem for the layer, not one per feature.
        let layerName = file.layerNames.first ?? ""
        let available = file.fieldNames()[layerName] ?? []
        var absent = Set<String>()
        for (field, source) in spec.fields.sorted(by: { $0.key < $1.key }) where (required + optional).contains(field) && !available.contains(source) {
            problems.fail(.fieldAbsent(file: spec.file, layer: layerName, field: field, mappedFrom: source, available: available))
            absent.insert(field)
        }
        for (dimension, source) in (spec.listFields ?? [:]).sorted(by: { $0.key < $1.key }) where !available.contains(source) {
            problems.fail(.fieldAbsent(file: spec.file, layer: layerName, field: "listFields.\(dimension)", mappedFrom: source, available: available))
        }
        if absent.contains(where: required.contains) { return [] }

        let expected = polygonal ? "Polygon/MultiPolygon" : "LineString/MultiLineString"
        var rows: [Row] = []
        do {
            try file.forEachFeature { result in
                let feature: Feature
                switch result {
                case .success(let read): feature = read
                case .failure(let error):
                    problems.fail(.featureUnreadable(file: spec.featureSource, detail: error.message(.zh)))
                    return
                }
                let label = Self.label(feature, spec)
                var fields: [String: String] = [:]
                var complete = true
                for field in required + optional {
                    guard let source = spec.fields[field], !absent.contains(field) else { continue }
                    if let value = feature.properties[source]?.text?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                        fields[field] = value
                    } else if required.contains(field) {
                        problems.fail(.fieldMissing(file: spec.featureSource, feature: feature.index, id: label, field: field, mappedFrom: source))
                        complete = false
                    }
                }
                for (dimension, source) in spec.listFields ?? [:] {
                    if let value = feature.properties[source]?.text { fields["list." + dimension] = value }
                }
                guard let geometry = feature.geometry else {
                    problems.fail(.wrongGeometryType(file: spec.featureSource, feature: feature.index, id: label, found: "null", expected: expected))
                    return
                }
                let fits = polygonal ? geometry.dimension == 2 : geometry.dimension == 1
                guard fits, !geometry.isEmpty, geometry.typeName != "GeometryCollection" else {
                    problems.fail(.wrongGeometryType(file: spec.featureSource, feature: feature.index, id: label, found: geometry.typeName, expected: expected))
                    return
                }
                do {
                    let projected = try projector.transform(geometry)
                    if complete { rows.append(Row(index: feature.index, id: feature.id, geometry: projected, fields: fields)) }
                } catch {
                    problems.fail(.invalidGeometry(file: spec.featureSource, feature: feature.index, id: label, reason: (error as? UserFacingError)?.message(.zh) ?? "\(error)", location: nil))
                }
            }
        } catch {
            problems.fail(.fileInvalid(path: spec.file, detail: (error as? UserFacingError)?.message(.zh) ?? "\(error)"))
        }
        return rows
    }

    mutating func units(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> LayerDrafts<ControlUnit> {
        let found = rows(spec, role: "controlUnits", required: ["code", "name", "class"], optional: ["subclass", "county"],
                         polygonal: true, &problems)
        let tableText = spec.listTable.map { UnitListTable(directory: directory).read($0, unitCodes: Set(found.compactMap { $0.fields["code"] }), &problems) } ?? [:]
        var seen = Set<String>()
        var drafts = LayerDrafts<ControlUnit>()
        for row in found {
            guard let code = row.fields["code"], let name = row.fields["name"], let rawClass = row.fields["class"] else { continue }
            let mapped = spec.classValues?[rawClass] ?? rawClass
            guard let number = Int(mapped), let unitClass = UnitClass(rawValue: number) else {
                problems.fail(.unknownClassValue(file: spec.featureSource, feature: row.index, id: code, value: rawClass))
                continue
            }
            if !seen.insert(code).inserted { problems.fail(.duplicateCode(layer: "controlUnits", code: code)) }
            var listText: [Dimension: String] = [:]
            for dimension in Dimension.allCases {
                if let text = row.fields["list." + dimension.rawValue] { listText[dimension] = text }
            }
            // The table is the published list; where it has a unit's text it replaces the layer's field.
            for (dimension, text) in tableText[code] ?? [:] { listText[dimension] = text }
            let subclass = row.fields["subclass"], county = row.fields["county"]
            drafts.add(row.geometry) { shape in
                ControlUnit(code: code, name: name, unitClass: unitClass, subclass: subclass, county: county, listText: listText, shape: shape)
            }
        }
        for key in (spec.listFields ?? [:]).keys where Dimension(rawValue: key) == nil {
            problems.fail(.invalidSetting(name: "controlUnits.listFields.\(key)", detail: "不是准入清单维度 / not a list dimension"))
        }
        return drafts
    }

    mutating func redLines(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> LayerDrafts<RedLine> {
        var seen = Set<String>()
        var drafts = LayerDrafts<RedLine>()
        for row in rows(spec, role: "redLines", required: ["code", "name"], optional: ["type"], polygonal: true, &problems) {
            guard let code = row.fields["code"], let name = row.fields["name"] else { continue }
            if !seen.insert(code).inserted { problems.fail(.duplicateCode(layer: "redLines", code: code)) }
            let type = row.fields["type"]
            drafts.add(row.geometry) { RedLine(code: code, name: name, type: type, shape: $0) }
        }
        return drafts
    }

    mutating func shorelines(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> LayerDrafts<Shoreline> {
        var drafts = LayerDrafts<Shoreline>()
        for row in rows(spec, role: "shorelines", required: ["name", "class"], polygonal: false, &problems) {
            guard let name = row.fields["name"], let raw = row.fields["class"] else { continue }
            guard let riverClass = RiverClass(rawValue: spec.classValues?[raw] ?? raw) else {
                problems.fail(.unknownClassValue(file: spec.featureSource, feature: row.index, id: name, value: raw))
                continue
            }
            drafts.add(row.geometry) { Shoreline(riverName: name, riverClass: riverClass, shape: $0) }
        }
        return drafts
    }

    mutating func sensitiveAreas(_ specs: [ManifestFile.LayerSpec], _ problems: inout ProblemLog) -> (layers: [SensitiveLayer], drafts: LayerDrafts<SensitiveArea>) {
        var layers: [SensitiveLayer] = []
        var drafts = LayerDrafts<SensitiveArea>()
        for spec in specs {
            let layer = spec.id ?? spec.file
            let kind = spec.kind ?? layer
            let role = SensitiveRole(layerId: layer, kind: kind)
            layers.append(SensitiveLayer(id: layer, kind: kind, role: role))
            for row in rows(spec, role: "sensitiveAreas.\(layer)", required: ["name"], optional: ["code", "level"], polygonal: true, &problems) {
                guard let name = row.fields["name"] else { continue }
                let code = row.fields["code"], level = row.fields["level"]
                drafts.add(row.geometry) { SensitiveArea(layer: layer, kind: kind, code: code, name: name, level: level, role: role, shape: $0) }
            }
        }
        return (layers, drafts)
    }
}

extension LayerReader {
    /// Parks: each checked for validity here (a handful of polygons), since a park's boundary decides
    /// 园区内/园区外 and an invalid one would decide it wrongly.
    mutating func parks(_ spec: ManifestFile.LayerSpec, _ problems: inout ProblemLog) -> LayerDrafts<Park> {
        var drafts = LayerDrafts<Park>()
        let layerKind = spec.kind.map(ParkKind.init(recognising:))
        for row in rows(spec, role: "parks", required: ["name"], optional: ["code", "kind", "level", "compliant"], polygonal: true, &problems) {
            guard let name = row.fields["name"] else { continue }
            let label = row.fields["code"] ?? name
            do {
                let report = try row.geometry.validity()
                if !report.isValid {
                    problems.fail(.invalidGeometry(file: spec.featureSource, feature: row.index, id: label, reason: report.reason ?? "invalid", location: report.location))
                    continue
                }
            } catch {
                problems.fail(.invalidGeometry(file: spec.featureSource, feature: row.index, id: label, reason: error.message(.zh), location: nil))
                continue
            }
            var compliant = spec.compliant
            if let raw = row.fields["compliant"] {
                guard let value = Self.yesNo(raw) else {
                    problems.fail(.unknownClassValue(file: spec.featureSource, feature: row.index, id: label, value: raw))
                    continue
                }
                compliant = value
            }
            // The kind field, else the layer's kind, else the park's own name (临港化工园区 is a chemical park).
            let kind = row.fields["kind"].map(ParkKind.init(recognising:)) ?? layerKind ?? ParkKind(recognising: name)
            let code = row.fields["code"], level = row.fields["level"]
            drafts.add(row.geometry) { Park(code: code, name: name, kind: kind, level: level, compliant: compliant, shape: $0) }
        }
        return drafts
    }

    /// 是/否 as park tables write whether a park is on the compliant (认定) list.
    static func yesNo(_ raw: String) -> Bool? {
        switch raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "是", "1", "true", "yes", "y", "t", "合规", "认定", "已认定", "在册", "合规园区": true
        case "否", "0", "false", "no", "n", "f", "不合规", "未认定", "非合规", "不在册": false
        default: nil
        }
    }
}

extension ManifestFile.LayerSpec {
    /// How problems with one feature name where it is: the file, and the layer when the manifest
    /// picked one in a multi-layer file (`zoning.gpkg:units`, as GDAL's tools write it).
    var featureSource: String { layer.map { "\(file):\($0)" } ?? file }
}
