// Optional direct access to the C libraries, for reference numbers only. GeometryBenchmark declares
// a dependency on Geometry alone; the C modules are visible here only because Geometry imports them
// publicly. Everything degrades gracefully when they are not importable.

#if canImport(CGEOS)
import CGEOS
#endif
#if canImport(CPROJ)
import CPROJ
#endif

/// " (runtime: GEOS x, PROJ y)" when the linked libraries can be asked directly.
func runtimeLibraryVersions() -> String {
    var parts: [String] = []
    #if canImport(CGEOS)
    if let version = GEOSversion() { parts.append("GEOS \(String(cString: version))") }
    #endif
    #if canImport(CPROJ)
    let info = proj_info()
    if let release = info.version { parts.append("PROJ \(String(cString: release))") }
    #endif
    return parts.isEmpty ? "" : "; linked: " + parts.joined(separator: ", ")
}

/// geod_inverse with one geod_geodesic initialised once, to show what `Geodesic.distance`'s
/// per-call `geod_init` costs. Nil when CPROJ cannot be imported.
struct CachedGeodesic {
    #if canImport(CPROJ)
    private var geodesic = geod_geodesic()
    #endif

    init?(semiMajorAxis: Double, flattening: Double) {
        #if canImport(CPROJ)
        geod_init(&geodesic, semiMajorAxis, flattening)
        #else
        return nil
        #endif
    }

    mutating func distance(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        #if canImport(CPROJ)
        var s12 = 0.0
        geod_inverse(&geodesic, lat1, lon1, lat2, lon2, &s12, nil, nil)
        return s12
        #else
        return .nan
        #endif
    }
}
