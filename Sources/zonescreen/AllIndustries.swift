import Foundation
import Formats
import Geometry
import Outputs
import Reports
import Zoning
import Wording

/// `screen --all-industries`: for each site, the verdict of every industry class, grouped.
struct AllIndustriesRun: Sendable {
    let dataset: Dataset
    let nature: ProjectNature?
    let chemical: Bool?
    let flags: Set<String>
    let format: OutputFormat
    let language: Language

    /// Screens the jobs on `threads` engine threads, writing the answers in input order; returns how
    /// many failed.
    func run(_ jobs: [BatchJob], threads: Int, output: AtomicOutput) throws -> (total: Int, failed: Int) {
        let l = language
        let dataset = self.dataset
        let pool = EnginePool(threads: threads, name: "zs-industries") { () throws(GeometryError) in try ScreeningEngine(dataset: dataset) }
        defer { pool.shutDown() }
        do { try pool.ready() } catch { throw CLIError((error as? UserFacingError)?.message(l) ?? "\(error)") }
        let (nature, chemical, flags, format) = (self.nature, self.chemical, self.flags, self.format)
        let answers = AnswerRenderer(dataset: dataset, language: l, detail: .full)
        // Each answer is worked out and written out on an engine thread; this one only copies them out.
        let stream = OrderedStream<ScreeningEngine, BatchJob, Result<String, BatchInputError>>(pool: pool, batchSize: 1) { engine, job, _ in
            switch job.site {
            case .failure(let error): return .failure(error)
            case .success(let site):
                do throws(ScreeningError) {
                    let verdicts = try engine.screenAllIndustries(site, nature: nature, chemical: chemical, flags: flags)
                    return .success(format == .json ? String(decoding: answers.json(verdicts), as: UTF8.self) : text(verdicts, title: job.id ?? job.label.text(l)))
                } catch {
                    return .failure(BatchInputError(.screening(error), site: job.label))
                }
            }
        }
        var failed = 0
        var first = true
        if format == .json { try output.write("{\"results\":[") }
        try stream.run(jobs) { answer in
            switch (answer, format) {
            case (.success(let json), .json):
                try output.write((first ? "\n" : ",\n") + json)
                first = false
            case (.success(let text), _):
                try output.write(text + "\n")
            case (.failure(let error), _):
                failed += 1
                FileHandle.standardError.write(Data((l.pick("错误：", "error: ") + error.message(l) + "\n").utf8))
            }
        }
        if format == .json { try output.write("\n]}\n") }
        try output.commit()
        return (jobs.count, failed)
    }

    func text(_ verdicts: IndustryVerdicts, title: String) -> String {
        let l = language
        let total = verdicts.groups.reduce(0) { $0 + $1.industries.count }
        var lines = ["══ " + l.pick("站点 ", "Site ") + title + " ══",
                     l.pick("此地块可引进的行业（GB/T 4754-2017 全部 \(total) 个小类", "What may go on this site (all \(total) classes of GB/T 4754-2017")
                        + (nature.map { l.pick("，项目性质：\($0.chineseName)", ", nature: \($0.rawValue)") } ?? "") + l.pick("）：", "):")
                        + Verdict.allCases.map { "\($0.name(l)) \(verdicts.counts[$0.rawValue] ?? 0)" }.joined(separator: l.pick("，", ", "))]
        for group in verdicts.groups {
            let rules = group.rules.isEmpty ? l.pick("无限制性规定", "no restricting rule") : group.rules.joined(separator: l.pick("、", ", "))
            let name = group.verdict.name(l)
            lines.append(l.pick("【\(name)】\(rules)（\(group.industries.count) 个小类）", "[\(name)] \(rules) (\(group.industries.count) classes)"))
            let shown = group.industries.prefix(12).map { "\($0.code) \($0.name)" }.joined(separator: l.pick("；", "; "))
            lines.append("  " + shown + (group.industries.count > 12 ? l.pick("……（完整列表见 --format json）", " ... (the full list with --format json)") : ""))
        }
        return lines.joined(separator: "\n")
    }
}
