import Foundation
import Geometry
import Wording

/// A progress line on stderr (done / total, rate, time left), only when stderr is a terminal.
final class Progress {
    let language: Language
    let enabled: Bool
    var total: Int?
    private var done = 0
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    init(language: Language, enabled: Bool) {
        self.language = language
        self.enabled = enabled
    }

    func advance() {
        done += 1
        guard enabled, ContinuousClock.now - lastDrawn >= .milliseconds(200) else { return }
        draw()
    }

    /// Clears the progress line so that a message printed now stands on its own line.
    func clearLine() {
        if enabled && done > 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    func end() {
        guard enabled, done > 0 else { return }
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw() {
        lastDrawn = .now
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let l = language
        var line = l.pick("已筛查 \(done)", "screened \(done)")
        if let total, total > 0 {
            line += "/\(total)" + String(format: l.pick("（%.0f%%）", " (%.0f%%)"), Double(done) / Double(total) * 100)
            if rate > 0 { line += l.pick("，剩余约 ", ", about ") + String(format: "%.0f", Double(total - done) / rate) + l.pick(" 秒", " s left") }
        }
        line += l.pick("，每秒 ", ", ") + String(format: "%.0f", rate) + l.pick(" 个", " per second")
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }
}
