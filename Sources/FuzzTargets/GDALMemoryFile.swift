internal import CGDAL
import Foundation

/// Bytes handed to GDAL as a file in its memory file system (`/vsimem/`), removed afterwards.
enum GDALMemoryFile {
    static func withFile(_ data: Data, named fileName: String, _ body: (String) -> Void) {
        let folder = "/vsimem/zonescreen-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        let path = folder + "/" + fileName
        // An empty input still makes a (zero-length) file: one spare byte gives the buffer an address.
        var bytes = data.isEmpty ? [0] : [UInt8](data)
        bytes.withUnsafeMutableBufferPointer { buffer in
            // GDAL does not take ownership (last argument FALSE): the buffer must outlive the file, so
            // the file is unlinked before this closure returns.
            guard let base = buffer.baseAddress,
                  let handle = VSIFileFromMemBuffer(path, base, vsi_l_offset(data.count), 0) else { return }
            VSIFCloseL(handle)
            defer { VSIUnlink(path) }
            CPLPushErrorHandler(CPLQuietErrorHandler)
            defer { CPLPopErrorHandler() }
            body(path)
        }
    }
}
