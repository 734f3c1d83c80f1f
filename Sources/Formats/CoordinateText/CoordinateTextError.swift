import Geometry
import Wording

/// Why pasted or typed coordinates could not be read. Pair numbers count from 1, as users count.
public enum CoordinateTextError: UserFacingError, Equatable, Sendable {
    case empty
    case notANumber(text: String, line: Int, column: Int)
    case missingNumber(after: String, line: Int, column: Int)
    case missingLatitude(pair: Int, text: String)
    case tooManyValues(pair: Int, text: String, count: Int)
    case minutesOutOfRange(pair: Int, text: String, minutes: Double)
    case secondsOutOfRange(pair: Int, text: String, seconds: Double)
    case fractionalDegreesWithMinutes(pair: Int, text: String)
    case sameAxisTwice(pair: Int, text: String)
    case latitudeOutOfRange(pair: Int, text: String, latitude: Double)
    case longitudeOutOfRange(pair: Int, text: String, longitude: Double)
    case tooFewDistinctPoints(count: Int)
    /// WKT or GeoJSON text that the geometry readers refused.
    case malformedGeometry(format: String, problem: GeometryError)

    public func message(_ language: Language) -> String {
        switch self {
        case .empty:
            return language.pick("没有输入坐标", "no coordinates were given")
        case .notANumber(let text, let line, let column):
            return language.pick("第 \(line) 行第 \(column) 个字符起的“\(text)”不是坐标数值",
                                 "line \(line), column \(column): \"\(text)\" is not a coordinate value")
        case .missingNumber(let after, let line, let column):
            return language.pick("第 \(line) 行第 \(column) 个字符处的“\(after)”后缺少数值",
                                 "line \(line), column \(column): \"\(after)\" is not followed by a number")
        case .missingLatitude(let pair, let text):
            return language.pick("第 \(pair) 组坐标“\(text)”缺少纬度",
                                 "coordinate pair \(pair) \"\(text)\" has no latitude")
        case .tooManyValues(let pair, let text, let count):
            return language.pick("第 \(pair) 组坐标“\(text)”有 \(count) 个数值，应为经度、纬度两个",
                                 "coordinate pair \(pair) \"\(text)\" has \(count) values; expected longitude and latitude")
        case .minutesOutOfRange(let pair, let text, let minutes):
            return language.pick("第 \(pair) 组坐标“\(text)”的分值 \(Self.number(minutes)) 应小于 60",
                                 "coordinate pair \(pair) \"\(text)\": minutes \(Self.number(minutes)) must be below 60")
        case .secondsOutOfRange(let pair, let text, let seconds):
            return language.pick("第 \(pair) 组坐标“\(text)”的秒值 \(Self.number(seconds)) 应小于 60",
                                 "coordinate pair \(pair) \"\(text)\": seconds \(Self.number(seconds)) must be below 60")
        case .fractionalDegreesWithMinutes(let pair, let text):
            return language.pick("第 \(pair) 组坐标“\(text)”的度带小数又带分秒，无法确定含义",
                                 "coordinate pair \(pair) \"\(text)\" has decimal degrees and minutes; the meaning is unclear")
        case .sameAxisTwice(let pair, let text):
            return language.pick("第 \(pair) 组坐标“\(text)”的两个数值都标为经度或都标为纬度",
                                 "coordinate pair \(pair) \"\(text)\" marks both values as longitude, or both as latitude")
        case .latitudeOutOfRange(let pair, let text, let latitude):
            return language.pick("第 \(pair) 组坐标“\(text)”的纬度 \(Self.number(latitude)) 超出 -90～90 度",
                                 "coordinate pair \(pair) \"\(text)\": latitude \(Self.number(latitude)) is outside -90..90 degrees")
        case .longitudeOutOfRange(let pair, let text, let longitude):
            return language.pick("第 \(pair) 组坐标“\(text)”的经度 \(Self.number(longitude)) 超出 -180～180 度",
                                 "coordinate pair \(pair) \"\(text)\": longitude \(Self.number(longitude)) is outside -180..180 degrees")
        case .tooFewDistinctPoints(let count):
            return language.pick("多边形只有 \(count) 个不同的点，至少需要 3 个",
                                 "the polygon has \(count) distinct points; at least 3 are needed")
        case .malformedGeometry(let format, let problem):
            return language.pick("\(format) 文本有误：\(problem.message(language))",
                                 "malformed \(format) text: \(problem.message(language))")
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Something the reader did that the user should know about, to check it was what they meant.
public enum CoordinateTextNote: Hashable, Sendable {
    /// Pairs (numbered from 1) read as latitude, longitude and swapped, by their magnitudes.
    case swappedAxes(pairs: [Int])
    /// Pairs whose hemisphere letters or labels put latitude first; read in that order.
    case orderedByLabels(pairs: [Int])
    /// Degrees/minutes/seconds values and the decimal degrees they became.
    case convertedSexagesimal(text: String, degrees: Double)
    /// The first point was repeated at the end to close the polygon.
    case closedRing
    case readAs(format: String)

    public func message(_ language: Language) -> String {
        switch self {
        case .swappedAxes(let pairs):
            let list = pairs.map(String.init).joined(separator: "、")
            return language.pick("第 \(list) 组坐标像是“纬度,经度”顺序，已调换为经度在前",
                                 "pair(s) \(list) looked like latitude, longitude and were swapped to longitude first")
        case .orderedByLabels(let pairs):
            let list = pairs.map(String.init).joined(separator: "、")
            return language.pick("第 \(list) 组坐标按所标的经纬度（东经/北纬等）读取，纬度在前",
                                 "pair(s) \(list) were read by their labels (E/N etc.), latitude written first")
        case .convertedSexagesimal(let text, let degrees):
            return language.pick("“\(text)”换算为 \(degrees) 度", "\"\(text)\" read as \(degrees) degrees")
        case .closedRing:
            return language.pick("末点与首点不同，已自动闭合多边形", "the last point differed from the first; the polygon was closed")
        case .readAs(let format):
            return language.pick("按 \(format) 读取", "read as \(format)")
        }
    }
}
