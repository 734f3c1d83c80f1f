import Formats
import Geometry
import Wording

/// The input's own columns, kept in table outputs before the result columns as a GIS join keeps
/// them: in the order the input gives them (a layer's field order; sorted names for GeoJSON, whose
/// properties have no order once parsed), new names appended as later features bring them.
/// Belongs to the thread that writes the output.
final class InputColumns {
    private(set) var names: [String] = []
    private var positions: [String: Int] = [:]
    /// Set when no more columns may be added (a header already written to a stream).
    private(set) var frozen = false
    private(set) var dropped: [String] = []
    private let reserved: Set<String>
    private let suffix: String

    /// - Parameter resultColumns: an input column of the same name is written as "名称（输入）".
    init(resultColumns: [String], language: Language) {
        reserved = Set(resultColumns)
        suffix = language.pick("（输入）", " (input)")
    }

    func freeze() { frozen = true }

    /// The header names, renamed where they clash with a result column.
    var header: [String] { names.map { reserved.contains($0) ? $0 + suffix : $0 } }

    /// The feature's values in column order (nil where it has none), after adding its new columns.
    func cells(of feature: Feature?) -> [JSONValue] {
        guard let feature else { return Array(repeating: .null, count: names.count) }
        // Sorting names only when a feature brings a new one: most features of a file share one set.
        let known = feature.properties.keys.allSatisfy { positions[$0] != nil || dropped.contains($0) }
        let keys = known ? [] : feature.propertyOrder ?? feature.properties.keys.sorted()
        for key in keys where positions[key] == nil && feature.properties[key] != nil {
            if frozen {
                if !dropped.contains(key) { dropped.append(key) }
                continue
            }
            positions[key] = names.count
            names.append(key)
        }
        var cells = Array(repeating: JSONValue.null, count: names.count)
        for (key, value) in feature.properties {
            if let position = positions[key] { cells[position] = Self.cell(value) }
        }
        return cells
    }

    /// A value as one table cell: text and numbers as they are, anything nested as its JSON text.
    static func cell(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array, .object: .string(value.jsonText)
        default: value
        }
    }
}
