import Foundation
import Geometry
import Testing
import Formats
import Wording

/// FeatureCollections are read feature by feature: the cases below are written out by hand, each
/// with the answer a whole-document parse gives (or, for a broken feature, the answer a user wants).
@Suite("GeoJSON collections read feature by feature")
struct GeoJSONStreamingTests {
    static func read(_ text: String) throws -> FeatureBatch {
        let folder = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sites.geojson")
        try Data(text.utf8).write(to: file)
        return try GeoJSONFile(url: file).readAll()
    }

    static let point = #"{"type":"Feature","id":"a","properties":{"名称":"甲, \"乙\" ]}"},"geometry":{"type":"Point","coordinates":[111.5,30.5]}}"#

    @Test("members in any order, strings holding brackets, quotes and commas, a byte-order mark, whitespace")
    func layouts() throws {
        let text = "\u{FEFF} {\n \"features\" : [ \(Self.point) ,\n\t\(Self.point.replacingOccurrences(of: "\"a\"", with: "\"b\"")) ] , \"type\":\"FeatureCollection\", \"name\": \"x\" }\n"
        let batch = try Self.read(text)
        #expect(batch.features.map(\.id) == ["a", "b"])
        #expect(batch.features.first?.properties["名称"] == .string(#"甲, "乙" ]}"#))
        #expect(batch.features.first?.geometry == .point(Coordinate(lon: 111.5, lat: 30.5)))
        #expect(try Self.read(#"{"type":"FeatureCollection","features":[]}"#).features.isEmpty)
    }

    @Test("a feature that is not valid JSON is reported with its number; the features around it are read")
    func brokenFeature() throws {
        let text = #"{"type":"FeatureCollection","features":[\#(Self.point),{"type":"Feature","geometry":nul,"properties":{}},\#(Self.point)]}"#
        let batch = try Self.read(text)
        #expect(batch.features.map(\.index) == [0, 2])
        #expect(batch.problems.count == 1)
        #expect(batch.problems.first?.featureIndex == 1)
        #expect(batch.problems.first?.message(.zh).contains("第 2 个要素") == true)
        #expect(batch.problems.first?.message(.zh).contains("不是合法的 JSON") == true)
    }

    @Test("brackets that do not close fail the whole file before any feature, as a whole-document parse does")
    func brokenStructure() throws {
        let text = #"{"type":"FeatureCollection","features":[\#(Self.point),\#(Self.point)"#
        #expect(throws: FeatureError.self) { try Self.read(text) }
        do { _ = try Self.read(text) } catch let error as FeatureError {
            #expect(error.message(.zh).contains("不是合法的 JSON"))
        }
    }

    @Test("a collection whose type is not FeatureCollection is refused as before")
    func wrongType() throws {
        #expect(throws: FeatureError.self) { try Self.read(#"{"type":"Collection","features":[\#(Self.point)]}"#) }
    }
}
