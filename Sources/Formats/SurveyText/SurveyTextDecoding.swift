import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text encodings survey software writes: UTF-8 (newer tools) or GBK, read as its superset GB18030.
public enum SurveyTextEncoding: String, Hashable, Sendable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"
}

/// Bytes to text and text to numbered lines.
enum SurveyTextDecoding {
    /// Valid UTF-8 (after an optional byte-order mark) is UTF-8; anything else is decoded as GB18030.
    /// A GBK file that happens to be valid UTF-8 is very unlikely once it holds Chinese text, and pure
    /// ASCII reads the same either way. On failure, gives the first byte that could not be decoded.
    static func decode(_ bytes: [UInt8]) -> Result<(text: String, encoding: SurveyTextEncoding), DecodeFailure> {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let body = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
        if let text = utf8(body) {
            return .success((text, .utf8))
        }
        let skipped = bytes.count - body.count
        return gb18030(body)
            .map { ($0, .gb18030) }
            .mapError { DecodeFailure(byteOffset: $0.byteOffset + skipped) }
    }

    /// The text if `bytes` are valid UTF-8: decoding replaces invalid sequences with U+FFFD, so the
    /// bytes come back unchanged exactly when they were valid (portable where
    /// `String(validating:as:)` is not yet available).
    static func utf8(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    struct DecodeFailure: Error {
        /// Offset of the first byte that could not be decoded, from the start of the file.
        let byteOffset: Int
    }

    /// GB18030 to UTF-8 with the C library's iconv, in one call over the whole buffer.
    static func gb18030(_ bytes: [UInt8]) -> Result<String, DecodeFailure> {
        guard let converter = iconv_open("UTF-8", "GB18030"), Int(bitPattern: converter) != -1 else {
            return .failure(DecodeFailure(byteOffset: 0))
        }
        defer { iconv_close(converter) }
        // GB18030 uses 1, 2 or 4 bytes per character and UTF-8 at most 4 per character, so twice the
        // input (plus a little) is always enough; no need for a grow-and-retry loop.
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let inputCount = input.count, outputCount = output.count
        var failedAt: Int?
        var written = 0
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                var inLeft = inputCount, outLeft = outputCount
                // iconv returns (size_t)-1 on failure with errno EILSEQ (invalid sequence), EINVAL
                // (incomplete sequence at the end) or E2BIG (output full, impossible here).
                if iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    failedAt = inputCount - inLeft
                }
                written = outputCount - outLeft
            }
        }
        if let failedAt { return .failure(DecodeFailure(byteOffset: failedAt)) }
        let utf8 = output[..<written].map { UInt8(bitPattern: $0) }
        guard let text = Self.utf8(utf8) else {
            return .failure(DecodeFailure(byteOffset: 0))
        }
        return .success(text)
    }

    /// Lines numbered from 1, with CRLF, LF and lone CR all ending a line.
    static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        var result: [(Int, Substring)] = []
        var number = 1
        // Splitting on Character: "\r\n" is a single Character in Swift, so it ends one line, not two.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            result.append((number, line))
            number += 1
        }
        return result
    }
}
