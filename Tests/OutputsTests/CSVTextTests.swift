import Formats
import Outputs
import Testing

/// CSV as Excel (and RFC 4180) reads it; each expected line below is written out by hand from the
/// RFC's rules: a field with a comma, a quote or a line break is quoted, quotes inside doubled.
@Suite("CSV text")
struct CSVTextTests {
    @Test("plain fields as they are, Chinese included; a line ends in CRLF")
    func plain() {
        #expect(CSVText.line([.string("P000001"), .string("禁止"), .string("ZH98060730010")]) == "P000001,禁止,ZH98060730010\r\n")
    }

    @Test("a comma, a quote or a line break makes a field quoted, quotes doubled")
    func quoted() {
        #expect(CSVText.field(.string("长江,汉江")) == "\"长江,汉江\"")
        #expect(CSVText.field(.string("说明\"一\"")) == "\"说明\"\"一\"\"\"")
        #expect(CSVText.field(.string("第一行\n第二行")) == "\"第一行\n第二行\"")
        #expect(CSVText.field(.string("a\r")) == "\"a\r\"")
    }

    @Test("null and nested values are empty cells; whole numbers lose their .0; true is true")
    func values() {
        #expect(CSVText.line([.null, .number(3), .number(77167.668), .bool(true), .array([.number(1)])]) == ",3,77167.668,true,\r\n")
    }

    @Test("appending writes the same bytes as the text")
    func appending() {
        var bytes: [UInt8] = []
        CSVText.appendLine([.string("甲,乙"), .number(2)], to: &bytes)
        CSVText.appendField(.string("\""), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\"甲,乙\",2\r\n\"\"\"\"")
    }
}
