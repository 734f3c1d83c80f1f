import Formats
import Foundation

/// Everything the service can be told; `zonescreen serve` fills it from its options.
public struct ServiceConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Largest request body accepted (413 beyond).
    public var maxBodyBytes: Int
    /// Longest a request may take, waiting for an engine included (504 beyond).
    public var requestTimeout: Duration
    /// Screenings running at once: one engine (prepared geometries) each.
    public var maxConcurrentScreenings: Int
    /// Most features accepted by one batch request.
    public var maxBatchFeatures: Int
    /// Longest a client may take to send a whole request (head and body), counted from the connection
    /// opening or the previous response; also how long an idle kept-alive connection stays open.
    public var requestReadTimeout: Duration
    /// Most connections open at once; more are closed as they arrive.
    public var maxConnections: Int
    /// How far an uploaded file may expand while it is read (archive members unpacked, features,
    /// vertices, one value's length); beyond, 413 naming the limit.
    public var uploadLimits: ReadLimits

    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 8 << 20,
                requestTimeout: Duration = .seconds(30), maxConcurrentScreenings: Int = ProcessInfo.processInfo.activeProcessorCount,
                maxBatchFeatures: Int = 10_000, requestReadTimeout: Duration = .seconds(20), maxConnections: Int = 512,
                uploadLimits: ReadLimits = .uploads) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.maxConcurrentScreenings = max(1, maxConcurrentScreenings)
        self.maxBatchFeatures = max(1, maxBatchFeatures)
        self.requestReadTimeout = requestReadTimeout
        self.maxConnections = max(1, maxConnections)
        self.uploadLimits = uploadLimits
    }
}
