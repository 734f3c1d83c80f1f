/// How far one input may expand while it is read, each limit checked as the input is read (never
/// after the whole of it is in memory), with the setting that raises it named in the refusal.
public struct ReadLimits: Hashable, Sendable {
    public struct Bound: Hashable, Sendable {
        public var value: Int
        /// What raises it: an option ("--max-features") or an environment variable.
        public var setting: String

        public init(_ value: Int, setting: String) {
            self.value = max(1, value)
            self.setting = setting
        }
    }

    /// The members of one archive (KMZ, XLSX, a zipped Shapefile) unpacked, all together, in bytes.
    public var unpackedBytes: Bound
    /// Features (table rows) of one file.
    public var features: Bound
    /// Vertices of one feature's geometry.
    public var vertices: Bound
    /// One attribute value, in bytes.
    public var stringBytes: Bound

    public init(unpackedBytes: Bound, features: Bound, vertices: Bound, stringBytes: Bound) {
        self.unpackedBytes = unpackedBytes
        self.features = features
        self.vertices = vertices
        self.stringBytes = stringBytes
    }

    /// The command line's: files the user chose, raised by environment variables (`InputLimits`).
    public static let files = ReadLimits(
        unpackedBytes: Bound(InputLimits.unpackedBytes.value, setting: InputLimits.unpackedBytes.variable),
        features: Bound(InputLimits.features.value, setting: InputLimits.features.variable),
        vertices: Bound(InputLimits.vertices.value, setting: InputLimits.vertices.variable),
        stringBytes: Bound(InputLimits.stringBytes.value, setting: InputLimits.stringBytes.variable))

    /// The service's defaults for uploads from anyone: a boundary file of one project unpacks to a few
    /// megabytes and has at most thousands of rows. Each is a `zonescreen serve` option.
    public static let uploads = ReadLimits(
        unpackedBytes: Bound(64 << 20, setting: "--max-unpacked-bytes"),
        features: Bound(100_000, setting: "--max-features"),
        vertices: Bound(InputLimits.vertices.standard, setting: "--max-vertices"),
        stringBytes: Bound(16 << 20, setting: "--max-string-bytes"))
}
