/// The two kinds of failure in the geometry layer: the input is wrong (the user can fix it), or the
/// library (GEOS, PROJ) failed, in which case its own message is carried unchanged.
public enum GeometryError: Error, Equatable, Sendable {
    case invalidInput(InputProblem)
    case libraryFailed(library: String, operation: String, message: String)
}

/// What is wrong with an input, in terms a user can act on.
public enum InputProblem: Equatable, Sendable {
    case ringNotClosed(ring: Int, first: Coordinate, last: Coordinate)
    case tooFewPoints(kind: String, count: Int, minimum: Int)
    case nonFiniteCoordinate(index: Int)
    case latitudeOutOfRange(index: Int, latitude: Double)
    case longitudeOutOfRange(index: Int, longitude: Double)
    case emptyGeometry(operation: String)
    case unknownCRS(String, detail: String)
    case unsupportedCRS(String, reason: String)
    case projDatabaseMissing(detail: String)
    case transformFailed(index: Int, coordinate: Coordinate, detail: String)
    case gaussKrugerZoneOutOfRange(zone: Int)
    case eastingWithoutZonePrefix(easting: Double)
    case malformedWKT(detail: String)
    case malformedWKB(detail: String)
    case malformedGeoJSON(path: String, problem: GeoJSONProblem)
    case invalidDistance(Double)
}
