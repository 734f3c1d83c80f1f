/// Which axis a hemisphere letter or label points at.
enum CoordinateAxis: Sendable {
    case longitude, latitude
}

/// One coordinate value as typed: decimal degrees or degrees/minutes/seconds, with any sign,
/// hemisphere or axis label kept so the pair stage can order and check it.
struct CoordinateValue: Sendable {
    var text: String
    var column: Int
    var negative = false
    var degrees: Double
    var minutes: Double?
    var seconds: Double?
    var axis: CoordinateAxis?
    var isSexagesimal: Bool { minutes != nil }
}

/// A line split into values and the separators between them.
struct LexedLine: Sendable {
    enum Separator: Sendable { case comma, space }
    var values: [CoordinateValue] = []
    /// `separators[i]` lies between `values[i]` and `values[i + 1]`.
    var separators: [Separator] = []
    /// Character offsets of each value in the line, for quoting a group as the user typed it.
    var spans: [Range<Int>] = []
}

/// Splits one line of pasted coordinates into values. Hemisphere words attach to the number before them
/// when the line starts with a number ("108.5E 29.5N") and to the number after them otherwise
/// ("N29.5 E108.5"), which settles "108.5 E 29.5 N" and "E 108.5 N 29.5" alike.
struct CoordinateTextLexer {
    private let characters: [Character]
    private let lineNumber: Int
    private var position = 0

    init(line: String, lineNumber: Int) {
        characters = Array(line)
        self.lineNumber = lineNumber
    }

    private static let words: [(text: String, axis: CoordinateAxis, negative: Bool, isLabel: Bool)] = [
        ("东经", .longitude, false, false), ("西经", .longitude, true, false),
        ("北纬", .latitude, false, false), ("南纬", .latitude, true, false),
        ("经度", .longitude, false, true), ("纬度", .latitude, false, true),
        ("longitude", .longitude, false, true), ("latitude", .latitude, false, true),
        ("east", .longitude, false, false), ("west", .longitude, true, false),
        ("north", .latitude, false, false), ("south", .latitude, true, false),
        ("lon", .longitude, false, true), ("lng", .longitude, false, true), ("lat", .latitude, false, true),
        ("东", .longitude, false, false), ("西", .longitude, true, false),
        ("北", .latitude, false, false), ("南", .latitude, true, false),
        ("e", .longitude, false, false), ("w", .longitude, true, false),
        ("n", .latitude, false, false), ("s", .latitude, true, false),
    ]

    private static let degreeMarks: Set<Character> = ["°", "º", "˚", "度"]
    private static let minuteMarks: Set<Character> = ["′", "'", "’", "分"]
    private static let secondMarks: Set<Character> = ["″", "\"", "”", "秒"]
    private static let commas: Set<Character> = [",", "，", "、"]

    mutating func lex() throws(CoordinateTextError) -> LexedLine {
        var line = LexedLine()
        var pendingSeparator: LexedLine.Separator?
        var pendingPrefix: (axis: CoordinateAxis, negative: Bool, text: String, column: Int)?
        var suffixStyle: Bool?
        var lastValueEnd = -1

        while position < characters.count {
            let character = characters[position]
            if character.isWhitespace {
                if pendingSeparator == nil { pendingSeparator = .space }
                position += 1
                continue
            }
            if Self.commas.contains(character) {
                pendingSeparator = .comma
                position += 1
                continue
            }
            if character == ":" || character == "：" || character == "=" {
                position += 1
                continue
            }
            if let word = matchWord() {
                let start = position
                position += word.text.count
                if suffixStyle == nil { suffixStyle = false }
                let attachesBefore = !word.isLabel && pendingPrefix == nil && !line.values.isEmpty
                    && line.values[line.values.count - 1].axis == nil
                    && (suffixStyle == true || lastValueEnd == start)
                if attachesBefore {
                    let last = line.values.count - 1
                    line.values[last].axis = word.axis
                    line.values[last].negative = line.values[last].negative != word.negative
                    let text = String(characters[line.spans[last].lowerBound..<position])
                    line.values[last].text = text
                    line.spans[last] = line.spans[last].lowerBound..<position
                    lastValueEnd = position
                } else {
                    pendingPrefix = (word.axis, word.negative, String(characters[start..<position]), start + 1)
                }
                continue
            }
            if character.isNumber && character.isASCII || ["-", "+", ".", "−"].contains(character) {
                if suffixStyle == nil { suffixStyle = true }
                let start = pendingPrefix.map { $0.column - 1 } ?? position
                var value = try readValue()
                if let prefix = pendingPrefix {
                    value.axis = prefix.axis
                    value.negative = value.negative != prefix.negative
                    pendingPrefix = nil
                }
                value.text = String(characters[start..<position])
                if !line.values.isEmpty { line.separators.append(pendingSeparator ?? .space) }
                pendingSeparator = nil
                line.values.append(value)
                line.spans.append(start..<position)
                lastValueEnd = position
                continue
            }
            throw junk(from: position)
        }
        if let prefix = pendingPrefix {
            throw .missingNumber(after: prefix.text, line: lineNumber, column: prefix.column)
        }
        return line
    }

    /// A hemisphere word or axis label at the current position; Latin words only as whole words.
    private func matchWord() -> (text: String, axis: CoordinateAxis, negative: Bool, isLabel: Bool)? {
        for word in Self.words {
            let candidate = Array(word.text)
            guard position + candidate.count <= characters.count else { continue }
            let slice = characters[position..<(position + candidate.count)]
            guard zip(slice, candidate).allSatisfy({ $0.lowercased() == String($1) }) else { continue }
            let next = position + candidate.count
            if candidate[0].isASCII, next < characters.count, characters[next].isLetter, characters[next].isASCII {
                continue
            }
            return word
        }
        return nil
    }

    private mutating func readValue() throws(CoordinateTextError) -> CoordinateValue {
        let start = position
        var negative = false
        if characters[position] == "-" || characters[position] == "−" {
            negative = true
            position += 1
        } else if characters[position] == "+" {
            position += 1
        }
        guard let degrees = readNumber() else { throw junk(from: start) }
        var value = CoordinateValue(text: "", column: start + 1, negative: negative, degrees: degrees)
        if skipMark(Self.degreeMarks) {
            let afterDegrees = position
            if let minutes = readNumber(allowingLeadingSpace: true), skipMark(Self.minuteMarks) {
                value.minutes = minutes
                let afterMinutes = position
                if let seconds = readNumber(allowingLeadingSpace: true) {
                    // A closing seconds mark is often dropped when the number follows the minutes
                    // mark directly ("108°30'15.2"); after a space it is the next value instead.
                    let adjacent = characters[afterMinutes] != " "
                    if skipMark(Self.secondMarks) || skipDoubleMinuteMark() || adjacent {
                        value.seconds = seconds
                    } else {
                        position = afterMinutes
                    }
                } else {
                    position = afterMinutes
                }
            } else {
                position = afterDegrees
            }
        }
        if position < characters.count, !isBoundary(characters[position]) {
            throw junk(from: start)
        }
        return value
    }

    /// Digits with an optional decimal point; nil (position unchanged) when there are none.
    private mutating func readNumber(allowingLeadingSpace: Bool = false) -> Double? {
        let start = position
        if allowingLeadingSpace {
            while position < characters.count, characters[position] == " " { position += 1 }
        }
        let digitsStart = position
        while position < characters.count, characters[position].isASCII,
              characters[position].isNumber || characters[position] == "." {
            position += 1
        }
        guard position > digitsStart, let number = Double(String(characters[digitsStart..<position])) else {
            position = start
            return nil
        }
        return number
    }

    private mutating func skipMark(_ marks: Set<Character>) -> Bool {
        var probe = position
        while probe < characters.count, characters[probe] == " " { probe += 1 }
        guard probe < characters.count, marks.contains(characters[probe]) else { return false }
        position = probe + 1
        return true
    }

    /// Two minute marks typed for a seconds mark (108°30'15.2'').
    private mutating func skipDoubleMinuteMark() -> Bool {
        guard position + 1 < characters.count, Self.minuteMarks.contains(characters[position]),
              Self.minuteMarks.contains(characters[position + 1]) else { return false }
        position += 2
        return true
    }

    /// What may follow a value: a separator, the end, or a hemisphere word.
    private func isBoundary(_ character: Character) -> Bool {
        character.isWhitespace || Self.commas.contains(character) || matchWord() != nil
            || character == ":" || character == "："
    }

    /// The run of characters up to the next separator, reported as not being a coordinate value.
    private func junk(from start: Int) -> CoordinateTextError {
        var end = start + 1
        while end < characters.count, !characters[end].isWhitespace, !Self.commas.contains(characters[end]) {
            end += 1
        }
        return .notANumber(text: String(characters[start..<min(end, characters.count)]), line: lineNumber, column: start + 1)
    }
}
