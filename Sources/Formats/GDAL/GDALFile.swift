internal import CGDAL
import Foundation
import Geometry

/// A file in any vector format GDAL reads: Shapefile, KML/KMZ, GeoPackage, GeoJSON, DXF, and CSV /
/// XLSX coordinate tables. One instance owns one open GDAL dataset (closed when the instance goes);
/// like the dataset it is not thread-safe, so read it on one thread and hand the features on.
///
/// Text: Shapefiles follow their `.cpg` (GDAL converts); without one, the DBF strings are read raw and
/// if any is not valid UTF-8 the file is reopened with `ENCODING=GB18030` so GDAL converts every name
/// and value the same way (one decision per file, never per string). CSV tables get the same test and
/// are converted here with CPLRecode. `--encoding` (`GDALReadOptions.encoding`) overrides both.
///
/// CRS: from the layer (`.prj`, the format's own), as an EPSG code found by the authority, by
/// `OSRAutoIdentifyEPSG`, or by `OSRFindMatches` (confidence 90 or more). Otherwise `Feature.crs` is nil
/// and `notes` says why; `GDALReadOptions.crs` overrides the file.
///
/// Problems with one feature (no geometry, geometry GEOS rejects, a table row without usable
/// coordinates) arrive as `FeatureError` and the rest are read; problems with the file throw `GDALError`.
public final class GDALFile: FeatureSource {
    public let url: URL
    public let options: GDALReadOptions
    /// GDAL's short driver name ("ESRI Shapefile", "LIBKML", "GPKG", "DXF", "CSV", "XLSX"...).
    public let driver: String
    /// The layers (sheets) that are read, in order.
    public let layerNames: [String]
    /// How text was decoded.
    public let textEncoding: GDALTextEncoding
    /// What was decided at open (encoding, CRS per layer) and, after `forEachFeature`, while reading
    /// (DXF points skipped, degrees/minutes/seconds converted...).
    public private(set) var notes: [GDALNote]

    /// What messages call the file: its path, or an upload's file name.
    public let name: String

    /// The CRS each layer's features carry, by layer name (nil: the file says none).
    public let layerCRS: [String: CRS?]

    /// Whether rows are read through coordinate columns (CSV, XLSX, ODS) rather than GDAL geometries.
    public var isCoordinateTable: Bool { Self.tableDrivers.contains(driver) }

    private let dataset: GDALDataset
    let decoding: Decoding
    private let layers: [OGRLayerH]
    private let openNotes: [GDALNote]
    /// The file's own folder in `ConfinedFiles`, for a file from outside (and a KMZ's KML files as a
    /// folder of their own); kept while the dataset reads.
    private let confinement: [ConfinedFiles.Registration]
    /// Features read so far by the running pass, for the feature limit.
    private var featuresRead = 0

    static let tableDrivers: Set<String> = ["CSV", "XLSX", "ODS", "XLS"]

    enum Decoding {
        case utf8
        case recode(String)

        func decode(_ pointer: UnsafePointer<CChar>) -> String {
            switch self {
            case .utf8:
                GDALLibrary.utf8(pointer) ?? String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
            case .recode(let encoding):
                GDALLibrary.recode(pointer, from: encoding)
            }
        }
    }

    public convenience init(path: String, options: GDALReadOptions = GDALReadOptions()) throws(GDALError) {
        try self.init(url: URL(fileURLWithPath: path), options: options)
    }

    public convenience init(url: URL, options: GDALReadOptions = GDALReadOptions()) throws(GDALError) {
        guard options.untrusted else {
            try self.init(path: url.path, name: url.path, url: url, confinement: nil, options: options)
            return
        }
        if url.pathExtension.lowercased() == "dxf" {
            // Read from memory, its line ends made plain (UntrustedOpening.plainLineEnds says why).
            try self.init(data: try Self.wholeFile(url), name: url.path, options: options)
            return
        }
        // Served from its own folder by plain name: a reference out of it, or a symbolic link, leads nowhere.
        let resolved = url.resolvingSymlinksInPath()
        let registration = ConfinedFiles.register(.folder(path: resolved.deletingLastPathComponent().path, name: resolved.lastPathComponent),
                                                  cancellation: WorkCancellation.current)
        try self.init(path: registration.path, name: url.path, url: url, confinement: registration, options: options)
    }

    /// A file held in memory (an upload), called `name` in messages and read as its ending says, as a
    /// file from outside (`GDALReadOptions.untrusted`): nothing is written to disk.
    public convenience init(data: Data, name: String, options: GDALReadOptions) throws(GDALError) {
        var options = options
        options.untrusted = true
        let ending = URL(fileURLWithPath: name).pathExtension.lowercased()
        let content = ending == "dxf" ? UntrustedOpening.plainLineEnds(dxf: data) : data
        let registration = ConfinedFiles.register(.memory(name: "upload." + ending, data: content), cancellation: WorkCancellation.current)
        try self.init(path: registration.path, name: name, url: URL(fileURLWithPath: name), confinement: registration, options: options)
    }

    /// A regular file read whole, within the limit on files read whole.
    private static func wholeFile(_ url: URL) throws(GDALError) -> Data {
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw .fileNotFound(file: url.path) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .notRegularFile(file: url.path) }
        do { try InputLimits.checkFile(url, name: url.path) } catch { throw .overLimit(error) }
        do { return try Data(contentsOf: url) } catch {
            throw .libraryFailed(file: url.path, operation: "read", message: error.localizedDescription)
        }
    }

    private init(path: String, name: String, url: URL, confinement: ConfinedFiles.Registration?, options: GDALReadOptions) throws(GDALError) {
        self.url = url
        self.options = options
        self.name = name
        var drivers: [String]? = nil
        let ending = url.pathExtension.lowercased()
        if options.untrusted {
            guard let allowed = UntrustedOpening.drivers(forEnding: ending) else { throw .refusedFormat(file: name, ending: ending) }
            drivers = allowed
        }
        var kmlFolder: ConfinedFiles.Registration?
        let opened = try Self.withSettings(untrusted: options.untrusted) { () throws(GDALError) in
            guard options.untrusted else { return try Self.open(path: path, name: name, drivers: drivers, options: options) }
            let isKMZ = ending == "kmz"
            guard let unpacked = try Self.checkArchive(path: path, name: name, limits: options.limits, keepKML: isKMZ), isKMZ else {
                return try Self.open(path: path, name: name, drivers: drivers, options: options)
            }
            // Read as a folder of its KML files (UntrustedOpening.isKML says why).
            guard !unpacked.kept.isEmpty else { throw .noKMLInKMZ(file: name) }
            let folder = ConfinedFiles.register(.memoryFolder(UntrustedOpening.kmlFolder(unpacked.kept)), cancellation: WorkCancellation.current)
            kmlFolder = folder
            return try Self.open(path: folder.path, name: name, drivers: ["LIBKML"], options: options)
        }
        self.confinement = [confinement, kmlFolder].compactMap { $0 }
        dataset = opened.dataset
        driver = opened.driver
        textEncoding = opened.encoding
        decoding = opened.decoding
        layers = opened.layers
        layerNames = opened.layers.map { GDALDataset.layerName($0) }
        layerCRS = opened.layerCRS
        openNotes = opened.notes
        notes = opened.notes
    }

    /// Runs `body` with network and references refused when the file is from outside.
    static func withSettings<T, E: Error>(untrusted: Bool, _ body: () throws(E) -> T) throws(E) -> T {
        untrusted ? try UntrustedOpening.refusingNetwork(body) : try body()
    }

    /// An archive (by its first bytes, whatever its ending) is unpacked once, counting, before a driver
    /// parses it, keeping its KML members if asked. Nil when the file is no archive.
    private static func checkArchive(path: String, name: String, limits: ReadLimits, keepKML: Bool) throws(GDALError) -> UntrustedOpening.Unpacked? {
        let head: [UInt8] = GDALLibrary.quietly {
            guard let handle = VSIFOpenL(path, "rb") else { return [] }
            defer { VSIFCloseL(handle) }
            var bytes = [UInt8](repeating: 0, count: 4)
            let got = bytes.withUnsafeMutableBytes { VSIFReadL($0.baseAddress, 1, 4, handle) }
            return Array(bytes.prefix(got))
        }
        guard UntrustedOpening.looksLikeZip(head) else { return nil }
        do {
            return try UntrustedOpening.checkUnpackedSize(archive: path, name: name, limit: limits.unpackedBytes,
                                                          keep: { keepKML && UntrustedOpening.isKML(member: $0) })
        } catch let error as InputLimits.Exceeded {
            throw .overLimit(error)
        } catch {
            throw .stopped
        }
    }

    private struct Opened {
        var dataset: GDALDataset
        var driver: String
        var encoding: GDALTextEncoding
        var decoding: Decoding
        var layers: [OGRLayerH]
        var layerCRS: [String: CRS?]
        var notes: [GDALNote]
    }

    private static func open(path: String, name: String, drivers: [String]?, options: GDALReadOptions) throws(GDALError) -> Opened {
        if let encoding = options.encoding, !GDALLibrary.isKnownEncoding(encoding) {
            throw .unknownEncoding(file: name, encoding: encoding)
        }
        var dataset = try GDALDataset.openVector(path: path, name: name, drivers: drivers)
        let driver = dataset.driverName
        var encoding = GDALTextEncoding.asGDALGives
        var decoding = Decoding.utf8

        switch driver {
        case "ESRI Shapefile":
            if let forced = options.encoding {
                dataset = try GDALDataset.openVector(path: path, name: name, options: ["ENCODING=\(forced)"], drivers: drivers)
                encoding = .forced(forced)
            } else if dataset.layers.allSatisfy({ OGR_L_TestCapability($0, OLCStringsAsUTF8) != 0 }) {
                // GDAL converts: the .cpg (or the DBF language byte) named the encoding.
                let declared = dataset.layers.first.flatMap {
                    GDALGetMetadataItem($0, "SOURCE_ENCODING", "SHAPEFILE").map { String(cString: $0) }
                }
                encoding = .declared(declared ?? "UTF-8")
            } else if Self.rawTextIsUTF8(dataset.layers) {
                encoding = .detectedUTF8
            } else {
                dataset = try GDALDataset.openVector(path: path, name: name, options: ["ENCODING=GB18030"], drivers: drivers)
                encoding = .detectedGB18030
            }
        case "CSV":
            if let forced = options.encoding {
                encoding = .forced(forced)
                if !Self.isUTF8Name(forced) { decoding = .recode(forced) }
            } else if Self.rawTextIsUTF8(dataset.layers) {
                encoding = .detectedUTF8
            } else {
                encoding = .detectedGB18030
                decoding = .recode("GB18030")
            }
        case "XLSX", "ODS":
            // Unless told, the driver guesses whether row 1 is a header, and a sheet whose cells are
            // all text (names, coordinates typed as 度分秒) gets columns Field1, Field2... with the
            // header as its first row. GDAL 3.6 has no HEADERS open option for XLSX/ODS: the
            // configuration options OGR_XLSX_HEADERS / OGR_ODS_HEADERS say it.
            dataset = try GDALDataset.openVector(path: path, name: name,
                                                 configuration: [("OGR_XLSX_HEADERS", "FORCE"), ("OGR_ODS_HEADERS", "FORCE")], drivers: drivers)
        case "DXF":
            if let forced = options.encoding {
                // The DXF driver takes the encoding from $DWGCODEPAGE when opening; DXF_ENCODING
                // (a configuration option, not an open option) overrides it.
                dataset = try GDALDataset.openVector(path: path, name: name, configuration: [("DXF_ENCODING", forced)], drivers: drivers)
                encoding = .forced(forced)
            }
        default:
            break
        }

        let allLayers = dataset.layers
        guard !allLayers.isEmpty else { throw .noLayers(file: name, driver: driver) }
        let allNames = allLayers.map { GDALDataset.layerName($0) }
        var chosen = allLayers
        if let wanted = options.layer {
            guard let position = allNames.firstIndex(of: wanted) else {
                throw .layerNotFound(file: name, layer: wanted, available: allNames)
            }
            chosen = [allLayers[position]]
        }

        var notes: [GDALNote] = []
        if encoding != .asGDALGives { notes.append(.textEncoding(encoding)) }
        var layerCRS: [String: CRS?] = [:]
        for layer in chosen {
            let layerName = GDALDataset.layerName(layer)
            let identified = GDALCRS.identify(OGR_L_GetSpatialRef(layer))
            var fileCRS: CRS? = nil
            switch identified {
            case .authority(let code):
                fileCRS = CRS(epsg: code)
            case .matched(let code, let confidence):
                fileCRS = CRS(epsg: code)
                if options.crs == nil { notes.append(.matchedCRS(layer: layerName, epsg: code, confidence: confidence)) }
            case .unidentified(let crsName):
                if options.crs == nil { notes.append(.unidentifiedCRS(layer: layerName, name: crsName)) }
            case .none:
                if options.crs == nil { notes.append(.noCRS(layer: layerName)) }
            }
            if let forced = options.crs {
                if fileCRS != forced { notes.append(.crsOverridden(layer: layerName, fileCRS: fileCRS, used: forced)) }
                layerCRS[layerName] = .some(forced)
            } else {
                layerCRS[layerName] = .some(fileCRS)
            }
        }

        return Opened(dataset: dataset, driver: driver, encoding: encoding, decoding: decoding, layers: chosen, layerCRS: layerCRS, notes: notes)
    }

    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        featuresRead = 0
        try Self.withSettings(untrusted: options.untrusted) { try readFeatures(body) }
    }

    private func readFeatures(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        var readNotes: [GDALNote] = []
        defer {
            // A table whose metres gave their own zone has a CRS after all.
            let placed = Set(readNotes.compactMap { note -> String? in
                if case .tableConvention(let layer, _, _, _, true, _, _) = note { return layer }
                return nil
            })
            notes = openNotes.filter { note in
                if case .noCRS(let layer) = note { return !placed.contains(layer) }
                return true
            } + readNotes
        }
        var index = 0
        if isCoordinateTable {
            let tables = layers.map { layer in
                (layer, GDALDataset.layerName(layer), GDALField.fields(of: layer, decode: decoding.decode))
            }
            let found = tables.map { CoordinateColumns.find(in: $0.2) }
            guard found.contains(where: { $0 != nil }) else {
                throw GDALError.noCoordinateColumns(file: name, columns: tables.flatMap { $0.2.map(\.name) })
            }
            for ((layer, layerName, fields), columns) in zip(tables, found) {
                guard let columns else {
                    readNotes.append(.skippedSheet(layer: layerName, columns: fields.map(\.name)))
                    continue
                }
                readNotes.append(.coordinateColumns(layer: layerName, columns: columns.names))
                try readTable(layer, name: layerName, fields: fields, columns: columns, index: &index, notes: &readNotes, body)
            }
        } else {
            for layer in layers {
                try readLayer(layer, index: &index, notes: &readNotes, body)
            }
        }
    }

    /// The attribute field names of each layer read, by layer name, in the file's order.
    public func fieldNames() -> [String: [String]] {
        var names: [String: [String]] = [:]
        for layer in layers { names[GDALDataset.layerName(layer)] = GDALField.fields(of: layer, decode: decoding.decode).map(\.name) }
        return names
    }

    /// Every row's attributes (geometry ignored), for attribute tables such as a province's unit
    /// lists in a spreadsheet: `body(layer, row, values)`, where `row` is the row as a spreadsheet
    /// shows it (the header is row 1, so the first record is row 2) for CSV/XLSX/ODS, and the feature
    /// number from 1 otherwise. Rows with no value at all (formatted empty rows) are skipped.
    public func forEachRecord(_ body: (_ layer: String, _ row: Int, _ values: [String: JSONValue]) throws -> Void) throws {
        featuresRead = 0
        try Self.withSettings(untrusted: options.untrusted) { try readRecords(body) }
    }

    private func readRecords(_ body: (_ layer: String, _ row: Int, _ values: [String: JSONValue]) throws -> Void) throws {
        for layer in layers {
            let layerName = GDALDataset.layerName(layer)
            let fields = GDALField.fields(of: layer, decode: decoding.decode)
            var row = 0
            try eachFeature(of: layer) { feature in
                row += 1
                var values: [String: JSONValue] = [:]
                for field in fields {
                    guard let value = field.value(in: feature, decode: decoding.decode), value != .null, value != .string("") else { continue }
                    values[field.name] = value
                }
                guard !values.isEmpty else { return }
                try body(layerName, isCoordinateTable ? row + 1 : row, values)
            }
        }
    }

    // MARK: Layers with geometries

    private func readLayer(_ layer: OGRLayerH, index: inout Int, notes: inout [GDALNote],
                           _ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        let layerName = GDALDataset.layerName(layer)
        let fields = GDALField.fields(of: layer, decode: decoding.decode)
        let idField = fields.first { $0.name.lowercased() == "id" }
        let order = fields.map(\.name)
        let crs = layerCRS[layerName] ?? nil
        let isDXF = driver == "DXF"
        var closedPolylines = 0
        var skipped = 0
        defer {
            if closedPolylines > 0 { notes.append(.closedPolylinesAsPolygons(layer: layerName, count: closedPolylines)) }
            if skipped > 0 { notes.append(.skippedPoints(layer: layerName, count: skipped)) }
        }

        try eachFeature(of: layer) { feature in
            let featureIndex = index
            index += 1

            var properties: [String: JSONValue] = [:]
            for field in fields {
                if let value = field.value(in: feature, decode: decoding.decode) { properties[field.name] = value }
            }
            // Not the FID: a record number is no ID, and messages give the feature number anyway.
            let id = idField.flatMap { properties[$0.name]?.text }

            guard let geometryHandle = OGR_F_GetGeometryRef(feature) else {
                try body(.failure(.malformedFeature(source: name, index: featureIndex, id: id, problem: .missingMember("geometry"))))
                return
            }
            if isDXF {
                let flat = GDALGeometry.flatType(geometryHandle)
                if flat == wkbPoint || flat == wkbMultiPoint {
                    skipped += 1
                    return
                }
            }
            // Counted on GDAL's geometry, before it is copied out as WKB and as a Swift value.
            let vertices = GDALGeometry.vertexCount(geometryHandle)
            if vertices > options.limits.vertices.value {
                let limit = InputLimits.Exceeded.vertices(count: vertices, limit: options.limits.vertices.value, variable: options.limits.vertices.setting)
                try body(.failure(.overLimit(source: name, index: featureIndex, id: id, limit: limit)))
                return
            }
            var geometry: Geometry
            do throws(GeometryError) {
                geometry = try GDALGeometry.convert(geometryHandle)
            } catch {
                try body(.failure(.invalidGeometry(source: name, index: featureIndex, id: id, problem: error)))
                return
            }
            if isDXF, let polygon = Self.closedPolyline(geometry) {
                geometry = polygon
                closedPolylines += 1
            }
            try body(.success(Feature(id: id, geometry: geometry, properties: properties, index: featureIndex, crs: crs, propertyOrder: order)))
        }
    }

    /// Calls `body` with each feature of `layer`, destroying it afterwards; a read error stops the
    /// layer with GDAL's own message. Checks the limits on features and on one value's length, and the
    /// work's cancellation, at every feature.
    func eachFeature(of layer: OGRLayerH, _ body: (OGRFeatureH) throws -> Void) throws {
        let textFields = GDALField.fields(of: layer) { _ in "" }.filter { $0.type == OFTString }.map(\.index)
        let limits = options.limits
        try GDALLibrary.quietly { () throws in
            OGR_L_ResetReading(layer)
            while true {
                try WorkCancellation.check()
                CPLErrorReset()
                guard let feature = OGR_L_GetNextFeature(layer) else {
                    if WorkCancellation.current?.isCancelled == true { throw WorkCancellation.Stopped() }
                    if CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
                        throw GDALError.libraryFailed(file: name, operation: "OGR_L_GetNextFeature",
                                                      message: GDALLibrary.lastErrorMessage("read error"))
                    }
                    break
                }
                defer { OGR_F_Destroy(feature) }
                featuresRead += 1
                if featuresRead > limits.features.value {
                    throw InputLimits.Exceeded.features(name: name, limit: limits.features.value, variable: limits.features.setting)
                }
                for index in textFields where OGR_F_IsFieldSetAndNotNull(feature, index) != 0 {
                    guard let text = OGR_F_GetFieldAsString(feature, index) else { continue }
                    let length = strlen(text)
                    if length > limits.stringBytes.value {
                        throw InputLimits.Exceeded.string(name: name, feature: featuresRead, bytes: length, limit: limits.stringBytes.value,
                                                          variable: limits.stringBytes.setting)
                    }
                }
                try body(feature)
            }
        }
    }

    /// A DXF polyline whose last point repeats its first (GDAL appends it for the closed flag) as a
    /// polygon: CAD users draw parcels this way. Open lines stay lines.
    static func closedPolyline(_ geometry: Geometry) -> Geometry? {
        guard case .lineString(let points) = geometry, points.count >= 4, points.first == points.last else { return nil }
        return .polygon(Polygon(exterior: points))
    }

    static func fid(_ feature: OGRFeatureH) -> String? {
        let fid = OGR_F_GetFID(feature)
        return fid == Int64(OGRNullFID) ? nil : String(fid)
    }

    // MARK: Encoding detection

    /// Whether every field name and string value GDAL hands back unconverted is valid UTF-8. Reads
    /// attributes only (geometry ignored), then rewinds.
    static func rawTextIsUTF8(_ layers: [OGRLayerH]) -> Bool {
        GDALLibrary.quietly { () -> Bool in
            for layer in layers {
                if OGR_L_GetName(layer).map({ GDALLibrary.utf8($0) == nil }) == true { return false }
                let fields = GDALField.fields(of: layer) { String(cString: $0) }
                if let definition = OGR_L_GetLayerDefn(layer) {
                    for index in 0..<OGR_FD_GetFieldCount(definition) {
                        if let field = OGR_FD_GetFieldDefn(definition, index), GDALLibrary.utf8(OGR_Fld_GetNameRef(field)) == nil {
                            return false
                        }
                    }
                }
                let strings = fields.filter { $0.type == OFTString }
                guard !strings.isEmpty else { continue }
                GDALLibrary.withStringList(["OGR_GEOMETRY"]) { list in
                    _ = OGR_L_SetIgnoredFields(layer, GDALLibrary.constList(list))
                }
                defer {
                    _ = OGR_L_SetIgnoredFields(layer, nil)
                    OGR_L_ResetReading(layer)
                }
                OGR_L_ResetReading(layer)
                while let feature = OGR_L_GetNextFeature(layer) {
                    defer { OGR_F_Destroy(feature) }
                    // A cancelled read is refused by the reading that follows; a long table is not scanned twice for nothing.
                    if WorkCancellation.current?.isCancelled == true { return true }
                    for field in strings {
                        if let raw = field.rawText(in: feature), GDALLibrary.utf8(raw) == nil { return false }
                    }
                }
            }
            return true
        }
    }

    static func isReadAs(_ note: CoordinateTextNote) -> Bool {
        if case .readAs = note { return true }
        return false
    }

    static func isUTF8Name(_ encoding: String) -> Bool {
        ["UTF-8", "UTF8"].contains(encoding.uppercased())
    }
}
