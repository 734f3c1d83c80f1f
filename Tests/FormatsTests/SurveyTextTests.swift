import Foundation
import Geometry
import Testing
import Formats
import Wording

/// 勘测定界 / 建设用地报批 coordinate files. The fixtures under `Fixtures/survey/` are written by hand
/// (see its README); expected areas come from `expected_parcels.csv` (worked out by hand from the
/// corners) and expected longitudes/latitudes from `corners.csv` (pyproj, see
/// `Tests/reference/make_survey_references.py`).
@Suite("Survey coordinate files (勘测定界 .txt)")
struct SurveyTextTests {
    static func file(_ name: String) -> SurveyTextFile {
        SurveyTextFile(url: FormatsFixtures.url("survey/\(name)"))
    }

    // MARK: Case tables

    struct ExpectedParcel: CustomTestStringConvertible, Sendable {
        let file: String, parcel: String, index: Int, parts: Int, holes: Int
        let areaSquareMetres: Double, declaredHectares: Double, mismatch: Bool, worked: String
        var testDescription: String { "\(file) \(parcel): \(worked)" }
    }

    struct Corner: CustomTestStringConvertible, Sendable {
        let file: String, parcel: String, point: String, epsg: Int
        let easting: Double, northing: Double, lon: Double, lat: Double
        var testDescription: String { "\(file) \(parcel) \(point)" }
    }

    /// Rows of a fixture CSV without its `#` comments and header; the last column may hold anything
    /// but commas are not used in these files' values.
    static func rows(_ name: String) -> [[String]] {
        guard let text = try? String(contentsOf: FormatsFixtures.url("survey/\(name)"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static let expectedParcels: [ExpectedParcel] = rows("expected_parcels.csv").compactMap { row in
        guard row.count >= 9, let index = Int(row[2]), let parts = Int(row[3]), let holes = Int(row[4]),
              let area = Double(row[5]), let declared = Double(row[6]) else { return nil }
        return ExpectedParcel(file: row[0], parcel: row[1], index: index, parts: parts, holes: holes, areaSquareMetres: area,
                              declaredHectares: declared, mismatch: row[7] == "true", worked: row[8...].joined(separator: ","))
    }

    static let corners: [Corner] = rows("corners.csv").compactMap { row in
        guard row.count >= 8, let epsg = Int(row[3]), let easting = Double(row[4]), let northing = Double(row[5]),
              let lon = Double(row[6]), let lat = Double(row[7]) else { return nil }
        return Corner(file: row[0], parcel: row[1], point: row[2], epsg: epsg, easting: easting, northing: northing, lon: lon, lat: lat)
    }

    /// What each file's header must say, from its [属性描述] and the look of its coordinates.
    struct ExpectedFile: CustomTestStringConvertible, Sendable {
        let file: String
        let ids: [String]
        let problems: Int
        let encoding: SurveyTextEncoding
        let swapped: Bool
        let zone: Int
        let zoneWidth: Int
        let prefixed: Bool
        let epsg: Int
        var testDescription: String { file }
    }

    static let files: [ExpectedFile] = [
        .init(file: "survey_cgcs2000_zone37.txt", ids: ["YC2024-001", "YC2024-002"], problems: 0, encoding: .utf8,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
        .init(file: "survey_gbk_open_rings.txt", ids: ["YC2024-001", "YC2024-002"], problems: 0, encoding: .gb18030,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
        .init(file: "survey_swapped_xy.txt", ids: ["YC2024-001", "YC2024-002"], problems: 0, encoding: .utf8,
              swapped: true, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
        // 带号=37 with 6-digit eastings: CGCS2000 3-degree CM 111E.
        .init(file: "survey_extra_fields.txt", ids: ["YL2024-101"], problems: 0, encoding: .utf8,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: false, epsg: 4546),
        .init(file: "survey_zone36.txt", ids: ["XA2023-017"], problems: 0, encoding: .utf8,
              swapped: false, zone: 36, zoneWidth: 3, prefixed: true, epsg: 4524),
        .init(file: "survey_zone38.txt", ids: ["WH2024-003"], problems: 0, encoding: .utf8,
              swapped: false, zone: 38, zoneWidth: 3, prefixed: true, epsg: 4526),
        // Xian 1980 3-degree zone 37 with prefix: EPSG:2349 (zone 25) + 12.
        .init(file: "survey_xian80.txt", ids: ["YC2015-044"], problems: 0, encoding: .utf8,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 2361),
        .init(file: "survey_one_bad_point.txt", ids: ["YC2024-201", "YC2024-203"], problems: 1, encoding: .utf8,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
        .init(file: "survey_malformed_kinds.txt", ids: ["YC2024-211", "YC2024-217"], problems: 5, encoding: .utf8,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
        .init(file: "survey_area_mismatch.txt", ids: ["YC2024-301", "YC2024-302", "YC2024-303", "YC2024-304"], problems: 0,
              encoding: .utf8, swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
        // CGCS2000 6-degree zone 19 (CM 111E) with prefix: EPSG:4491 (zone 13) + 6.
        .init(file: "survey_six_degree.txt", ids: ["YC2024-501"], problems: 0, encoding: .utf8,
              swapped: false, zone: 19, zoneWidth: 6, prefixed: true, epsg: 4497),
        .init(file: "survey_multipart.txt", ids: ["YC2024-401", "YC2024-402"], problems: 0, encoding: .utf8,
              swapped: false, zone: 37, zoneWidth: 3, prefixed: true, epsg: 4525),
    ]

    // MARK: Whole files

    @Test("each file gives its parcels, encoding, axis order, zone and CRS", arguments: files)
    func fileFacts(expected: ExpectedFile) throws {
        let contents = try Self.file(expected.file).read()
        #expect(contents.features.map(\.id) == expected.ids)
        #expect(contents.problems.count == expected.problems)
        let header = contents.header
        #expect(header.encoding == expected.encoding)
        #expect(header.axesSwapped == expected.swapped)
        #expect(header.zone == expected.zone)
        #expect(header.zoneWidth == expected.zoneWidth)
        #expect(header.zonePrefixedEasting == expected.prefixed)
        #expect(header.crs == CRS(epsg: expected.epsg))
        #expect(header.parcelCount == expected.ids.count + expected.problems)
        for feature in contents.features {
            #expect(feature.crs == CRS(epsg: expected.epsg))
        }
        // The header alone (before reading parcels) says the same.
        #expect(try Self.file(expected.file).header() == header)
    }

    @Test("each parcel has the parts, holes and area worked out by hand", arguments: expectedParcels)
    func parcelFacts(expected: ExpectedParcel) throws {
        let features = try Self.file(expected.file).readAll().features
        let feature = try #require(features.first { $0.id == expected.parcel })
        #expect(feature.index == expected.index)
        let polygons: [Polygon]
        switch feature.geometry {
        case .polygon(let polygon)?: polygons = [polygon]
        case .multiPolygon(let parts)?: polygons = parts
        default: polygons = []
        }
        #expect(polygons.count == expected.parts)
        #expect(feature.geometry?.typeName == (expected.parts == 1 ? "Polygon" : "MultiPolygon"))
        #expect(polygons.map(\.holes.count).reduce(0, +) == expected.holes)
        #expect(feature.properties["holeCount"] == .number(Double(expected.holes)))
        // Every ring is closed.
        for ring in polygons.flatMap(\.rings) { #expect(ring.first == ring.last) }

        let computed = try #require(feature.properties["computedAreaHectares"]?.number)
        #expect(abs(computed * 10_000 - expected.areaSquareMetres) < 1e-3)
        #expect(abs(try #require(feature.geometry).planarArea() - expected.areaSquareMetres) < 1e-3)
        #expect(feature.properties["declaredAreaHectares"] == .number(expected.declaredHectares))
        #expect(feature.properties["areaMismatch"] == .bool(expected.mismatch))
        #expect(feature.properties["parcelNumber"] == .string(expected.parcel))
    }

    @Test("a corner converts to the longitude and latitude pyproj gives (within 1e-8 degrees)", arguments: corners)
    func cornerMatchesPyproj(corner: Corner) throws {
        let features = try Self.file(corner.file).readAll().features
        let feature = try #require(features.first { $0.id == corner.parcel })
        let crs = try #require(feature.crs)
        #expect(crs.epsg == corner.epsg)
        let geometry = try #require(feature.geometry)
        // The corner as written in the file is in the geometry as (easting, northing), exactly.
        let point = Coordinate(x: corner.easting, y: corner.northing)
        #expect(geometry.coordinates.contains(point))
        let lonLat = try CoordinateTransformer(from: crs, to: .cgcs2000).transform(point)
        #expect(abs(lonLat.x - corner.lon) < 1e-8)
        #expect(abs(lonLat.y - corner.lat) < 1e-8)
    }

    @Test("GBK with open rings and X/Y swapped give exactly the geometry of the UTF-8 file")
    func variantsGiveSameGeometry() throws {
        let reference = try Self.file("survey_cgcs2000_zone37.txt").features()
        #expect(reference.count == 2)
        for variant in ["survey_gbk_open_rings.txt", "survey_swapped_xy.txt"] {
            let features = try Self.file(variant).features()
            #expect(features.map(\.geometry) == reference.map(\.geometry), "\(variant)")
            #expect(features.map(\.crs) == reference.map(\.crs), "\(variant)")
            #expect(features.map { $0.properties["computedAreaHectares"] } == reference.map { $0.properties["computedAreaHectares"] })
            // GBK text decodes to the same Chinese names.
            #expect(features.map { $0.properties["parcelName"] } == [.string("宜昌某产业园一期"), .string("宜昌某产业园二期")])
        }
    }

    // MARK: Header and properties

    @Test("the [属性描述] values are kept, including keys the reader does not interpret")
    func headerAttributes() throws {
        let header = try Self.file("survey_gbk_open_rings.txt").header()
        #expect(header.formatVersion == "1.01版本")
        #expect(header.producer == "宜昌市某某测绘有限公司")
        #expect(header.productionDate == "2024-03-15")
        #expect(header.coordinateSystemName == "2000国家大地坐标系")
        #expect(header.zoneWidthText == "3")
        #expect(header.projectionType == "高斯克吕格")
        #expect(header.unit == "米")
        #expect(header.zoneText == "37")
        #expect(header.precision == "0.01")
        #expect(header.transformationParameters == ",,,,,,")
        #expect(header.datum == .cgcs2000)
        #expect(header.isLegacyDatum == false)

        let extra = try Self.file("survey_extra_fields.txt").header()
        #expect(extra["项目名称"] == "夷陵区某物流园项目")
        #expect(extra.attributes.map(\.key).suffix(2) == ["项目名称", "报批批次"])
        #expect(extra.attributes.first?.line == 2)

        let xian = try Self.file("survey_xian80.txt").header()
        #expect(xian.datum == .xian1980)
        #expect(xian.isLegacyDatum)
    }

    @Test("a header with regional extra fields keeps them and reads every standard field")
    func extraHeaderFields() throws {
        let feature = try #require(try Self.file("survey_extra_fields.txt").features().first)
        #expect(feature.properties["extraFields"] == .array([.string("宜昌市夷陵区"), .string("2024-05-20"), .string("新增建设用地")]))
        #expect(feature.properties["parcelName"] == .string("夷陵物流园地块"))
        #expect(feature.properties["shapeKind"] == .string("面"))
        #expect(feature.properties["sheetNumber"] == .string("H49G002003"))
        #expect(feature.properties["landUse"] == .string("仓储用地"))
        #expect(feature.properties["landClassCode"] == .string("0508"))
        #expect(feature.properties["pointCount"] == .number(5))
        #expect(feature.properties["sourceLine"] == .number(15))

        let plain = try #require(try Self.file("survey_cgcs2000_zone37.txt").features().last)
        #expect(plain.properties["extraFields"] == .array([]))
        #expect(plain.properties["sourceLine"] == .number(24))
    }

    // MARK: Problems

    @Test("a malformed point line is reported with file, line and parcel; the other parcels are read")
    func malformedPointLine() throws {
        let file = Self.file("survey_one_bad_point.txt")
        let contents = try file.read()
        #expect(contents.features.map(\.id) == ["YC2024-201", "YC2024-203"])
        let problem = try #require(contents.problems.first)
        #expect(problem == .malformedParcel(file: file.name, line: 23, index: 1, parcel: "YC2024-202",
                                            problem: .notANumber(field: "X", text: "3375l12.350")))
        #expect(problem.line == 23)
        #expect(problem.parcelNumber == "YC2024-202")
        let chinese = problem.message(.zh)
        #expect(chinese.contains("survey_one_bad_point.txt") && chinese.contains("第 23 行") && chinese.contains("地块 YC2024-202"))
        #expect(chinese.contains("X“3375l12.350”不是数值"))
        #expect(problem.message(.en).hasSuffix("survey_one_bad_point.txt: line 23 (parcel YC2024-202): X \"3375l12.350\" is not a number"))

        // Through the FeatureSource protocol: the same two parcels and one problem naming line and parcel.
        let batch = try file.readAll()
        #expect(batch.features.map(\.id) == ["YC2024-201", "YC2024-203"])
        #expect(batch.problems.count == 1)
        let message = try #require(batch.problems.first).message(.zh)
        #expect(message.contains("survey_one_bad_point.txt") && message.contains("第 23 行") && message.contains("YC2024-202"))
        // The reader hands on the fact; the same problem is worded in English by whoever prints it.
        let english = try #require(batch.problems.first).message(.en)
        #expect(english.contains("line 23 (parcel YC2024-202)"))
    }

    @Test("too few fields, a wrong point count, a two-point ring and a point in another zone are each reported")
    func malformedKinds() throws {
        let file = Self.file("survey_malformed_kinds.txt")
        let problems = try file.read().problems
        let name = file.name
        #expect(problems == [
            .malformedParcel(file: name, line: 22, index: 1, parcel: "YC2024-212",
                             problem: .tooFewFields(kind: .point, count: 3, minimum: 4)),
            .malformedParcel(file: name, line: 25, index: 2, parcel: "YC2024-213",
                             problem: .pointCountMismatch(declared: 7, lines: 5, distinct: 4)),
            .malformedParcel(file: name, line: 32, index: 3, parcel: "YC2024-214",
                             problem: .tooFewDistinctPoints(ring: 1, count: 2)),
            .malformedParcel(file: name, line: 35, index: 4, parcel: nil,
                             problem: .tooFewFields(kind: .header, count: 1, minimum: 3)),
            .malformedParcel(file: name, line: 43, index: 5, parcel: "YC2024-216",
                             problem: .unexpectedCoordinate(point: "J2", x: 3_375_662.35, y: 38_549_331.42, zone: 37, axesSwapped: false)),
        ])
        #expect(problems[1].message(.zh).hasSuffix("第 25 行（地块 YC2024-213）：界址点数为 7，实际有 5 个坐标行（4 个不同界址点）"))
        #expect(problems[2].message(.en).hasSuffix("line 32 (parcel YC2024-214): ring 1 has 2 distinct points; at least 3 are needed"))
        #expect(problems[3].message(.zh).hasSuffix("第 35 行（第 5 个地块）：地块信息行只有 1 项，至少需要 3 项（界址点数,地块面积,地块编号,…,@）"))
        #expect(problems[4].message(.zh).contains("以带号 37 开头的 8 位东坐标"))
    }

    @Test("a declared area agrees within 0.5 % or the rounding of its unit (100 m² for 公顷 and 亩, 1 m² for m²)")
    func declaredAreaTolerance() {
        // 3.2 ha = 32,000 m²; 0.5 % of it is 160 m² (more than the 100 m² floor).
        #expect(DeclaredArea(value: 3.2, computedSquareMetres: 32_159).unit == .hectare)
        #expect(DeclaredArea(value: 3.2, computedSquareMetres: 32_161).isMismatch)
        // 0.2 ha = 2,000 m²; 0.5 % is 10 m², so the 100 m² floor applies.
        #expect(DeclaredArea(value: 0.2, computedSquareMetres: 2_099).unit == .hectare)
        #expect(DeclaredArea(value: 0.2, computedSquareMetres: 2_101).isMismatch)
        // 250 read as m²: 0.5 % is 1.25 m².
        #expect(DeclaredArea(value: 250, computedSquareMetres: 251).unit == .squareMetre)
        #expect(DeclaredArea(value: 250, computedSquareMetres: 252).isMismatch)
        // 20 亩 = 20 x 10,000 / 15 = 13,333.33 m²; 0.5 % is 66.7 m², the floor 100 m².
        #expect(DeclaredArea(value: 20, computedSquareMetres: 13_433).unit == .mu)
        #expect(abs(DeclaredArea(value: 20, computedSquareMetres: 13_333.3).hectares - 1.333333) < 1e-6)
    }

    @Test("a file without [地块坐标], with an unknown 坐标系, or missing, throws")
    func wholeFileProblems() throws {
        let noBlock = Self.file("survey_no_block.txt")
        #expect(throws: SurveyTextError.missingCoordinateBlock(file: noBlock.name)) { try noBlock.read() }
        #expect(throws: SurveyTextError.self) { try noBlock.readAll() }

        let unknown = Self.file("survey_unknown_crs.txt")
        #expect(throws: SurveyTextError.unknownCoordinateSystem(file: unknown.name, name: "WGS84")) { try unknown.header() }
        let message = SurveyTextError.unknownCoordinateSystem(file: unknown.name, name: "WGS84").message(.zh)
        #expect(message.contains("坐标系“WGS84”无法识别"))

        let missing = Self.file("does_not_exist.txt")
        do {
            _ = try missing.read()
            Issue.record("reading a missing file succeeded")
        } catch {
            guard case .unreadable(let file, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file.hasSuffix("does_not_exist.txt"))
        }
    }

    @Test("whole-file problems found from the text: zone conflict, no zone, unsupported zone width, not GK metres")
    func headerConflicts() throws {
        func read(_ attributes: String, _ points: String) throws(SurveyTextError) -> SurveyTextFile.Header {
            let text = "[属性描述]\n\(attributes)\n[地块坐标]\n5,1.0,T-1,,,,,,@\n\(points)\n"
            return try SurveyTextFile(data: Data(text.utf8), name: "t.txt").header()
        }
        let square = "1,1,3375100,37548000\n2,1,3375100,37548100\n3,1,3375000,37548100\n4,1,3375000,37548000"
        #expect(throws: SurveyTextError.zoneConflict(file: "t.txt", declared: 38, fromEastings: 37, line: 6)) {
            try read("坐标系=CGCS2000\n带号=38", square)
        }
        let plain = "1,1,3375100,548000\n2,1,3375100,548100\n3,1,3375000,548100"
        #expect(throws: SurveyTextError.zoneUnknown(file: "t.txt")) { try read("坐标系=CGCS2000", plain) }
        #expect(throws: SurveyTextError.unsupportedZoneWidth(file: "t.txt", text: "1.5")) {
            try read("坐标系=CGCS2000\n几度分带=1.5", square)
        }
        #expect(throws: SurveyTextError.zoneWidthConflict(file: "t.txt", declaredWidth: 6, zone: 37, line: 6)) {
            try read("坐标系=CGCS2000\n几度分带=6", square)
        }
        #expect(throws: SurveyTextError.noProjectedCoordinates(file: "t.txt")) {
            try read("坐标系=CGCS2000", "1,1,30.5,111.5\n2,1,30.6,111.5\n3,1,30.6,111.6")
        }
        #expect(throws: SurveyTextError.unsupportedProjection(file: "t.txt", name: "UTM")) {
            try read("坐标系=CGCS2000\n投影类型=UTM", square)
        }
        // Beijing 1954 without the zone prefix starts at EPSG:2422 (CM 75E, zone 25); zone 39 (CM 117E) is 2422 + 14.
        let beijing = try read("坐标系=1954北京坐标系\n带号=39", plain)
        #expect(beijing.crs == CRS(epsg: 2436))
    }

    @Test("text details: a UTF-8 BOM, lone CR line ends, bytes that are neither UTF-8 nor GB18030, misplaced lines")
    func textDetails() throws {
        let body = "[属性描述]\r坐标系=CGCS2000\r[地块坐标]\r3,0.5,T-1,,,,,,@\r1,1,3375100,37548000\r2,1,3375100,37548100\r3,1,3375000,37548000\r"
        let withBOM = SurveyTextFile(data: Data([0xEF, 0xBB, 0xBF] + Array(body.utf8)), name: "bom.txt")
        let contents = try withBOM.read()
        #expect(contents.header.encoding == .utf8)
        #expect(contents.header.coordinateSystemName == "CGCS2000")
        // A right triangle with legs 100 m and 100 m: 5,000 m² = 0.5 ha.
        #expect(contents.features.first?.properties["computedAreaHectares"] == .number(0.5))
        #expect(contents.features.first?.properties["sourceLine"] == .number(4))

        // 0x81 must be followed by 0x30-0x39 or 0x40-0xFE in GB18030; a space is neither.
        let broken = SurveyTextFile(data: Data(Array("[地块坐标]\n".utf8) + [0x81, 0x20]), name: "broken.txt")
        #expect(throws: SurveyTextError.undecodable(file: "broken.txt", byteOffset: 15)) { try broken.read() }

        let early = SurveyTextFile(data: Data("[属性描述]\n坐标系=CGCS2000\n[地块坐标]\n1,1,3375100,37548000\n".utf8), name: "early.txt")
        #expect(throws: SurveyTextError.pointBeforeFirstParcel(file: "early.txt", line: 4)) { try early.read() }
        let empty = SurveyTextFile(data: Data("[属性描述]\n坐标系=CGCS2000\n[地块坐标]\n\n".utf8), name: "empty.txt")
        #expect(throws: SurveyTextError.noParcels(file: "empty.txt")) { try empty.read() }
    }

    @Test("the fixture tables were read (a broken CSV must not pass by having no cases)")
    func tablesLoaded() {
        #expect(Self.expectedParcels.count == 21)
        #expect(Self.corners.count == 12)
    }

    @Test("坐标系 names survey software writes map to their datum",
          arguments: [
              ("2000国家大地坐标系", CRS.Datum.cgcs2000), ("CGCS2000", .cgcs2000), ("CGCS 2000", .cgcs2000), ("国家2000", .cgcs2000),
              ("西安80", .xian1980), ("1980西安坐标系", .xian1980), ("西安1980坐标系", .xian1980), ("1980国家大地坐标系", .xian1980),
              ("Xian 1980", .xian1980), ("北京54", .beijing1954), ("1954北京坐标系", .beijing1954), ("1954年北京坐标系", .beijing1954),
          ])
    func datumNames(name: String, datum: CRS.Datum) {
        #expect(SurveyTextFile.datum(forCoordinateSystemName: name) == datum)
    }

    @Test("unknown 坐标系 names are not guessed", arguments: ["WGS84", "WGS-84", "地方坐标系", ""])
    func unknownDatumNames(name: String) {
        #expect(SurveyTextFile.datum(forCoordinateSystemName: name) == nil)
    }

    @Test("6-degree zones map to EPSG's Gauss-Kruger zone N and CM N E systems")
    func sixDegreeCRS() {
        // Zone 19 has central meridian 6 x 19 - 3 = 111E; EPSG lists zones 13-23 from 4491 and CM 75E-135E from 4502.
        #expect(SurveyTextFile.projectedCRS(datum: .cgcs2000, zoneWidth: 6, zone: 19, zonePrefixedEasting: true) == CRS(epsg: 4497))
        #expect(SurveyTextFile.projectedCRS(datum: .cgcs2000, zoneWidth: 6, zone: 19, zonePrefixedEasting: false) == CRS(epsg: 4508))
        #expect(SurveyTextFile.projectedCRS(datum: .xian1980, zoneWidth: 6, zone: 13, zonePrefixedEasting: true) == CRS(epsg: 2327))
        #expect(SurveyTextFile.projectedCRS(datum: .beijing1954, zoneWidth: 6, zone: 23, zonePrefixedEasting: false) == CRS(epsg: 21463))
        #expect(SurveyTextFile.projectedCRS(datum: .cgcs2000, zoneWidth: 6, zone: 37, zonePrefixedEasting: true) == nil)
    }
}
