import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// A first `dataset.yaml` for a folder of official 三线一单 deliverables (`zonescreen dataset init`).
///
/// Every vector file and table in the folder is opened through GDAL once; each layer's role is
/// guessed from its field names, geometry dimension and file/layer name (provinces name fields
/// differently, so the vocabulary below is a list of spellings seen, matched ignoring case and
/// whitespace). What cannot be read from the files (name, version, sources, rules...) is left for the
/// user: such keys are written with no value, so the loader refuses the manifest until they are filled.
public struct DatasetDraft: Sendable {
    /// What a layer is for in the manifest.
    public enum Role: Hashable, Sendable {
        case controlUnits
        case redLines
        case shorelines
        /// 化工园区, 工业园区/开发区 (`layers.parks`).
        case parks
        case sensitiveArea(id: String, kind: String)
        /// Unit lists published as a spreadsheet, keyed by unit code (`controlUnits.listTable`).
        case listTable

        public func name(_ language: Language) -> String {
            switch self {
            case .controlUnits: language.pick("环境管控单元（controlUnits）", "control units (controlUnits)")
            case .redLines: language.pick("生态保护红线（redLines）", "red lines (redLines)")
            case .shorelines: language.pick("岸线（shorelines）", "shorelines (shorelines)")
            case .parks: language.pick("园区（parks）", "parks (parks)")
            case .sensitiveArea(let id, let kind): language.pick("敏感区：\(kind)（sensitiveAreas，id \(id)）", "sensitive area: \(kind) (sensitiveAreas, id \(id))")
            case .listTable: language.pick("单元准入清单表（controlUnits.listTable）", "unit list table (controlUnits.listTable)")
            }
        }
    }

    /// One manifest key answered by a field (or column) of the layer, or left for the user.
    public struct FieldGuess: Hashable, Sendable {
        public let key: String
        /// The layer's field; nil when none was found.
        public let field: String?
        public let required: Bool
        /// Why this field (Chinese, written into the manifest).
        let why: String
    }

    /// A raw attribute value of a class field and the class it stands for (`1`/`2`/`3` for units,
    /// `mainStream`... for shorelines); nil when the value says nothing the draft can read.
    public struct ClassValue: Hashable, Sendable {
        public let raw: String
        public let mapped: String?
    }

    public struct Layer: Sendable {
        public let role: Role
        /// The path as the manifest writes it (relative to the manifest's folder when inside it).
        public let file: String
        /// The layer to read; only set when the file holds several.
        public let layer: String?
        /// GDAL's name of the layer (also when the file holds one).
        let layerName: String
        public let featureCount: Int
        let why: String
        public internal(set) var fields: [FieldGuess]
        /// Control units: `listFields`; list tables: `columns` (dimension → column).
        public internal(set) var listFields: [FieldGuess]
        public internal(set) var classValues: [ClassValue]
        /// The layer's CRS as the file gives it; written per layer (nil: the top-level `crs` serves).
        public let crs: CRS?
        let crsWhy: String
        /// A text encoding to write (`encoding:`) when GDAL had to detect one.
        public let encoding: String?
        let encodingWhy: String?
        /// Other layers that looked like the same role, by file (and layer), for the user to compare.
        var alternatives: [String] = []

        /// The field mapped to `key`, if one was found.
        public func field(_ key: String) -> String? { fields.first { $0.key == key }?.field }
        /// The list field (or table column) for a dimension, if one was found.
        public func listField(_ dimension: Zoning.Dimension) -> String? { listFields.first { $0.key == dimension.rawValue }?.field }
    }

    /// A file or layer that was not given a role, and why.
    public struct Unused: Hashable, Sendable {
        public let file: String
        public let layer: String?
        let reasonZH: String
        let reasonEN: String

        public func reason(_ language: Language) -> String { language.pick(reasonZH, reasonEN) }
    }

    /// Something the user must write (or confirm) before the dataset loads.
    public struct ToFill: Hashable, Sendable {
        public let key: String
        let zh: String
        let en: String

        public func message(_ language: Language) -> String { key + language.pick("：" + zh, ": " + en) }
    }

    /// A value guessed from the data, with why.
    struct Guess<Value: Sendable>: Sendable {
        let value: Value
        let why: String
    }

    public let folder: URL
    /// Where the manifest will be written; file paths are written relative to its folder.
    public let manifestURL: URL
    public internal(set) var layers: [Layer] = []
    public internal(set) var unused: [Unused] = []
    public internal(set) var toFill: [ToFill] = []
    var region: Guess<String>?
    var regionCode: Guess<String>?
    /// The top-level `crs`, for layers whose file names none (GeoJSON, a Shapefile without .prj).
    var defaultCRS: Guess<CRS>?
    var needsDefaultCRS = false
    var measurementCRS: Guess<CRS>?
    var baseline: Guess<ShorelineBaseline>?
    var rulesFile: String?
    var catalogueFile: String?
    /// Park layers: the kind and compliance all of the layer's parks share, when the file's name says.
    var parksKind: Guess<String>?
    var parksCompliant: Guess<Bool>?

    /// The layers given `role` (several only for sensitive areas).
    public func layers(_ role: Role) -> [Layer] { layers.filter { $0.role == role } }
    public var sensitiveAreas: [Layer] { layers.filter { if case .sensitiveArea = $0.role { true } else { false } } }
    public var regionGuess: String? { region?.value }
    public var regionCodeGuess: String? { regionCode?.value }
    public var suggestedMeasurementCRS: CRS? { measurementCRS?.value }

    /// Reads every vector file and table under `folder` (recursively, hidden files skipped) and
    /// guesses the manifest. `manifest` (default `folder/dataset.yaml`) is never read as data.
    public static func make(folder: URL, manifest: URL? = nil) -> DatasetDraft {
        let folder = folder.standardizedFileURL
        let manifestURL = (manifest ?? folder.appendingPathComponent("dataset.yaml")).standardizedFileURL
        var draft = DatasetDraft(folder: folder, manifestURL: manifestURL)
        var surveys: [LayerSurvey] = []
        for url in DraftFiles.candidates(in: folder, excluding: manifestURL) {
            let read = LayerSurvey.read(url, path: draft.manifestPath(url))
            surveys += read.surveys
            draft.unused += read.unreadable
        }
        draft.recognise(surveys)
        draft.guessSettings(surveys)
        draft.findCompanionFiles()
        draft.listWhatToFill()
        return draft
    }

    /// A file's path as the manifest writes it: relative to the manifest's folder when inside it,
    /// absolute otherwise (the loader takes both).
    func manifestPath(_ url: URL) -> String {
        let base = manifestURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        let path = url.standardizedFileURL.resolvingSymlinksInPath().path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    // MARK: Roles

    private mutating func recognise(_ surveys: [LayerSurvey]) {
        var candidates: [(layer: Layer, score: Int, survey: LayerSurvey)] = []
        for survey in surveys {
            if let (layer, score) = DraftRecogniser.recognise(survey) {
                candidates.append((layer, score, survey))
            } else {
                unused.append(DraftRecogniser.whyUnused(survey))
            }
        }
        // One layer each for units, red lines, shorelines and the list table: the best scored
        // (most fields found, then most features); the others are named as alternatives.
        for role in [Role.controlUnits, .redLines, .shorelines, .parks, .listTable] {
            let ranked = candidates.filter { $0.layer.role == role }
                .sorted { ($0.score, $0.layer.featureCount) > ($1.score, $1.layer.featureCount) }
            guard var best = ranked.first?.layer else { continue }
            for other in ranked.dropFirst() {
                let name = other.layer.file + (other.layer.layer.map { "（图层 \($0)）" } ?? "")
                best.alternatives.append(name)
                unused.append(Unused(file: other.layer.file, layer: other.layer.layer,
                                     reasonZH: "也像\(role.name(.zh))，但选用了 \(best.file)",
                                     reasonEN: "also looks like \(role.name(.en)); \(best.file) was chosen"))
            }
            layers.append(best)
        }
        // Sensitive areas: every one, ids made unique (rules refer to them by id).
        var seenIDs: [String: Int] = [:]
        for candidate in candidates {
            guard case .sensitiveArea(let id, let kind) = candidate.layer.role else { continue }
            let count = (seenIDs[id] ?? 0) + 1
            seenIDs[id] = count
            let unique = count == 1 ? id : "\(id)\(count)"
            let layer = candidate.layer
            layers.append(Layer(role: .sensitiveArea(id: unique, kind: kind), file: layer.file, layer: layer.layer,
                                layerName: layer.layerName, featureCount: layer.featureCount, why: layer.why, fields: layer.fields, listFields: [],
                                classValues: [], crs: layer.crs, crsWhy: layer.crsWhy, encoding: layer.encoding,
                                encodingWhy: layer.encodingWhy))
        }
    }

    // MARK: Settings guessed from the data

    private mutating func guessSettings(_ surveys: [LayerSurvey]) {
        let recognised = surveys.filter { role(of: $0) != nil }
        guessRegion(surveys, recognised: recognised)

        // Layers whose file names no CRS (or GeoJSON, which GDAL always calls WGS 84) use the
        // top-level `crs`: CGCS2000 longitude/latitude when their coordinates look like degrees.
        let withoutCRS = recognised.filter { $0.declaredCRS == nil && !$0.isTable }
        needsDefaultCRS = !withoutCRS.isEmpty
        if needsDefaultCRS, withoutCRS.allSatisfy({ $0.looksLikeDegrees }) {
            let names = withoutCRS.map(\.path).joined(separator: "、")
            defaultCRS = Guess(value: .cgcs2000, why: "\(names) 未声明坐标系（GeoJSON 按规范视为 WGS 84），坐标是经纬度；国内数据一般为 CGCS2000 经纬度，与 WGS 84 相差不到 1 米")
        }

        // Official areas are measured in the CGCS2000 3-degree Gauss-Krüger zone of the region: the
        // zone of the data's central longitude (units tile the region, so they are asked first).
        let order: [Role] = [.controlUnits, .redLines, .shorelines]
        let primary = order.compactMap { role in recognised.first { self.role(of: $0) == role } }.first ?? recognised.first
        if let primary, let longitude = primary.centralLongitude(defaultCRS: defaultCRS?.value),
           let suggested = try? CRS.measuringCRS(forLongitude: longitude) {
            let zone = CRS.gaussKrugerZone(forLongitude: longitude)
            measurementCRS = Guess(value: suggested, why: String(format: "%@ 的中心经度约 %.2f°E，在 CGCS2000 3 度带第 %d 带（中央经线 %d°E）；EPSG:4534–4554 为第 25–45 带（东坐标不加带号）",
                                                                 primary.path, longitude, zone, zone * 3))
        }

        // Where distances are measured from is sometimes in the shoreline file's name.
        let names = layers(.shorelines).flatMap { [$0.file, $0.layer ?? ""] }.joined()
        let baselineWords: [(String, ShorelineBaseline)] = [("临水线", .waterline), ("外缘", .outerBoundary),
                                                            ("管理范围", .managementBoundary), ("中心线", .centreline)]
        if let (word, value) = baselineWords.first(where: { names.contains($0.0) }) {
            baseline = Guess(value: value, why: "岸线文件名含“\(word)”")
        }

        // A parks layer that names chemistry is a layer of chemical parks; one named after a list of
        // recognised (认定) or compliant (合规) parks is that list.
        if let parks = layers(.parks).first {
            let text = parks.file + " " + (parks.layer ?? parks.layerName)
            if parks.field("kind") == nil, text.contains("化工") {
                parksKind = Guess(value: "化工园区", why: "园区文件名含“化工”，没有园区类型字段")
            }
            if parks.field("compliant") == nil, let word = ["认定", "合规"].first(where: text.contains) {
                parksCompliant = Guess(value: true, why: "园区文件名含“\(word)”（认定名单），没有是否合规字段")
            }
        }
    }

    private func role(of survey: LayerSurvey) -> Role? {
        layers.first { $0.file == survey.path && $0.layerName == survey.layer }?.role
    }

    /// The region from a one-feature administrative boundary layer (XZQMC / XZQDM), else from the
    /// units: one county name in all of them, and the county code inside the unit codes
    /// (ZH + 6-digit county code + class digit + sequence).
    private mutating func guessRegion(_ surveys: [LayerSurvey], recognised: [LayerSurvey]) {
        for survey in surveys where role(of: survey) == nil && survey.featureCount == 1 && survey.dimension == 2 {
            if let nameField = DraftVocabulary.adminName.match(survey.fields), let name = survey.values[nameField]?.distinct.first {
                region = Guess(value: name, why: "\(survey.path) 只有一个行政区要素，字段 \(nameField)")
                if let codeField = DraftVocabulary.adminCode.match(survey.fields), let code = survey.values[codeField]?.distinct.first,
                   code.count == 6, Self.isDigits(code) {
                    regionCode = Guess(value: code, why: "同一要素的字段 \(codeField)")
                }
                if let position = unused.firstIndex(where: { $0.file == survey.path }) {
                    let item = unused[position]
                    unused[position] = Unused(file: item.file, layer: item.layer, reasonZH: item.reasonZH + "（用来猜测了地区）",
                                              reasonEN: item.reasonEN + " (used to guess the region)")
                }
                break
            }
        }
        guard let units = layers(.controlUnits).first,
              let survey = recognised.first(where: { $0.path == units.file && $0.layer == units.layerName }) else { return }
        if region == nil, let county = units.field("county"), let values = survey.values[county], !values.overflow, values.distinct.count == 1,
           let name = values.distinct.first {
            region = Guess(value: name, why: "\(units.file) 所有单元的字段 \(county) 都是这个值")
        }
        if regionCode == nil, let code = units.field("code"), let prefix = survey.values[code]?.commonPrefix,
           prefix.uppercased().hasPrefix("ZH") {
            // The digits every unit code shares after ZH: all six when the units lie in one county,
            // four for one city, two for one province; the code of that level pads with zeros.
            let shared = String(prefix.dropFirst(2).prefix(6).prefix { ("0"..."9").contains($0) })
            if let level = [6, 4, 2].first(where: { shared.count >= $0 }) {
                let digits = shared.prefix(level)
                regionCode = Guess(value: digits + String(repeating: "0", count: 6 - level),
                                   why: "\(units.file) 的单元编码都以 ZH\(digits) 开头（ZH + 行政区划代码）")
            }
        }
    }

    static func isDigits(_ text: String) -> Bool { text.allSatisfy { ("0"..."9").contains($0) } }

    /// The local rules file `init` writes when the folder has none: nothing but how to extend it (the
    /// national rules are built in).
    public var rulesTemplate: String? {
        guard rulesFile == nil else { return nil }
        return """
        # 本地空间规则（本数据集自己的规则）。国家层面的规则（生态保护红线、长江保护法第二十六条、长江经济带发展
        # 负面清单指南、水污染防治法、自然保护区条例）已内置于 ZoneScreen，无需在此重复；要关闭、删去或改写某条
        # 内置规则，在 dataset.yaml 中写 nationalRules（见 docs/dataset-format.md）。
        # 在下面按需添加本省、本市的规则，格式见 docs/dataset-format.md，示例见 Fixtures/demo/rules.yaml：
        #   unitClassRules:      按单元类别（1 优先保护 / 2 重点管控 / 3 一般管控）
        #   shorelineBands:      岸线距离带（distance 米，rivers: mainStream / importantTributary / tributary）
        #   sensitiveAreaRules:  敏感区（layer: 敏感区图层的 id）
        #   regionRules:         全域适用（可带 outsidePark / inPark 园区条件）
        # chemicalIndustries: [C25, C26, C27, C28, C29]   # 按行业判断化工项目时用的大类（默认如此）
        {}

        """
    }

    /// rules.yaml and the industry catalogue, when the folder already has them.
    private mutating func findCompanionFiles() {
        let base = manifestURL.deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: base.appendingPathComponent("rules.yaml").path) { rulesFile = "rules.yaml" }
        if FileManager.default.fileExists(atPath: base.appendingPathComponent(DraftFiles.catalogueName).path) { catalogueFile = DraftFiles.catalogueName }
    }

    private mutating func listWhatToFill() {
        var items: [ToFill] = [
            ToFill(key: "name", zh: "数据集名称", en: "the dataset's name"),
        ]
        if region == nil { items.append(ToFill(key: "region", zh: "地区名称", en: "the region's name")) }
        items += [
            ToFill(key: "version", zh: "数据版本，如 \"2024.1\"", en: "the data version, e.g. \"2024.1\""),
            ToFill(key: "date", zh: "发布日期，如 \"2024-06-30\"", en: "the publication date, e.g. \"2024-06-30\""),
        ]
        if needsDefaultCRS && defaultCRS == nil {
            items.append(ToFill(key: "crs", zh: "未声明坐标系的图层所用坐标系，如 EPSG:4490", en: "the CRS of layers whose files name none, e.g. EPSG:4490"))
        }
        if let measurementCRS {
            items.append(ToFill(key: "measurement.crs", zh: "核对建议的量算坐标系 \(measurementCRS.value)", en: "confirm the suggested measuring CRS \(measurementCRS.value)"))
        } else {
            items.append(ToFill(key: "measurement.crs", zh: "量算用的 CGCS2000 3 度带坐标系（EPSG:4534–4554）", en: "the CGCS2000 3-degree zone CRS to measure in (EPSG:4534-4554)"))
        }
        if baseline == nil {
            items.append(ToFill(key: "shorelineBaseline", zh: "岸线基线（waterline / outerBoundary / managementBoundary / centreline）",
                                en: "the shoreline baseline (waterline / outerBoundary / managementBoundary / centreline)"))
        }
        items.append(ToFill(key: "sources", zh: "规则和条款引用的文件", en: "the documents rules and clauses cite"))
        for role in [Role.controlUnits, .redLines, .shorelines] where layers(role).isEmpty {
            items.append(ToFill(key: "layers.\(DraftYAML.key(role))", zh: "未找到\(role.name(.zh))图层", en: "no \(role.name(.en)) layer was found"))
        }
        for layer in layers {
            let prefix = "layers.\(DraftYAML.key(layer.role))"
            for field in layer.fields where field.required && field.field == nil {
                items.append(ToFill(key: "\(prefix).fields.\(field.key)", zh: "\(layer.file) 中的字段名", en: "the field name in \(layer.file)"))
            }
            for value in layer.classValues where value.mapped == nil {
                items.append(ToFill(key: "\(prefix).classValues", zh: "值“\(value.raw)”代表的类别", en: "what the value \"\(value.raw)\" stands for"))
            }
        }
        toFill = items
    }

    /// What the user should know but need not fill in: it loads without it, answering less surely.
    public var notes: [ToFill] {
        var items: [ToFill] = []
        if regionCode == nil {
            items.append(ToFill(key: "regionCode", zh: "未能推断行政区划代码：不写时长江流域、长江经济带的国家规则一律适用",
                                en: "no administrative code could be guessed: without one, the Yangtze basin's and belt's national rules all apply"))
        }
        if let parks = layers(.parks).first, parks.field("compliant") == nil, parksCompliant == nil {
            items.append(ToFill(key: "layers.parks.compliant", zh: "园区图层没有“是否合规”字段：若该图层就是认定（合规）园区名单，写 compliant: true；否则“合规园区外”的规则判为需论证",
                                en: "the parks layer has no compliance field: if it is the list of recognised (compliant) parks, write compliant: true; otherwise rules on compliant parks answer needs assessment"))
        }
        if layers(.parks).isEmpty {
            items.append(ToFill(key: "layers.parks", zh: "未找到园区图层：“合规园区外”“园区内”等规则和条款将判为需论证",
                                en: "no parks layer was found: rules and clauses on parks will answer needs assessment"))
        }
        return items
    }
}

/// The files a dataset folder may hold layers or tables in.
enum DraftFiles {
    static let extensions: Set<String> = ["shp", "zip", "gpkg", "geojson", "json", "fgb", "kml", "kmz", "xlsx", "csv"]
    static let catalogueName = "gbt4754-2017.csv"

    /// Vector files and tables under `folder` in path order; a `.gdb` folder is one file; hidden
    /// files and folders (and the manifest itself) are skipped.
    static func candidates(in folder: URL, excluding manifest: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        let skipped = manifest.standardizedFileURL.path
        while let url = walker.nextObject() as? URL {
            guard !url.lastPathComponent.hasPrefix(".") else { continue }
            let isDirectory = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            let suffix = url.pathExtension.lowercased()
            if isDirectory {
                // A File Geodatabase is a folder of tables GDAL reads as one dataset.
                if suffix == "gdb" {
                    found.append(url)
                    walker.skipDescendants()
                }
                continue
            }
            // The industry catalogue is a table too, but the manifest names it as such (industryCatalogue).
            if extensions.contains(suffix), url.standardizedFileURL.path != skipped, url.lastPathComponent != catalogueName {
                found.append(url)
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}

