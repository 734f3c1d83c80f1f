internal import CGDAL
import Foundation

/// A file GDAL writes under a hidden temporary name beside the target (registered, so an interrupted run
/// removes it) and renames over the target only when the dataset has closed cleanly: a reader sees the
/// old file or the whole new one. Shared by the XLSX and vector writers.
enum GDALNewFile {
    /// `temporaryName`: the hidden file name in the target's folder (the driver may care about its ending).
    /// `options`: the driver's creation options ("NAME=VALUE"). `sidecars`: endings of the files that
    /// make one dataset with the main file (a Shapefile's dbf, shx...): each written one is renamed
    /// beside the target before the main file, and the target's old ones that were not written again
    /// are removed (an old spatial index would describe other shapes).
    static func write(driver name: String, to target: URL, temporaryName: String, options: [String] = [], sidecars: [String] = [],
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
        let temporaryURL = place.deletingLastPathComponent().appendingPathComponent(temporaryName)
        let temporary = temporaryURL.path
        let companions = sidecars.map { ending in
            (written: temporaryURL.deletingPathExtension().appendingPathExtension(ending).path,
             target: place.deletingPathExtension().appendingPathExtension(ending).path)
        }
        var finished = false
        for path in [temporary] + companions.map(\.written) { TemporaryFiles.register(path) }
        defer {
            for path in [temporary] + companions.map(\.written) {
                if !finished { unlink(path) }
                TemporaryFiles.unregister(path)
            }
        }
        try GDALLibrary.quietly { () throws(GDALError) in
            guard let driver = GDALGetDriverByName(name) else {
                throw .libraryFailed(file: path, operation: "GDALGetDriverByName(\(name))", message: "GDAL was built without the \(name) driver")
            }
            CPLErrorReset()
            let created = GDALLibrary.withStringList(options) { list in GDALCreate(driver, temporary, 0, 0, 0, GDT_Unknown, list) }
            guard let dataset = created else {
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
        for companion in companions {
            if access(companion.written, F_OK) == 0 {
                guard rename(companion.written, companion.target) == 0 else {
                    throw .cannotWrite(file: companion.target, detail: String(cString: strerror(errno)))
                }
            } else {
                unlink(companion.target)
            }
        }
        guard rename(temporary, place.path) == 0 else {
            throw .cannotWrite(file: path, detail: String(cString: strerror(errno)))
        }
        finished = true
    }
}
