internal import CGDAL
import Foundation

// Process-wide GDAL set-up and the small C helpers every GDAL file uses. Internal: the public API
// speaks Swift values.

enum GDALLibrary {
    /// `GDALAllRegister` once per process; a `static let` initialiser runs exactly once, thread-safely.
    private static let registered: Void = {
        GDALAllRegister()
    }()

    static func ensureRegistered() {
        _ = registered
    }

    /// Runs `body` with GDAL's messages kept off stderr on this thread (GDAL prints warnings such as
    /// "Normalized/laundered field name" by default). The handler stack is thread-local, so other
    /// threads keep theirs. Errors stay readable through `lastErrorMessage()`.
    static func quietly<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        ensureRegistered()
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        return try body()
    }

    /// GDAL's last error message on this thread, or `fallback` when GDAL left none.
    static func lastErrorMessage(_ fallback: String) -> String {
        guard let message = CPLGetLastErrorMsg() else { return fallback }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? fallback : text
    }

    /// A NULL-terminated `char **` list ("NAME=VALUE" strings) for open and creation options, freed
    /// after `body` with `CSLDestroy` (the list and its strings are allocated by CPL).
    static func withStringList<T>(_ items: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for item in items {
            list = CSLAddString(list, item)
        }
        defer { CSLDestroy(list) }
        return try body(list)
    }

    /// The same list as the `const char *const *` / `const char **` GDAL's read-only parameters take.
    static func constList(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafeMutablePointer<UnsafePointer<CChar>?>? {
        list.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
    }

    /// A string GDAL returned, when it is valid UTF-8; nil for NULL or other bytes.
    static func utf8(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let length = strlen(pointer)
        guard CPLIsUTF8(pointer, Int32(clamping: length)) != 0 else { return nil }
        return String(cString: pointer)
    }

    /// Converts C text in `encoding` to a Swift string with CPLRecode (iconv underneath). Invalid
    /// sequences come back as replacement characters rather than failing the feature.
    static func recode(_ pointer: UnsafePointer<CChar>, from encoding: String) -> String {
        let converted: UnsafeMutablePointer<CChar> = CPLRecode(pointer, encoding, "UTF-8")
        defer { VSIFree(converted) }   // CPLFree is a macro for VSIFree
        return String(cString: converted)
    }

    /// Whether `encoding` is one iconv (through CPLRecode) can convert from. CPLRecode reports an
    /// unknown encoding as a CE_Warning and returns the text unchanged.
    static func isKnownEncoding(_ encoding: String) -> Bool {
        quietly { () -> Bool in
            CPLErrorReset()
            let sample = "A"
            let converted: UnsafeMutablePointer<CChar> = sample.withCString { CPLRecode($0, encoding, "UTF-8") }
            VSIFree(converted)
            return CPLGetLastErrorType() == CE_None
        }
    }
}
