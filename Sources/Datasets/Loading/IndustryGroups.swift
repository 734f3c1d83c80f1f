import ClauseReading
import Foundation
import Formats
import Geometry
import Wording
import Zoning

/// A category table of the dataset's (`industryGroups` in the manifest): Zhejiang's 工业项目分类表 for
/// 一类/二类/三类工业项目, or any class a local list uses. Inline (`name`, `codes`) or a table file with a
/// category column and a code column, one row per code.
struct IndustryGroupRecord: Decodable {
    var name: String?
    /// Other spellings of the name in list texts (三类工业 for 三类工业项目).
    var words: [String]?
    var codes: [String]?
    var source: Citation?
    var file: String?
    var layer: String?
    /// Column names in `file`; the defaults are the usual headings.
    var groupColumn: String?
    var codeColumn: String?
}

/// Reads the dataset's category tables into the clause reader's groups.
struct IndustryGroupsReader {
    let directory: URL

    static let groupColumns = ["类别", "分类", "项目类别", "工业项目类别", "group", "category"]
    static let codeColumns = ["行业代码", "代码", "国民经济行业代码", "code", "industry"]

    func groups(_ records: [IndustryGroupRecord]?, _ problems: inout ProblemLog) -> [ReaderLexicon.Group] {
        var groups: [ReaderLexicon.Group] = []
        for (number, record) in (records ?? []).enumerated() {
            let place = "industryGroups[\(number)]"
            if let file = record.file {
                groups += table(file, record, place: place, &problems)
                continue
            }
            guard let name = record.name, let codes = record.codes, !codes.isEmpty else {
                problems.fail(.invalidSetting(name: place, detail: "应有 name 和 codes，或 file / needs name and codes, or file"))
                continue
            }
            groups.append(ReaderLexicon.Group(name: name, words: Self.spellings(name, record.words), codes: codes.map(IndustryCode.normalise),
                                              document: record.source?.document ?? ""))
        }
        return groups
    }

    /// 三类工业项目 is also written 三类工业, 三类项目.
    static func spellings(_ name: String, _ given: [String]?) -> [String] {
        var words = [name] + (given ?? [])
        if name.hasSuffix("工业项目") { words += [String(name.dropLast(2)), name.replacingOccurrences(of: "工业项目", with: "项目")] }
        return words
    }

    private func table(_ file: String, _ record: IndustryGroupRecord, place: String, _ problems: inout ProblemLog) -> [ReaderLexicon.Group] {
        guard let opened = LayerReader.open(file, in: directory, layer: record.layer, encoding: nil, role: place, &problems) else { return [] }
        var codesByGroup: [String: [String]] = [:], order: [String] = []
        let groupColumns = record.groupColumn.map { [$0] } ?? Self.groupColumns
        let codeColumns = record.codeColumn.map { [$0] } ?? Self.codeColumns
        do {
            try opened.forEachRecord { _, row, values in
                let text = { (names: [String]) in names.lazy.compactMap { values[$0]?.text?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } }
                guard let group = text(groupColumns), let code = text(codeColumns) else {
                    problems.fail(.fileInvalid(path: file, detail: "第 \(row) 行缺少类别或行业代码 / row \(row) lacks a category or a code"))
                    return
                }
                if codesByGroup[group] == nil { order.append(group) }
                codesByGroup[group, default: []].append(IndustryCode.normalise(code))
            }
        } catch {
            problems.fail(.fileInvalid(path: file, detail: (error as? UserFacingError)?.message(.zh) ?? "\(error)"))
            return []
        }
        return order.map { name in
            ReaderLexicon.Group(name: name, words: Self.spellings(name, nil), codes: codesByGroup[name] ?? [], document: record.source?.document ?? file)
        }
    }
}
