import Foundation
import Geometry

/// What `CoordinateText.parse` read, and what it had to decide on the user's behalf.
public struct ParsedCoordinates: Hashable, Sendable {
    /// Longitude/latitude degrees: a point for one pair, a line for two, a closed polygon for more.
    public var geometry: Geometry
    /// Whether any pair was written latitude first and turned round by its magnitudes.
    public var swappedAxes: Bool
    public var notes: [CoordinateTextNote]

    public init(geometry: Geometry, swappedAxes: Bool, notes: [CoordinateTextNote]) {
        self.geometry = geometry
        self.swappedAxes = swappedAxes
        self.notes = notes
    }
}

/// Coordinates as people paste them from web maps or type them from documents: pairs separated by
/// `;` or line breaks (or spaces when commas sit inside pairs), values by `,`, `，` or spaces, in
/// decimal degrees or 度分秒, with optional hemisphere letters or words. WKT and GeoJSON geometry text
/// are accepted too.
public enum CoordinateText {
    /// - Parameter geographic: the text holds longitude/latitude degrees (the default): ranges are
    ///   checked and latitude-first pairs turned round. False for projected coordinates (metres),
    ///   which are taken as written, easting first.
    public static func parse(_ text: String, geographic: Bool = true) throws(CoordinateTextError) -> ParsedCoordinates {
        // Foundation's trimming only when there is something to trim: it showed in service profiles.
        let edges = [text.unicodeScalars.first, text.unicodeScalars.last].compactMap { $0 }
        let trimmed = edges.contains(where: { $0.properties.isWhitespace }) ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.hasPrefix("{") {
            return try structured(format: "GeoJSON", geographic: geographic) { () throws(GeometryError) in try geoJSONGeometry(trimmed) }
        }
        if let wkt = wktBody(trimmed) {
            return try structured(format: "WKT", geographic: geographic) { () throws(GeometryError) in try Geometry(wkt: wkt) }
        }
        return try pairs(trimmed, geographic: geographic)
    }

    // MARK: Pairs

    private struct Pair {
        var number: Int
        var text: String
        var values: [CoordinateValue]
    }

    /// One plain decimal pair as web maps copy it ("111.737,30.527"), read without the lexer: the
    /// service reads one per request, and lexing by Character was a tenth of a request's time. Nil
    /// for anything else (the lexer reads it, with its messages).
    private static func plainPair(_ text: String) -> Pair? {
        let parts = text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        var values: [CoordinateValue] = []
        var column = 0
        for part in parts {
            let isPlain = !part.isEmpty && part.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
            guard isPlain, let number = Double(String(decoding: part, as: UTF8.self)), number.isFinite else { return nil }
            values.append(CoordinateValue(text: String(decoding: part, as: UTF8.self), column: column, negative: number < 0, degrees: abs(number)))
            column += part.count + 1
        }
        return Pair(number: 1, text: text, values: values)
    }

    private static func pairs(_ text: String, geographic: Bool) throws(CoordinateTextError) -> ParsedCoordinates {
        if let pair = plainPair(text) { return try assemble([pair], geographic: geographic) }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == "；" || $0.isNewline }
        var pairs: [Pair] = []
        for (lineIndex, line) in lines.enumerated() {
            var lexer = CoordinateTextLexer(line: String(line), lineNumber: lineIndex + 1)
            let lexed = try lexer.lex()
            let characters = Array(line)
            for group in groups(lexed) {
                let span = lexed.spans[group.lowerBound].lowerBound..<lexed.spans[group.upperBound - 1].upperBound
                pairs.append(Pair(number: pairs.count + 1, text: String(characters[span]),
                                  values: Array(lexed.values[group])))
            }
        }
        guard !pairs.isEmpty else { throw .empty }
        return try assemble(pairs, geographic: geographic)
    }

    /// The geometry the pairs make, with axes put in order and what was noticed.
    private static func assemble(_ pairs: [Pair], geographic: Bool) throws(CoordinateTextError) -> ParsedCoordinates {
        var coordinates: [Coordinate] = []
        var swapped: [Int] = []
        var labelled: [Int] = []
        var notes: [CoordinateTextNote] = []
        for pair in pairs {
            guard pair.values.count >= 2 else { throw .missingLatitude(pair: pair.number, text: pair.text) }
            guard pair.values.count == 2 else {
                throw .tooManyValues(pair: pair.number, text: pair.text, count: pair.values.count)
            }
            var first = try degrees(pair.values[0], pair)
            var second = try degrees(pair.values[1], pair)
            for value in pair.values where value.isSexagesimal {
                notes.append(.convertedSexagesimal(text: value.text, degrees: try degrees(value, pair)))
            }
            let axes = (pair.values[0].axis, pair.values[1].axis)
            if axes.0 != nil, axes.0 == axes.1 { throw .sameAxisTwice(pair: pair.number, text: pair.text) }
            if axes.0 == .latitude || axes.1 == .longitude {
                swap(&first, &second)
                labelled.append(pair.number)
            } else if geographic, axes.0 == nil, axes.1 == nil, looksLatitudeFirst(first, second) {
                swap(&first, &second)
                swapped.append(pair.number)
            }
            if !geographic {
                coordinates.append(Coordinate(x: first, y: second))
                continue
            }
            guard (-90...90).contains(second) else {
                throw .latitudeOutOfRange(pair: pair.number, text: pair.text, latitude: second)
            }
            guard (-180...180).contains(first) else {
                throw .longitudeOutOfRange(pair: pair.number, text: pair.text, longitude: first)
            }
            coordinates.append(Coordinate(lon: first, lat: second))
        }
        if !swapped.isEmpty { notes.insert(.swappedAxes(pairs: swapped), at: 0) }
        if !labelled.isEmpty { notes.insert(.orderedByLabels(pairs: labelled), at: 0) }

        let geometry: Geometry
        switch coordinates.count {
        case 1:
            geometry = .point(coordinates[0])
        case 2:
            geometry = .lineString(coordinates)
        default:
            var ring = coordinates
            if ring.first != ring.last {
                ring.append(coordinates[0])
                notes.append(.closedRing)
            }
            let distinct = Set(ring.dropLast()).count
            guard distinct >= 3 else { throw .tooFewDistinctPoints(count: distinct) }
            geometry = .polygon(Polygon(exterior: ring))
        }
        return ParsedCoordinates(geometry: geometry, swappedAxes: !swapped.isEmpty, notes: notes)
    }

    /// Inside China latitudes stay at or below 54 and longitudes at or above 73, so a pair whose first
    /// value lies in 3...54 and second in 73...136 can only be latitude first.
    static func looksLatitudeFirst(_ first: Double, _ second: Double) -> Bool {
        (3...54).contains(first) && (73...136).contains(second)
    }

    /// Index ranges of `line.values` that form pairs. Where both commas and spaces separate values,
    /// one of them sits inside pairs and the other between them ("106.5,29.5 106.6,29.6" or the WKT
    /// habit "106.5 29.5, 106.6 29.6"); the reading giving more two-value groups wins, commas inside
    /// pairs on a tie as web maps copy them. Otherwise values are paired in order.
    private static func groups(_ line: LexedLine) -> [Range<Int>] {
        let count = line.values.count
        guard count > 0 else { return [] }
        let kinds = Set(line.separators)
        if kinds.count == 2 {
            let commaInside = split(line, at: .space)
            let spaceInside = split(line, at: .comma)
            func score(_ groups: [Range<Int>]) -> Int { groups.filter { $0.count == 2 }.count }
            return score(spaceInside) > score(commaInside) ? spaceInside : commaInside
        }
        return stride(from: 0, to: count, by: 2).map { $0..<min($0 + 2, count) }
    }

    private static func split(_ line: LexedLine, at separator: LexedLine.Separator) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0
        for (index, kind) in line.separators.enumerated() where kind == separator {
            groups.append(start..<(index + 1))
            start = index + 1
        }
        groups.append(start..<line.values.count)
        return groups
    }

    private static func degrees(_ value: CoordinateValue, _ pair: Pair) throws(CoordinateTextError) -> Double {
        var result = value.degrees
        if let minutes = value.minutes {
            guard value.degrees == value.degrees.rounded() else {
                throw .fractionalDegreesWithMinutes(pair: pair.number, text: pair.text)
            }
            guard minutes < 60 else { throw .minutesOutOfRange(pair: pair.number, text: pair.text, minutes: minutes) }
            result += minutes / 60
        }
        if let seconds = value.seconds {
            guard seconds < 60 else { throw .secondsOutOfRange(pair: pair.number, text: pair.text, seconds: seconds) }
            result += seconds / 3600
        }
        return value.negative ? -result : result
    }

    // MARK: WKT and GeoJSON

    private static let wktKeywords = [
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
    ]

    /// The WKT text without an EWKT `SRID=...;` prefix, if the text starts with a WKT keyword.
    private static func wktBody(_ text: String) -> String? {
        var body = Substring(text)
        if body.uppercased().hasPrefix("SRID="), let semicolon = body.firstIndex(of: ";") {
            body = body[body.index(after: semicolon)...].drop(while: \.isWhitespace)
        }
        let upper = body.prefix(20).uppercased()
        return wktKeywords.contains(where: { upper.hasPrefix($0) }) ? String(body) : nil
    }

    /// A geometry object, or the geometry of a Feature, since people paste either.
    private static func geoJSONGeometry(_ text: String) throws(GeometryError) -> Geometry {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let dictionary = object as? [String: Any], dictionary["type"] as? String == "Feature" else {
            return try Geometry(geoJSON: text)
        }
        guard let geometry = dictionary["geometry"] else {
            throw .invalidInput(.malformedGeoJSON(path: "$", problem: .missingMember("geometry")))
        }
        return try Geometry(geoJSONObject: geometry, path: "$.geometry")
    }

    /// Structured text keeps its own structure; only the degree ranges and axis order are checked,
    /// and every position is swapped when all of them look latitude first.
    private static func structured(format: String, geographic: Bool, _ read: () throws(GeometryError) -> Geometry)
        throws(CoordinateTextError) -> ParsedCoordinates
    {
        var geometry: Geometry
        do {
            geometry = try read()
        } catch {
            throw .malformedGeometry(format: format, problem: error)
        }
        var notes: [CoordinateTextNote] = [.readAs(format: format)]
        if !geographic { return ParsedCoordinates(geometry: geometry, swappedAxes: false, notes: notes) }
        let points = geometry.coordinates
        let swapped = !points.isEmpty && points.allSatisfy { looksLatitudeFirst($0.x, $0.y) }
        if swapped {
            geometry = geometry.mapCoordinates { Coordinate(x: $0.y, y: $0.x) }
            notes.append(.swappedAxes(pairs: Array(1...points.count)))
        }
        for (index, point) in geometry.coordinates.enumerated() {
            let text = "\(point.x) \(point.y)"
            guard (-90...90).contains(point.y) else { throw .latitudeOutOfRange(pair: index + 1, text: text, latitude: point.y) }
            guard (-180...180).contains(point.x) else {
                throw .longitudeOutOfRange(pair: index + 1, text: text, longitude: point.x)
            }
        }
        return ParsedCoordinates(geometry: geometry, swappedAxes: swapped, notes: notes)
    }
}
