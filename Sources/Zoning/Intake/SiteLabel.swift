import Wording

/// How messages name a site, as facts: its place in the input, or the one name it goes by. Worded by
/// whoever prints it, in the reader's language (`text(_:)`).
public enum SiteLabel: Sendable, Hashable {
    /// The `number`-th feature (from 1) of a source (a file path, "stdin", an uploaded file's name),
    /// with the site's ID when it has one: "file 第 3 个要素（P-103）".
    case feature(source: String, number: Int, id: String?)
    /// A name alone, the same in every language: a site's ID or name, a file screened as one site,
    /// a command-line argument, a unit's code.
    case name(String)

    /// "file 第 3 个要素（P-103）" / "file, feature 3 (P-103)"; a name as it is.
    public func text(_ l: Language) -> String {
        switch self {
        case .feature(let source, let number, let id):
            l.pick("\(source) 第 \(number) 个要素", "\(source), feature \(number)") + (id.map { l.pick("（\($0)）", " (\($0))") } ?? "")
        case .name(let name):
            name
        }
    }
}
