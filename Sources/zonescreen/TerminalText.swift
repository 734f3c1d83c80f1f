/// Text for one line of the terminal: a file name may hold a newline or an escape sequence, which
/// would otherwise forge lines of ZoneScreen's own output or drive the terminal.
enum TerminalText {
    /// Control characters (C0, DEL, C1) shown as `\n`, `\r`, `\t` or `\u{…}`; everything else as it is.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case _ where isControl(scalar): shown += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
