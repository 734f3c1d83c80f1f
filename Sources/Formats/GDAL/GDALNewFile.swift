internal import CGDAL
import Foundation

/// A file GDAL writes under a hidden temporary name beside the target (registered, so an interrupted run
/// removes it) and renames over the target only when the dataset has closed cleanly: a reader sees the
/// old file or the whole new one. Shared by the XLSX and vector writers.
enum GDALNewFile {
    /// `temporaryName`: the hidden file name in the target's folder (the driver may care about its ending).
    static func write(driver name: String, to target: URL, temporaryName: String,
                      _ fill: (GDALDatasetH, _ file: String) throws(GDALError) -> Void) throws(GDALError) {
        let path = target.path
        // Through a symbolic link the linked file is replaced; a FIFO or device cannot hold these formats.
        let place: URL
        do throws(FileError) {
            guard case .file(let resolved) = try OutputTarget.resolve(target) else { throw FileError.refused(path: path, reason: .needsFile) }
            place = resolved
        } catch {
            throw .refusedOutput(error)
        }
        let temporary = place.deletingLastPathComponent().appendingPathComponent(temporaryName).path
        var finished = false
        TemporaryFiles.register(temporary)
        defer {
            if !finished { unlink(temporary) }
            TemporaryFiles.unregister(temporary)
        }
        try GDALLibrary.quietly { () throws(GDALError) in
            guard let driver = GDALGetDriverByName(name) else {
                throw .libraryFailed(file: path, operation: "GDALGetDriverByName(\(name))", message: "GDAL was built without the \(name) driver")
            }
            CPLErrorReset()
            guard let dataset = GDALCreate(driver, temporary, 0, 0, 0, GDT_Unknown, nil) else {
                throw .cannotWrite(file: path, detail: GDALLibrary.lastErrorMessage("GDALCreate failed"))
            }
            do throws(GDALError) { try fill(dataset, path) } catch {
                GDALClose(dataset)
                throw error
            }
            // Drivers finish the file when the dataset closes (XLSX zips its workbook then); GDAL 3.6's
            // GDALClose returns nothing, so a failure shows only as the last error.
            CPLErrorReset()
            GDALClose(dataset)
            if CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
                throw .cannotWrite(file: path, detail: GDALLibrary.lastErrorMessage("closing the file failed"))
            }
        }
        guard rename(temporary, place.path) == 0 else {
            throw .cannotWrite(file: path, detail: String(cString: strerror(errno)))
        }
        finished = true
    }
}
