import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// Field spellings seen in provinces' deliverables, most specific first. A field answers to a name
/// when they are equal ignoring case and whitespace; a Chinese name also matches a longer heading
/// that contains it (空间布局约束要求 for 空间布局约束), which pinyin initials may not (BM is in too many).
/// `generic` names (BM, 名称...) say nothing alone: they map a field once the layer's role is known
/// from elsewhere, and only when equal.
struct FieldNames {
    let label: String
    let names: [String]
    let generic: [String]

    init(_ label: String, _ names: [String], generic: [String] = []) {
        self.label = label
        self.names = names
        self.generic = generic
    }

    static func normalised(_ text: String) -> String { text.filter { !$0.isWhitespace }.lowercased() }

    /// The first field answering to a specific name (for deciding a role).
    func matchSpecific(_ fields: [String], excluding used: Set<String> = []) -> String? {
        let available = fields.filter { !used.contains($0) }.map { ($0, Self.normalised($0)) }
        for name in names.map(Self.normalised) {
            if let exact = available.first(where: { $0.1 == name }) { return exact.0 }
        }
        for name in names.map(Self.normalised) where !name.allSatisfy(\.isASCII) {
            if let containing = available.first(where: { $0.1.contains(name) }) { return containing.0 }
        }
        return nil
    }

    /// The first field answering to a specific name, else to a generic one (for mapping).
    func match(_ fields: [String], excluding used: Set<String> = []) -> String? {
        if let specific = matchSpecific(fields, excluding: used) { return specific }
        let available = fields.filter { !used.contains($0) }
        for name in generic.map(Self.normalised) {
            if let exact = available.first(where: { Self.normalised($0) == name }) { return exact }
        }
        return nil
    }
}

enum DraftVocabulary {
    static let unitCode = FieldNames("单元编码", ["HJGKDYBM", "HJZHGKDYBM", "ZHGKDYBM", "GKDYBM", "DYBM", "环境管控单元编码", "管控单元编码", "单元编码", "单元代码"])
    static let unitName = FieldNames("单元名称", ["HJGKDYMC", "HJZHGKDYMC", "ZHGKDYMC", "GKDYMC", "DYMC", "环境管控单元名称", "管控单元名称", "单元名称"])
    static let unitClass = FieldNames("单元类别", ["ZHGKDYFL", "GKDYFL", "DYFL", "DYLX", "GKDYLX", "GKLB", "管控单元分类", "管控单元类别", "单元分类", "单元类别", "单元类型", "管控类别"])
    static let unitSubclass = FieldNames("单元细类", ["DYXL", "GKDYXL", "DYYL", "单元细类", "单元小类", "单元亚类", "管控单元细类"])
    static let county = FieldNames("所在区县", ["COUNTY", "XZQMC", "QXMC", "XQMC", "区县", "县区", "所在区县", "区县名称", "行政区名称", "行政区"])
    static let listDimensions: [(Dimension, FieldNames)] = [
        (.spatialLayout, FieldNames("空间布局约束", ["KJBJYS", "KJBJ", "KJBJYQ", "空间布局约束"])),
        (.pollutantDischarge, FieldNames("污染物排放管控", ["PWWPFGK", "WRWPFGK", "PFGK", "污染物排放管控"])),
        (.environmentalRisk, FieldNames("环境风险防控", ["HJFXFK", "FXFK", "环境风险防控"])),
        (.resourceEfficiency, FieldNames("资源开发效率要求", ["ZYKFXLYQ", "ZYLYXL", "ZYKFLYXL", "ZYLYXLYQ", "ZYKFXL", "资源开发效率要求", "资源利用效率要求", "资源开发利用效率要求", "资源开发效率", "资源利用效率"])),
    ]

    static let redLineCode = FieldNames("红线编码", ["HXBM", "STBHHXBM", "HXDM", "红线编码", "红线编号", "红线代码"],
                                        generic: ["BM", "DM", "BH", "CODE", "编码", "代码", "编号"])
    static let redLineName = FieldNames("红线名称", ["HXMC", "STBHHXMC", "红线名称"], generic: ["MC", "NAME", "名称"])
    static let redLineType = FieldNames("红线类型", ["HXLX", "HXLB", "ZDGN", "红线类型", "红线类别", "主导功能", "生态功能"],
                                        generic: ["LX", "LB", "TYPE", "类型", "类别"])
    static let redLineWords = ["stbhhx", "生态保护红线", "生态红线", "redline"]

    static let riverName = FieldNames("河流名称", ["HLMC", "HDMC", "HLM", "RIVER", "河流名称", "河道名称"], generic: ["河流", "河道", "MC", "NAME", "名称"])
    static let riverClass = FieldNames("河流等级", ["HLDJ", "HDDJ", "HLJB", "HLLX", "河流等级", "河道等级", "河流级别", "河流类别", "河流类型"],
                                       generic: ["DJ", "等级", "级别", "LX", "类型"])
    static let shorelineWords = ["岸线", "河流", "河道", "水系", "anxian", "shoreline", "river"]

    static let areaName = FieldNames("名称", ["BHQMC", "ZRBHQMC", "FJMSQMC", "SYDMC", "保护区名称", "水源地名称"], generic: ["名称", "MC", "NAME"])
    static let areaCode = FieldNames("编码", ["BHQBM", "BHQDM", "ZRBHQBM", "SYDBM", "保护区编码", "保护区代码"], generic: ["编码", "代码", "BM", "DM", "CODE"])
    static let areaLevel = FieldNames("保护级别", ["BHJB", "BHQJB", "保护级别", "保护区级别"], generic: ["JB", "级别"])
    /// Sensitive-area kinds by words in a file or layer name: manifest id, kind as the rules name it.
    static let sensitiveKinds: [(id: String, kind: String, words: [String])] = [
        ("drinkingWater", "饮用水水源保护区", ["饮用水水源", "水源保护区", "水源地", "yysy", "sybhq", "watersource", "drinkingwater"]),
        ("natureReserve", "自然保护区", ["自然保护区", "自然保护地", "zrbhq", "zrbhd", "naturereserve"]),
        ("scenicArea", "风景名胜区", ["风景名胜区", "fjmsq", "scenic"]),
        ("forestPark", "森林公园", ["森林公园", "slgy", "forestpark"]),
        ("wetlandPark", "湿地公园", ["湿地公园", "sdgy", "wetlandpark"]),
        ("geoPark", "地质公园", ["地质公园", "dzgy", "geopark"]),
        ("basicFarmland", "永久基本农田", ["基本农田", "jbnt", "farmland"]),
        ("soilErosion", "水土流失重点防治区", ["水土流失", "stls", "soilerosion"]),
    ]

    static let parkName = FieldNames("园区名称", ["YQMC", "KFQMC", "HGYQMC", "园区名称", "开发区名称", "化工园区名称"], generic: ["MC", "NAME", "名称"])
    static let parkCode = FieldNames("园区编码", ["YQBM", "YQDM", "KFQBM", "KFQDM", "园区编码", "园区代码", "开发区代码", "开发区编码"],
                                     generic: ["BM", "DM", "CODE", "编码", "代码", "编号"])
    static let parkKind = FieldNames("园区类型", ["YQLX", "YQLB", "KFQLX", "园区类型", "园区类别", "开发区类型"], generic: ["LX", "LB", "TYPE", "类型", "类别"])
    static let parkLevel = FieldNames("园区级别", ["YQJB", "KFQJB", "园区级别", "开发区级别"], generic: ["JB", "LEVEL", "级别"])
    static let parkCompliant = FieldNames("是否合规", ["SFHG", "SFRD", "HGYQ", "是否合规", "是否认定", "合规园区", "认定情况", "是否合规园区"])
    static let parkWords = ["化工园区", "化工集中区", "园区", "开发区", "工业集中区", "产业园", "工业园", "高新区", "hgyq", "kfq", "gyyq", "park"]

    static let adminName = FieldNames("行政区名称", ["XZQMC", "行政区名称"], generic: ["NAME"])
    static let adminCode = FieldNames("行政区代码", ["XZQDM", "XZQHDM", "行政区代码", "行政区划代码"], generic: ["CODE"])
}

/// The values of one attribute, as much as role guessing needs: the first distinct ones and the
/// prefix all of them share (unit codes start with ZH + the county code).
struct FieldValues {
    static let kept = 64
    private(set) var distinct: [String] = []
    private(set) var overflow = false
    private(set) var commonPrefix: String?
    private var seen: Set<String> = []

    mutating func add(_ value: String) {
        if let prefix = commonPrefix {
            if !value.hasPrefix(prefix) { commonPrefix = String(zip(prefix, value).prefix { $0 == $1 }.map(\.0)) }
        } else {
            commonPrefix = value
        }
        guard !seen.contains(value) else { return }
        if distinct.count < Self.kept {
            distinct.append(value)
            seen.insert(value)
        } else {
            overflow = true
        }
    }
}

/// One layer (or sheet) of one file, read once: its fields, some values, geometry dimensions,
/// extent, CRS and text encoding.
struct LayerSurvey {
    let path: String
    let layer: String
    let layerCount: Int
    let driver: String
    let isTable: Bool
    let fields: [String]
    /// The CRS GDAL identified for the layer (nil: none, or none that matches an EPSG code).
    let fileCRS: CRS?
    let crsNote: String?
    let encoding: GDALTextEncoding
    var values: [String: FieldValues] = [:]
    var featureCount = 0
    var unreadableFeatures = 0
    /// Features by geometry dimension: points, lines, polygons.
    var dimensions = [0, 0, 0]
    var envelope = Envelope.empty

    /// The CRS the file declares. GDAL calls every GeoJSON without a `crs` member WGS 84 (RFC 7946),
    /// which says nothing about Chinese exports: such a layer declares none.
    var declaredCRS: CRS? { driver.hasPrefix("GeoJSON") && fileCRS == .wgs84 ? nil : fileCRS }

    /// The dimension most features have (nil without readable geometries).
    var dimension: Int? {
        guard let most = dimensions.max(), most > 0 else { return nil }
        return dimensions.firstIndex(of: most)
    }

    var looksLikeDegrees: Bool {
        !envelope.isEmpty && envelope.minX >= -180 && envelope.maxX <= 180 && envelope.minY >= -90 && envelope.maxY <= 90
    }

    /// File and layer name, normalised (separators dropped too: water-sources, water_sources), for
    /// matching words such as 生态保护红线.
    var nameText: String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension + " " + layer
        return FieldNames.normalised(name).filter { $0 != "-" && $0 != "_" && $0 != "." }
    }

    /// The longitude of the extent's centre, through PROJ when the layer is projected.
    func centralLongitude(defaultCRS: CRS?) -> Double? {
        guard !envelope.isEmpty else { return nil }
        let centre = envelope.center
        guard let crs = declaredCRS ?? defaultCRS ?? (looksLikeDegrees ? .cgcs2000 : nil) else {
            // No CRS anywhere: an easting with the zone prefixed (e.g. 37 512 345) still names the zone.
            return (try? CRS.gaussKrugerZone(fromPrefixedEasting: centre.x)).map { Double($0 * 3) }
        }
        if crs.isKnownGeographic { return centre.x }
        guard let transformer = try? CoordinateTransformer(from: crs, to: .cgcs2000),
              let geographic = try? transformer.transform(centre) else { return nil }
        return geographic.x
    }

    /// Every layer of the file, read; layers or files GDAL cannot read come back as unused.
    static func read(_ url: URL, path: String) -> (surveys: [LayerSurvey], unreadable: [DatasetDraft.Unused]) {
        let opened: GDALFile
        do { opened = try GDALFile(url: url) } catch {
            return ([], [DatasetDraft.Unused(file: path, layer: nil, reasonZH: "无法读取：\(error.message(.zh))", reasonEN: "unreadable: \(error.message(.en))")])
        }
        var surveys: [LayerSurvey] = []
        var unreadable: [DatasetDraft.Unused] = []
        let names = opened.layerNames
        for name in names {
            do {
                // forEachFeature does not say which layer a feature came from: one file per layer.
                let file = names.count == 1 ? opened : try GDALFile(url: url, options: GDALReadOptions(layer: name))
                surveys.append(try survey(file, layer: name, layerCount: names.count, path: path))
            } catch {
                let zh = (error as? UserFacingError)?.message(.zh) ?? "\(error)", en = (error as? UserFacingError)?.message(.en) ?? "\(error)"
                unreadable.append(DatasetDraft.Unused(file: path, layer: name, reasonZH: "无法读取：\(zh)", reasonEN: "unreadable: \(en)"))
            }
        }
        return (surveys, unreadable)
    }

    private static func survey(_ file: GDALFile, layer: String, layerCount: Int, path: String) throws -> LayerSurvey {
        let crsNote = file.notes.compactMap { note -> String? in
            switch note {
            case .matchedCRS(let noted, _, _) where noted == layer, .unidentifiedCRS(let noted, _) where noted == layer: note.message(.zh)
            default: nil
            }
        }.first
        var survey = LayerSurvey(path: path, layer: layer, layerCount: layerCount, driver: file.driver, isTable: file.isCoordinateTable,
                                 fields: file.fieldNames()[layer] ?? [], fileCRS: file.layerCRS[layer] ?? nil, crsNote: crsNote,
                                 encoding: file.textEncoding)
        func record(_ properties: [String: JSONValue]) {
            for (name, value) in properties {
                guard let text = value.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
                survey.values[name, default: FieldValues()].add(text)
            }
        }
        if survey.isTable {
            try file.forEachRecord { _, _, values in
                survey.featureCount += 1
                record(values)
            }
            return survey
        }
        try file.forEachFeature { result in
            survey.featureCount += 1
            guard case .success(let feature) = result else {
                survey.unreadableFeatures += 1
                return
            }
            record(feature.properties)
            guard let geometry = feature.geometry, !geometry.isEmpty else { return }
            survey.dimensions[min(max(geometry.dimension, 0), 2)] += 1
            let envelope = geometry.envelope
            survey.envelope.expand(toInclude: Coordinate(x: envelope.minX, y: envelope.minY))
            survey.envelope.expand(toInclude: Coordinate(x: envelope.maxX, y: envelope.maxY))
        }
        return survey
    }
}

/// Decides a surveyed layer's role and field mapping.
enum DraftRecogniser {
    typealias Layer = DatasetDraft.Layer
    typealias FieldGuess = DatasetDraft.FieldGuess

    /// The layer as the draft would map it, and a score to choose among layers of the same role
    /// (fields found, required ones counting most); nil when it looks like no role.
    static func recognise(_ survey: LayerSurvey) -> (Layer, score: Int)? {
        let fields = survey.fields
        if survey.isTable {
            guard let code = DraftVocabulary.unitCode.matchSpecific(fields) else { return nil }
            var used: Set<String> = [code]
            let columns = listFields(survey, &used)
            guard !columns.isEmpty else { return nil }
            let why = "表格（\(survey.featureCount) 行），有单元编码列 \(code) 和准入清单列 \(columns.compactMap(\.field).joined(separator: "、"))"
            var none: Set<String> = []
            let codeGuess = guess("code", DraftVocabulary.unitCode, required: true, survey, &none)
            return (layer(.listTable, survey, why: why, fields: [codeGuess], listFields: columns), 10 + columns.count)
        }
        let words = survey.nameText
        switch survey.dimension {
        case 2:
            if let code = DraftVocabulary.unitCode.matchSpecific(fields) {
                var used: Set<String> = []
                let mapped = [guess("code", DraftVocabulary.unitCode, required: true, survey, &used),
                              guess("name", DraftVocabulary.unitName, required: true, survey, &used),
                              guess("class", DraftVocabulary.unitClass, required: true, survey, &used),
                              guess("subclass", DraftVocabulary.unitSubclass, required: false, survey, &used),
                              guess("county", DraftVocabulary.county, required: false, survey, &used)]
                let lists = listFields(survey, &used)
                var draft = layer(.controlUnits, survey, why: "面图层（\(survey.featureCount) 个要素），有单元编码字段 \(code)", fields: mapped, listFields: lists)
                if let classField = draft.field("class") {
                    draft.classValues = classValues(survey.values[classField], DraftClasses.unitClass, order: ["1", "2", "3"])
                }
                return (draft, score(mapped) + lists.count)
            }
            let redLineFields = [DraftVocabulary.redLineCode, DraftVocabulary.redLineName].compactMap { $0.matchSpecific(fields) }
            let redLineWord = DraftVocabulary.redLineWords.first(where: words.contains)
            if !redLineFields.isEmpty || redLineWord != nil {
                var used: Set<String> = []
                let mapped = [guess("code", DraftVocabulary.redLineCode, required: true, survey, &used),
                              guess("name", DraftVocabulary.redLineName, required: true, survey, &used),
                              guess("type", DraftVocabulary.redLineType, required: false, survey, &used)]
                let why = redLineWord.map { "面图层（\(survey.featureCount) 个要素），文件或图层名含“\($0)”" }
                    ?? "面图层（\(survey.featureCount) 个要素），有红线字段 \(redLineFields.joined(separator: "、"))"
                return (layer(.redLines, survey, why: why, fields: mapped), score(mapped) + (redLineWord == nil ? 0 : 5))
            }
            let parkFields = [DraftVocabulary.parkName, DraftVocabulary.parkCode].compactMap { $0.matchSpecific(fields) }
            let parkWord = DraftVocabulary.parkWords.first(where: words.contains)
            if !parkFields.isEmpty || parkWord != nil {
                var used: Set<String> = []
                let mapped = [guess("code", DraftVocabulary.parkCode, required: false, survey, &used),
                              guess("name", DraftVocabulary.parkName, required: true, survey, &used),
                              guess("kind", DraftVocabulary.parkKind, required: false, survey, &used),
                              guess("level", DraftVocabulary.parkLevel, required: false, survey, &used),
                              guess("compliant", DraftVocabulary.parkCompliant, required: false, survey, &used)]
                let why = parkWord.map { "面图层（\(survey.featureCount) 个要素），文件或图层名含“\($0)”" }
                    ?? "面图层（\(survey.featureCount) 个要素），有园区字段 \(parkFields.joined(separator: "、"))"
                return (layer(.parks, survey, why: why, fields: mapped), score(mapped) + (parkWord == nil ? 0 : 5))
            }
            for kind in DraftVocabulary.sensitiveKinds {
                guard let word = kind.words.first(where: words.contains) else { continue }
                var used: Set<String> = []
                let mapped = [guess("code", DraftVocabulary.areaCode, required: false, survey, &used),
                              guess("name", DraftVocabulary.areaName, required: true, survey, &used),
                              guess("level", DraftVocabulary.areaLevel, required: false, survey, &used)]
                let why = "面图层（\(survey.featureCount) 个要素），文件或图层名含“\(word)”"
                return (layer(.sensitiveArea(id: kind.id, kind: kind.kind), survey, why: why, fields: mapped), score(mapped))
            }
        case 1:
            let nameField = DraftVocabulary.riverName.matchSpecific(fields)
            let word = DraftVocabulary.shorelineWords.first(where: words.contains)
            guard nameField != nil || word != nil else { return nil }
            var used: Set<String> = []
            let mapped = [guess("name", DraftVocabulary.riverName, required: true, survey, &used),
                          guess("class", DraftVocabulary.riverClass, required: true, survey, &used)]
            let why = nameField.map { "线图层（\(survey.featureCount) 个要素），有河流名称字段 \($0)" }
                ?? "线图层（\(survey.featureCount) 个要素），文件或图层名含“\(word ?? "")”"
            var draft = layer(.shorelines, survey, why: why, fields: mapped)
            if let classField = draft.field("class") {
                draft.classValues = classValues(survey.values[classField], DraftClasses.riverClass, order: RiverClass.allCases.map(\.rawValue))
            }
            return (draft, score(mapped))
        default:
            break
        }
        return nil
    }

    static func whyUnused(_ survey: LayerSurvey) -> DatasetDraft.Unused {
        let fieldList = survey.fields.prefix(12).joined(separator: "、") + (survey.fields.count > 12 ? "…" : "")
        let zh: String, en: String
        if survey.isTable {
            zh = "表格，列 \(fieldList)：没有单元编码列和准入清单列"
            en = "a table without a unit-code column and list columns"
        } else {
            switch survey.dimension {
            case 2:
                zh = "面图层（\(survey.featureCount) 个要素），字段 \(fieldList)：没有单元编码、红线或园区字段，文件名也不像红线、园区或敏感区"
                en = "a polygon layer without unit-code, red-line or park fields, not named like a red line, park or sensitive area"
            case 1:
                zh = "线图层（\(survey.featureCount) 个要素），字段 \(fieldList)：没有河流名称字段，文件名也不像岸线"
                en = "a line layer without a river-name field, not named like shorelines"
            case 0:
                zh = "点图层：管控图层应为面或线"
                en = "a point layer (zoning layers are polygons or lines)"
            default:
                zh = "没有可读的几何"
                en = "no readable geometries"
            }
        }
        return DatasetDraft.Unused(file: survey.path, layer: survey.layerCount > 1 ? survey.layer : nil, reasonZH: zh, reasonEN: en)
    }

    // MARK: Fields

    private static func score(_ fields: [FieldGuess]) -> Int {
        fields.reduce(0) { $0 + ($1.field == nil ? 0 : $1.required ? 10 : 3) }
    }

    private static func guess(_ key: String, _ names: FieldNames, required: Bool, _ survey: LayerSurvey, _ used: inout Set<String>) -> FieldGuess {
        guard let field = names.match(survey.fields, excluding: used) else {
            let available = survey.fields.filter { !used.contains($0) }
            let list = available.prefix(15).joined(separator: "、") + (available.count > 15 ? "…" : "")
            return FieldGuess(key: key, field: nil, required: required, why: "未找到\(names.label)字段；图层的字段有 \(list)")
        }
        used.insert(field)
        let sample = survey.values[field]?.distinct.first.map { "，值如“\(DraftYAML.excerpt($0))”" } ?? ""
        return FieldGuess(key: key, field: field, required: required, why: "字段 \(field) 像\(names.label)\(sample)")
    }

    private static func listFields(_ survey: LayerSurvey, _ used: inout Set<String>) -> [FieldGuess] {
        DraftVocabulary.listDimensions.compactMap { dimension, names in
            let found = guess(dimension.rawValue, names, required: false, survey, &used)
            return found.field == nil ? nil : found
        }
    }

    /// Each value seen and its class, in class order (values the draft cannot read last).
    private static func classValues(_ values: FieldValues?, _ classify: (String) -> String?, order: [String]) -> [DatasetDraft.ClassValue] {
        func rank(_ value: DatasetDraft.ClassValue) -> Int { value.mapped.flatMap { order.firstIndex(of: $0) } ?? order.count }
        return (values?.distinct ?? []).map { DatasetDraft.ClassValue(raw: $0, mapped: classify($0)) }
            .sorted { (rank($0), $0.raw) < (rank($1), $1.raw) }
    }

    private static func layer(_ role: DatasetDraft.Role, _ survey: LayerSurvey, why: String, fields: [FieldGuess], listFields: [FieldGuess] = []) -> Layer {
        let crsWhy: String
        if survey.declaredCRS != nil {
            crsWhy = "取自文件" + (survey.crsNote.map { "：\($0)" } ?? (survey.driver == "ESRI Shapefile" ? " .prj" : ""))
        } else if survey.driver.hasPrefix("GeoJSON") {
            crsWhy = "GeoJSON 未声明坐标系，用顶层 crs"
        } else {
            crsWhy = "文件未声明可识别的坐标系，用顶层 crs" + (survey.crsNote.map { "（\($0)）" } ?? "")
        }
        var encoding: String?
        var encodingWhy: String?
        switch survey.encoding {
        case .detectedGB18030:
            encoding = "GB18030"
            encodingWhy = "没有 .cpg，文字不是 UTF-8，按 GBK/GB18030 读取；如有乱码请改为实际编码"
        case .declared(let name):
            encodingWhy = "文字编码 \(name)（.cpg 声明，GDAL 自动转换，无需填写）"
        case .detectedUTF8:
            encodingWhy = "没有声明文字编码，内容是 UTF-8"
        case .forced, .asGDALGives:
            break
        }
        return Layer(role: role, file: survey.path, layer: survey.layerCount > 1 ? survey.layer : nil, layerName: survey.layer,
                     featureCount: survey.featureCount, why: why, fields: fields, listFields: listFields, classValues: [],
                     crs: survey.declaredCRS, crsWhy: crsWhy, encoding: encoding, encodingWhy: encodingWhy)
    }
}

/// What a raw class value stands for.
enum DraftClasses {
    /// 1 / 2 / 3, or the class named in words (优先保护单元...).
    static func unitClass(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if ["1", "2", "3"].contains(text) { return text }
        for (word, number) in [("优先", "1"), ("重点", "2"), ("一般", "3")] where text.contains(word) { return number }
        return nil
    }

    /// 干流 / 重要支流 / 支流 (重要支流 first: it contains 支流), or the manifest's own words.
    static func riverClass(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if RiverClass(rawValue: text) != nil { return text }
        for (word, riverClass) in [("干流", RiverClass.mainStream), ("重要支流", .importantTributary), ("支流", .tributary)] where text.contains(word) {
            return riverClass.rawValue
        }
        return nil
    }
}
