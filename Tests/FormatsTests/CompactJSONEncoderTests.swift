import Foundation
import Formats
import Testing

/// The compact encoder must produce JSON that parses to exactly what Foundation's JSONEncoder
/// produces for the same value (compared after parsing, since key order may differ).
@Suite("Compact JSON encoder")
struct CompactJSONEncoderTests {
    enum Kind: String, Codable { case first, second }

    struct Inner: Codable, Equatable {
        var name: String
        var values: [Double]
        var flag: Bool?
    }

    struct Outer: Codable, Equatable {
        var id: Int
        var text: String
        var kind: Kind
        var inner: Inner
        var list: [Inner]
        var map: [String: Int]
        var missing: String?
        var nested: [[String]]
    }

    /// A custom encoding that leaves a nested container open while writing a sibling.
    struct Nesting: Encodable {
        enum Keys: String, CodingKey { case a, b, c }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var a = container.nestedUnkeyedContainer(forKey: .a)
            try a.encode(1)
            try a.encode(2)
            var b = container.nestedContainer(keyedBy: Keys.self, forKey: .b)
            try b.encode("x", forKey: .c)
            try container.encode(true, forKey: .c)
        }
    }

    static func parsed(_ data: Data) throws -> NSDictionary? {
        try JSONSerialization.jsonObject(with: data) as? NSDictionary
    }

    @Test("same JSON as Foundation for nested structs, optionals, enums, arrays, dictionaries and escapes")
    func matchesFoundation() throws {
        let value = Outer(id: 42, text: "引号\" 反斜杠\\ 换行\n 制表\t 控制\u{01} 中文", kind: .second,
                          inner: Inner(name: "a", values: [1, 2.5, -0.125, 1e20], flag: true),
                          list: [Inner(name: "b", values: [], flag: nil)], map: ["x": 1, "y": 2], missing: nil, nested: [["p"], []])
        let ours = try Self.parsed(CompactJSONEncoder().encode(value))
        let foundation = try Self.parsed(JSONEncoder().encode(value))
        #expect(ours == foundation)
        #expect(try JSONDecoder().decode(Outer.self, from: CompactJSONEncoder().encode(value)) == value)
    }

    @Test("a nested container left open is closed before its sibling is written")
    func nestedContainers() throws {
        let text = String(decoding: try CompactJSONEncoder().encode(Nesting()), as: UTF8.self)
        #expect(text == #"{"a":[1,2],"b":{"c":"x"},"c":true}"#)
    }

    @Test("non-finite numbers become null")
    func nonFinite() throws {
        #expect(String(decoding: try CompactJSONEncoder().encode([Double.nan, 1.5, .infinity]), as: UTF8.self) == "[null,1.5,null]")
    }
}
