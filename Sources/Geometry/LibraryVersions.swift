internal import CGEOS
internal import CPROJ

/// Versions of the C libraries actually loaded, for reports and self-checks.
public enum LibraryVersions {
    public static var geos: String { GEOSversion().map { String(cString: $0) } ?? "?" }
    public static var proj: String { String(cString: proj_info().release) }
    /// Where PROJ looks for proj.db, as PROJ reports it.
    public static var projSearchPaths: [String] {
        let info = proj_info()
        guard let paths = info.paths else { return [] }
        return (0..<Int(info.path_count)).compactMap { paths[$0].map { String(cString: $0) } }
    }
}
