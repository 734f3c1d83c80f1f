import Foundation
import Testing

/// The geometry library states facts; wording them for a user belongs to `Wording` and the layers above
/// (issue 25). This reads the library's own sources, so a `Language` creeping back in fails here.
@Suite("Geometry carries no user language")
struct NoUserLanguageTests {
    @Test("no Sources/Geometry file names Language, UserFacingError or picks between two spellings")
    func noLanguageInGeometry() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Geometry")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 20)  // the library's files were found (31 today)
        let pattern = try Regex(#"\bLanguage\b|\bUserFacingError\b|\.pick\("#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.firstMatch(of: pattern) == nil, "\(file.lastPathComponent)")
        }
    }
}
