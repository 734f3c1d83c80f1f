/// Writes JSON straight into a byte buffer, member by member, for outputs written for every site
/// (batch answers, service answers): several times faster than going through `Encodable`, whose
/// per-member dispatch was most of an answer's cost. Separators are placed by the writer; the caller
/// opens and closes containers and gives keys before values in objects.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// For each open container: whether it is an array, and whether a member was written.
    private var open: [(isArray: Bool, hasMembers: Bool)] = []

    public init(capacity: Int = 2048) { bytes.reserveCapacity(capacity) }

    private mutating func beforeValue() {
        guard let top = open.last, top.isArray else { return }
        if top.hasMembers { bytes.append(UInt8(ascii: ",")) }
        open[open.count - 1].hasMembers = true
    }

    private mutating func beforeKey() {
        if open.last?.hasMembers == true { bytes.append(UInt8(ascii: ",")) }
        if !open.isEmpty { open[open.count - 1].hasMembers = true }
    }

    /// A literal key: copied as it is (keys written by the project need no escaping).
    public mutating func key(_ name: StaticString) {
        beforeKey()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: "\":".utf8)
    }

    /// A key that is not a literal (a clause id as a dictionary key).
    public mutating func key(_ name: String) {
        beforeKey()
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func beginObject() { begin(UInt8(ascii: "{"), isArray: false) }
    public mutating func endObject() { end(UInt8(ascii: "}")) }
    public mutating func beginArray() { begin(UInt8(ascii: "["), isArray: true) }
    public mutating func endArray() { end(UInt8(ascii: "]")) }

    private mutating func begin(_ opening: UInt8, isArray: Bool) {
        beforeValue()
        bytes.append(opening)
        open.append((isArray, false))
    }

    private mutating func end(_ closing: UInt8) {
        open.removeLast()
        bytes.append(closing)
    }

    public mutating func string(_ value: String) {
        beforeValue()
        Self.appendString(value, to: &bytes)
    }

    public mutating func number(_ value: Double) {
        beforeValue()
        Self.appendNumber(value, to: &bytes)
    }

    public mutating func integer(_ value: Int) {
        beforeValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A value already encoded as JSON.
    public mutating func raw(_ json: some Sequence<UInt8>) {
        beforeValue()
        bytes.append(contentsOf: json)
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Integers as integers; non-finite numbers (which JSON lacks) as null.
    public static func appendNumber(_ number: Double, to bytes: inout [UInt8]) {
        guard number.isFinite else { return bytes.append(contentsOf: "null".utf8) }
        if number == number.rounded(), abs(number) < 1e15 { return bytes.append(contentsOf: String(Int64(number)).utf8) }
        bytes.append(contentsOf: "\(number)".utf8)
    }

    public static func appendString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole, scanning their bytes in place (a native
        // string's UTF-8 is contiguous; going through the UTF-8 view's iterator showed in profiles).
        let copied = string.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied ?? !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            if copied == nil { bytes.append(contentsOf: string.utf8) }
            bytes.append(UInt8(ascii: "\""))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
            case 0x0A: bytes.append(contentsOf: "\\n".utf8)
            case 0x0D: bytes.append(contentsOf: "\\r".utf8)
            case 0x09: bytes.append(contentsOf: "\\t".utf8)
            case 0..<0x20: bytes.append(contentsOf: "\\u00".utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
