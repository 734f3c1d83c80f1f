import Foundation
import Geometry
import Wording

/// A 勘测定界 / 建设用地报批 coordinate file (.txt): a `[属性描述]` section of `key=value` lines, then a
/// `[地块坐标]` section where each parcel is a header line
/// `界址点数,地块面积(公顷),地块编号,地块名称,记录图形属性,图幅号,地块用途,地类编码,@` followed by
/// point lines `点号,圈号,X,Y` (X the northing, Y the easting, in metres).
///
/// Each parcel becomes one `Feature` in the file's projected Gauss-Krüger CRS (x = easting,
/// y = northing), with `crs` set. What the reader accepts:
/// - UTF-8 (with or without BOM) or GBK/GB18030; CRLF, LF or CR line ends; trailing commas.
/// - X and Y swapped for the whole file (decided by magnitude: northings 2,000,000-6,000,000 m,
///   eastings 100,000-900,000 m, or 13,000,000-45,999,999 m with the zone prefixed).
/// - Rings closed by repeating the first point (same 点号, or same coordinates) or left open.
/// - Extra header fields between 地类编码 and `@` (kept as `extraFields`).
/// - 3-degree zones (25-45) and 6-degree zones (13-23) of CGCS2000, Xian 1980 and Beijing 1954.
///
/// Rings: a new 圈号 (or the same 圈号 again after a closed ring) starts a new ring. Whether a ring is
/// a part's shell or a hole is decided by geometry (see `assemble`), so a multi-part parcel (飞地)
/// becomes a MultiPolygon however its rings are numbered.
///
/// A problem with the whole file throws `SurveyTextError`; a problem with one parcel is handed on as
/// a failure and the other parcels are still read.
public struct SurveyTextFile: FeatureSource, Sendable {
    public let name: String
    private let input: Input

    private enum Input: Sendable {
        case file(URL)
        case bytes(Data)
    }

    public init(url: URL) {
        self.name = url.path
        self.input = .file(url)
    }

    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path))
    }

    /// Bytes already in memory (standard input, an upload); `name` is what messages call them.
    public init(data: Data, name: String) {
        self.name = name
        self.input = .bytes(data)
    }

    // MARK: Reading

    /// Everything a file gave: its header, the parcels that could be read and the problems with the others.
    public struct Contents: Sendable {
        public var header: Header
        public var features: [Feature]
        public var problems: [SurveyTextError]
    }

    /// The file's `[属性描述]` and what the reader works out from the whole file (encoding, axis order,
    /// zone, CRS), without building parcels.
    public func header() throws(SurveyTextError) -> Header {
        try load().header
    }

    /// Reads the whole file, collecting per-parcel problems.
    public func read() throws(SurveyTextError) -> Contents {
        let document = try load()
        var contents = Contents(header: document.header, features: [], problems: [])
        for (index, parcel) in document.parcels.enumerated() {
            switch build(parcel, index: index, layout: document.header) {
            case .success(let feature): contents.features.append(feature)
            case .failure(let problem): contents.problems.append(problem)
            }
        }
        return contents
    }

    /// Calls `body` for each parcel in file order, with the parcel's full problem when it cannot be read.
    /// Whole-file problems throw `SurveyTextError`; errors thrown by `body` pass through.
    public func forEachParcel(_ body: (Result<Feature, SurveyTextError>) throws -> Void) throws {
        let document = try load()
        for (index, parcel) in document.parcels.enumerated() {
            try body(build(parcel, index: index, layout: document.header))
        }
    }

    /// `FeatureSource`: as `forEachParcel`, with parcel problems turned into `FeatureError` by
    /// `SurveyTextError.featureError(language)`. Whole-file problems throw `SurveyTextError`.
    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        try forEachParcel { result in
            try body(result.mapError { $0.featureError })
        }
    }

    // MARK: Parsing

    struct RawPoint {
        let line: Int
        let fields: [String]
    }

    struct RawParcel {
        let line: Int
        /// The header's fields before the `@`.
        let fields: [String]
        var points: [RawPoint] = []
    }

    struct Document {
        let header: Header
        let parcels: [RawParcel]
    }

    private func load() throws(SurveyTextError) -> Document {
        let data: Data
        switch input {
        case .bytes(let bytes):
            data = bytes
        case .file(let url):
            do throws(InputLimits.Exceeded) { try InputLimits.checkFile(url, name: name) } catch {
                throw .overLimit(error)
            }
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw .unreadable(file: name, detail: GeoJSONFile.reason(error))
            }
        }
        let text: String, encoding: SurveyTextEncoding
        switch SurveyTextDecoding.decode([UInt8](data)) {
        case .success(let decoded): (text, encoding) = decoded
        case .failure(let failure): throw .undecodable(file: name, byteOffset: failure.byteOffset)
        }

        var attributes: [Attribute] = []
        var parcels: [RawParcel] = []
        var section: String?
        var sawCoordinates = false
        let lineLimit = InputLimits.lineBytes.value
        for (number, raw) in SurveyTextDecoding.lines(text) {
            if raw.utf8.count > lineLimit {
                throw .overLimit(.line(name: name, line: number, bytes: raw.utf8.count, limit: lineLimit, variable: InputLimits.lineBytes.variable))
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let title = Self.sectionTitle(line) {
                section = title
                if title == "地块坐标" { sawCoordinates = true }
                continue
            }
            switch section {
            case "属性描述":
                guard let equals = line.firstIndex(where: { $0 == "=" || $0 == "＝" }) else { continue }
                attributes.append(Attribute(key: line[..<equals].trimmingCharacters(in: .whitespaces),
                                            value: line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces),
                                            line: number))
            case "地块坐标":
                var fields = line.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "，" })
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                while fields.last?.isEmpty == true { fields.removeLast() }
                if fields.last == "@" {
                    parcels.append(RawParcel(line: number, fields: Array(fields.dropLast())))
                } else if parcels.isEmpty {
                    throw .pointBeforeFirstParcel(file: name, line: number)
                } else {
                    parcels[parcels.count - 1].points.append(RawPoint(line: number, fields: fields))
                }
            default:
                continue
            }
        }
        guard sawCoordinates else { throw .missingCoordinateBlock(file: name) }
        guard !parcels.isEmpty else { throw .noParcels(file: name) }
        let header = try Self.analyse(attributes: attributes, parcels: parcels, encoding: encoding, file: name)
        return Document(header: header, parcels: parcels)
    }

    /// "[地块坐标]" -> "地块坐标"; full-width brackets too. Nil for any other line.
    private static func sectionTitle(_ line: String) -> String? {
        guard let first = line.first, let last = line.last, first == "[" || first == "【", last == "]" || last == "】",
              line.count >= 2 else { return nil }
        return line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
    }

    // MARK: Working out the CRS

    static let northings = 2_000_000.0...6_000_000.0
    static let plainEastings = 100_000.0...900_000.0

    static func isPrefixedEasting(_ value: Double) -> Bool {
        value >= 13_000_000 && value < 46_000_000 && plainEastings.contains(value.truncatingRemainder(dividingBy: 1_000_000))
    }

    static func isEasting(_ value: Double) -> Bool {
        plainEastings.contains(value) || isPrefixedEasting(value)
    }

    private static func analyse(attributes: [Attribute], parcels: [RawParcel], encoding: SurveyTextEncoding,
                                file: String) throws(SurveyTextError) -> Header {
        func value(_ key: String) -> String? {
            attributes.first { $0.key == key }.flatMap { $0.value.isEmpty ? nil : $0.value }
        }
        let systemName = value("坐标系")
        guard let systemName, let datum = datum(forCoordinateSystemName: systemName) else {
            throw .unknownCoordinateSystem(file: file, name: systemName)
        }
        if let projection = value("投影类型") {
            let key = projection.uppercased()
            let gaussKruger = ["高斯", "克吕格", "克里格", "GAUSS", "KRUGER", "KRÜGER", "横轴墨卡托", "TRANSVERSE"].contains { key.contains($0) }
            guard gaussKruger, !key.contains("UTM") else { throw .unsupportedProjection(file: file, name: projection) }
        }
        var declaredWidth: Int?
        if let widthText = value("几度分带") {
            guard let width = leadingInteger(widthText), width == 3 || width == 6 else {
                throw .unsupportedZoneWidth(file: file, text: widthText)
            }
            declaredWidth = width
        }
        let declaredZone = leadingInteger(value("带号"))

        // Axis order by magnitude, counted over every point whose X and Y are numbers.
        var normal = 0, swapped = 0
        for parcel in parcels {
            for point in parcel.points where point.fields.count >= 4 {
                guard let x = Double(point.fields[2]), let y = Double(point.fields[3]) else { continue }
                if northings.contains(x) && isEasting(y) { normal += 1 }
                if isEasting(x) && northings.contains(y) { swapped += 1 }
            }
        }
        guard normal + swapped > 0 else { throw .noProjectedCoordinates(file: file) }
        let axesSwapped = swapped > normal

        // Eastings with or without the zone prefix: the majority decides; the first prefixed one gives the zone.
        var prefixed = 0, plain = 0
        var firstPrefixed: (zone: Int, line: Int)?
        for parcel in parcels {
            for point in parcel.points where point.fields.count >= 4 {
                guard let x = Double(point.fields[2]), let y = Double(point.fields[3]) else { continue }
                let (northing, easting) = axesSwapped ? (y, x) : (x, y)
                guard northings.contains(northing) else { continue }
                if isPrefixedEasting(easting) {
                    prefixed += 1
                    if firstPrefixed == nil { firstPrefixed = (Int(easting / 1_000_000), point.line) }
                } else if plainEastings.contains(easting) {
                    plain += 1
                }
            }
        }
        let zonePrefixedEasting = prefixed >= plain
        let zone: Int, width: Int
        if zonePrefixedEasting, let firstPrefixed {
            zone = firstPrefixed.zone
            if let declaredZone, declaredZone != zone {
                throw .zoneConflict(file: file, declared: declaredZone, fromEastings: zone, line: firstPrefixed.line)
            }
            width = declaredWidth ?? (sixDegreeZones.contains(zone) ? 6 : 3)
            let range = width == 6 ? sixDegreeZones : threeDegreeZones
            guard range.contains(zone) else {
                if let declaredWidth {
                    throw .zoneWidthConflict(file: file, declaredWidth: declaredWidth, zone: zone, line: firstPrefixed.line)
                }
                throw .zoneOutOfRange(file: file, zone: zone, width: width)
            }
        } else {
            guard let declaredZone else { throw .zoneUnknown(file: file) }
            zone = declaredZone
            // Plain eastings say nothing about the zone width; 勘测定界 surveys use 3-degree zones.
            width = declaredWidth ?? 3
        }
        guard let zoneCRS = projectedCRS(datum: datum, zoneWidth: width, zone: zone, zonePrefixedEasting: zonePrefixedEasting) else {
            throw .zoneOutOfRange(file: file, zone: zone, width: width)
        }
        // 转换参数 is the survey's own shift to CGCS2000; it matters only for the legacy datums (a
        // CGCS2000 file needs none, and PROJ has no published shift for Xian 1980 or Beijing 1954).
        var datumShift: HelmertParameters?
        if let text = value("转换参数") {
            switch HelmertParameters.parse(text) {
            case .none: break
            case .parameters(let parameters): datumShift = datum == .cgcs2000 ? nil : parameters
            case .malformed: throw .malformedTransformationParameters(file: file, text: text)
            }
        }
        let crs = CRS(epsg: zoneCRS.epsg, datumShift: datumShift)
        return Header(attributes: attributes, encoding: encoding, axesSwapped: axesSwapped, datum: datum, zoneWidth: width,
                      zone: zone, zonePrefixedEasting: zonePrefixedEasting, crs: crs, parcelCount: parcels.count)
    }

    // MARK: Building one parcel

    private struct RingBuilder {
        let number: Int
        let firstName: String
        let firstLine: Int
        var points: [Coordinate]
        var closed = false
    }

    private func build(_ parcel: RawParcel, index: Int, layout: Header) -> Result<Feature, SurveyTextError> {
        let fields = parcel.fields
        let parcelNumber = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
        func failure(_ line: Int, _ problem: SurveyParcelProblem) -> Result<Feature, SurveyTextError> {
            .failure(.malformedParcel(file: name, line: line, index: index, parcel: parcelNumber, problem: problem))
        }
        guard fields.count >= 3 else {
            return failure(parcel.line, .tooFewFields(kind: .header, count: fields.count, minimum: 3))
        }
        guard let declaredCount = Int(fields[0]) else {
            return failure(parcel.line, .notANumber(field: "界址点数", text: fields[0]))
        }
        var declaredArea: Double?
        if !fields[1].isEmpty {
            guard let area = Double(fields[1]), area.isFinite else {
                return failure(parcel.line, .notANumber(field: "地块面积", text: fields[1]))
            }
            declaredArea = area
        }
        guard !parcel.points.isEmpty else { return failure(parcel.line, .noPoints) }

        var rings: [RingBuilder] = []
        var closingRepeats = 0
        for point in parcel.points {
            guard point.fields.count >= 4 else {
                return failure(point.line, .tooFewFields(kind: .point, count: point.fields.count, minimum: 4))
            }
            guard let ringNumber = Int(point.fields[1]) else {
                return failure(point.line, .notANumber(field: "圈号", text: point.fields[1]))
            }
            guard let x = Double(point.fields[2]), x.isFinite else {
                return failure(point.line, .notANumber(field: "X", text: point.fields[2]))
            }
            guard let y = Double(point.fields[3]), y.isFinite else {
                return failure(point.line, .notANumber(field: "Y", text: point.fields[3]))
            }
            guard let coordinate = Self.coordinate(x, y, layout: layout) else {
                return failure(point.line, .unexpectedCoordinate(point: point.fields[0], x: x, y: y,
                                                                 zone: layout.zonePrefixedEasting ? layout.zone : nil,
                                                                 axesSwapped: layout.axesSwapped))
            }
            let pointName = point.fields[0]
            if var ring = rings.last, !ring.closed, ring.number == ringNumber {
                let sameName = !pointName.isEmpty && pointName == ring.firstName
                if sameName || coordinate == ring.points[0] {
                    guard coordinate == ring.points[0] else { return failure(point.line, .closingPointMoved(point: pointName)) }
                    ring.closed = true
                    closingRepeats += 1
                } else {
                    ring.points.append(coordinate)
                }
                rings[rings.count - 1] = ring
            } else {
                rings.append(RingBuilder(number: ringNumber, firstName: pointName, firstLine: point.line, points: [coordinate]))
            }
        }
        for ring in rings {
            let distinct = Set(ring.points).count
            if distinct < 3 { return failure(ring.firstLine, .tooFewDistinctPoints(ring: ring.number, count: distinct)) }
        }
        let lines = parcel.points.count, distinct = lines - closingRepeats
        // 界址点数 counts the point lines in most files; some software counts distinct corners instead.
        guard declaredCount == lines || declaredCount == distinct else {
            return failure(parcel.line, .pointCountMismatch(declared: declaredCount, lines: lines, distinct: distinct))
        }

        let geometry: Geometry, holeCount: Int, computedArea: Double
        do throws(GeometryError) {
            (geometry, holeCount) = try RingAssembly.assemble(rings.map { $0.points + [$0.points[0]] })
            computedArea = try geometry.planarArea() / Area.squareMetresPerHectare
        } catch {
            return failure(parcel.line, .geometry(error))
        }
        func text(_ position: Int) -> JSONValue {
            position < fields.count && !fields[position].isEmpty ? .string(fields[position]) : .null
        }
        let declared = declaredArea.map { DeclaredArea(value: $0, computedSquareMetres: computedArea * Area.squareMetresPerHectare) }
        let properties: [String: JSONValue] = [
            "parcelNumber": text(2),
            "parcelName": text(3),
            "declaredArea": declared.map { .number($0.value) } ?? .null,
            "declaredAreaUnit": declared?.unit.map { .string($0.rawValue) } ?? .null,
            "declaredAreaHectares": declared.map { .number($0.hectares) } ?? .null,
            "computedAreaHectares": .number(computedArea),
            "areaMismatch": declared.map { .bool($0.isMismatch) } ?? .null,
            "pointCount": .number(Double(declaredCount)),
            "holeCount": .number(Double(holeCount)),
            "shapeKind": text(4),
            "sheetNumber": text(5),
            "landUse": text(6),
            "landClassCode": text(7),
            "extraFields": .array(fields.dropFirst(8).map(JSONValue.string)),
            "sourceLine": .number(Double(parcel.line)),
        ]
        var notes: [InputNote] = []
        if layout.isLegacyDatum {
            notes.append(.legacyDatum(system: layout.coordinateSystemName ?? layout.datum.rawValue, withParameters: layout.crs.datumShift != nil))
        }
        if let declared {
            if let unit = declared.unit {
                if unit != .hectare { notes.append(.declaredAreaReadAs(value: declared.value, unit: unit)) }
            } else {
                notes.append(.declaredAreaMismatch(declared: declared.value, computedHectares: computedArea))
            }
        }
        return .success(Feature(id: parcelNumber, geometry: geometry, properties: properties, index: index, crs: layout.crs,
                                propertyOrder: Self.propertyOrder, notes: notes))
    }

    /// A parcel's properties in the order of its header line, then what the reader worked out.
    static let propertyOrder = ["parcelNumber", "parcelName", "declaredArea", "declaredAreaUnit", "declaredAreaHectares", "computedAreaHectares",
                                "areaMismatch", "pointCount", "holeCount", "shapeKind", "sheetNumber", "landUse", "landClassCode",
                                "extraFields", "sourceLine"]

    /// A number as a surveyor wrote it: no exponent, no needless zeros.
    static func plain(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// (easting, northing) from the file's X and Y, or nil when they do not fit the file's layout.
    private static func coordinate(_ x: Double, _ y: Double, layout: Header) -> Coordinate? {
        let (northing, easting) = layout.axesSwapped ? (y, x) : (x, y)
        guard northings.contains(northing) else { return nil }
        if layout.zonePrefixedEasting {
            guard isPrefixedEasting(easting), Int(easting / 1_000_000) == layout.zone else { return nil }
        } else {
            guard plainEastings.contains(easting) else { return nil }
        }
        return Coordinate(x: easting, y: northing)
    }
}
