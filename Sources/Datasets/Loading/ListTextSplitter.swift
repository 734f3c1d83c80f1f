import Foundation
import Zoning

/// Splits a unit's published list text into its numbered items. Provinces number items as `1.` `1、`
/// `1．`, `（1）` `(1)`, or circled digits `①`; text without numbering is a single item.
public enum ListTextSplitter {
    public static func split(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return [] }
        let characters = Array(trimmed)
        var starts: [(markerStart: Int, textStart: Int)] = []
        var expected = 1
        var index = 0
        while index < characters.count {
            if let end = marker(numbered: expected, in: characters, at: index) {
                starts.append((index, end))
                expected += 1
                index = end
            } else {
                index += 1
            }
        }
        // Only a sequence starting at 1 at the very beginning counts as numbering; "第1条" in running
        // text or a lone "(2)" does not.
        guard let first = starts.first, first.markerStart == 0 else { return [trimmed] }
        var items: [String] = []
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1].markerStart : characters.count
            let item = String(characters[start.textStart..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            if !item.isEmpty { items.append(item) }
        }
        return items
    }

    private static let circled = Array("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")

    /// If item `number`'s marker starts at `index`, the index just past it.
    private static func marker(numbered number: Int, in characters: [Character], at index: Int) -> Int? {
        if number <= circled.count, characters[index] == circled[number - 1] { return index + 1 }
        let digits = Array(String(number))
        // A number must not continue a longer number ("11." is not item 1).
        if index > 0, characters[index - 1].isASCIIDigit { return nil }
        if characters[index] == "（" || characters[index] == "(" {
            let close = index + 1 + digits.count
            guard close < characters.count, Array(characters[(index + 1)..<close]) == digits,
                  characters[close] == "）" || characters[close] == ")" else { return nil }
            return close + 1
        }
        let end = index + digits.count
        guard end < characters.count, Array(characters[index..<end]) == digits else { return nil }
        guard [".", "、", "．"].contains(characters[end]) else { return nil }
        // "1.5" is a decimal, not a marker.
        if characters[end] == ".", end + 1 < characters.count, characters[end + 1].isASCIIDigit { return nil }
        return end + 1
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
