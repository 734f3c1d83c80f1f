import Geometry

/// Measures geometries held in the working CRS by the dataset's method: planar there, or on the
/// ellipsoid after bringing them back to longitude/latitude.
struct ZoneMeasurer {
    let method: MeasureMethod
    /// `method` as results label it.
    let label: (method: String, crs: String?)
    /// Working CRS → CGCS2000 geographic, for ellipsoidal measures.
    private let toGeographic: CoordinateTransformer?

    init(dataset: Dataset) throws(GeometryError) {
        method = dataset.measurement
        label = MeasureLabel.of(dataset.measurement)
        if case .ellipsoidal = dataset.measurement {
            toGeographic = try CoordinateTransformer(from: dataset.workingCRS, to: .cgcs2000)
        } else {
            toGeographic = nil
        }
    }

    func area(_ geometry: Geometry) throws(GeometryError) -> Area {
        if let toGeographic {
            return Area(squareMetres: Geodesic.cgcs2000.area(of: try toGeographic.transform(geometry)), method: method)
        }
        return Area(squareMetres: try geometry.planarArea(), method: method)
    }

    func length(_ geometry: Geometry) throws(GeometryError) -> Length {
        if let toGeographic {
            return Length(metres: Geodesic.cgcs2000.length(of: try toGeographic.transform(geometry)), method: method)
        }
        return Length(metres: try geometry.planarLength(), method: method)
    }

    /// Converts a planar distance found by the index into the dataset's method.
    func distance(planar: Double, between site: Geometry, and other: Geometry) throws(GeometryError) -> Length {
        guard let toGeographic, planar > 0 else { return Length(metres: planar, method: method) }
        let (a, b) = try site.nearestPoints(to: other)
        return Length(metres: Geodesic.cgcs2000.distance(try toGeographic.transform(a), try toGeographic.transform(b)), method: method)
    }
}
