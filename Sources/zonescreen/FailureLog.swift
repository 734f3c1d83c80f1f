import Foundation
import Geometry
import Zoning
import Wording

/// Failures on the terminal: the first few in full, then only counted, so 20,000 sites outside the
/// dataset do not bury the summary. Every failure is still in the output itself (the 错误 column,
/// `zonescreenError`, the JSON failures list, the text report).
final class FailureLog {
    static let shownInFull = 10

    private let language: Language
    private let progress: Progress
    private var counts: [BatchInputError.Kind: Int] = [:]
    private var total = 0

    init(language: Language, progress: Progress) {
        self.language = language
        self.progress = progress
    }

    func record(_ error: BatchInputError) {
        total += 1
        counts[error.kind, default: 0] += 1
        guard total <= Self.shownInFull else { return }
        progress.clearLine()
        FileHandle.standardError.write(Data((language.pick("错误：", "error: ") + TerminalText.oneLine(error.message(language)) + "\n").utf8))
    }

    /// Nil when every failure was shown; otherwise how many were not, and all of them by kind.
    var summary: String? {
        guard total > Self.shownInFull else { return nil }
        let l = language
        let kinds = BatchInputError.Kind.allCases.compactMap { kind in counts[kind].map { "\(kind.name(l)) \($0)" } }
            .joined(separator: l.pick("，", ", "))
        return l.pick("另有 \(total - Self.shownInFull) 个失败未逐条显示（共 \(total) 个：\(kinds)）；每个失败及原因都在输出结果中",
                      "\(total - Self.shownInFull) more failures not shown (\(total) in all: \(kinds)); every failure and its reason is in the output")
    }
}
