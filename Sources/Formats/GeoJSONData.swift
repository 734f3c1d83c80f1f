import Foundation

/// A GeoJSON document already in memory (stdin read whole, an upload), read like a file and named
/// as the caller says in messages.
public struct GeoJSONData: FeatureSource, Sendable {
    public let data: Data
    public let name: String

    public init(data: Data, name: String) {
        self.data = data
        self.name = name
    }

    public func forEachFeature(_ body: (Result<Feature, FeatureError>) throws -> Void) throws {
        // GeoJSONFile reads from a URL; a private temporary file keeps one parser and one set of messages.
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("zonescreen-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).geojson")
        do { try data.write(to: temporary) } catch { throw FeatureError.unreadable(source: name, detail: error.localizedDescription) }
        defer { try? FileManager.default.removeItem(at: temporary) }
        // What the reader throws about the whole document names the temporary file: renamed too (never
        // a server's temporary path in an answer). What `body` throws passes unchanged.
        var bodyFailed = false
        do {
            try GeoJSONFile(url: temporary).forEachFeature { result in
                do {
                    switch result {
                    case .success: try body(result)
                    case .failure(let error): try body(.failure(error.renamingSource(to: name)))
                    }
                } catch {
                    bodyFailed = true
                    throw error
                }
            }
        } catch let error as FeatureError where !bodyFailed {
            throw error.renamingSource(to: name)
        }
    }
}
