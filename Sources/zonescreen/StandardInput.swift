import Foundation
import Formats
import Geometry
import Wording

/// Standard input as a feature source, streamed when it is a sequence (GeoJSON Text Sequences or
/// one feature per line) so answers flow before the input ends, read whole when it is one document
/// (up to `limit` bytes, counted as it is read, the first block included). Input that cannot start
/// GeoJSON (`/dev/zero`, a binary file) is refused at its first byte.
enum StandardInput {
    enum Source {
        case stream(GeoJSONSequenceReader)
        case document(FeatureSource)
    }

    static func source(limit: ReadLimits.Bound, language l: Language) throws -> Source {
        var prefix = [UInt8](repeating: 0, count: 65_536)
        var count: Int
        repeat { count = Glibc.read(STDIN_FILENO, &prefix, prefix.count) } while count < 0 && errno == EINTR
        prefix.removeSubrange(max(0, count)...)
        if let first = prefix.first(where: { !isBlank($0) }), first != UInt8(ascii: "{"), first != UInt8(ascii: "["), first != 0x1E {
            let byte = String(format: "0x%02X", first)
            throw FeatureError.notJSON(source: "stdin", detail: l.pick("开头是字节 \(byte)，不是 GeoJSON（应以 {、[ 或 RS 分隔符开头）",
                                                                        "it starts with byte \(byte), which cannot start GeoJSON ({, [ or an RS separator)"))
        }
        if isSequence(prefix) {
            let pipe = Pipe()
            let writer = pipe.fileHandleForWriting
            let head = Data(prefix)
            // Re-joins the bytes already read with the rest of stdin, as it arrives.
            let copier = Thread {
                writer.write(head)
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let read = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
                    if read <= 0 { break }
                    writer.write(Data(buffer[0..<read]))
                }
                try? writer.close()
            }
            copier.start()
            return .stream(GeoJSONSequenceReader(handle: pipe.fileHandleForReading, name: "stdin"))
        }
        guard prefix.count <= limit.value else { throw InputLimits.Exceeded.standardInput(limit: limit.value, variable: limit.setting) }
        var data = Data(prefix)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let read = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
            if read < 0 && errno == EINTR { continue }
            if read <= 0 { break }
            guard data.count + read <= limit.value else {
                throw InputLimits.Exceeded.standardInput(limit: limit.value, variable: limit.setting)
            }
            data.append(contentsOf: buffer[0..<read])
        }
        return .document(GeoJSONData(data: data, name: "stdin"))
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// RS first means RFC 8142; a first line that is a whole JSON object of a Feature means one per line.
    static func isSequence(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.firstIndex(where: { !isBlank($0) }) else { return false }
        if bytes[first] == 0x1E { return true }
        guard bytes[first] == UInt8(ascii: "{"), let end = bytes[first...].firstIndex(of: 0x0A) else { return false }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[first..<end])) as? [String: Any] else { return false }
        return object["type"] as? String != "FeatureCollection"
    }
}
