import Foundation
import Formats
import Geometry
import Outputs
import Testing
import Zoning

/// The one way answered sites become GeoJSON, for the command line and the service alike.
@Suite("Answered features and collections")
struct AnsweredFeatureTests {
    // Corner J1 of Fixtures/sites/vertices_one_parcel.csv: northing 3380410.275, easting 37548120.350 in
    // EPSG:4525; Fixtures/sites/expected.csv gives it (pyproj 3.6, run once) as 111.501476601, 30.542950296.
    static let j1 = Coordinate(x: 37_548_120.350, y: 3_380_410.275)

    @Test("a feature that could not be screened comes back in longitude/latitude from its reader's CRS, its properties kept, the reason under zonescreenError")
    func failedFeatureInDegrees() throws {
        let feature = Feature(id: "J", geometry: .point(Self.j1), properties: ["地块名称": .string("一号地")], index: 4, crs: CRS(epsg: 4525))
        let text = AnsweredFeature.text(feature: feature, id: "J", label: "a.csv 第 5 个要素（J）", index: 4, site: nil,
                                        answer: .failure(AnswerFailure("a.csv 第 5 个要素（J）：站点完全在数据集范围之外")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let coordinates = try #require((object["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        #expect(abs(coordinates[0] - 111.501476601) < 1e-8 && abs(coordinates[1] - 30.542950296) < 1e-8, "\(coordinates)")
        let properties = object["properties"] as? [String: Any]
        #expect(properties?["地块名称"] as? String == "一号地")
        #expect(properties?["zonescreenError"] as? String == "a.csv 第 5 个要素（J）：站点完全在数据集范围之外")
        #expect(object["id"] as? String == "J")
        #expect(object["crs"] == nil)
    }

    @Test("a feature that could not be read at all is named by its ID, else by its label")
    func unreadFeature() throws {
        let text = AnsweredFeature.text(feature: nil, id: nil, label: "request 第 3 个要素", index: 2, site: nil, answer: .failure(AnswerFailure("bad")))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "request 第 3 个要素")
        #expect(object["geometry"] is NSNull)
    }

    @Test("an answer goes in whole under zonescreen, and the geometry is the site's, a web-map offset removed")
    func answeredFeature() throws {
        // 高德 (GCJ-02) 111.73706420651364, 30.526596965203083 is demo site S01's WGS 84 point
        // 111.7312807, 30.5291253 (prcoords 1.0.2, as in ServiceTests).
        let site = Site(id: "S01", geometry: .point(Coordinate(x: 111.73706420651364, y: 30.526596965203083)), webMapDatum: .gcj02)
        let feature = Feature(id: "S01", geometry: site.geometry, properties: ["备注": .number(3)], index: 0)
        let text = AnsweredFeature.text(feature: feature, id: "S01", label: "S01", index: 0, site: site,
                                        answer: .success(Data(#"{"verdict":"prohibited"}"#.utf8)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let properties = object["properties"] as? [String: Any]
        #expect((properties?["zonescreen"] as? [String: Any])?["verdict"] as? String == "prohibited")
        #expect(properties?["备注"] as? Int == 3)
        let coordinates = try #require((object["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        // GCJ-02 removal is approximate to about a metre (1e-5 degrees).
        #expect(abs(coordinates[0] - 111.7312807) < 1e-5 && abs(coordinates[1] - 30.5291253) < 1e-5, "\(coordinates)")
    }

    @Test("a collection is one JSON document in both layouts; a feature per line for files, no line breaks for the service",
          arguments: [FeatureCollectionLayout.Style.featurePerLine, .compact])
    func collection(style: FeatureCollectionLayout.Style) throws {
        let layout = FeatureCollectionLayout(style)
        let features = [#"{"type":"Feature","geometry":null,"properties":{"n":1}}"#, #"{"type":"Feature","geometry":null,"properties":{"n":2}}"#]
        var data = layout.head(dataset: Data(#"{"name":"demo"}"#.utf8))
        for (position, feature) in features.enumerated() { data += layout.separator(before: position) + Data(feature.utf8) }
        data += layout.tail(clauses: Data(#","clauses":{}"#.utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "FeatureCollection")
        #expect((object["features"] as? [Any])?.count == 2)
        #expect((object["dataset"] as? [String: Any])?["name"] as? String == "demo")
        #expect(object["clauses"] is [String: Any])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        switch style {
        case .featurePerLine: #expect(lines.count == 4 && lines[1].hasPrefix(#"{"type":"Feature""#))
        case .compact: #expect(lines.count == 1)
        }
    }
}
