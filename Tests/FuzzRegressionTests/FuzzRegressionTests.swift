import Foundation
import FuzzTargets
import Testing
import TestSupport

/// Every input under `Fixtures/fuzz/<target>/` once crashed, hung or exhausted memory in that fuzz
/// target (see `Fixtures/fuzz/README.md`); each must now be read (or refused with an error) within
/// libFuzzer's time limit, through the same entry the fuzzer calls.
struct FuzzRegressionTests {
    static let folder = FixtureTable.url("fuzz")

    /// (target, file name) for every regression input.
    static let inputs: [RegressionInput] = {
        let manager = FileManager.default
        let targets = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
        return targets.sorted().flatMap { target -> [RegressionInput] in
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder.appendingPathComponent(target).path, isDirectory: &isDirectory),
                  isDirectory.boolValue else { return [] }
            let files = (try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path)) ?? []
            return files.sorted().map { RegressionInput(target: target, file: $0) }
        }
    }()

    @Test("every folder under Fixtures/fuzz names a fuzz target, and the corpus is there")
    func foldersNameTargets() throws {
        // A missing or moved Fixtures/fuzz would otherwise make the parameterised test below run nothing and pass.
        try #require(!Self.inputs.isEmpty, "no regression inputs under \(Self.folder.path)")
        #expect(Set(Self.inputs.map(\.target)) == ["upload", "yaml"])  // the two folders Fixtures/fuzz/README.md lists
        for target in Set(Self.inputs.map(\.target)) {
            #expect(FuzzTargets.target(named: target) != nil, "Fixtures/fuzz/\(target) is not a fuzz target")
        }
    }

    @Test("a regression input returns within libFuzzer's 10 s limit", arguments: inputs)
    func regressionInput(_ input: RegressionInput) throws {
        let run = try #require(FuzzTargets.target(named: input.target))
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(input.target).appendingPathComponent(input.file))
        let clock = ContinuousClock()
        let elapsed = clock.measure { run(data) }
        #expect(elapsed < .seconds(10))
    }
}

struct RegressionInput: Sendable, CustomTestStringConvertible {
    let target: String
    let file: String
    var testDescription: String { "\(target)/\(file)" }
}
