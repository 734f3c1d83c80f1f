import Foundation
import Geometry
import Zoning

extension DatasetDraft {
    /// The draft manifest. Guesses are written in with `# 猜测：` and why. What the user must write is
    /// a commented-out key with `# 待填写（TODO）：`: left as it is, the key is missing and the loader
    /// names it. (An empty value would not do: YAML's null decodes as an empty name or version and
    /// would load.) Layers not found are commented templates.
    public var yaml: String {
        var out = DraftYAML()
        let folderPath = manifestURL.deletingLastPathComponent().path
        out.comment("ZoneScreen 数据集清单草稿，由 zonescreen dataset init 根据 \(folder.path) 中的文件生成。")
        out.comment("“# 猜测：”是根据文件名、图层名、字段名和字段值推断的，请逐项核对；")
        out.comment("“# 待填写（TODO）：”是无法从文件推断、必须由你填写的项：它们写成了注释，去掉行首的 # 并写上值；")
        out.comment("  未填写时数据集无法加载，dataset check 会指出缺少哪一项。")
        if manifestURL.lastPathComponent == "dataset.yaml" {
            out.comment("填写后运行：zonescreen dataset check \(folderPath)")
        } else {
            out.comment("数据集只读取名为 dataset.yaml 的清单：填写后在同一目录中改名为 dataset.yaml（文件路径相对于该目录），再运行 zonescreen dataset check \(folderPath)")
        }
        out.comment("格式说明见 docs/dataset-format.md，完整示例见 Fixtures/demo/dataset.yaml。")
        if !unused.isEmpty {
            out.comment("")
            out.comment("未使用的文件和图层：")
            for item in unused { out.comment("  \(item.file)\(item.layer.map { "（图层 \($0)）" } ?? "")：\(item.reason(.zh))") }
        }

        out.entry("formatVersion", "1")
        out.todo("name", "数据集名称，如“某某市三线一单生态环境分区管控数据集”")
        out.guessOrTodo("region", region, todo: "地区名称，如“某某市”")
        if let regionCode {
            out.entry("regionCode", DraftYAML.scalar(regionCode.value), guess: regionCode.why)
        } else {
            out.comment("regionCode: \"429099\"  # 可选：6 位行政区划代码，加引号")
        }
        out.todo("version", "数据版本，加引号，如 \"2024.1\"")
        out.todo("date", "发布日期，加引号，如 \"2024-06-30\"")
        if let defaultCRS {
            out.entry("crs", defaultCRS.value.description, guess: defaultCRS.why)
        } else if needsDefaultCRS {
            out.todo("crs", "有图层文件未声明坐标系，请写明其坐标系，如 EPSG:4490（CGCS2000 经纬度）")
        } else if layers.isEmpty {
            out.comment("crs: EPSG:4490  # 可选：图层文件未声明坐标系时所用的坐标系")
        } else {
            out.comment("crs: 各图层文件都自带坐标系（见各图层的 crs），无需顶层 crs")
        }
        out.entry("measurement", nil)
        out.entry("method", "projected", indent: 1, note: "官方面积按 CGCS2000 3 度带高斯-克吕格投影量算；按椭球面量算写 ellipsoidal（crs 仍用于索引）")
        if let measurementCRS {
            out.entry("crs", measurementCRS.value.description, indent: 1, note: "待填写（TODO，已填建议值，请核对）：\(measurementCRS.why)")
        } else {
            out.todo("crs", "量算用的 CGCS2000 3 度带坐标系：EPSG:4534–4554 为第 25–45 带（中央经线 75°E–135°E），取数据所在带", indent: 1)
        }
        if let baseline {
            out.entry("shorelineBaseline", baseline.value.rawValue, guess: "\(baseline.why)（\(baseline.value.chineseName)）")
        } else {
            out.todo("shorelineBaseline", "量算岸线距离的基线：waterline 临水线 | outerBoundary 外缘边界线 | managementBoundary 河道管理范围线 | centreline 河道中心线")
        }
        out.todo("sources", "规则和条款引用的文件，至少一项；去掉本行和下面各行的 # 并改写：")
        let unitLists = layers(.listTable).isEmpty == false || layers(.controlUnits).contains { !$0.listFields.isEmpty }
        for line in ["  - id: provinceList", "    title: 某某省生态环境分区管控总体准入要求", "    issuer: 某某省人民政府", "    date: \"2023-12-20\""] {
            out.comment(line)
        }
        if unitLists {
            out.comment("  - id: unitLists        # 单元准入清单文字拆分出的条款以此 id 为出处")
            out.comment("    title: 某某市环境管控单元生态环境准入清单")
        }

        out.entry("layers", nil)
        writeUnits(&out)
        for role in [Role.redLines, .shorelines] {
            if let layer = layers(role).first { write(layer, &out) } else { DraftYAML.placeholder(role, &out) }
        }
        if let parks = layers(.parks).first {
            write(parks, &out)
            if let parksKind { out.entry("kind", DraftYAML.scalar(parksKind.value), indent: 2, guess: parksKind.why) }
            if let parksCompliant { out.entry("compliant", parksCompliant.value ? "true" : "false", indent: 2, guess: parksCompliant.why) }
        } else {
            out.comment("parks:  # 可选：未找到园区图层（文件名含 化工园区、开发区、工业园区，或字段 YQMC、园区名称）。没有它，“合规园区外”等规则判为需论证。格式：", indent: 1)
            out.comment("  file: 化工园区.shp", indent: 1)
            out.comment("  fields: { name: YQMC, code: YQBM, kind: YQLX, level: YQJB, compliant: SFHG }", indent: 1)
        }
        if sensitiveAreas.isEmpty {
            out.comment("sensitiveAreas:  # 可选：未找到敏感区图层（文件名含 饮用水水源、自然保护区、风景名胜区 等）。格式：", indent: 1)
            out.comment("  - { id: drinkingWater, kind: 饮用水水源保护区, file: 饮用水水源保护区.shp, fields: { name: BHQMC, code: BHQBM, level: BHJB } }", indent: 1)
        } else {
            out.entry("sensitiveAreas", nil, indent: 1)
            for layer in sensitiveAreas { write(layer, &out) }
        }

        out.comment("clauseFiles: [lists/province.yaml, lists/city.yaml, lists/classes.yaml]  # 可选：省、市总体准入要求和分类管控要求的条款文件")
        if let rulesFile {
            out.entry("rules", DraftYAML.scalar(rulesFile), guess: "目录中已有 \(rulesFile)")
        } else {
            out.entry("rules", "rules.yaml", note: "本地空间规则（dataset init 已写出空文件，按需添加；国家规则已内置）")
        }
        if let catalogueFile {
            out.entry("industryCatalogue", DraftYAML.scalar(catalogueFile), guess: "目录中已有 \(catalogueFile)")
        } else {
            out.comment("industryCatalogue: 行业分类.csv  # 可选：GB/T 4754-2017 已内置；只有要用自己的行业表时才写")
        }
        out.comment("nationalRules: { drop: [CN-FMQD-11-2], override: [{ id: CN-CJ-26-1, distance: 1500 }] }  # 可选：内置国家规则默认全部加载；enabled: false 关闭，drop 删去、override 改写某条（见 docs/dataset-format.md）")
        return out.text
    }

    private func writeUnits(_ out: inout DraftYAML) {
        guard let units = layers(.controlUnits).first else {
            DraftYAML.placeholder(.controlUnits, &out)
            if let table = layers(.listTable).first {
                out.comment("  listTable: { file: \(table.file), code: \(table.field("code") ?? "") }  # 已找到单元准入清单表，填写单元图层后去掉 #", indent: 1)
            }
            return
        }
        write(units, &out)
        if !units.classValues.isEmpty, let classField = units.field("class") {
            out.entry("classValues", nil, indent: 2, guess: "字段 \(classField) 的值 → 1 优先保护 / 2 重点管控 / 3 一般管控")
            for value in units.classValues {
                if let mapped = value.mapped {
                    out.entry(DraftYAML.scalar(value.raw), mapped, indent: 3)
                } else {
                    out.todo(DraftYAML.scalar(value.raw), "这个值代表哪一类？写 1、2 或 3", indent: 3)
                }
            }
        }
        if !units.listFields.isEmpty {
            out.entry("listFields", nil, indent: 2, guess: "单元的准入清单文字（按编号拆成单元级条款）")
            for field in units.listFields { out.field(field, indent: 3) }
        }
        if let table = layers(.listTable).first {
            out.entry("listTable", nil, indent: 2, guess: "\(table.file)：\(table.why)")
            for alternative in table.alternatives { out.comment("其他候选：\(alternative)", indent: 3) }
            out.entry("file", DraftYAML.scalar(table.file), indent: 3)
            if let layer = table.layer { out.entry("layer", DraftYAML.scalar(layer), indent: 3, guess: "工作表 \(layer)") }
            DraftYAML.encoding(table, indent: 3, &out)
            if let code = table.fields.first { out.field(code, indent: 3) }
            out.entry("columns", nil, indent: 3)
            for column in table.listFields { out.field(column, indent: 4) }
        }
    }

    /// A layer's entry: file, layer, encoding, CRS and field mapping (class values for shorelines).
    private func write(_ layer: Layer, _ out: inout DraftYAML) {
        let indent: Int
        if case .sensitiveArea(let id, let kind) = layer.role {
            out.entry("id", DraftYAML.scalar(id), indent: 3, item: true, guess: "\(layer.file)：\(layer.why)")
            out.entry("kind", DraftYAML.scalar(kind), indent: 3)
            indent = 3
        } else {
            out.entry(DraftYAML.key(layer.role), nil, indent: 1, guess: "\(layer.file)：\(layer.why)")
            indent = 2
        }
        for alternative in layer.alternatives { out.comment("其他候选：\(alternative)", indent: indent) }
        out.entry("file", DraftYAML.scalar(layer.file), indent: indent)
        if let name = layer.layer { out.entry("layer", DraftYAML.scalar(name), indent: indent, guess: "文件有多个图层，选了这个") }
        DraftYAML.encoding(layer, indent: indent, &out)
        if let crs = layer.crs {
            out.entry("crs", crs.description, indent: indent, guess: layer.crsWhy)
        } else {
            out.comment("坐标系：\(layer.crsWhy)", indent: indent)
        }
        out.entry("fields", nil, indent: indent)
        for field in layer.fields { out.field(field, indent: indent + 1) }
        if layer.role == .shorelines, let classField = layer.field("class"), !layer.classValues.isEmpty {
            out.entry("classValues", nil, indent: indent, guess: "字段 \(classField) 的值 → mainStream 干流 / importantTributary 重要支流 / tributary 支流")
            for value in layer.classValues {
                if let mapped = value.mapped {
                    out.entry(DraftYAML.scalar(value.raw), mapped, indent: indent + 1)
                } else {
                    out.todo(DraftYAML.scalar(value.raw), "这个值是哪一级河流？写 mainStream、importantTributary 或 tributary", indent: indent + 1)
                }
            }
        }
    }
}

/// Lines of the draft manifest, two spaces an indent level, comments after values.
struct DraftYAML {
    private(set) var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func comment(_ text: String, indent: Int = 0) {
        lines.append(String(repeating: "  ", count: indent) + (text.isEmpty ? "#" : "# " + Self.oneLine(text)))
    }

    /// `key: value  # note`; `item` starts a list item (`- key: value`) one level out.
    mutating func entry(_ key: String, _ value: String?, indent: Int = 0, item: Bool = false, guess: String? = nil, note: String? = nil) {
        let lead = item ? String(repeating: "  ", count: max(indent - 1, 0)) + "- " : String(repeating: "  ", count: indent)
        var line = lead + key + ":" + (value.map { " " + $0 } ?? "")
        if let guess { line += "  # 猜测：" + Self.oneLine(guess) }
        if let note { line += "  # " + Self.oneLine(note) }
        lines.append(line)
    }

    /// A key for the user to write, commented out so the loader reports it missing until they do.
    mutating func todo(_ key: String, _ what: String, indent: Int = 0) {
        comment("\(key):  # 待填写（TODO）：\(what)", indent: indent)
    }

    mutating func guessOrTodo(_ key: String, _ guess: DatasetDraft.Guess<String>?, todo what: String) {
        if let guess { entry(key, Self.scalar(guess.value), guess: guess.why) } else { todo(key, what) }
    }

    /// A mapped field: written when found; a required one not found is a TODO, an optional one a comment.
    mutating func field(_ field: DatasetDraft.FieldGuess, indent: Int) {
        if let name = field.field {
            entry(field.key, Self.scalar(name), indent: indent, guess: field.why)
        } else if field.required {
            todo(field.key, field.why, indent: indent)
        } else {
            comment("\(field.key):  # 可选：\(field.why)", indent: indent)
        }
    }

    static func encoding(_ layer: DatasetDraft.Layer, indent: Int, _ out: inout DraftYAML) {
        if let encoding = layer.encoding {
            out.entry("encoding", scalar(encoding), indent: indent, guess: layer.encodingWhy)
        } else if let why = layer.encodingWhy {
            out.comment("编码：\(why)", indent: indent)
        }
    }

    /// A role that was not found, as a commented template the user can complete.
    static func placeholder(_ role: DatasetDraft.Role, _ out: inout DraftYAML) {
        let (what, template): (String, [String])
        switch role {
        case .controlUnits:
            what = "面图层，字段如 HJGKDYBM 单元编码、HJGKDYMC 单元名称、ZHGKDYFL 单元类别"
            template = ["  file: 环境管控单元.shp", "  fields: { code: HJGKDYBM, name: HJGKDYMC, class: ZHGKDYFL }", "  classValues: { \"1\": 1, \"2\": 2, \"3\": 3 }"]
        case .redLines:
            what = "面图层，字段如 HXBM、HXMC、HXLX，或文件名含 STBHHX、生态保护红线"
            template = ["  file: 生态保护红线.shp", "  fields: { code: HXBM, name: HXMC, type: HXLX }"]
        case .shorelines:
            what = "线图层，字段如 HLMC 河流名称、HLDJ 河流等级"
            template = ["  file: 岸线.shp", "  fields: { name: HLMC, class: HLDJ }", "  classValues: { 干流: mainStream, 重要支流: importantTributary, 支流: tributary }"]
        case .parks, .sensitiveArea, .listTable:
            return
        }
        out.comment("\(key(role)):  # 待填写（TODO）：未找到\(role.name(.zh))图层（\(what)）。去掉 # 并改写：", indent: 1)
        for line in template { out.comment(line, indent: 1) }
    }

    static func key(_ role: DatasetDraft.Role) -> String {
        switch role {
        case .controlUnits: "controlUnits"
        case .redLines: "redLines"
        case .shorelines: "shorelines"
        case .parks: "parks"
        case .sensitiveArea: "sensitiveAreas"
        case .listTable: "controlUnits.listTable"
        }
    }

    /// A value as a YAML scalar: plain when it cannot be read as anything but this text (letters of
    /// any script, digits and a few marks, starting with a letter or "/", not a YAML keyword), else quoted.
    static func scalar(_ text: String) -> String {
        let marks: Set<Character> = ["_", "-", ".", "/", ":", "（", "）", "(", ")", "、"]
        let keywords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]
        // "/" may start a plain scalar (absolute paths); "." may not (.inf and .nan are numbers).
        let plain = text.first.map { $0.isLetter || $0 == "/" } == true && text.last != ":"
            && text.allSatisfy { $0.isLetter || $0.isNumber || marks.contains($0) }
            && !keywords.contains(text.lowercased())
        if plain { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if scalar.value < 0x20 { quoted += String(format: "\\x%02X", scalar.value) } else { quoted.unicodeScalars.append(scalar) }
            }
        }
        return quoted + "\""
    }

    /// A value short enough to show in a comment.
    static func excerpt(_ text: String, limit: Int = 24) -> String {
        let line = oneLine(text)
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// Comments are one line each: line breaks in field values would end them.
    static func oneLine(_ text: String) -> String {
        text.components(separatedBy: .newlines).joined(separator: " ")
    }
}
