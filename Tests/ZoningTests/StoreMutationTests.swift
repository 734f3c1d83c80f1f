@testable import Datasets
import Foundation
import Testing
import TestSupport
@testable import Zoning

/// A store whose checksum was recomputed after its bytes were changed (as a tool that rewrote it
/// carelessly would leave it) gets past the checksum: reading it must still end in a dataset or a
/// `StoreError`, never a crash or a read outside the file.
@Suite("Compiled stores with changed bytes")
struct StoreMutationTests {
    @Test("300 stores with bytes changed at seeded places are read or refused, never crash")
    func mutations() throws {
        try DatasetStoreTests.withCopy { dataset, cache in
            let path = try DatasetStore.build(from: dataset, cache: cache).path
            let original = [UInt8](try Data(contentsOf: path))
            var generator = SplitMix(seed: 11)
            var refused = 0
            for round in 0..<300 {
                var bytes = original
                // One to four bytes anywhere after the header, set to a random value (often 0 or 0xFF,
                // which make lengths and counts absurd).
                for _ in 0..<(1 + Int(generator.next() % 4)) {
                    let at = StoreLayout.headerSize + Int(generator.next() % UInt64(bytes.count - StoreLayout.headerSize))
                    bytes[at] = [0, 0xFF, UInt8(truncatingIfNeeded: generator.next())][Int(generator.next() % 3)]
                }
                let checksum = bytes.withUnsafeBytes { StoreChecksum.of(UnsafeRawBufferPointer(rebasing: $0[StoreLayout.headerSize...])) }
                withUnsafeBytes(of: checksum.littleEndian) { for (index, byte) in $0.enumerated() { bytes[24 + index] = byte } }
                let file = cache.appendingPathComponent("mutated-\(round).zsd")
                try Data(bytes).write(to: file)
                do {
                    let opened = try DatasetStore.openStoreFile(file)
                    // Whatever it read, using it must not crash either.
                    _ = opened.units.map(\.geometry)
                } catch {
                    refused += 1
                }
                try FileManager.default.removeItem(at: file)
            }
            // Most changes land in coordinates or text and read back as other values; some in
            // offsets, counts or enumerations and are refused. Both happen.
            #expect(refused > 0 && refused < 300)
        }
    }
}
