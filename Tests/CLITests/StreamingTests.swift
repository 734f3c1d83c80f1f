import Foundation
import Testing

/// Streaming through stdin: answers must leave before the input ends.
@Suite("Streaming GeoJSON through stdin")
struct StreamingTests {
    @Test("the first answer arrives while stdin is still open")
    func firstAnswerBeforeEndOfInput() throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["screen", "-", "--format", "geojsonseq", "--dataset", "Fixtures/zoning/tiny", "--crs", "EPSG:4546", "--jobs", "1"]
        process.currentDirectoryURL = CLI.root
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // 40 features: more than one batch, so the first batch is complete without end of input.
        for index in 0..<40 {
            let line = #"{"type":"Feature","id":"s\#(index)","properties":{},"geometry":{"type":"Point","coordinates":[503000,3303000]}}"# + "\n"
            input.fileHandleForWriting.write(Data(line.utf8))
        }
        // Read the first record with stdin still open: RS, JSON text, LF.
        var received = Data()
        let deadline = Date().addingTimeInterval(20)
        while !received.contains(0x0A) && Date() < deadline {
            received.append(output.fileHandleForReading.availableData)
        }
        #expect(process.isRunning, "the process must still be waiting for input")
        #expect(received.first == 0x1E)
        let record = received.dropFirst().prefix { $0 != 0x0A }
        let object = try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any]
        #expect(object?["id"] as? String == "s0")
        try input.fileHandleForWriting.close()
        // Drain the rest so the child is never blocked on a full pipe.
        received.append(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(received.filter { $0 == 0x1E }.count == 40)
        #expect(process.terminationStatus == 0)
    }
}
