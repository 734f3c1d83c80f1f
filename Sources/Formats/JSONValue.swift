import Foundation

/// A JSON value as read from feature properties and data files: keeps numbers, strings and
/// structure without Foundation's `Any`, so features are plain Sendable values.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text with the project's strict parser (much faster than `JSONSerialization` on
    /// Linux); nil when it is not one valid JSON value.
    public init?(parsing data: Data) {
        guard let value = data.withUnsafeBytes({ FastJSON.parse($0) }) else { return nil }
        self = value
    }

    /// Converts what `JSONSerialization` returns.
    public init(any value: Any) {
        switch value {
        case let number as NSNumber where type(of: number) == Self.booleanNumberType:
            self = .bool(number.boolValue)
        case let number as NSNumber:
            self = .number(number.doubleValue)
        case let string as String:
            self = .string(string)
        case let array as [Any]:
            self = .array(array.map(JSONValue.init(any:)))
        case let object as [String: Any]:
            self = .object(object.mapValues(JSONValue.init(any:)))
        default:
            self = .null
        }
    }

    private static let booleanNumberType = type(of: NSNumber(value: true))

    /// The value as `JSONSerialization` accepts it.
    public var anyValue: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let values): values.map(\.anyValue)
        case .object(let values): values.mapValues(\.anyValue)
        }
    }

    /// Text of a string, or of a number written without a needless ".0" (attribute tables often
    /// store codes such as class 1/2/3 as numbers).
    public var text: String? {
        switch self {
        case .string(let value): value
        case .number(let value) where value == value.rounded() && abs(value) < 1e15: String(Int64(value))
        case .number(let value): String(value)
        case .bool(let value): String(value)
        default: nil
        }
    }

    public var number: Double? {
        switch self {
        case .number(let value): value
        case .string(let value): Double(value.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    public var bool: Bool? {
        switch self {
        case .bool(let value): value
        case .string(let value): ["true", "是", "1", "yes"].contains(value.lowercased()) ? true
            : (["false", "否", "0", "no"].contains(value.lowercased()) ? false : nil)
        case .number(let value): value != 0
        default: nil
        }
    }

    public var array: [JSONValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let values) = self { return values }
        return nil
    }
}
