import Foundation
import Testing
@testable import Formats

/// The fast parser against Foundation's JSONSerialization (the reference): on every text below it
/// must give the same value, or give up (nil) where JSONSerialization rejects the text.
@Suite("Fast JSON parser")
struct FastJSONTests {
    static let valid: [String] = [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"[-0, 0, 1, -1.5, 1e10, 1.5E-3, 2.5e+2, 123456789012, 0.1, 1e-320]"#,
        #""\u0041\u00e9\u4e2d\ud83d\ude00\n\t\"\\\/""#,
        #"{"名称":"沧澜县","x":[111.7233682,30.583229]}"#,
        " \n\t{ \"spaced\" : [ 1 , 2 ] } \r\n",
        #"{"dup":1,"dup":2}"#,
        "[]", "{}", #""""#,
    ]
    static let invalid: [String] = [
        "01", "+1", "1.", ".5", "NaN", "[1 2]", "\"a\tb\"", #"{"a" 1}"#, "tru", "[", #""\x""#, #""\u12""#,
    ]

    /// Foundation accepts trailing commas; the fast parser keeps to the RFC and gives up, so these
    /// still reach JSONSerialization and read as they always did.
    static let lenient: [String] = ["[1,]", "{\"a\":1,}"]

    static func reference(_ text: String) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        return JSONValue(any: object)
    }

    static func fast(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBytes { FastJSON.parse($0) }
    }

    @Test("valid texts give what JSONSerialization gives", arguments: valid)
    func sameValue(text: String) throws {
        let expected = try #require(Self.reference(text))
        #expect(Self.fast(Array(text.utf8)) == expected)
    }

    @Test("texts JSONSerialization rejects are rejected", arguments: invalid)
    func rejected(text: String) {
        #expect(Self.reference(text) == nil, "the reference accepts \(text)")
        #expect(Self.fast(Array(text.utf8)) == nil)
    }

    @Test("what only Foundation's lenient parser accepts is left to it", arguments: lenient)
    func leftToFoundation(text: String) {
        #expect(Self.reference(text) != nil)
        #expect(Self.fast(Array(text.utf8)) == nil)
    }

    @Test("bytes that are not UTF-8 are left to JSONSerialization")
    func notUTF8() {
        // "\"" 0xC4 0xE3 "\"": GBK for 你, not valid UTF-8.
        #expect(Self.fast([0x22, 0xC4, 0xE3, 0x22]) == nil)
    }
}
