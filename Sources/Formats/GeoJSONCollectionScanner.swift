import Foundation

/// Finds the elements of a FeatureCollection's `features` array in the raw bytes, so each feature is
/// parsed (and screened) on its own: a 100,000-feature file is never held as one tree of Foundation
/// objects (which took over 1 GB for 17 MB of points), and the first answers leave while the rest is
/// still being read. It tracks only strings and bracket depth; the JSON of each element is parsed by
/// `JSONSerialization` as before, so what counts as valid JSON does not change.
struct GeoJSONCollectionScanner {
    enum Outcome {
        /// Every element was handed over; the other top-level members, parsed.
        case collection(members: [String: Any])
        /// Not a top-level object with a `features` array: read the file whole instead.
        case notACollection
        /// The brackets or strings do not close: the text is not JSON from this byte on.
        case broken(at: Int)
    }

    let bytes: UnsafeRawBufferPointer
    private var position: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        // A UTF-8 byte-order mark, as Windows editors write it.
        position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Calls `element` with each element's bytes of the top-level `features` array, in order.
    mutating func scan(_ element: (UnsafeRawBufferPointer) throws -> Void) rethrows -> Outcome {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return .notACollection }
        var members: [String: Any] = [:]
        var sawFeatures = false
        skipSpace()
        if take(UInt8(ascii: "}")) { return .notACollection }
        while true {
            skipSpace()
            let keyStart = position
            guard peek == UInt8(ascii: "\""), skipString() else { return .broken(at: keyStart) }
            guard let key = try? JSONSerialization.jsonObject(with: Data(slice(keyStart, position)), options: [.fragmentsAllowed]) as? String else {
                return .broken(at: keyStart)
            }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return .broken(at: position) }
            skipSpace()
            if key == "features" && peek == UInt8(ascii: "[") {
                sawFeatures = true
                position += 1
                skipSpace()
                if !take(UInt8(ascii: "]")) {
                    while true {
                        skipSpace()
                        let start = position
                        guard skipValue() else { return .broken(at: start) }
                        try element(slice(start, position))
                        skipSpace()
                        if take(UInt8(ascii: ",")) { continue }
                        guard take(UInt8(ascii: "]")) else { return .broken(at: position) }
                        break
                    }
                }
            } else {
                let start = position
                guard skipValue() else { return .broken(at: start) }
                // Small members (type, name, crs, bbox) are parsed to be checked by the caller.
                if let value = try? JSONSerialization.jsonObject(with: Data(slice(start, position)), options: [.fragmentsAllowed]) {
                    members[key] = value
                } else {
                    return .broken(at: start)
                }
            }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { return .broken(at: position) }
            break
        }
        skipSpace()
        guard position == bytes.count else { return .broken(at: position) }
        return sawFeatures ? .collection(members: members) : .notACollection
    }

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func slice(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[start..<end]) }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    /// Past a string starting at `position` (on its opening quote).
    private mutating func skipString() -> Bool {
        position += 1
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 2
            case UInt8(ascii: "\""):
                position += 1
                return true
            default: position += 1
            }
        }
        return false
    }

    /// Past one value: an object or array by bracket depth (strings skipped whole), or a scalar up to
    /// the next delimiter. Whether the value is valid JSON is for the parser to say.
    private mutating func skipValue() -> Bool {
        guard let first = peek else { return false }
        if first == UInt8(ascii: "\"") { return skipString() }
        if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") {
            while let byte = peek, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
                  byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { position += 1 }
            return true
        }
        var depth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    position += 1
                    return true
                }
            default: break
            }
            position += 1
        }
        return false
    }
}
