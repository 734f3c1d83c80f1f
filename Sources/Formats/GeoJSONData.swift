import Foundation

/// A GeoJSON document already in memory (stdin read whole, an upload, a request body), read like a
/// file and named as the caller says in messages. Parsed where it lies, once.
public struct GeoJSONData: FeatureSource, Sendable {
    public let data: Data
    public let name: String
    /// Only a FeatureCollection will do: any other document throws `FeatureError.notGeoJSON` before
    /// a feature is delivered.
    public var requireFeatureCollection: Bool

    public init(data: Data, name: String, requireFeatureCollection: Bool = false) {
        self.data = data
        self.name = name
        self.requireFeatureCollection = requireFeatureCollection
    }

    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        try GeoJSONDocument(name: name, requireCollection: requireFeatureCollection).forEachFeature(in: data, body)
    }
}
