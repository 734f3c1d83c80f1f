import Formats

/// CSV as Excel reads it: fields quoted only when they must be, lines ending in CRLF.
public enum CSVText {
    public static func line(_ fields: [JSONValue]) -> String {
        var bytes: [UInt8] = []
        appendLine(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func field(_ field: JSONValue) -> String {
        var bytes: [UInt8] = []
        appendField(field, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a line's bytes, fields written straight from their UTF-8: a string per field, joined
    /// and converted again, was a tenth of a province batch's time.
    public static func appendLine(_ fields: [JSONValue], to bytes: inout [UInt8]) {
        for position in fields.indices {
            if position > fields.startIndex { bytes.append(comma) }
            appendField(fields[position], to: &bytes)
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Appends one field, quoted (quotes doubled) only when it holds a comma, a quote or a line break.
    public static func appendField(_ field: JSONValue, to bytes: inout [UInt8]) {
        guard field != .null, var text = field.text else { return }
        text.withUTF8 { utf8 in
            // Scanned as bytes: walking Characters (grapheme clusters) of Chinese text was a tenth of a
            // province batch's time.
            guard utf8.contains(where: { $0 == comma || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(quote)
            for byte in utf8 {
                bytes.append(byte)
                if byte == quote { bytes.append(quote) }
            }
            bytes.append(quote)
        }
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
}
