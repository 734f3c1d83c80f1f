import Foundation
import Formats
import Geometry
import Yams
import Zoning

/// The data owners' loop over a dataset's clauses: how many the reader decided and how many need a
/// person (`coverage`), a review sheet listing every clause with what was read and empty correction
/// columns (`sheet`), and the corrections of a filled-in sheet written into the annotations file
/// (`apply`), where a person's decision wins over any later reading.
public enum ClauseReview {
    /// Counts of a dataset's clauses by who decided them.
    public struct Coverage: Sendable, Hashable {
        public var total = 0
        /// Written with effect and conditions in clause files.
        public var structured = 0
        public var person = 0
        public var read = 0
        /// Read, and binding (禁止/限制/需论证) for some projects.
        public var readBinding = 0
        /// Read, but some binding part asks for a fact nobody gives (a person must look).
        public var readNeedingReview = 0
        /// Nobody decided it and its words prohibit or restrict.
        public var unread = 0
        /// Read effects of binding parts.
        public var effects: [Effect: Int] = [:]
        /// By level and dimension: [clauses, needing review].
        public var byLevel: [ClauseLevel: [Int]] = [:]
        public var byDimension: [Zoning.Dimension: [Int]] = [:]
    }

    /// A clause needs a person: nobody decided its prohibiting words, or its reading asks for a fact
    /// nobody gives.
    public static func needsReview(_ clause: Clause) -> Bool {
        if clause.reviewWord != nil { return true }
        return (clause.readParts ?? []).contains { $0.effect != .requirement && !$0.missing.isEmpty }
    }

    public static func coverage(_ dataset: Dataset) -> Coverage {
        var c = Coverage()
        for clause in dataset.clauses {
            c.total += 1
            let review = needsReview(clause)
            switch clause.decision {
            case .dataset: c.structured += 1
            case .person: c.person += 1
            case .reader:
                c.read += 1
                if clause.effect != .requirement { c.readBinding += 1 }
                if review { c.readNeedingReview += 1 }
                for part in clause.readParts ?? [] where part.effect != .requirement { c.effects[part.effect, default: 0] += 1 }
            case .nobody:
                if clause.reviewWord != nil { c.unread += 1 }
            }
            c.byLevel[clause.level, default: [0, 0]][0] += 1
            c.byDimension[clause.dimension, default: [0, 0]][0] += 1
            if review {
                c.byLevel[clause.level, default: [0, 0]][1] += 1
                c.byDimension[clause.dimension, default: [0, 0]][1] += 1
            }
        }
        return c
    }

    // MARK: The review sheet

    /// The columns of the sheet; the last ones are the person's (left empty).
    public static let columns = ["编号", "层级", "维度", "单元", "原文", "判定方式", "需人工核对", "读出的效力", "项目性质", "行业（代码）", "范围条件",
                                 "除外", "缺少的事实", "依据（原文片段）", "识别规则",
                                 "更正：效力", "更正：行业代码", "更正：项目性质", "更正：项目标记", "更正：其他条件", "核对说明"]
    public static let correctionColumns = Array(columns.suffix(6))

    /// The sheet's second page: how to fill in the correction columns.
    public static let instructions: [(column: String, text: String)] = [
        ("用法", "在需要更正或确认的条款行填写“更正”各列，保存后运行 zonescreen dataset clauses 数据集目录 --apply 本文件。未填写“更正”列的行不写入。"),
        ("整条判定", "“更正”各列合起来是该条款完整的判定：效力和全部条件。留空的条件表示不限（对所有项目适用），请勿只填效力而漏填行业。"),
        ("更正：效力", "禁止、限制、需论证，或 要求（只是要求，不影响结论）。留空则沿用读出的效力。"),
        ("更正：行业代码", "GB/T 4754-2017 代码，如 C2614、C26；多个用顿号或逗号分隔。"),
        ("更正：项目性质", "新建、扩建、改建，多个用顿号分隔。"),
        ("更正：项目标记", "化工（项目的化工性质），或数据集规则中的项目标记（如 涉及光气、危险化工工艺），多个用顿号分隔。"),
        ("更正：其他条件", "YAML 写法的其他条件，如 outsidePark: {kinds: [chemical], compliantOnly: true}、nearShoreline: {km: 1}、except: [{flags: [nationalMajorProject]}]。"),
        ("核对说明", "写入注释表的说明（可选）。"),
        ("原文", "请勿修改：原文与数据集不一致的行不写入，需重新导出审核表。"),
        ("人工判定", "写入后，人工判定优先于自动识别；条款原文改动后该判定不再生效，条款重新按自动识别处理并提示。"),
    ]

    /// One row per clause: what was read, and empty correction columns.
    public static func sheet(_ dataset: Dataset) -> [[JSONValue]] {
        dataset.clauses.map { clause in
            let parts = clause.readParts ?? []
            func joined(_ values: [String]) -> String { values.filter { !$0.isEmpty }.joined(separator: "；") }
            let units: String
            switch clause.scope {
            case .all: units = "全部"
            case .classes(let classes): units = classes.map(\.chineseName).joined(separator: "、")
            case .subclasses(let names): units = names.joined(separator: "、")
            case .units(let codes): units = codes.joined(separator: "、")
            }
            let decided: String
            switch clause.decision {
            case .dataset: decided = "条款文件写明"
            case .person: decided = "人工核对"
            case .reader: decided = "自动识别"
            case .nobody: decided = clause.reviewWord == nil ? "一般要求" : "未能判定"
            }
            let row: [String] = [
                clause.id, clause.level.chineseName, clause.dimension.chineseName, units, clause.text, decided,
                needsReview(clause) ? "是" : "",
                parts.isEmpty ? clause.effect.chineseName : joined(parts.map(\.effect.chineseName)),
                joined(parts.map { $0.conditions.natures.map { $0.map(\.chineseName).joined(separator: "、") } ?? "" }),
                joined(parts.map { part in
                    // A code the words name only in part says which part (C2651（部分：聚氯乙烯）).
                    (part.conditions.industries ?? []).map { code in
                        part.conditions.partialIndustries?[code].map { "\(code)（部分：\($0.joined(separator: "、"))）" } ?? code
                    }.joined(separator: "、")
                }),
                joined(parts.flatMap(\.evidence.scopeWords)),
                joined(parts.flatMap(\.evidence.exceptionWords)),
                joined(parts.flatMap { part in
                    part.missing.map(Self.describe)
                        + (part.conditions.investmentBelow.map { ["投资额门槛：\($0.words)（按项目投资额判断）"] } ?? [])
                }),
                joined(parts.filter { $0.effect != .requirement }.map(\.evidence.words)),
                joined(parts.map { $0.evidence.rules.joined(separator: ",") }),
            ] + Array(repeating: "", count: correctionColumns.count)
            return row.map(JSONValue.string)
        }
    }

    static func describe(_ missing: ClauseMissing) -> String {
        switch missing {
        case .categoryTable(let name): "分类表：\(name)"
        case .threshold(let words): "规模：\(words)"
        case .conformity(let words): "符合性：\(words)"
        case .object(let words): "对象不明：\(words)"
        case .place(let words): "地点：\(words)"
        case .process(let words): "工艺或原料：\(words)"
        case .product(let words): "产品：\(words)"
        case .investment(let words): "投资额：\(words)"
        }
    }

    // MARK: Applying a filled-in sheet

    /// What went wrong with one row of a filled-in sheet.
    public struct RowProblem: Sendable, Hashable {
        public let row: Int
        public let clause: String
        public let zh: String
        public let en: String
    }

    public struct Applied: Sendable {
        /// The annotations file's new text.
        public let yaml: String
        public let written: [String]
        public let problems: [RowProblem]
    }

    /// The annotations that the sheet's correction columns say, merged into `existing` (the dataset's
    /// annotations file text, if any): a corrected clause's earlier annotation is replaced.
    public static func apply(rows: [(row: Int, cells: [String: String])], dataset: Dataset, existing: String?) -> Applied {
        var problems: [RowProblem] = []
        var entries: [(clause: String, lines: [String])] = []
        let clauses = Dictionary(dataset.clauses.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var written: [String] = []
        for (row, cells) in rows {
            func cell(_ name: String) -> String { cells[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
            guard correctionColumns.dropLast().contains(where: { !cell($0).isEmpty }) else { continue }
            let id = cell("编号")
            func fail(_ zh: String, _ en: String) { problems.append(RowProblem(row: row, clause: id, zh: zh, en: en)) }
            guard let clause = clauses[id] else {
                fail("编号 \(id) 不在数据集中", "clause \(id) is not in the dataset")
                continue
            }
            guard clause.fromUnitText || clause.decision == .reader || clause.decision == .person || clause.reviewWord != nil else {
                fail("条款 \(id) 在条款文件中已写明效力和条件，请直接改条款文件", "clause \(id) is written with its effect in a clause file: change it there")
                continue
            }
            if !cell("原文").isEmpty && cell("原文") != clause.text {
                fail("条款 \(id) 的原文在审核表导出之后已改变，请重新导出审核表", "clause \(id) has changed since the sheet was written: write a new sheet")
                continue
            }
            guard let effect = Self.effect(cell("更正：效力").isEmpty ? clause.effect.chineseName : cell("更正：效力")) else {
                fail("效力“\(cell("更正：效力"))”应为 禁止、限制、需论证 或 要求", "effect \"\(cell("更正：效力"))\" must be 禁止, 限制, 需论证 or 要求")
                continue
            }
            var lines = ["- clause: \(Self.yamlScalar(id))"]
            let codes = Self.items(cell("更正：行业代码"))
            let unknown = codes.filter { $0.lowercased() != "chemical" && !dataset.catalogue.contains(IndustryCode.normalise($0)) }
            if !unknown.isEmpty {
                fail("行业代码 \(unknown.joined(separator: "、")) 不在 GB/T 4754-2017 中", "industry codes \(unknown.joined(separator: ", ")) are not in GB/T 4754-2017")
                continue
            }
            if !codes.isEmpty { lines.append("  industries: [\(codes.map(Self.yamlScalar).joined(separator: ", "))]") }
            let natures = Self.items(cell("更正：项目性质"))
            let parsedNatures = natures.compactMap(ProjectNature.init(parsing:))
            if parsedNatures.count != natures.count {
                fail("项目性质应为 新建、扩建、改建", "natures must be 新建, 扩建 or 改建")
                continue
            }
            if !parsedNatures.isEmpty { lines.append("  natures: [\(parsedNatures.map(\.rawValue).joined(separator: ", "))]") }
            // 化工 is the project's chemical nature (a profile field of its own), not a flag.
            let markWords = Self.items(cell("更正：项目标记"))
            let chemical = markWords.contains { ["化工", "化工项目", "chemical"].contains($0) }
            let flagWords = markWords.filter { !["化工", "化工项目", "chemical"].contains($0) }
            let flags = flagWords.compactMap(dataset.flags.id(for:))
            if flags.count != flagWords.count {
                fail("项目标记 \(flagWords.filter { dataset.flags.id(for: $0) == nil }.joined(separator: "、")) 无法识别", "unknown flags \(flagWords.filter { dataset.flags.id(for: $0) == nil }.joined(separator: ", "))")
                continue
            }
            if !flags.isEmpty { lines.append("  flags: [\(flags.map(Self.yamlScalar).joined(separator: ", "))]") }
            if chemical { lines.append("  chemical: true") }
            let other = cell("更正：其他条件")
            if !other.isEmpty {
                // YAML keys of the condition vocabulary (outsidePark, nearShoreline, except ...), checked as the loader checks them.
                guard let record = try? YAMLDecoder().decode(ConditionRecord.self, from: other), case .success = record.conditions() else {
                    fail("其他条件“\(other)”不是有效的条件（如 outsidePark: {compliant: true}）", "other conditions \"\(other)\" are not valid (e.g. outsidePark: {compliant: true})")
                    continue
                }
                for line in other.split(separator: "\n") { lines.append("  " + line.trimmingCharacters(in: .whitespaces)) }
            }
            lines.append("  effect: \(effect.rawValue)")
            lines.append("  reviewedText: \(Self.yamlScalar(clause.text))")
            if !cell("核对说明").isEmpty { lines.append("  # " + cell("核对说明").replacingOccurrences(of: "\n", with: " ")) }
            entries.removeAll { $0.clause == id }
            entries.append((id, lines))
            written.append(id)
        }
        return Applied(yaml: merged(existing: existing, corrections: entries), written: written, problems: problems)
    }

    static func effect(_ text: String) -> Effect? {
        switch text {
        case "禁止", "prohibited": .prohibited
        case "限制", "restricted": .restricted
        case "需论证", "needsAssessment": .needsAssessment
        case "要求", "requirement", "无": .requirement
        default: nil
        }
    }

    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;； ".contains($0) }).map(String.init).filter { !$0.isEmpty }
    }

    static func yamlScalar(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

extension ClauseReview {
    static let annotationsHeader = "# 单元条款的人工核对结果（zonescreen dataset clauses --apply 写入；人工判定优先于自动识别）\nannotations:\n"

    /// The annotations file with the corrections in it: the file's own lines (comments too) are kept,
    /// the entries of corrected clauses are replaced, and new entries are added at the end. A file in a
    /// shape this line editing cannot follow (flow style, say) is written anew from its parsed entries.
    static func merged(existing: String?, corrections: [(clause: String, lines: [String])]) -> String {
        guard let existing, !existing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return annotationsHeader + corrections.map { $0.lines.joined(separator: "\n") + "\n" }.joined()
        }
        let corrected = Set(corrections.map(\.clause))
        let kept = existingEntries(existing)
        if let edited = lineEdited(existing, dropping: corrected, adding: corrections),
           existingEntries(edited).map(\.clause) == kept.map(\.clause).filter({ !corrected.contains($0) }) + corrections.map(\.clause) {
            return edited
        }
        let entries = kept.filter { !corrected.contains($0.clause) } + corrections
        return annotationsHeader + entries.map { $0.lines.joined(separator: "\n") + "\n" }.joined()
    }

    /// Drops the block-style entries `- clause: X` of the dropped clauses and appends the new ones.
    private static func lineEdited(_ text: String, dropping: Set<String>, adding: [(clause: String, lines: [String])]) -> String? {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- clause:") }) else { return nil }
        let indent = String(lines[first].prefix { $0 == " " })
        func entryClause(_ line: String) -> String? {
            guard line.hasPrefix(indent + "- clause:") else { return nil }
            let value = line.dropFirst((indent + "- clause:").count).trimmingCharacters(in: .whitespaces)
            return (try? Yams.compose(yaml: value))??.string ?? value
        }
        var output: [String] = []
        var dropping_ = false
        for line in lines {
            if let clause = entryClause(line) {
                dropping_ = dropping.contains(clause)
            } else if !line.hasPrefix(indent + " ") && !line.hasPrefix(indent + "-") && !line.trimmingCharacters(in: .whitespaces).isEmpty
                        && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                return nil  // Something after the list at a shallower level: not ours to edit by lines.
            }
            if !dropping_ { output.append(line) }
        }
        for entry in adding { output += entry.lines.map { indent + $0 } }
        return output.joined(separator: "\n") + "\n"
    }

    /// The entries of an annotations file as YAML lines, so that a sheet's corrections replace only the
    /// clauses they name and keep everything else a person wrote.
    static func existingEntries(_ text: String) -> [(clause: String, lines: [String])] {
        guard let root = try? Yams.compose(yaml: text), let list = root.mapping?["annotations"]?.sequence else { return [] }
        return list.compactMap { node in
            guard let clause = node.mapping?["clause"]?.string else { return nil }
            let text = (try? Yams.serialize(node: node, allowUnicode: true)) ?? "clause: \(clause)\n"
            let lines = text.split(separator: "\n").enumerated().map { $0.offset == 0 ? "- " + $0.element : "  " + $0.element }
            return (clause, lines)
        }
    }
}

extension ClauseReview {
    /// The annotations file the manifest in `folder` names (`unitClauseAnnotations`), if any.
    public static func annotationsPath(folder: URL) -> String? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("dataset.yaml")),
              let manifest = try? YAMLDecoder().decode(AnnotationsEntry.self, from: data) else { return nil }
        return manifest.unitClauseAnnotations
    }

    private struct AnnotationsEntry: Decodable { var unitClauseAnnotations: String? }
}
