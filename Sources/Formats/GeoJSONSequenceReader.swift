import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads GeoJSON Text Sequences (RFC 8142: each record is RS, a JSON text, LF) or newline-delimited
/// GeoJSON (one JSON text per line) from a file handle such as stdin or a pipe, handing each feature
/// over as soon as its record is complete.
///
/// Memory stays bounded by the chunk size plus the longest record, however long the stream. The form
/// is decided by the first byte that is not whitespace: RS means Text Sequence, anything else lines.
public struct GeoJSONSequenceReader: FeatureSource, Sendable {
    public let name: String
    public let handle: FileHandle
    public let chunkSize: Int
    /// A record longer than this stops the reader rather than exhausting memory on a stream that is
    /// not actually a sequence (one huge FeatureCollection piped in by mistake).
    public let maximumRecordBytes: Int

    public init(handle: FileHandle, name: String = "stdin", chunkSize: Int = 64 * 1024,
                maximumRecordBytes: Int = 256 * 1024 * 1024) {
        self.handle = handle
        self.name = name
        self.chunkSize = max(1, chunkSize)
        self.maximumRecordBytes = max(1, maximumRecordBytes)
    }

    public static func standardInput() -> GeoJSONSequenceReader {
        GeoJSONSequenceReader(handle: .standardInput, name: "stdin")
    }

    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        try forEachFeature(body, whenWaiting: {})
    }

    /// As `forEachFeature`, calling `idle` whenever every record read so far has been handed over and
    /// the next read may wait for the writer: the moment for a consumer to flush a partial batch.
    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void, whenWaiting idle: () throws -> Void) throws {
        var splitter = RecordSplitter()
        var recordIndex = 0
        func deliver(_ record: [UInt8]) throws {
            defer { recordIndex += 1 }
            try body(decode(record, index: recordIndex))
        }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var first = true
        while true {
            if !first { try idle() }
            first = false
            let count = try readChunk(into: &buffer)
            if count == 0 { break }
            for byte in buffer[0..<count] {
                if let record = splitter.consume(byte) {
                    try deliver(record)
                } else if splitter.pendingCount > maximumRecordBytes {
                    throw FeatureError.recordTooLarge(source: name, index: recordIndex, limit: maximumRecordBytes)
                }
            }
        }
        if let record = splitter.finish() {
            try deliver(record)
        }
    }

    /// Reads whatever is available, blocking only until at least one byte (or end of input) arrives;
    /// `FileHandle.read(upToCount:)` may wait for a full chunk, which would stall a live pipe.
    private func readChunk(into buffer: inout [UInt8]) throws -> Int {
        let descriptor = handle.fileDescriptor
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress, raw.count)
            }
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            throw FeatureError.unreadable(source: name, detail: String(cString: strerror(code)))
        }
    }

    private func decode(_ record: [UInt8], index: Int) -> Result<Feature, FeatureError> {
        let object: Any
        do {
            object = try GeoJSONDecoding.parseJSON(Data(record))
        } catch {
            let detail = GeoJSONFile.reason(error)
            return .failure(.malformedFeature(source: name, index: index, id: nil, problem: .notJSON(detail)))
        }
        return GeoJSONDecoding.feature(from: object, index: index, source: name, path: "$")
    }
}

/// Splits a byte stream into records. In Text Sequence mode a record ends at the next RS, or earlier
/// at a LF that closes a complete top-level JSON value, so a record is handed on without waiting for
/// the next one to begin (RFC 7464 writers end each record with LF). Pretty-printed records with
/// inner line breaks still work because a LF inside an open object does not end the record.
struct RecordSplitter {
    private enum Mode { case undecided, textSequence, lines }

    private var mode = Mode.undecided
    private var pending: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var sawValue = false

    var pendingCount: Int { pending.count }

    mutating func consume(_ byte: UInt8) -> [UInt8]? {
        switch mode {
        case .undecided:
            if Self.isWhitespace(byte) { return nil }
            if byte == GeoJSONWriter.recordSeparator {
                mode = .textSequence
                return nil
            }
            mode = .lines
            return consume(byte)
        case .lines:
            // An RS in a line-delimited stream can only be a separator; treat it as one.
            if byte == GeoJSONWriter.lineFeed || byte == GeoJSONWriter.recordSeparator { return take() }
            pending.append(byte)
            return nil
        case .textSequence:
            if byte == GeoJSONWriter.recordSeparator { return take() }
            if byte == GeoJSONWriter.lineFeed, depth == 0, sawValue, !inString { return take() }
            pending.append(byte)
            track(byte)
            return nil
        }
    }

    mutating func finish() -> [UInt8]? {
        take()
    }

    /// Follows string and bracket nesting just enough to know when a top-level value has closed.
    private mutating func track(_ byte: UInt8) {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            return
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true; sawValue = true
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; sawValue = true
        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
        case _ where !Self.isWhitespace(byte): sawValue = true
        default: break
        }
    }

    /// The pending record, unless it is blank (empty lines and RS LF pairs carry nothing).
    private mutating func take() -> [UInt8]? {
        defer {
            pending.removeAll(keepingCapacity: true)
            depth = 0
            inString = false
            escaped = false
            sawValue = false
        }
        return pending.contains(where: { !Self.isWhitespace($0) }) ? pending : nil
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
