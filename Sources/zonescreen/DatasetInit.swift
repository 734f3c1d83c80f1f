import ArgumentParser
import Datasets
import Formats
import Foundation
import Geometry
import Zoning
import Wording

extension DatasetCommand {
    /// `zonescreen dataset init FOLDER [--output FILE] [--force]`.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "根据一个目录中的三线一单成果文件写出 dataset.yaml 草稿 / draft a dataset.yaml from a folder of 三线一单 deliverables",
            discussion: """
            逐个打开目录（含子目录）中的 Shapefile、.zip、GeoPackage、.gdb、GeoJSON、FlatGeobuf、KML 和 XLSX/CSV 表格，\
            按字段名、几何类型和文件名判断哪个是环境管控单元、生态保护红线、岸线、敏感区和单元准入清单表，写出字段映射、\
            类别取值、各图层的坐标系和文字编码。猜出的每一项都用“# 猜测：”注明依据；名称、版本、出处文件、岸线基线、\
            rules.yaml 等无法从文件推断的项用“# 待填写（TODO）：”标出，填写之前数据集无法加载。填写后运行 dataset check。\
            已有的清单不会被覆盖，除非加 --force。
            Opens every vector file and table in the folder (and its subfolders), decides from field names, geometry \
            and file names which layer holds the control units, red lines, shorelines, sensitive areas and the unit list \
            table, and writes the field mapping, class values, each layer's CRS and text encoding. Every guess says why \
            ("# 猜测："); what cannot be guessed is marked "# 待填写（TODO）：" and must be filled in before the dataset loads. \
            An existing manifest is only replaced with --force.
            """)

        @Argument(help: ArgumentHelp("成果文件所在目录 / folder of deliverables", valueName: "FOLDER"))
        var folder: String

        @Option(help: ArgumentHelp("写到此文件，而不是 FOLDER/dataset.yaml / write here instead of FOLDER/dataset.yaml", valueName: "FILE"))
        var output: String?

        @Flag(help: "覆盖已有的文件 / overwrite an existing file")
        var force = false

        @OptionGroup var common: CommonOptions

        func run() throws {
            let l = common.lang
            InterruptCleanup.install(language: l)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                fail(l.pick("找不到目录 \(folder)", "no such folder: \(folder)"))
            }
            let folderURL = URL(fileURLWithPath: folder)
            let target = output.map { URL(fileURLWithPath: $0) } ?? folderURL.appendingPathComponent("dataset.yaml")
            // A hand-edited manifest is work the user would lose: never replace it unasked.
            if FileManager.default.fileExists(atPath: target.path), !force {
                fail(l.pick("\(target.path) 已存在，未覆盖；要覆盖请加 --force，或用 --output 写到别处",
                            "\(target.path) exists and was left alone; add --force to overwrite it, or write elsewhere with --output"))
            }

            let draft = DatasetDraft.make(folder: folderURL, manifest: target)
            let rulesURL = target.deletingLastPathComponent().appendingPathComponent("rules.yaml")
            do {
                try AtomicFile.write(Data(draft.yaml.utf8), to: target)
                if let rules = draft.rulesTemplate { try AtomicFile.write(Data(rules.utf8), to: rulesURL) }
            } catch {
                fail(error.message(l))
            }

            print(l.pick("已写出数据集清单草稿：", "Draft manifest written: ") + target.path)
            if draft.rulesTemplate != nil {
                print(l.pick("已写出本地规则文件（空，国家规则已内置）：", "Local rules file written (empty; national rules are built in): ") + rulesURL.path)
            }
            if draft.layers.isEmpty {
                print(l.pick("未识别出任何图层", "no layer was recognised"))
            } else {
                print(l.pick("识别出的图层：", "Recognised:"))
                for layer in draft.layers { print("  " + Self.describe(layer, l)) }
            }
            if !draft.unused.isEmpty {
                print(l.pick("未使用：", "Not used:"))
                for item in draft.unused {
                    print("  \(item.file)" + (item.layer.map { l.pick("（图层 \($0)）", " (layer \($0))") } ?? "") + l.pick("：", ": ") + item.reason(l))
                }
            }
            print(l.pick("需要填写（文件中标有“待填写”）：", "To fill in (marked 待填写 in the file):"))
            for item in draft.toFill { print("  - " + item.message(l)) }
            if !draft.notes.isEmpty {
                print(l.pick("请留意（不填也能加载）：", "Worth knowing (it loads without):"))
                for item in draft.notes { print("  - " + item.message(l)) }
            }
            let checkFolder = target.deletingLastPathComponent().path
            if target.lastPathComponent == "dataset.yaml" {
                print(l.pick("填写后运行：zonescreen dataset check \(checkFolder)", "Then run: zonescreen dataset check \(checkFolder)"))
            } else {
                // The loader reads FOLDER/dataset.yaml and nothing else.
                print(l.pick("数据集只读取名为 dataset.yaml 的清单：填写后在同一目录中改名为 dataset.yaml（文件路径相对于该目录），再运行 zonescreen dataset check \(checkFolder)",
                             "A dataset is read from its dataset.yaml only: once filled in, rename this to dataset.yaml in the same folder (paths are relative to it), then run zonescreen dataset check \(checkFolder)"))
            }
        }

        /// `file → role: key=field, ...; class values`.
        static func describe(_ layer: DatasetDraft.Layer, _ l: Language) -> String {
            var parts = (layer.fields + layer.listFields).map { "\($0.key)=\($0.field ?? "?")" }
            if let name = layer.layer { parts.insert(l.pick("图层 \(name)", "layer \(name)"), at: 0) }
            if let crs = layer.crs { parts.append(crs.description) }
            if let encoding = layer.encoding { parts.append(l.pick("编码 \(encoding)", "encoding \(encoding)")) }
            var text = "\(layer.file) → \(layer.role.name(l))" + l.pick("：", ": ") + parts.joined(separator: ", ")
            if !layer.classValues.isEmpty {
                text += l.pick("；类别值 ", "; class values ") + layer.classValues.map { "\($0.raw)→\($0.mapped ?? "?")" }.joined(separator: ", ")
            }
            return text
        }

        private func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Self.exit(withError: ExitCode(2))
        }
    }
}
