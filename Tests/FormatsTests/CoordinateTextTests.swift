import Geometry
import Testing
import Formats
import Wording

@Suite("Coordinates pasted or typed as text")
struct CoordinateTextTests {
    /// Text, expected longitude, expected latitude, worked by hand as degrees + minutes/60 + seconds/3600.
    static let singlePoints: [(String, Double, Double)] = [
        // 108 + 30/60 + 15.2/3600 = 108.504222…; 29 + 33/60 + 36/3600 = 29 + 0.55 + 0.01 = 29.56.
        (#"108°30'15.2", 29°33'36""#, 108.504_222_222, 29.56),
        ("108°30′15.2″ 29°33′36″", 108.504_222_222, 29.56),
        ("108度30分15.2秒，29度33分36秒", 108.504_222_222, 29.56),
        (#"东经108°30'15.2" 北纬29°33'36""#, 108.504_222_222, 29.56),
        (#"108°30'15.2"E, 29°33'36"N"#, 108.504_222_222, 29.56),
        ("108° 30' 15.2'' E 29° 33' 36'' N", 108.504_222_222, 29.56),
        // A seconds mark dropped at the end of the value: the number after the minutes mark is seconds.
        ("108°30'15.2, 29°33'36", 108.504_222_222, 29.56),
        // Decimal minutes: 108 + 30.5/60 = 108.508333…
        ("108°30.5', 29.5", 108.508_333_333, 29.5),
        // W and S make values negative: Buenos Aires-like 58.5 W, 34.6 S.
        ("58.5W 34.6S", -58.5, -34.6),
        ("W 58.5, S 34.6", -58.5, -34.6),
        ("106.55,29.56", 106.55, 29.56),
        // Plain pairs as web maps copy them (read without the lexer): signs kept.
        ("-58.5,-34.6", -58.5, -34.6),
        ("  106.55   29.56  ", 106.55, 29.56),
        ("经度:106.55 纬度:29.56", 106.55, 29.56),
        ("Lng 106.55, Lat 29.56", 106.55, 29.56),
    ]

    @Test("decimal degrees and 度分秒 read as the hand-worked decimal values", arguments: singlePoints)
    func point(text: String, longitude: Double, latitude: Double) throws {
        let parsed = try CoordinateText.parse(text)
        guard case .point(let point) = parsed.geometry else {
            Issue.record("expected a point, got \(parsed.geometry.typeName)")
            return
        }
        #expect(abs(point.x - longitude) < 1e-9)
        #expect(abs(point.y - latitude) < 1e-9)
        #expect(parsed.swappedAxes == false)
    }

    @Test("a latitude-first pair inside China is swapped and reported", arguments: [
        "29.56, 106.55", "29.56 106.55", "29°33'36\" 106°33'", "29.56,106.55",
    ])
    func swappedPair(text: String) throws {
        let parsed = try CoordinateText.parse(text)
        // 29.56 lies in 3…54 and 106.55 in 73…136, so only latitude-first makes sense.
        #expect(parsed.swappedAxes)
        #expect(parsed.notes.contains(.swappedAxes(pairs: [1])))
        guard case .point(let point) = parsed.geometry else {
            Issue.record("expected a point")
            return
        }
        #expect(abs(point.x - 106.55) < 1e-9)
        #expect(abs(point.y - 29.56) < 1e-9)
    }

    @Test("pairs that are not clearly latitude first are left as written", arguments: [
        ("106.55, 29.56", 106.55, 29.56),
        // 100 is above 54, so it cannot be a Chinese latitude; 50 stays the latitude.
        ("100, 50", 100.0, 50.0),
        // 2 is below 3 (south of China): no swap.
        ("2, 80", 2.0, 80.0),
    ])
    func notSwapped(text: String, x: Double, y: Double) throws {
        let parsed = try CoordinateText.parse(text)
        #expect(parsed.swappedAxes == false)
        #expect(parsed.geometry == .point(Coordinate(x: x, y: y)))
    }

    @Test("hemisphere labels that put latitude first are followed, not treated as a guess")
    func labelledOrder() throws {
        let parsed = try CoordinateText.parse("北纬29.56 东经106.55")
        #expect(parsed.geometry == .point(Coordinate(lon: 106.55, lat: 29.56)))
        #expect(parsed.swappedAxes == false)
        #expect(parsed.notes.contains(.orderedByLabels(pairs: [1])))
    }

    static let a = Coordinate(lon: 106.5, lat: 29.5)
    static let b = Coordinate(lon: 106.6, lat: 29.5)
    static let c = Coordinate(lon: 106.6, lat: 29.6)

    @Test("separators between and inside pairs, in every form staff paste", arguments: [
        "106.5,29.5;106.6,29.5;106.6,29.6",
        "106.5，29.5；106.6，29.5；106.6，29.6",
        "106.5,29.5\n106.6,29.5\r\n106.6,29.6\n",
        "106.5,29.5 106.6,29.5 106.6,29.6",
        "106.5, 29.5 106.6, 29.5 106.6, 29.6",
        "106.5 29.5, 106.6 29.5, 106.6 29.6",
        "106.5 29.5 106.6 29.5 106.6 29.6",
        "106.5 29.5\n106.6 29.5\n106.6 29.6\n106.5 29.5",
    ])
    func polygon(text: String) throws {
        let parsed = try CoordinateText.parse(text)
        // Three corners, closed by repeating the first: a, b, c, a.
        #expect(parsed.geometry == .polygon(Polygon(exterior: [Self.a, Self.b, Self.c, Self.a])))
        #expect(parsed.notes.contains(.closedRing) == !text.hasSuffix("106.5 29.5"))
    }

    @Test("two pairs make a line, one pair a point")
    func lineAndPoint() throws {
        #expect(try CoordinateText.parse("106.5,29.5;106.6,29.5").geometry == .lineString([Self.a, Self.b]))
        #expect(try CoordinateText.parse("106.5,29.5").geometry == .point(Self.a))
    }

    @Test("WKT, EWKT and GeoJSON geometry text are read as such")
    func structuredText() throws {
        let polygon = Geometry.polygon(Polygon(exterior: [Self.a, Self.b, Self.c, Self.a]))
        let wkt = try CoordinateText.parse("POLYGON ((106.5 29.5, 106.6 29.5, 106.6 29.6, 106.5 29.5))")
        #expect(wkt.geometry == polygon)
        #expect(wkt.notes == [.readAs(format: "WKT")])
        #expect(try CoordinateText.parse("SRID=4490;POINT(106.5 29.5)").geometry == .point(Self.a))
        #expect(try CoordinateText.parse(#"{"type":"Point","coordinates":[106.5,29.5]}"#).geometry == .point(Self.a))
        let feature = #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.5,29.5]}}"#
        #expect(try CoordinateText.parse(feature).geometry == .point(Self.a))
        // WKT written latitude first (every position in 3…54 / 73…136) is swapped like pairs are.
        let swapped = try CoordinateText.parse("POINT (29.5 106.5)")
        #expect(swapped.geometry == .point(Self.a))
        #expect(swapped.swappedAxes)
    }

    static let failures: [(String, CoordinateTextError, String)] = [
        ("", .empty, "没有输入坐标"),
        (" ;\n ", .empty, "没有输入坐标"),
        ("106.5", .missingLatitude(pair: 1, text: "106.5"), "第 1 组坐标“106.5”缺少纬度"),
        ("106.5,29.5;106.6,29.6;106.5", .missingLatitude(pair: 3, text: "106.5"), "第 3 组坐标“106.5”缺少纬度"),
        // The second group lost its latitude; commas inside pairs show where the gap is.
        ("106.5,29.5 106.6 106.7,29.7", .missingLatitude(pair: 2, text: "106.6"), "第 2 组坐标“106.6”缺少纬度"),
        ("106.5,abc", .notANumber(text: "abc", line: 1, column: 7), "第 1 行第 7 个字符起的“abc”不是坐标数值"),
        ("106.5,29.5\n106.6x,29.6", .notANumber(text: "106.6x", line: 2, column: 1), "第 2 行第 1 个字符起的“106.6x”不是坐标数值"),
        ("东经", .missingNumber(after: "东经", line: 1, column: 1), "第 1 行第 1 个字符处的“东经”后缺少数值"),
        (#"108°60'0", 29"#, .minutesOutOfRange(pair: 1, text: #"108°60'0", 29"#, minutes: 60), "分值 60 应小于 60"),
        (#"108°30'61", 29"#, .secondsOutOfRange(pair: 1, text: #"108°30'61", 29"#, seconds: 61), "秒值 61 应小于 60"),
        ("108.5°30', 29", .fractionalDegreesWithMinutes(pair: 1, text: "108.5°30', 29"), "度带小数又带分秒"),
        ("106.5, 95", .latitudeOutOfRange(pair: 1, text: "106.5, 95", latitude: 95), "纬度 95 超出 -90～90 度"),
        ("190, 29.5", .longitudeOutOfRange(pair: 1, text: "190, 29.5", longitude: 190), "经度 190 超出 -180～180 度"),
        ("190,29.5", .longitudeOutOfRange(pair: 1, text: "190,29.5", longitude: 190), "经度 190 超出 -180～180 度"),
        ("N29.5 N30", .sameAxisTwice(pair: 1, text: "N29.5 N30"), "都标为纬度"),
        ("106.5,29.5;106.6,29.6;106.5,29.5", .tooFewDistinctPoints(count: 2), "多边形只有 2 个不同的点"),
    ]

    @Test("bad input is refused, naming the piece and where it is", arguments: failures)
    func failure(text: String, expected: CoordinateTextError, messagePart: String) {
        do {
            let parsed = try CoordinateText.parse(text)
            Issue.record("parsed as \(parsed.geometry)")
        } catch {
            #expect(error == expected)
            #expect(error.message(.zh).contains(messagePart))
        }
    }

    @Test("malformed WKT carries the geometry reader's reason")
    func malformedWKT() {
        #expect(throws: CoordinateTextError.self) { try CoordinateText.parse("POLYGON ((1 2, 3 4") }
    }

    @Test("the English message of the missing latitude names the pair too")
    func englishMessage() {
        #expect(CoordinateTextError.missingLatitude(pair: 3, text: "106.5").message(.en)
            == "coordinate pair 3 \"106.5\" has no latitude")
    }
}
