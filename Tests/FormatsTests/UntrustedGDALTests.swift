import Foundation
import Geometry
import Testing
import TestSupport
@testable import Formats
import Wording

/// Files from outside (uploads, `--untrusted-input`) through GDAL: only the driver the ending calls
/// for, no network, nothing outside the file's own folder, archives counted while unpacked.
@Suite("GDAL: files from outside")
struct UntrustedGDALTests {
    /// The fixtures read from memory as uploads give the same features as read from disk as before.
    @Test("uploads in every format read from memory give the features the trusted reader gives", arguments: [
        "points.csv", "points.xlsx", "sites.kml", "sites.kmz", "sites.gpkg", "cad.dxf", "demo/parcels_gbk_shapefile.zip",
    ])
    func sameFeatures(path: String) throws {
        let url = FormatsFixtures.url("gdal/" + path)
        let trusted = try GDALFile(url: url).readAll()
        let upload = try GDALFile(data: try Data(contentsOf: url), name: "上传的" + url.lastPathComponent, options: GDALReadOptions()).readAll()
        #expect(!trusted.features.isEmpty)
        #expect(upload.features.map(\.geometry) == trusted.features.map(\.geometry))
        #expect(upload.features.map(\.properties) == trusted.features.map(\.properties))
        #expect(upload.problems.count == trusted.problems.count)
    }

    @Test("an ending that names no format taken from outside is refused, and so is a VRT by its own ending")
    func refusedEndings() throws {
        for name in ["a.vrt", "a.dat", "noending"] {
            #expect(throws: GDALError.refusedFormat(file: name, ending: URL(fileURLWithPath: name).pathExtension.lowercased())) {
                try GDALFile(data: Data("x".utf8), name: name, options: GDALReadOptions())
            }
        }
    }

    /// An OGR VRT document named .csv names a local file in `<SrcDataSource>`; read as an upload it is
    /// CSV text (no coordinate columns) and the named file is never opened. The same document read by
    /// the trusted reader opens the file: the watch that sees no open in the first case can see one.
    @Test("a VRT upload naming a local file is refused and the file is never opened")
    func vrtLocalFile() throws {
        let folder = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.csv")
        try Data("x,y\n111.25,30.75\n".utf8).write(to: secret)
        let vrt = Data("""
            <OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>CSV:\(secret.path)</SrcDataSource>\
            <SrcSQL>SELECT * FROM secret</SrcSQL><GeometryType>wkbPoint</GeometryType>\
            <GeometryField encoding="PointFromColumns" x="x" y="y"/></OGRVRTLayer></OGRVRTDataSource>
            """.utf8)
        let upload = try FileOpenWatch(secret)
        #expect(throws: GDALError.self) { try GDALFile(data: vrt, name: "边界.csv", options: GDALReadOptions()).readAll() }
        #expect(upload.opens() == 0)

        let onDisk = folder.appendingPathComponent("边界.csv")
        try vrt.write(to: onDisk)
        let untrusted = try FileOpenWatch(secret)
        #expect(throws: GDALError.self) { try GDALFile(url: onDisk, options: GDALReadOptions(untrusted: true)).readAll() }
        #expect(untrusted.opens() == 0)

        let control = try FileOpenWatch(secret)
        let read = try GDALFile(url: onDisk).readAll()
        #expect(control.opens() > 0)
        #expect(read.features.first?.geometry == .point(Coordinate(x: 111.25, y: 30.75)))
    }

    /// The same with a `/vsicurl/` URL on a listener of this test: no connection at all, where the
    /// trusted reader connects (HEAD, then GET).
    @Test("a VRT upload naming a URL is refused and nothing is fetched")
    func vrtURL() throws {
        let listener = try LoopbackListener()
        let vrt = Data("""
            <OGRVRTDataSource><OGRVRTLayer name="a"><SrcDataSource>/vsicurl/http://127.0.0.1:\(listener.port)/x.csv</SrcDataSource>\
            </OGRVRTLayer></OGRVRTDataSource>
            """.utf8)
        #expect(throws: GDALError.self) { try GDALFile(data: vrt, name: "a.csv", options: GDALReadOptions()).readAll() }
        #expect(throws: GDALError.self) { try GDALFile(data: vrt, name: "a.kml", options: GDALReadOptions()).readAll() }
        #expect(listener.connections() == 0)

        let folder = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let onDisk = folder.appendingPathComponent("a.csv")
        try vrt.write(to: onDisk)
        _ = try? GDALFile(url: onDisk).readAll()
        #expect(listener.connections() > 0)
    }

    /// A KMZ whose doc.kml is 50 MiB of blank lines after a placemark (51,256 bytes packed; made by
    /// Tests/reference/make_hostile_fixtures.py): over a 1 MiB limit it is refused while unpacking.
    @Test("an archive unpacking past the limit is refused, naming the limit and its setting")
    func unpackedLimit() throws {
        let url = FormatsFixtures.url("hostile/expands-50mib.kmz")
        let data = try Data(contentsOf: url)
        var options = GDALReadOptions()
        options.limits.unpackedBytes = .init(1 << 20, setting: "--max-unpacked-bytes")
        let expected = GDALError.overLimit(.unpacked(name: "a.kmz", limit: 1 << 20, variable: "--max-unpacked-bytes"))
        #expect(throws: expected) { try GDALFile(data: data, name: "a.kmz", options: options) }
        #expect(expected.message(.zh).contains("a.kmz 解压后超过 1048576 字节"))
        #expect(expected.message(.zh).contains("请用选项 --max-unpacked-bytes 调高"))
        // Under a limit it fits (doc.kml is 52,429,002 bytes, as the script prints), the one placemark is read.
        options.limits.unpackedBytes = .init(60 << 20, setting: "--max-unpacked-bytes")
        #expect(try GDALFile(data: data, name: "a.kmz", options: options).readAll().features.count == 1)
    }

    /// GDAL 3.6's KMZ reader loses its copy of the whole archive when there is no KML inside (or its
    /// KML does not parse): a KMZ from outside is read as a folder of its KML files instead, and a ZIP
    /// without any (here the demo's zipped Shapefile) is refused by name before GDAL sees it. The KMZ
    /// GDAL itself writes (Fixtures/gdal/sites.kmz: doc.kml linking layers/sites.kml) keeps its layer.
    @Test("a KMZ from outside is read as the folder of its KML files; a ZIP with no KML named .kmz is refused by name")
    func kmzAsFolder() throws {
        let zip = try Data(contentsOf: FormatsFixtures.url("gdal/demo/parcels_gbk_shapefile.zip"))
        #expect(throws: GDALError.noKMLInKMZ(file: "边界.kmz")) { try GDALFile(data: zip, name: "边界.kmz", options: GDALReadOptions()) }
        #expect(GDALError.noKMLInKMZ(file: "边界.kmz").message(.zh) == "边界.kmz 是 KMZ 压缩包，但其中没有 KML 文件（.kml）")
        let kmz = try GDALFile(data: try Data(contentsOf: FormatsFixtures.url("gdal/sites.kmz")), name: "sites.kmz", options: GDALReadOptions())
        #expect(kmz.layerNames.contains("sites"), "\(kmz.layerNames)")
    }

    /// `printf '0\nSECTION\r' > a.dxf; ogrinfo a.dxf` never returns with GDAL 3.6.2 (tried 2026-12-07):
    /// its DXF reader spins on a last value ending in a lone CR, and a request's timeout could not free
    /// the engine reading it. From outside, a DXF's line ends are made plain first. Read on a thread of
    /// its own, so that a regression fails this test after 30 s instead of hanging the suite. A DXF with
    /// CR LF line ends (Fixtures/gdal/cad.dxf so written) gives the features the trusted reader gives.
    @Test("a DXF ending in a lone CR, which GDAL's reader spins on for ever, is read from outside and ends")
    func dxfLoneCarriageReturn() throws {
        let done = DispatchSemaphore(value: 0)
        Thread {
            _ = try? GDALFile(data: Data("0\nSECTION\r".utf8), name: "a.dxf", options: GDALReadOptions()).readAll()
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 30) == .success, "still reading after 30 s")
        let crlf = Data(try Data(contentsOf: FormatsFixtures.url("gdal/cad.dxf")).flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] })
        let folder = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cad-crlf.dxf")
        try crlf.write(to: file)
        let trusted = try GDALFile(url: file).readAll()
        let upload = try GDALFile(data: crlf, name: "cad-crlf.dxf", options: GDALReadOptions()).readAll()
        let untrusted = try GDALFile(url: file, options: GDALReadOptions(untrusted: true)).readAll()
        #expect(!trusted.features.isEmpty)
        #expect(upload.features.map(\.geometry) == trusted.features.map(\.geometry))
        #expect(untrusted.features.map(\.properties) == trusted.features.map(\.properties))
    }

    @Test("more rows than the feature limit, or a longer value than the string limit, stop the file by name")
    func featureAndStringLimits() throws {
        // points.csv: 3 data rows; its longest value is "拟建项目甲" in row 1, 15 bytes in UTF-8 (counted
        // with Python's csv module).
        let data = try Data(contentsOf: FormatsFixtures.url("gdal/points.csv"))
        var options = GDALReadOptions()
        options.limits.features = .init(2, setting: "--max-features")
        #expect(throws: InputLimits.Exceeded.features(name: "p.csv", limit: 2, variable: "--max-features")) {
            try GDALFile(data: data, name: "p.csv", options: options).readAll()
        }
        options.limits.features = .init(3, setting: "--max-features")
        options.limits.stringBytes = .init(14, setting: "--max-string-bytes")
        #expect(throws: InputLimits.Exceeded.string(name: "p.csv", feature: 1, bytes: 15, limit: 14, variable: "--max-string-bytes")) {
            try GDALFile(data: data, name: "p.csv", options: options).readAll()
        }
        options.limits.stringBytes = .init(15, setting: "--max-string-bytes")
        #expect(try GDALFile(data: data, name: "p.csv", options: options).readAll().features.count == 3)
    }

    @Test("a feature with more vertices than the limit fails alone, counted before its geometry is converted")
    func vertexLimit() throws {
        // sites.kml: 临港化工园 is a 5-vertex ring (4 corners closed), the other placemarks fewer or more.
        let data = try Data(contentsOf: FormatsFixtures.url("gdal/sites.kml"))
        var options = GDALReadOptions()
        let all = try GDALFile(data: data, name: "s.kml", options: options).readAll()
        let counts = all.features.map { $0.geometry?.coordinateCount ?? 0 }
        let limit = try #require(counts.max()) - 1
        options.limits.vertices = .init(limit, setting: "--max-vertices")
        let read = try GDALFile(data: data, name: "s.kml", options: options).readAll()
        #expect(read.features.count == counts.filter { $0 <= limit }.count)
        #expect(read.problems.count == counts.filter { $0 > limit }.count)
        #expect(read.problems.allSatisfy { if case .overLimit = $0 { true } else { false } })
    }

    @Test("a cancelled read stops at the next feature")
    func cancelled() throws {
        let data = try Data(contentsOf: FormatsFixtures.url("gdal/points.csv"))
        let cancellation = WorkCancellation()
        var seen = 0
        #expect(throws: WorkCancellation.Stopped.self) {
            try cancellation.run {
                try GDALFile(data: data, name: "p.csv", options: GDALReadOptions()).forEachFeature { _ in
                    seen += 1
                    cancellation.cancel()
                }
            }
        }
        #expect(seen == 1)
    }
}

