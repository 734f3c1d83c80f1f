import Foundation

/// A JSON encoder that writes straight into one byte buffer, in the order values are encoded
/// (declaration order for synthesized `Encodable`), without the intermediate tree Foundation's
/// `JSONEncoder` builds: several times faster on the large, deeply nested screening results that
/// batch outputs and the service write for every site. Non-finite numbers are written as null.
public struct CompactJSONEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> Data {
        let state = EncodingState()
        try state.write(value, codingPath: [])
        return Data(state.bytes)
    }
}

/// The shared output of one encoding: bytes written so far, and which containers are still open.
private final class EncodingState {
    var bytes: [UInt8] = []
    /// For each open container: its closing byte and whether a member has been written yet.
    var open: [(close: UInt8, hasMembers: Bool)] = []

    init() { bytes.reserveCapacity(16_384) }

    func write(_ value: some Encodable, codingPath: [CodingKey]) throws {
        let depth = open.count
        let start = bytes.count
        // Scalars arrive through the containers' concrete overloads; everything else encodes itself.
        try value.encode(to: Writer(state: self))
        // Close what the value opened; a value that wrote nothing at all is an empty object.
        while open.count > depth { bytes.append(open.removeLast().close) }
        if bytes.count == start { append("{}") }
    }

    func writeInteger<T: BinaryInteger>(_ value: T) { append(String(value)) }

    /// Starts a member of the container at `level` (its position in `open`, counting from 1): closes
    /// any nested container a previous member left open, then writes the separator.
    func beginMember(at level: Int) {
        while open.count > level { bytes.append(open.removeLast().close) }
        guard level > 0, level == open.count else { return }
        if open[level - 1].hasMembers { bytes.append(UInt8(ascii: ",")) }
        open[level - 1].hasMembers = true
    }

    func openContainer(_ opening: UInt8, _ closing: UInt8) {
        bytes.append(opening)
        open.append((closing, false))
    }

    func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func writeNumber(_ number: Double) { JSONWriter.appendNumber(number, to: &bytes) }

    func writeString(_ string: String) { JSONWriter.appendString(string, to: &bytes) }
}

/// Coding paths are not tracked: nothing here throws for a path, and building them per member would
/// cost more than the writing itself.
private struct Writer: Encoder {
    let state: EncodingState
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.openContainer(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(Keyed<Key>(state: state, level: state.open.count))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        state.openContainer(UInt8(ascii: "["), UInt8(ascii: "]"))
        return Unkeyed(state: state, level: state.open.count)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(state: state) }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: EncodingState
    let level: Int
    var codingPath: [CodingKey] { [] }

    private func key(_ key: Key) {
        state.beginMember(at: level)
        state.writeString(key.stringValue)
        state.bytes.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey key: Key) throws {
        self.key(key)
        state.append("null")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        self.key(key)
        state.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        self.key(key)
        state.writeNumber(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        self.key(key)
        state.append(value ? "true" : "false")
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        self.key(key)
        state.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        self.key(key)
        try state.write(value, codingPath: [])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        self.key(key)
        return Writer(state: state).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        self.key(key)
        return Writer(state: state).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { Writer(state: state) }
    mutating func superEncoder(forKey key: Key) -> Encoder { Writer(state: state) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let state: EncodingState
    let level: Int
    var count = 0
    var codingPath: [CodingKey] { [] }

    init(state: EncodingState, level: Int) {
        self.state = state
        self.level = level
    }

    mutating func encodeNil() throws {
        state.beginMember(at: level)
        state.append("null")
        count += 1
    }

    mutating func encode(_ value: String) throws {
        state.beginMember(at: level)
        state.writeString(value)
        count += 1
    }

    mutating func encode(_ value: Double) throws {
        state.beginMember(at: level)
        state.writeNumber(value)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        state.beginMember(at: level)
        try state.write(value, codingPath: [])
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        state.beginMember(at: level)
        count += 1
        return Writer(state: state).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        state.beginMember(at: level)
        count += 1
        return Writer(state: state).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { Writer(state: state) }
}

private struct Single: SingleValueEncodingContainer {
    let state: EncodingState
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { state.append("null") }
    mutating func encode(_ value: Bool) throws { state.append(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { state.writeString(value) }
    mutating func encode(_ value: Double) throws { state.writeNumber(value) }
    mutating func encode(_ value: Float) throws { state.writeNumber(Double(value)) }
    mutating func encode(_ value: Int) throws { state.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { state.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { state.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { state.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { state.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { state.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { state.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { state.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { state.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { state.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try state.write(value, codingPath: []) }
}

extension CompactJSONEncoder {
    /// An encoded JSON object with more members appended (`json` already encoded), without decoding it
    /// again: for answers that carry one more part (a comparison) on top of an encoded result.
    public static func object(_ object: Data, adding members: [(key: String, json: Data)]) -> Data {
        guard object.last == UInt8(ascii: "}"), !members.isEmpty else { return object }
        var result = object.dropLast()
        let empty = result.last == UInt8(ascii: "{")
        for (position, member) in members.enumerated() {
            if !(empty && position == 0) { result.append(UInt8(ascii: ",")) }
            result.append(contentsOf: Array(JSONValue.string(member.key).jsonText.utf8))
            result.append(UInt8(ascii: ":"))
            result.append(member.json)
        }
        result.append(UInt8(ascii: "}"))
        return Data(result)
    }
}
