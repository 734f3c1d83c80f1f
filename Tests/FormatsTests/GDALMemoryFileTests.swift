import CGDAL
import Foundation
import Geometry
import Testing
@testable import Formats

/// GDALFile reads files in GDAL's memory file system (`/vsimem/`), which the fuzz targets use.
@Suite("GDAL: files in /vsimem/")
struct GDALMemoryFileTests {
    @Test("a coordinate table in /vsimem/ reads as the same file on disk: three points, the first as written")
    func memoryTableReadsLikeDisk() throws {
        let disk = FormatsFixtures.url("gdal/points.csv")
        var bytes = [UInt8](try Data(contentsOf: disk))
        let path = "/vsimem/zonescreen-test-\(UUID().uuidString)/points.csv"
        let count = bytes.count
        let (fromMemory, fromDisk) = try bytes.withUnsafeMutableBufferPointer { buffer in
            let handle = try #require(VSIFileFromMemBuffer(path, buffer.baseAddress, vsi_l_offset(count), 0))
            VSIFCloseL(handle)
            defer { VSIUnlink(path) }
            return (try GDALFile(url: URL(fileURLWithPath: path)).features(), try GDALFile(url: disk).features())
        }
        #expect(fromMemory.count == 3)
        #expect(fromMemory.map(\.geometry) == fromDisk.map(\.geometry))
        // Fixtures/gdal/points.csv, row 1: 108.512345678, 29.565432109.
        #expect(fromMemory.first?.geometry == .point(Coordinate(x: 108.512345678, y: 29.565432109)))
    }

    @Test("a /vsimem/ path that holds no file is not found")
    func missingMemoryFile() {
        #expect(throws: GDALError.fileNotFound(file: "/vsimem/zonescreen-none/x.csv")) {
            try GDALFile(url: URL(fileURLWithPath: "/vsimem/zonescreen-none/x.csv"))
        }
    }
}
