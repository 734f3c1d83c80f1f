import Geometry
import Wording

/// One thing wrong with a dataset. The loader and `dataset check` collect every problem rather than
/// stopping at the first.
public enum DatasetProblem: Sendable, Hashable {
    /// The environment variable that raises the YAML nesting limit (read by the loader).
    package static let yamlNestingVariable = "ZONESCREEN_YAML_MAX_DEPTH"

    case fileMissing(path: String, role: String)
    case fileInvalid(path: String, detail: String)
    /// A YAML file nested deeper than the limit (`YAMLNesting`), refused before it is parsed.
    case yamlTooDeep(path: String, line: Int, limit: Int)
    case unsupportedFormatVersion(Int)
    case invalidSetting(name: String, detail: String)
    case fieldMissing(file: String, feature: Int, id: String?, field: String, mappedFrom: String)
    case featureUnreadable(file: String, detail: String)
    case wrongGeometryType(file: String, feature: Int, id: String?, found: String, expected: String)
    case invalidGeometry(file: String, feature: Int, id: String?, reason: String, location: Coordinate?)
    case unknownClassValue(file: String, feature: Int, id: String?, value: String)
    case malformedUnitCode(code: String, detail: String)
    case duplicateCode(layer: String, code: String)
    case duplicateClauseID(String)
    case clauseUnknownUnit(clause: String, unit: String)
    case unknownIndustry(owner: String, code: String)
    case unknownSource(owner: String, document: String)
    case annotationUnknownClause(String)
    case ruleUnknownLayer(rule: String, layer: String)
    case tilingGap(location: Coordinate, squareMetres: Double)
    /// A problem as a compiled store recorded it: its message in both languages.
    case recorded(zh: String, en: String)
    case layerCRSUnknown(file: String, layer: String, detail: String)
    case layerNotChosen(file: String, layers: [String])
    case fieldAbsent(file: String, layer: String, field: String, mappedFrom: String, available: [String])
    case listRowUnknownUnit(file: String, row: Int, code: String)
    case listRowWithoutCode(file: String, row: Int, column: String)
    case tilingOverlap(first: String, second: String, location: Coordinate, squareMetres: Double)
    /// A file ZoneScreen carries itself (the national rule pack, the catalogue) is not where it looked.
    case builtInMissing(name: String, looked: [String])
    /// The manifest drops or overrides a national rule the pack does not have.
    case nationalRuleUnknown(id: String, setting: String, known: [String])
    /// A dataset's own rule uses the id of a national rule.
    case nationalRuleIdReused(id: String, file: String)
    /// No regionCode: whether the Yangtze rules hold cannot be told, so they are applied.
    case regionCodeMissing
    /// A person's annotation was made on other words than the clause has now.
    case annotationStale(clause: String)
    /// Rules or clauses ask whether a site lies in a park, and the dataset has no parks layer.
    case parksLayerMissing(owners: [String])

    public func message(_ l: Language) -> String {
        func feature(_ file: String, _ index: Int, _ id: String?) -> String {
            let name = id.map { l.pick("（\($0)）", " (\($0))") } ?? ""
            return l.pick("\(file) 第 \(index + 1) 个要素\(name)", "\(file) feature \(index + 1)\(name)")
        }
        func place(_ c: Coordinate) -> String { String(format: "%.6f,%.6f", c.x, c.y) }
        switch self {
        case .fileMissing(let path, let role):
            return l.pick("缺少文件 \(path)（\(role)）", "missing file \(path) (\(role))")
        case .fileInvalid(let path, let detail):
            return l.pick("文件 \(path) 有误：\(detail)", "file \(path) is invalid: \(detail)")
        case .yamlTooDeep(let path, let line, let limit):
            return l.pick("文件 \(path) 第 \(line) 行嵌套超过 \(limit) 层（YAML 嵌套层数上限；数据集文件只需几层，确需更深可设置环境变量 \(Self.yamlNestingVariable)）",
                          "file \(path) line \(line) nests deeper than \(limit) levels (the YAML nesting limit; dataset files need only a few; set \(Self.yamlNestingVariable) to raise it)")
        case .unsupportedFormatVersion(let version):
            return l.pick("不支持的数据集格式版本 \(version)（支持 1）", "unsupported dataset format version \(version) (1 is supported)")
        case .invalidSetting(let name, let detail):
            return l.pick("dataset.yaml 中的设置 \(name) 有误：\(detail)", "dataset.yaml setting \(name) is invalid: \(detail)")
        case .fieldMissing(let file, let index, let id, let field, let mappedFrom):
            return l.pick("\(feature(file, index, id))缺少映射字段 \(mappedFrom)（\(field)）",
                          "\(feature(file, index, id)) lacks mapped field \(mappedFrom) (\(field))")
        case .featureUnreadable(let file, let detail):
            return l.pick("\(file)：\(detail)", "\(file): \(detail)")
        case .wrongGeometryType(let file, let index, let id, let found, let expected):
            return l.pick("\(feature(file, index, id))的几何类型为 \(found)，应为 \(expected)",
                          "\(feature(file, index, id)) has geometry \(found); expected \(expected)")
        case .invalidGeometry(let file, let index, let id, let reason, let location):
            let at = location.map { l.pick("，位置 \(place($0))", " at \(place($0))") } ?? ""
            return l.pick("\(feature(file, index, id))几何无效：\(reason)\(at)", "\(feature(file, index, id)) has an invalid geometry: \(reason)\(at)")
        case .unknownClassValue(let file, let index, let id, let value):
            return l.pick("\(feature(file, index, id))的类别值“\(value)”无法识别", "\(feature(file, index, id)) has an unknown class value \"\(value)\"")
        case .malformedUnitCode(let code, let detail):
            return l.pick("单元编码 \(code) 格式有误：\(detail)", "unit code \(code) is malformed: \(detail)")
        case .duplicateCode(let layer, let code):
            return l.pick("图层 \(layer) 中编码 \(code) 重复", "code \(code) appears more than once in layer \(layer)")
        case .duplicateClauseID(let id):
            return l.pick("条款编号 \(id) 重复", "clause id \(id) appears more than once")
        case .clauseUnknownUnit(let clause, let unit):
            return l.pick("条款 \(clause) 引用了不存在的单元 \(unit)", "clause \(clause) names unknown unit \(unit)")
        case .unknownIndustry(let owner, let code):
            return l.pick("\(owner) 引用了行业分类中不存在的代码 \(code)", "\(owner) names industry code \(code), which is not in the catalogue")
        case .unknownSource(let owner, let document):
            return l.pick("\(owner) 引用了未登记的出处文件 \(document)", "\(owner) cites document \(document), which the manifest does not list")
        case .annotationUnknownClause(let id):
            return l.pick("注释表引用了不存在的单元条款 \(id)", "the annotation table names unknown unit clause \(id)")
        case .ruleUnknownLayer(let rule, let layer):
            return l.pick("规则 \(rule) 引用了不存在的敏感区图层 \(layer)", "rule \(rule) names unknown sensitive-area layer \(layer)")
        case .recorded(let zh, let en):
            return l.pick(zh, en)
        case .layerCRSUnknown(let file, let layer, let detail):
            return l.pick("\(file) 图层 \(layer) 的坐标系未知（\(detail)）：请补上 .prj，或在清单中给该图层写 crs: EPSG:…",
                          "\(file) layer \(layer) has no known CRS (\(detail)): add its .prj, or give the layer crs: EPSG:… in the manifest")
        case .layerNotChosen(let file, let layers):
            return l.pick("\(file) 有多个图层（\(layers.joined(separator: "、"))），请在清单中用 layer: 指定一个",
                          "\(file) has several layers (\(layers.joined(separator: ", "))); name one with layer: in the manifest")
        case .fieldAbsent(let file, let layer, let field, let mappedFrom, let available):
            return l.pick("\(file) 图层 \(layer) 没有映射字段 \(mappedFrom)（\(field)）；现有字段：\(available.joined(separator: "、"))",
                          "\(file) layer \(layer) has no field \(mappedFrom) (mapped as \(field)); its fields: \(available.joined(separator: ", "))")
        case .listRowUnknownUnit(let file, let row, let code):
            return l.pick("\(file) 第 \(row) 行的单元编码 \(code) 不在管控单元图层中", "\(file) row \(row): unit code \(code) is not in the control-unit layer")
        case .listRowWithoutCode(let file, let row, let column):
            return l.pick("\(file) 第 \(row) 行没有单元编码（\(column) 列为空）", "\(file) row \(row) has no unit code (column \(column) is empty)")
        case .builtInMissing(let name, let looked):
            return l.pick("找不到 ZoneScreen 自带的数据文件 \(name)（查找了 \(looked.joined(separator: "、"))）：安装不完整，请用 scripts/install 重新安装，或设置 ZONESCREEN_BUILTIN_DATA 指向其所在文件夹",
                          "ZoneScreen's own data file \(name) is missing (looked in \(looked.joined(separator: ", "))): the installation is incomplete; reinstall with scripts/install, or point ZONESCREEN_BUILTIN_DATA at its folder")
        case .nationalRuleUnknown(let id, let setting, let known):
            return l.pick("dataset.yaml 的 \(setting) 中的 \(id) 不是内置国家规则（现有：\(known.joined(separator: "、"))）",
                          "dataset.yaml \(setting) names \(id), which is no built-in national rule (there are: \(known.joined(separator: ", ")))")
        case .nationalRuleIdReused(let id, let file):
            return l.pick("\(file) 中的规则编号 \(id) 与内置国家规则相同：改动国家规则请在 dataset.yaml 的 nationalRules.override 中写，自己的规则请另起编号",
                          "\(file) uses rule id \(id), which is a built-in national rule's: change national rules under nationalRules.override in dataset.yaml, and give your own rules ids of their own")
        case .regionCodeMissing:
            return l.pick("dataset.yaml 未给出 regionCode（行政区划代码）：无法判断本地区是否属于长江流域、长江经济带，这些地域的国家规则一律适用；请补上 regionCode",
                          "dataset.yaml gives no regionCode (administrative code): whether the region lies in the Yangtze basin or economic belt cannot be told, so their national rules are all applied; add regionCode")
        case .annotationStale(let clause):
            return l.pick("条款 \(clause) 的文字在人工核对之后改过：原标注不再采用，改为自动识别，请重新核对",
                          "clause \(clause) has changed since a person reviewed it: their annotation is set aside and the text read automatically; review it again")
        case .parksLayerMissing(let owners):
            let named = owners.prefix(8).joined(separator: l.pick("、", ", ")) + (owners.count > 8 ? l.pick(" 等 \(owners.count) 条", " and \(owners.count - 8) more") : "")
            return l.pick("\(named) 以站点在园区内或园区外为条件，但数据集没有园区图层（layers.parks）：这些规则、条款一律判为需论证",
                          "\(named) depend on whether a site lies in a park, but the dataset has no parks layer (layers.parks): they all answer needs assessment")
        case .tilingGap(let location, let area):
            let size = String(format: "%.1f", area)
            return l.pick("管控单元之间有缝隙：约 \(size) 平方米，位于 \(place(location))",
                          "gap between control units: about \(size) m² at \(place(location))")
        case .tilingOverlap(let first, let second, let location, let area):
            let size = String(format: "%.1f", area)
            return l.pick("管控单元 \(first) 与 \(second) 重叠：约 \(size) 平方米，位于 \(place(location))",
                          "control units \(first) and \(second) overlap: about \(size) m² at \(place(location))")
        }
    }
}

/// A dataset that could not be loaded, with every problem found.
public struct DatasetError: UserFacingError, Sendable {
    public let path: String
    public let problems: [DatasetProblem]

    public func message(_ l: Language) -> String {
        let header = l.pick("数据集 \(path) 有 \(problems.count) 个问题：", "dataset \(path) has \(problems.count) problems:")
        return ([header] + problems.map { "  - " + $0.message(l) }).joined(separator: "\n")
    }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(path: String, problems: [DatasetProblem]) {
        self.path = path
        self.problems = problems
    }
}
