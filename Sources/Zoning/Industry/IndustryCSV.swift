/// Minimal RFC 4180 reading for the catalogue: quoted fields may hold commas, doubled quotes and line
/// breaks (the standard's notes have all three), and each record keeps the line it starts on.
enum IndustryCSV {
    struct Row {
        var fields: [String]
        var line: Int
    }

    static func rows(_ text: String, source: String) throws(IndustryCatalogueError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var line = 1
        var rowLine = 1
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0
        func endRow() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            rows.append(Row(fields: fields, line: rowLine))
            fields = []
        }
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
            case "\r":
                break
            case "\n":
                endRow()
                line += 1
                rowLine = line
            default:
                field.append(scalar)
            }
        }
        if inQuotes {
            throw .malformedLine(path: source, line: rowLine, problem: .unterminatedQuote)
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
