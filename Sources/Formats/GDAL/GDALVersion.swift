internal import CGDAL

/// The GDAL library actually loaded, for reports and self-checks.
public enum GDALVersion {
    public static var release: String { GDALVersionInfo("RELEASE_NAME").map { String(cString: $0) } ?? "?" }
}
