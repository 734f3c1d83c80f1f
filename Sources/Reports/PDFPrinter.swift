import Foundation
import Formats
import Geometry
import Wording

/// Prints an HTML report to PDF with headless Chromium (Debian's `chromium` package), which keeps the
/// text as text (searchable Chinese) and honours the report's A4 print styles.
public struct PDFPrinter {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public enum Failure: UserFacingError {
        case chromiumMissing
        case printFailed(status: Int32, detail: String)

        public func message(_ l: Language) -> String {
            switch self {
            case .chromiumMissing:
                l.pick("生成 PDF 需要 Chromium，本机没有找到：请安装（sudo apt-get install chromium），或用 --format html 生成网页报告后在浏览器中打印",
                       "PDF needs Chromium, which is not installed: install it (sudo apt-get install chromium), or make an HTML report with --format html and print it from a browser")
            case .printFailed(let status, let detail):
                l.pick("Chromium 生成 PDF 失败（退出码 \(status)）：\(detail)", "Chromium failed to print the PDF (exit status \(status)): \(detail)")
            }
        }
    }

    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"]

    public static var chromium: String? {
        if let named = ProcessInfo.processInfo.environment["ZONESCREEN_CHROMIUM"], FileManager.default.isExecutableFile(atPath: named) { return named }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Prints `html` to `destination`, written under a temporary name and renamed into place.
    public func print(_ html: URL, to destination: URL) throws {
        guard let chromium = Self.chromium else { throw Failure.chromiumMissing }
        let temporary = TemporaryFiles.name(beside: destination, unique: true)
        TemporaryFiles.register(temporary.path)
        defer {
            try? FileManager.default.removeItem(at: temporary)
            TemporaryFiles.unregister(temporary.path)
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                             "--user-data-dir=\(profile.path)", "--print-to-pdf=\(temporary.path)", html.absoluteString]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let detail = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: temporary.path) else {
            throw Failure.printFailed(status: process.terminationStatus, detail: String(detail.suffix(400)))
        }
        guard rename(temporary.path, destination.path) == 0 else {
            throw FileError.cannotWrite(path: destination.path, detail: String(cString: strerror(errno)))
        }
    }
}
