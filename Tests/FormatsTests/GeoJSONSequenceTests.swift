import Dispatch
import Foundation
import Geometry
import Testing
import Formats
import Wording

@Suite("GeoJSON Text Sequences and newline-delimited GeoJSON")
struct GeoJSONSequenceTests {
    static let features = [
        Feature(id: "a", geometry: .point(Coordinate(lon: 106.5, lat: 29.5)),
                properties: ["name": .string("渝北"), "n": .number(1)], index: 0),
        Feature(id: nil, geometry: .lineString([Coordinate(lon: 106, lat: 29), Coordinate(lon: 107.25, lat: 30)]),
                properties: ["list": .array([.bool(false), .null, .number(0.1)])], index: 1),
        Feature(id: "c", geometry: nil, properties: ["nested": .object(["k": .string("a\u{1E}b")])], index: 2),
    ]

    /// Reads `data` through a file handle, as stdin would be read.
    static func read(_ data: Data, chunkSize: Int) throws -> FeatureBatch {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("input.geojsons")
        try data.write(to: url)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try GeoJSONSequenceReader(handle: handle, name: "input.geojsons", chunkSize: chunkSize).readAll()
    }

    @Test("a Text Sequence written record by record reads back identical", arguments: [1, 7, 65536])
    func textSequenceRoundTrip(chunkSize: Int) throws {
        // Chunk sizes of 1 and 7 bytes split records (and multi-byte characters) at every possible place.
        let data = Self.features.reduce(into: Data()) { $0.append(GeoJSONWriter.textSequenceRecord($1)) }
        let batch = try Self.read(data, chunkSize: chunkSize)
        #expect(batch.problems.isEmpty)
        #expect(batch.features == Self.features)
    }

    @Test("each record is RS, compact JSON, LF (RFC 8142)")
    func recordFraming() {
        let record = GeoJSONWriter.textSequenceRecord(Self.features[0])
        #expect(record.first == 0x1E)
        #expect(record.last == 0x0A)
        // A compact record holds no other RS or LF, so readers can split on them.
        #expect(record.dropFirst().dropLast().allSatisfy { $0 != 0x1E && $0 != 0x0A })
    }

    @Test("newline-delimited GeoJSON with blank lines and CRLF reads the same features", arguments: [3, 65536])
    func newlineDelimited(chunkSize: Int) throws {
        var data = Data()
        for feature in Self.features {
            data.append(GeoJSONWriter.feature(feature))
            data.append(contentsOf: Array("\r\n\n".utf8))
        }
        let batch = try Self.read(data, chunkSize: chunkSize)
        #expect(batch.features == Self.features)
    }

    @Test("a pretty-printed record with inner line breaks stays one record")
    func prettyPrintedRecord() throws {
        let text = "\u{1E}{\n  \"type\": \"Feature\",\n  \"geometry\": {\"type\": \"Point\",\n \"coordinates\": [1, 2]},\n"
            + "  \"properties\": {\"s\": \"}\\\"{\"}\n}\n\u{1E}{\"type\":\"Point\",\"coordinates\":[3,4]}\n"
        let batch = try Self.read(Data(text.utf8), chunkSize: 5)
        // The brace and quote inside the string value must not end the record early.
        #expect(batch.features.map(\.geometry) == [.point(Coordinate(x: 1, y: 2)), .point(Coordinate(x: 3, y: 4))])
        #expect(batch.features.first?.properties["s"] == .string("}\"{"))
    }

    @Test("a broken record is reported by its position and the next ones are still read")
    func brokenRecord() throws {
        var data = GeoJSONWriter.textSequenceRecord(Self.features[0])
        data.append(contentsOf: Array("\u{1E}{\"type\":\"Feature\",\"id\":\"bad\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1]},\"properties\":{}}\n".utf8))
        data.append(contentsOf: Array("\u{1E}{\"type\":\"Feat\n".utf8))
        data.append(GeoJSONWriter.textSequenceRecord(Self.features[2]))
        let batch = try Self.read(data, chunkSize: 16)
        #expect(batch.features.map(\.id) == ["a", "c"])
        // Records 2 (bad position) and 3 (truncated JSON) are indexes 1 and 2; the good ones keep 0 and 3.
        #expect(batch.features.map(\.index) == [0, 3])
        #expect(batch.problems.map(\.featureIndex) == [1, 2])
        #expect(batch.problems.first?.featureID == "bad")
        #expect(batch.problems.first?.message(.zh).contains("input.geojsons 第 2 个要素（id bad）") == true)
    }

    @Test("from a pipe, the first feature arrives before the writer closes")
    func streamsFromPipe() throws {
        let pipe = Pipe()
        let reader = GeoJSONSequenceReader(handle: pipe.fileHandleForReading, name: "stdin")
        let received = Received()
        let arrived = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                try reader.forEachFeature { result in
                    received.append(result)
                    arrived.signal()
                }
            } catch {
                received.fail(error)
            }
            finished.signal()
        }
        thread.start()

        pipe.fileHandleForWriting.write(GeoJSONWriter.textSequenceRecord(Self.features[0]))
        // The writer is still open: a reader that waited for end of input would time out here.
        #expect(arrived.wait(timeout: .now() + 10) == .success)
        #expect(received.ids == ["a"])

        pipe.fileHandleForWriting.write(GeoJSONWriter.textSequenceRecord(Self.features[2]))
        try pipe.fileHandleForWriting.close()
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(received.ids == ["a", "c"])
        #expect(received.error == nil)
    }
}

/// Results handed over from the reader thread to the test.
private final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Feature, FeatureError>] = []
    private var failure: (any Error)?

    func append(_ result: Result<Feature, FeatureError>) {
        lock.withLock { results.append(result) }
    }

    func fail(_ error: any Error) {
        lock.withLock { failure = error }
    }

    var ids: [String?] {
        lock.withLock { results.map { (try? $0.get())?.id } }
    }

    var error: String? {
        lock.withLock { failure.map { "\($0)" } }
    }
}
