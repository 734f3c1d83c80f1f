import ArgumentParser
import Datasets
import Formats
import Foundation
import Geometry
import Zoning
import Wording

extension DatasetCommand {
    /// `zonescreen dataset clauses [DIR] [--review SHEET.xlsx] [--apply SHEET.xlsx]`.
    struct Clauses: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "单元条款的识别情况、审核表和人工核对结果 / how the unit clauses were read, a review sheet, and a person's corrections",
            discussion: """
            不加选项时列出：条款总数，条款文件写明的、人工核对的、自动识别的各多少条，自动识别的条款中有多少需人工核对\
            （缺少分类表、规模、符合性等事实），以及未能判定的条款。
            --review 写出审核表（每条一行：原文、读出的效力、行业、性质、范围、除外、依据的原文片段，和空白的“更正”列）。
            --apply 读回填好的审核表：凡“更正”列有内容的行写入数据集清单中 unitClauseAnnotations 指定的注释表\
            （没有则新建 lists/clause-review.yaml 并写入清单），人工判定优先于自动识别；原文改动后该判定不再生效。
            Without options: how many clauses there are, how many a clause file states, a person decided and the reader \
            read, how many of those read need a person (a category table, a scale, a conformity fact nobody gives), and \
            the undecided ones. --review writes a review sheet; --apply reads a filled-in sheet back into the dataset's \
            annotations file (a person's decision wins over the reader, until the clause's words change).
            """)

        @Argument(help: ArgumentHelp("数据集目录（默认示例数据集）/ dataset folder (default: the demo dataset)", valueName: "DIR"))
        var directory: String?

        @Option(help: ArgumentHelp("写出审核表 / write a review sheet", valueName: "SHEET.xlsx"))
        var review: String?

        @Option(help: ArgumentHelp("读回填好的审核表，写入注释表 / read a filled-in sheet into the annotations file", valueName: "SHEET.xlsx"))
        var apply: String?

        @OptionGroup var common: CommonOptions

        func validate() throws {
            if review != nil && apply != nil { throw ValidationError("--review 和 --apply 不能同时使用 / use --review or --apply, not both") }
            for path in [review, apply].compactMap({ $0 }) where !path.lowercased().hasSuffix(".xlsx") {
                throw ValidationError("审核表应为 .xlsx 文件：\(path) / the sheet must be an .xlsx file: \(path)")
            }
        }

        func run() throws {
            let l = common.lang
            InterruptCleanup.install(language: l)
            let folder = try DatasetChoice.directory(directory, language: l)
            if folder.pathExtension == "zsd" {
                fail(l.pick("审核条款需要数据集目录（源文件），而不是编译数据集 \(folder.path)", "clause review needs the dataset folder (its sources), not the compiled \(folder.path)"), status: 2)
            }
            let dataset = try DatasetChoice.loadOrExit(folder.path, language: l, status: 2)
            if let review {
                writeSheet(dataset, to: URL(fileURLWithPath: review), l)
            } else if let apply {
                try applySheet(URL(fileURLWithPath: apply), dataset: dataset, folder: folder, l)
            } else {
                printCoverage(dataset, l)
            }
        }

        private func printCoverage(_ dataset: Dataset, _ l: Language) {
            let c = ClauseReview.coverage(dataset)
            print(l.pick("数据集：", "Dataset: ") + "\(dataset.metadata.name) \(dataset.metadata.version)")
            print(l.pick("条款 \(c.total) 条：条款文件写明 \(c.structured) 条，人工核对 \(c.person) 条，自动识别 \(c.read) 条",
                         "\(c.total) clauses: \(c.structured) stated in clause files, \(c.person) decided by a person, \(c.read) read by the reader"))
            print(l.pick("  自动识别的条款中，对部分项目有约束（禁止、限制、需论证）的 \(c.readBinding) 条，需人工核对的 \(c.readNeedingReview) 条",
                         "  of those read, \(c.readBinding) bind some projects (prohibit, restrict, need assessment); \(c.readNeedingReview) need a person"))
            let effects = Effect.allCases.compactMap { effect in c.effects[effect].map { "\(effect.name(l)) \($0)" } }
            if !effects.isEmpty { print(l.pick("  读出的约束：", "  read binding parts: ") + effects.joined(separator: l.pick("，", ", "))) }
            if c.unread > 0 {
                print(l.pick("未能判定而含禁止、限制等字样的条款 \(c.unread) 条（筛查时按需论证计，需人工核对）",
                             "\(c.unread) clauses with prohibiting or restricting words could not be read (counted as needs assessment; a person must check them)"))
            }
            print(l.pick("按层级（条款数 / 需人工核对）：", "By level (clauses / need a person):"))
            for level in ClauseLevel.allCases { if let n = c.byLevel[level] { print("  \(level.name(l)): \(n[0]) / \(n[1])") } }
            print(l.pick("按维度：", "By dimension:"))
            for dimension in Dimension.allCases { if let n = c.byDimension[dimension] { print("  \(l.pick(dimension.chineseName, dimension.englishName)): \(n[0]) / \(n[1])") } }
            let review = dataset.clauses.filter(ClauseReview.needsReview)
            if !review.isEmpty {
                print(l.pick("需人工核对的条款（前 20 条；全部见 --review 审核表）：", "Clauses needing a person (first 20; all in the --review sheet):"))
                for clause in review.prefix(20) { print("  \(clause.id)：\(clause.text.prefix(60))") }
            }
        }

        private func writeSheet(_ dataset: Dataset, to url: URL, _ l: Language) {
            let rows = ClauseReview.sheet(dataset)
            do {
                try XLSXWriter.write(sheets: [(name: "条款审核", columns: ClauseReview.columns, rows: rows),
                                              (name: "填写说明", columns: ["项目", "说明"],
                                               rows: ClauseReview.instructions.map { [.string($0.column), .string($0.text)] })], to: url)
            } catch {
                fail(l.pick("无法写出审核表 \(url.path)：", "cannot write the sheet \(url.path): ") + error.message(l), status: 1)
            }
            let needing = dataset.clauses.filter(ClauseReview.needsReview).count
            print(l.pick("已写出审核表：\(url.path)（\(rows.count) 条，其中需人工核对 \(needing) 条，见“需人工核对”列）",
                         "Review sheet written: \(url.path) (\(rows.count) clauses, \(needing) needing a person: see the 需人工核对 column)"))
            print(l.pick("在“更正”各列填写判定后运行：zonescreen dataset clauses \(directory ?? "") --apply \(url.path)",
                         "Fill in the 更正 columns, then run: zonescreen dataset clauses \(directory ?? "") --apply \(url.path)"))
        }

        private func applySheet(_ url: URL, dataset: Dataset, folder: URL, _ l: Language) throws {
            var rows: [(row: Int, cells: [String: String])] = []
            do {
                let file = try GDALFile(url: url)
                try file.forEachRecord { layer, row, values in
                    guard layer == "条款审核" else { return }
                    rows.append((row, values.compactMapValues { value in
                        switch value {
                        case .string(let text): text
                        case .number(let number): number == number.rounded() ? String(Int(number)) : String(number)
                        default: nil
                        }
                    }))
                }
            } catch {
                fail(l.pick("无法读取审核表 \(url.path)：", "cannot read the sheet \(url.path): ") + ((error as? UserFacingError)?.message(l) ?? "\(error)"), status: 2)
            }
            if let first = rows.first, first.cells["编号"] == nil {
                fail(l.pick("\(url.path) 不是 zonescreen 写出的审核表（没有“编号”列）", "\(url.path) is not a review sheet written by zonescreen (no 编号 column)"), status: 2)
            }
            let manifestURL = folder.appendingPathComponent("dataset.yaml")
            let manifestText = (try? String(contentsOf: manifestURL, encoding: .utf8)) ?? ""
            let named = ClauseReview.annotationsPath(folder: folder)
            let annotationsPath = named ?? "lists/clause-review.yaml"
            let annotationsURL = annotationsPath.hasPrefix("/") ? URL(fileURLWithPath: annotationsPath) : folder.appendingPathComponent(annotationsPath)
            let existing = try? String(contentsOf: annotationsURL, encoding: .utf8)
            let applied = ClauseReview.apply(rows: rows, dataset: dataset, existing: existing)
            for problem in applied.problems {
                FileHandle.standardError.write(Data((l.pick("审核表第 \(problem.row) 行（\(problem.clause)）：\(problem.zh)", "sheet row \(problem.row) (\(problem.clause)): \(problem.en)") + "\n").utf8))
            }
            if !applied.written.isEmpty {
                do {
                    try FileManager.default.createDirectory(at: annotationsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try AtomicFile.write(Data(applied.yaml.utf8), to: annotationsURL)
                    if named == nil {
                        let line = (manifestText.hasSuffix("\n") || manifestText.isEmpty ? "" : "\n")
                            + "# 单元条款的人工核对结果（dataset clauses --apply 添加）\nunitClauseAnnotations: \(annotationsPath)\n"
                        try AtomicFile.write(Data((manifestText + line).utf8), to: manifestURL)
                    }
                } catch {
                    fail(l.pick("无法写入注释表 \(annotationsURL.path)：", "cannot write the annotations \(annotationsURL.path): ") + ((error as? UserFacingError)?.message(l) ?? "\(error)"), status: 1)
                }
                print(l.pick("已写入 \(applied.written.count) 条人工核对结果：\(annotationsURL.path)", "\(applied.written.count) corrections written to \(annotationsURL.path)"))
                if named == nil { print(l.pick("已在 dataset.yaml 中加入 unitClauseAnnotations: \(annotationsPath)", "added unitClauseAnnotations: \(annotationsPath) to dataset.yaml")) }
            } else {
                print(l.pick("审核表中没有填写更正的行，未写入任何内容", "no row of the sheet has a correction; nothing written"))
            }
            if !applied.problems.isEmpty {
                fail(l.pick("\(applied.problems.count) 行未写入（原因见上）", "\(applied.problems.count) rows not written (see above)"), status: 1)
            }
        }

        private func fail(_ message: String, status: Int32) -> Never {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(status)
        }
    }
}
