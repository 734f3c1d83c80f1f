internal import CGDAL
import Foundation

/// How a file from someone else (an upload, or a file named with `--untrusted-input`) is opened:
/// only with the GDAL driver its ending calls for, never VRT or another driver that follows
/// references; no network; nothing outside its own folder (`ConfinedFiles`); an archive unpacked once,
/// counting, before any driver parses it.
///
/// Measured with GDAL 3.6.2 (Debian 12): an OGR VRT document named `.csv` is opened by the VRT driver
/// and reads whatever `<SrcDataSource>` names unless the drivers are limited (the `GDALOpenEx` allowed
/// list); `/vsicurl/` sends HEAD and GET unless `CPL_VSIL_CURL_ALLOWED_EXTENSIONS` refuses the name;
/// a GeoPackage whose view calls an OGR SQL function (`ogr_datasource_load_layers`, `ogr_geocode`) is
/// refused unless `ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW` is YES; LIBKML fetched neither a
/// NetworkLink nor an external styleUrl even with `LIBKML_EXTERNAL_STYLE` and `LIBKML_RESOLVE_STYLE`
/// set. Each of these is set (thread-locally) to refuse while such a file is opened and read, so an
/// environment variable of the same name cannot turn one back on.
enum UntrustedOpening {
    /// The GDAL drivers allowed for a file ending (lower case); nil: not a format taken from outside.
    static func drivers(forEnding ending: String) -> [String]? {
        switch ending {
        case "csv": ["CSV"]
        case "xlsx": ["XLSX"]
        case "ods": ["ODS"]
        case "kml", "kmz": ["LIBKML", "KML"]
        case "gpkg": ["GPKG"]
        case "dxf": ["DXF"]
        case "zip", "shp": ["ESRI Shapefile"]
        case "geojson", "json": ["GeoJSON"]
        case "fgb": ["FlatGeobuf"]
        default: nil
        }
    }

    /// Configuration options that refuse network access and references, thread-local while set.
    /// The /vsicurl/ family allows only names ending in this per-process random extension, i.e. none.
    private static let settings: [(String, String)] = [
        ("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".zonescreen-refused-" + UUID().uuidString),
        ("CPL_ALLOW_VSISTDIN", "NO"),
        ("ALLOW_OGR_SQL_FUNCTIONS_FROM_TRIGGER_AND_VIEW", "NO"),
        ("ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW", "NO"),
        ("LIBKML_EXTERNAL_STYLE", "NO"),
        ("LIBKML_RESOLVE_STYLE", "NO"),
        ("GDAL_HTTP_MAX_RETRY", "0"),
    ]

    /// Runs `body` with network access and reference-following refused on this thread; every
    /// `CPLHTTPFetch` (WFS, geocoding...) is answered with an error without a request.
    static func refusingNetwork<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        GDALLibrary.ensureRegistered()
        let previous = settings.map { key, _ in CPLGetThreadLocalConfigOption(key, nil).map { String(cString: $0) } }
        for (key, value) in settings { CPLSetThreadLocalConfigOption(key, value) }
        let pushed = CPLHTTPPushFetchCallback(refuseFetch, nil) != 0
        defer {
            if pushed { _ = CPLHTTPPopFetchCallback() }
            for ((key, _), value) in zip(settings, previous) { CPLSetThreadLocalConfigOption(key, value) }
        }
        return try body()
    }

    /// Answers a fetch with an error result (GDAL frees it with CPLHTTPDestroyResult).
    private static let refuseFetch: CPLHTTPFetchCallbackFunc = { _, _, _, _, _, _, _ in
        guard let raw = CPLCalloc(1, MemoryLayout<CPLHTTPResult>.size) else { return nil }
        let result = raw.assumingMemoryBound(to: CPLHTTPResult.self)
        result.pointee.nStatus = 1
        result.pointee.pszErrBuf = CPLStrdup("network access refused for files from outside")
        return result
    }

    /// A text DXF with every CR LF and every lone CR as LF. GDAL 3.6.2's DXF reader spins for ever on a
    /// file whose last value ends in a lone CR (`printf '0\nSECTION\r' > a.dxf; ogrinfo a.dxf` never
    /// returns; found by the fuzz target `upload`): no read of the file can stop it, so a request's
    /// timeout would answer but never free its engine. Line ends mean nothing else in a text DXF (a
    /// value holds no line break), so a DXF from outside is read with plain ones. A binary DXF (its
    /// sentinel holds a CR LF of its own) is left as it is.
    static func plainLineEnds(dxf data: Data) -> Data {
        let carriageReturn: UInt8 = 0x0D, lineFeed: UInt8 = 0x0A
        guard !data.starts(with: Data("AutoCAD Binary DXF".utf8)), data.contains(carriageReturn) else { return data }
        var plain = Data(capacity: data.count)
        var previous: UInt8 = 0
        for byte in data {
            if byte == carriageReturn {
                plain.append(lineFeed)
            } else if !(byte == lineFeed && previous == carriageReturn) {
                plain.append(byte)
            }
            previous = byte
        }
        return plain
    }

    /// Whether `bytes` start like a ZIP archive (local file header, or an empty archive's end record).
    static func looksLikeZip(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(4))
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    /// What unpacking an archive found: its members (folders left out, in the archive's order) and
    /// the bytes of those the caller asked to keep.
    struct Unpacked {
        var members: [String] = []
        var kept: [(member: String, data: Data)] = []
    }

    /// Unpacks every member of the ZIP archive at `path` (a GDAL path) through GDAL's own `/vsizip/`,
    /// the same code the drivers read it with, counting the bytes as they come (a member's declared
    /// size is not trusted), and throws once they pass `limit`. Checks cancellation every block. The
    /// members `keep` chooses are kept in memory (within the same limit).
    @discardableResult
    static func checkUnpackedSize(archive path: String, name: String, limit: ReadLimits.Bound,
                                  keep: (String) -> Bool = { _ in false }) throws -> Unpacked {
        let root = "/vsizip/{\(path)}"
        let members: [String] = GDALLibrary.quietly {
            guard let list = VSIReadDirRecursive(root) else { return [] }
            defer { CSLDestroy(list) }
            var names: [String] = []
            var index = 0
            while let item = list[index] {
                names.append(String(cString: item))
                index += 1
            }
            return names
        }
        var unpacked = Unpacked(members: members.filter { !$0.hasSuffix("/") })
        var total = 0
        let blockSize = 1 << 16
        var block = [UInt8](repeating: 0, count: blockSize)
        for member in unpacked.members {
            try WorkCancellation.check()
            guard let handle = GDALLibrary.quietly({ VSIFOpenL(root + "/" + member, "rb") }) else { continue }
            defer { VSIFCloseL(handle) }
            var kept: Data? = keep(member) ? Data() : nil
            while true {
                let got = block.withUnsafeMutableBytes { VSIFReadL($0.baseAddress, 1, blockSize, handle) }
                if got == 0 { break }
                total += got
                if total > limit.value { throw InputLimits.Exceeded.unpacked(name: name, limit: limit.value, variable: limit.setting) }
                kept?.append(contentsOf: block[0..<got])
                try WorkCancellation.check()
            }
            if let kept { unpacked.kept.append((member, kept)) }
        }
        return unpacked
    }

    /// GDAL 3.6's own KMZ reading (`OGRLIBKMLDataSource::OpenKmz`) loses its copy of the whole archive
    /// whenever the archive holds no KML, or its first KML does not parse or holds no container: every
    /// such upload would leak its size (LeakSanitizer, fuzz target `upload`). Its reading of a folder
    /// of KML files (`OpenDir`) loses nothing. So a KMZ from outside is read as a folder of its KML
    /// members: this says whether a member is one (libkml's test: the name ends in `.kml`).
    static func isKML(member: String) -> Bool { member.hasSuffix(".kml") }

    /// The KML members as the files of one folder: each under its own file name, or, where two share
    /// one, under its path in the archive with `/` as `_` (so the layers keep the names GDAL gives
    /// them when it follows a KMZ's links: `layers/sites.kml` is layer `sites`).
    static func kmlFolder(_ kept: [(member: String, data: Data)]) -> [(name: String, data: Data)] {
        let names = kept.map { URL(fileURLWithPath: $0.member).lastPathComponent }
        var used = Set<String>()
        return zip(kept, names).enumerated().map { index, pair in
            let (file, name) = pair
            var chosen = names.filter { $0 == name }.count == 1 ? name : file.member.replacingOccurrences(of: "/", with: "_")
            if chosen == "." || chosen == ".." || used.contains(chosen) { chosen = "\(index)-" + chosen }
            used.insert(chosen)
            return (chosen, file.data)
        }
    }
}
