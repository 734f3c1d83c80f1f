internal import CGEOS

/// Owns one GEOS geometry made in `context`, and destroys it when released. The context is held
/// strongly because GEOS requires it to outlive every geometry made with it.
final class GEOSGeometry {
    let context: GEOSContext
    let pointer: OpaquePointer

    init(context: GEOSContext, taking pointer: OpaquePointer) {
        self.context = context
        self.pointer = pointer
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, pointer)
    }

    /// Wraps a pointer a GEOS constructive call returned, or throws GEOS's message when it is NULL.
    static func take(_ pointer: OpaquePointer?, in context: GEOSContext, _ operation: String) throws(GeometryError) -> GEOSGeometry {
        guard let pointer else { throw context.failure(operation) }
        return GEOSGeometry(context: context, taking: pointer)
    }

    var isEmpty: Bool { GEOSisEmpty_r(context.handle, pointer) == 1 }

    func area() throws(GeometryError) -> Double {
        var value = 0.0
        guard GEOSArea_r(context.handle, pointer, &value) == 1 else { throw context.failure("GEOSArea") }
        return value
    }

    func length() throws(GeometryError) -> Double {
        var value = 0.0
        guard GEOSLength_r(context.handle, pointer, &value) == 1 else { throw context.failure("GEOSLength") }
        return value
    }

    func distance(to other: GEOSGeometry) throws(GeometryError) -> Double {
        var value = 0.0
        guard GEOSDistance_r(context.handle, pointer, other.pointer, &value) == 1 else {
            throw context.failure("GEOSDistance")
        }
        return value
    }
}
