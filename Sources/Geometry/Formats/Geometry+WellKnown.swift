internal import CGEOS
import Foundation

// WKT and WKB through GEOS's own readers and writers.

extension Geometry {
    /// Parses Well-Known Text, e.g. `POLYGON((0 0, 1 0, 1 1, 0 0))`.
    public init(wkt: String) throws(GeometryError) {
        self = try withGEOS { context throws(GeometryError) in
            guard let reader = GEOSWKTReader_create_r(context.handle) else { throw context.failure("GEOSWKTReader_create") }
            defer { GEOSWKTReader_destroy_r(context.handle, reader) }
            guard let pointer = GEOSWKTReader_read_r(context.handle, reader, wkt) else {
                if case .libraryFailed(_, _, let message) = context.failure("GEOSWKTReader_read") {
                    throw .invalidInput(.malformedWKT(detail: message))
                }
                throw .invalidInput(.malformedWKT(detail: wkt))
            }
            let geometry = try GEOSGeometry(context: context, taking: pointer).toGeometry()
            try geometry.checkStructure()
            return geometry
        }
    }

    /// Parses Well-Known Binary (either byte order; ISO or extended 2-D/3-D forms).
    public init(wkb: [UInt8]) throws(GeometryError) {
        self = try withGEOS { context throws(GeometryError) in
            guard let reader = GEOSWKBReader_create_r(context.handle) else { throw context.failure("GEOSWKBReader_create") }
            defer { GEOSWKBReader_destroy_r(context.handle, reader) }
            let pointer = wkb.withUnsafeBufferPointer { buffer in
                GEOSWKBReader_read_r(context.handle, reader, buffer.baseAddress, buffer.count)
            }
            guard let pointer else {
                if case .libraryFailed(_, _, let message) = context.failure("GEOSWKBReader_read") {
                    throw .invalidInput(.malformedWKB(detail: message))
                }
                throw .invalidInput(.malformedWKB(detail: "\(wkb.count) bytes"))
            }
            let geometry = try GEOSGeometry(context: context, taking: pointer).toGeometry()
            try geometry.checkStructure()
            return geometry
        }
    }

    /// Well-Known Text with coordinates in full precision (trailing zeros trimmed).
    public func wkt() throws(GeometryError) -> String {
        try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            guard let writer = GEOSWKTWriter_create_r(context.handle) else { throw context.failure("GEOSWKTWriter_create") }
            defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
            GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
            GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, -1)
            GEOSWKTWriter_setOutputDimension_r(context.handle, writer, 2)
            return try context.takeString(GEOSWKTWriter_write_r(context.handle, writer, geometry.pointer), "GEOSWKTWriter_write")
        }
    }

    /// Well-Known Binary, little-endian, 2-D, ISO flavour.
    public func wkb() throws(GeometryError) -> [UInt8] {
        try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            guard let writer = GEOSWKBWriter_create_r(context.handle) else { throw context.failure("GEOSWKBWriter_create") }
            defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
            GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
            GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
            GEOSWKBWriter_setFlavor_r(context.handle, writer, Int32(GEOS_WKB_ISO.rawValue))
            var size = 0
            guard let bytes = GEOSWKBWriter_write_r(context.handle, writer, geometry.pointer, &size) else {
                throw context.failure("GEOSWKBWriter_write")
            }
            defer { GEOSFree_r(context.handle, bytes) }
            return Array(UnsafeBufferPointer(start: bytes, count: size))
        }
    }
}
