import Foundation
import Geometry
import Testing
import Formats
import Wording

@Suite("GeoJSON files")
struct GeoJSONFileTests {
    static let mixed = FormatsFixtures.url("formats/three_features_one_bad.geojson")

    @Test("both good features are read and the bad one is reported with its index and id")
    func oneBadFeatureDoesNotLoseTheOthers() throws {
        // The fixture (see its README) holds park-1 (good), park-2 (ring not closed) and id 3 (good).
        let batch = try GeoJSONFile(url: Self.mixed).readAll()
        #expect(batch.features.map(\.id) == ["park-1", "3"])
        #expect(batch.features.map(\.index) == [0, 2])
        #expect(batch.problems.count == 1)
        let problem = try #require(batch.problems.first)
        #expect(problem.featureIndex == 1)
        #expect(problem.featureID == "park-2")
        let message = problem.message(.zh)
        #expect(message.contains(Self.mixed.path))
        #expect(message.contains("第 2 个要素（id park-2）"))
        #expect(message.contains("第 1 个环未闭合"))
        #expect(problem.message(.en).contains("feature 2 (id park-2)"))
    }

    @Test("properties keep their JSON kinds and the geometry its coordinates")
    func propertiesAndGeometry() throws {
        let first = try #require(try GeoJSONFile(url: Self.mixed).readAll().features.first)
        #expect(first.properties["name"] == .string("两江园区"))
        #expect(first.properties["area_ha"] == .number(12.5))
        #expect(first.properties["class"]?.text == "2")
        #expect(first.properties["active"] == .bool(true))
        #expect(first.properties["note"] == .null)
        // The fixture's ring, written out: four positions, first repeated last.
        #expect(first.geometry == .polygon(Polygon(exterior: [
            Coordinate(lon: 106.5, lat: 29.5), Coordinate(lon: 106.6, lat: 29.5),
            Coordinate(lon: 106.6, lat: 29.6), Coordinate(lon: 106.5, lat: 29.5),
        ])))
    }

    @Test("features() stops at the bad feature, naming it")
    func strictReading() throws {
        #expect(throws: FeatureError.self) { try GeoJSONFile(url: Self.mixed).features() }
    }

    @Test("a single Feature and a bare geometry each read as one feature")
    func singleFeatureAndBareGeometry() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let featureURL = directory.appendingPathComponent("one.geojson")
        try Data(#"{"type":"Feature","id":7,"geometry":null,"properties":{"k":"v"}}"#.utf8).write(to: featureURL)
        let feature = try #require(try GeoJSONFile(url: featureURL).features().first)
        // A numeric id is kept as its text; a null geometry is an unlocated feature, not an error.
        #expect(feature.id == "7")
        #expect(feature.geometry == nil)
        #expect(feature.properties == ["k": .string("v")])

        let geometryURL = directory.appendingPathComponent("point.geojson")
        try Data(#"{"type":"Point","coordinates":[106.5,29.5]}"#.utf8).write(to: geometryURL)
        let bare = try GeoJSONFile(url: geometryURL).features()
        #expect(bare == [Feature(id: nil, geometry: .point(Coordinate(lon: 106.5, lat: 29.5)), properties: [:], index: 0)])
    }

    @Test("a file that is missing or not JSON is a whole-file error naming the path")
    func wholeFileErrors() throws {
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("missing.geojson")
        do {
            _ = try GeoJSONFile(url: missing).readAll()
            Issue.record("a missing file was read")
        } catch let error as FeatureError {
            guard case .unreadable(let source, _) = error else {
                Issue.record("expected unreadable, got \(error)")
                return
            }
            #expect(source == missing.path)
        }

        let garbage = directory.appendingPathComponent("garbage.geojson")
        try Data("not json at all".utf8).write(to: garbage)
        do {
            _ = try GeoJSONFile(url: garbage).readAll()
            Issue.record("a non-JSON file was read")
        } catch let error as FeatureError {
            guard case .notJSON(let source, _) = error else {
                Issue.record("expected notJSON, got \(error)")
                return
            }
            #expect(source == garbage.path)
            #expect(error.message(.zh).hasPrefix("\(garbage.path) 不是合法的 JSON"))
        }
    }

    @Test("a FeatureCollection written out reads back to the same features")
    func collectionRoundTrip() throws {
        let features = try GeoJSONFile(url: Self.mixed).readAll().features
        let directory = try FormatsFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.geojson")
        try GeoJSONWriter.featureCollection(features).write(to: url)
        let again = try GeoJSONFile(url: url).features()
        // Indexes are positions in the new file (0, 1); everything else must be identical.
        #expect(again.map(\.index) == [0, 1])
        #expect(again.map(\.id) == features.map(\.id))
        #expect(again.map(\.geometry) == features.map(\.geometry))
        #expect(again.map(\.properties) == features.map(\.properties))
    }

    @Test("writer output is compact, ordered and escapes what JSON requires")
    func writerText() {
        let feature = Feature(id: "a\"1", geometry: .point(Coordinate(x: 1, y: 2.5)),
                              properties: ["b": .number(2), "a": .string("x\ny"), "c": .number(.nan)])
        // By hand: members type, id, geometry, properties; keys sorted; 2.0 as 2; NaN as null.
        let expected = #"{"type":"Feature","id":"a\"1","geometry":{"type":"Point","coordinates":[1,2.5]},"#
            + #""properties":{"a":"x\ny","b":2,"c":null}}"#
        #expect(String(decoding: GeoJSONWriter.feature(feature), as: UTF8.self) == expected)
    }
}
