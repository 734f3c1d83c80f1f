#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes. A match of one valid UTF-8 string inside another always starts and
/// ends on character boundaries (UTF-8 is self-synchronising), and the reader's texts are normalised
/// first, so byte equality is the equality wanted. Foundation's `contains(_:)` and `range(of:)` go
/// through NSString with character folding and took most of the reader's time.
extension StringProtocol {
    func has(_ word: String) -> Bool { byteRange(of: word) != nil }

    /// `hasPrefix` on bytes (the same answer for the reader's normalised text, without comparing characters).
    func begins(with word: String) -> Bool { utf8.starts(with: word.utf8) }

    /// `hasSuffix` on bytes.
    func ends(with word: String) -> Bool { utf8.reversed().starts(with: word.utf8.reversed()) }

    /// The range of the first occurrence of `word`, or nil.
    func byteRange(of word: String) -> Range<Index>? {
        var word = word
        return word.withUTF8 { needle -> Range<Index>? in
            guard needle.count > 0 else { return nil }
            let offset: Int? = utf8.withContiguousStorageIfAvailable { haystack -> Int? in
                Self.find(needle, in: haystack)
            } ?? Array(utf8).withUnsafeBufferPointer { Self.find(needle, in: $0) }
            guard let offset else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            let end = utf8.index(start, offsetBy: needle.count)
            return start..<end
        }
    }

    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = haystack.baseAddress, let wanted = needle.baseAddress, needle.count <= haystack.count else { return nil }
        // memchr for the first byte, then compare the rest (glibc's memmem is not visible to Swift).
        let first = Int32(wanted[0]), last = haystack.count - needle.count
        var start = 0
        while start <= last {
            guard let hit = memchr(base + start, first, last - start + 1) else { return nil }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, wanted, needle.count) == 0 { return position }
            start = position + 1
        }
        return nil
    }
}

extension Unicode.Scalar {
    /// One of the characters of `set` (the reader's texts are normalised: one scalar a character).
    func isOneOf(_ set: String) -> Bool { set.unicodeScalars.contains(self) }

    var isDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    init<S: Sequence>(glyphs: S) where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: glyphs)
        self.init(view)
    }
}
