internal import CPROJ
import Foundation

/// Transforms coordinates between two CRSs with PROJ. Owns its `PJ_CONTEXT` and `PJ`; axis order is
/// normalised at creation to lon/lat and easting/northing.
///
/// Not Sendable: a PROJ context belongs to one thread at a time. Create one per worker and reuse it
/// (creation looks up proj.db and costs milliseconds; a transform costs well under a microsecond).
public final class CoordinateTransformer {
    public let source: CRS
    public let target: CRS
    /// PROJ's description of the operation it chose, e.g. "Inverse of ... + Gauss-Kruger zone 36".
    public let operationDescription: String
    /// True when PROJ found no published datum shift and uses its "ballpark" operation: for Xian 1980
    /// and Beijing 1954 to CGCS2000 only the ellipsoid changes (errors of tens of metres); CGCS2000 to
    /// WGS 84 is ballpark too (an identity, correct to well under a metre).
    public let isBallpark: Bool

    private let context: OpaquePointer
    private let operation: OpaquePointer
    private let log: LogBox
    private let sourceIsGeographic: Bool

    private final class LogBox {
        var messages: [String] = []
    }

    /// - Parameter searchPaths: where to look for proj.db instead of PROJ's defaults (tests use it
    ///   to show the error when the database is missing).
    public init(from source: CRS, to target: CRS, searchPaths: [String]? = nil) throws(GeometryError) {
        self.source = source
        self.target = target
        guard let context = proj_context_create() else {
            throw .libraryFailed(library: "PROJ", operation: "proj_context_create", message: "no context")
        }
        let log = LogBox()
        self.log = log
        proj_log_func(context, Unmanaged.passUnretained(log).toOpaque()) { userData, _, message in
            guard let userData, let message else { return }
            Unmanaged<LogBox>.fromOpaque(userData).takeUnretainedValue().messages.append(String(cString: message))
        }
        proj_log_level(context, PJ_LOG_ERROR)
        if let searchPaths {
            Self.withCStrings(searchPaths) { proj_context_set_search_paths(context, Int32(searchPaths.count), $0) }
        }
        func fail(_ problem: GeometryError) -> GeometryError {
            proj_context_destroy(context)
            return problem
        }
        for crs in [source, target] where proj_context_get_database_path(context) == nil || !Self.crsExists(crs.withoutDatumShift, context) {
            let detail = log.messages.last ?? "EPSG:\(crs.epsg)"
            if proj_context_get_database_path(context) == nil || detail.contains("proj.db") {
                throw fail(.invalidInput(.projDatabaseMissing(detail: detail)))
            }
            throw fail(.invalidInput(.unknownCRS(crs.description, detail: detail)))
        }
        let shifted = source.datumShift != nil || target.datumShift != nil
        guard let sourceDefinition = Self.definition(source, context, boundIfPlain: shifted),
              let targetDefinition = Self.definition(target, context, boundIfPlain: shifted) else {
            throw fail(.libraryFailed(library: "PROJ", operation: "proj_as_proj_string",
                                      message: log.messages.last ?? Self.errorText(context)))
        }
        guard let raw = proj_create_crs_to_crs(context, sourceDefinition, targetDefinition, nil) else {
            throw fail(.libraryFailed(library: "PROJ", operation: "proj_create_crs_to_crs",
                                      message: log.messages.last ?? Self.errorText(context)))
        }
        let normalised = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalised else {
            throw fail(.libraryFailed(library: "PROJ", operation: "proj_normalize_for_visualization",
                                      message: log.messages.last ?? Self.errorText(context)))
        }
        self.context = context
        self.operation = normalised
        let info = proj_pj_info(normalised)
        self.operationDescription = info.description.map { String(cString: $0) } ?? ""
        self.isBallpark = operationDescription.localizedCaseInsensitiveContains("ballpark")
        self.sourceIsGeographic = Self.isGeographic(source, context)
    }

    deinit {
        proj_destroy(operation)  // the PJ first, then the context it was made in
        proj_context_destroy(context)
    }

    /// Transforms the buffer in place, in one PROJ call. Fails naming the first coordinate that is
    /// out of range or that PROJ could not transform; the buffer is then left unchanged.
    public func transform(_ coordinates: inout [Coordinate]) throws(GeometryError) {
        if coordinates.isEmpty { return }
        for (index, point) in coordinates.enumerated() {
            guard point.isFinite else { throw .invalidInput(.nonFiniteCoordinate(index: index)) }
            if sourceIsGeographic {
                if !(-90...90).contains(point.y) { throw .invalidInput(.latitudeOutOfRange(index: index, latitude: point.y)) }
                if !(-180...180).contains(point.x) { throw .invalidInput(.longitudeOutOfRange(index: index, longitude: point.x)) }
            }
        }
        var output = coordinates
        let count = output.count
        let stride = MemoryLayout<Coordinate>.stride
        proj_errno_reset(operation)
        output.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: Double.self) else { return }
            // Interleaved x,y pairs: x at offset 0, y at offset 8 of each 16-byte Coordinate.
            _ = proj_trans_generic(operation, PJ_FWD, base, stride, count, base + 1, stride, count, nil, 0, 0, nil, 0, 0)
        }
        if let bad = output.firstIndex(where: { !$0.isFinite }) {
            let detail = log.messages.last ?? Self.errorText(context, proj_errno(operation))
            throw .invalidInput(.transformFailed(index: bad, coordinate: coordinates[bad], detail: detail))
        }
        coordinates = output
    }

    public func transform(_ point: Coordinate) throws(GeometryError) -> Coordinate {
        var buffer = [point]
        try transform(&buffer)
        return buffer[0]
    }

    /// The geometry with every coordinate transformed (one PROJ call for all of them).
    public func transform(_ geometry: Geometry) throws(GeometryError) -> Geometry {
        try geometry.checkStructure()
        var buffer = geometry.coordinates
        try transform(&buffer)
        return geometry.replacingCoordinates(with: buffer)
    }

    /// A transformer kept for reuse by the calling thread: the per-call measures (area, distance,
    /// buffer of a single geometry) would otherwise pay about a millisecond to create one each time.
    /// Thread-local because a PROJ context must not be used by two threads at once; these functions
    /// are synchronous, so a call never moves to another thread midway.
    static func cached(from source: CRS, to target: CRS) throws(GeometryError) -> CoordinateTransformer {
        let key = "zonescreen.transformer.\(source).\(target)"
        let dictionary = Thread.current.threadDictionary
        if let cached = dictionary[key] as? CoordinateTransformer { return cached }
        let made = try CoordinateTransformer(from: source, to: target)
        dictionary[key] = made
        return made
    }

    /// What PROJ is given for a CRS: "EPSG:n", or, with a survey's own datum shift, the EPSG
    /// definition as a PROJ string with `+towgs84` in place of whatever shift it carried.
    /// `boundIfPlain`: the other side has a shift, so a CGCS2000 or WGS 84 CRS on this side is written
    /// with a zero `+towgs84` too. Without it PROJ finds no path between the survey's bound CRS and
    /// EPSG:4490 and falls back to its ballpark operation, dropping the seven parameters.
    private static func definition(_ crs: CRS, _ context: OpaquePointer, boundIfPlain: Bool) -> String? {
        if crs.datumShift == nil && !boundIfPlain { return crs.description }
        guard let object = proj_create(context, "EPSG:\(crs.epsg)") else { return nil }
        defer { proj_destroy(object) }
        guard let text = proj_as_proj_string(context, object, PJ_PROJ_4, nil) else { return nil }
        var kept = String(cString: text).split(separator: " ").map(String.init).filter { !$0.hasPrefix("+towgs84=") && $0 != "+type=crs" }
        if let shift = crs.datumShift {
            kept.append("+towgs84=\(shift.towgs84)")
        } else {
            let grs80OrWGS84 = kept.contains { ["+ellps=GRS80", "+ellps=WGS84", "+datum=WGS84"].contains($0) }
            guard grs80OrWGS84 else { return crs.description }
            kept.append("+towgs84=0,0,0,0,0,0,0")
        }
        return (kept + ["+type=crs"]).joined(separator: " ")
    }

    private static func crsExists(_ crs: CRS, _ context: OpaquePointer) -> Bool {
        guard let object = proj_create(context, crs.description) else { return false }
        proj_destroy(object)
        return true
    }

    private static func isGeographic(_ crs: CRS, _ context: OpaquePointer) -> Bool {
        guard let object = proj_create(context, "EPSG:\(crs.epsg)") else { return false }
        defer { proj_destroy(object) }
        let type = proj_get_type(object)
        return type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS
    }

    private static func errorText(_ context: OpaquePointer, _ code: Int32? = nil) -> String {
        let errno = code ?? proj_context_errno(context)
        guard errno != 0, let text = proj_context_errno_string(context, errno) else { return "PROJ error \(errno)" }
        return String(cString: text)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let duplicated = strings.map { UnsafePointer(strdup($0)) }
        defer { duplicated.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        return duplicated.withUnsafeBufferPointer { buffer in
            // An empty list still needs a valid pointer.
            buffer.baseAddress.map(body) ?? body(UnsafePointer(bitPattern: 8)!)
        }
    }
}

extension Geometry {
    /// The geometry in `target`, through a transformer kept for the calling thread; itself when the CRSs are equal.
    public func transformed(from source: CRS, to target: CRS) throws(GeometryError) -> Geometry {
        if source == target { return self }
        return try CoordinateTransformer.cached(from: source, to: target).transform(self)
    }
}
