import Foundation
import Testing
import Formats

@Suite("JSON values from feature properties")
struct JSONValueTests {
    @Test("booleans, integral numbers and strings keep their kind")
    func kinds() throws {
        let parsed = try JSONSerialization.jsonObject(with: Data(#"{"a":true,"b":2,"c":"2","d":2.5}"#.utf8))
        let value = JSONValue(any: parsed)
        #expect(value.object?["a"] == .bool(true))
        #expect(value.object?["b"]?.text == "2")
        #expect(value.object?["c"]?.text == "2")
        #expect(value.object?["d"]?.text == "2.5")
    }
}
