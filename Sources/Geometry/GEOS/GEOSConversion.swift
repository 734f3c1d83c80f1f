internal import CGEOS

// Conversion between the Swift `Geometry` value and GEOS geometries. Coordinates cross in whole
// buffers (GEOSCoordSeq_copyFromBuffer / copyToBuffer), never point by point.

extension Geometry {
    /// Builds the GEOS form in `context`. Structure is checked first so that bad input gets an input
    /// error rather than a GEOS exception.
    func makeGEOS(in context: GEOSContext) throws(GeometryError) -> GEOSGeometry {
        try checkStructure()
        return try GEOSGeometry.take(buildUnchecked(context), in: context, "create \(typeName)")
    }

    /// Returns an owned pointer or nil (GEOS's message then waits in the context).
    private func buildUnchecked(_ context: GEOSContext) -> OpaquePointer? {
        let handle = context.handle
        switch self {
        case .point(let point):
            return GEOSGeom_createPointFromXY_r(handle, point.x, point.y)
        case .lineString(let points):
            if points.isEmpty { return GEOSGeom_createEmptyLineString_r(handle) }
            guard let sequence = Self.sequence(points, context) else { return nil }
            return GEOSGeom_createLineString_r(handle, sequence)  // takes ownership of the sequence
        case .polygon(let polygon):
            return Self.buildPolygon(polygon, context)
        case .multiPoint(let points):
            return Self.collection(GEOS_MULTIPOINT, points.map { Geometry.point($0) }, context)
        case .multiLineString(let lines):
            return Self.collection(GEOS_MULTILINESTRING, lines.map { Geometry.lineString($0) }, context)
        case .multiPolygon(let polygons):
            return Self.collection(GEOS_MULTIPOLYGON, polygons.map { Geometry.polygon($0) }, context)
        case .geometryCollection(let members):
            return Self.collection(GEOS_GEOMETRYCOLLECTION, members, context)
        }
    }

    private static func sequence(_ points: [Coordinate], _ context: GEOSContext) -> OpaquePointer? {
        precondition(MemoryLayout<Coordinate>.stride == 2 * MemoryLayout<Double>.stride)
        return points.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                // Coordinate is two stored Doubles, x then y: the interleaved XY layout GEOS expects.
                GEOSCoordSeq_copyFromBuffer_r(context.handle, doubles.baseAddress, UInt32(points.count), 0, 0)
            }
        }
    }

    private static func ring(_ points: [Coordinate], _ context: GEOSContext) -> OpaquePointer? {
        guard let sequence = sequence(points, context) else { return nil }
        return GEOSGeom_createLinearRing_r(context.handle, sequence)  // takes ownership of the sequence
    }

    private static func buildPolygon(_ polygon: Polygon, _ context: GEOSContext) -> OpaquePointer? {
        let handle = context.handle
        if polygon.exterior.isEmpty { return GEOSGeom_createEmptyPolygon_r(handle) }
        guard let shell = ring(polygon.exterior, context) else { return nil }
        var holes: [OpaquePointer?] = []
        for hole in polygon.holes {
            guard let made = ring(hole, context) else {
                GEOSGeom_destroy_r(handle, shell)
                holes.forEach { if let h = $0 { GEOSGeom_destroy_r(handle, h) } }
                return nil
            }
            holes.append(made)
        }
        // The polygon takes ownership of the shell and every hole.
        return holes.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress, UInt32(buffer.count))
        }
    }

    private static func collection(_ type: GEOSGeomTypes, _ members: [Geometry], _ context: GEOSContext) -> OpaquePointer? {
        let handle = context.handle
        var parts: [OpaquePointer?] = []
        for member in members {
            guard let part = member.buildUnchecked(context) else {
                parts.forEach { if let p = $0 { GEOSGeom_destroy_r(handle, p) } }
                return nil
            }
            parts.append(part)
        }
        // The collection takes ownership of every part.
        return parts.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
    }
}

extension GEOSGeometry {
    /// The Swift value of this GEOS geometry (2-D; any Z is dropped).
    func toGeometry() throws(GeometryError) -> Geometry {
        try Self.convert(pointer, context)
    }

    private static func convert(_ geometry: OpaquePointer, _ context: GEOSContext) throws(GeometryError) -> Geometry {
        let handle = context.handle
        let type = GEOSGeomTypeId_r(handle, geometry)
        let empty = GEOSisEmpty_r(handle, geometry) == 1
        switch GEOSGeomTypes(rawValue: UInt32(type)) {
        case GEOS_POINT:
            if empty { return .multiPoint([]) }
            let points = try coordinates(of: geometry, context)
            guard let point = points.first else { throw context.failure("read Point") }
            return .point(point)
        case GEOS_LINESTRING, GEOS_LINEARRING:
            return .lineString(empty ? [] : try coordinates(of: geometry, context))
        case GEOS_POLYGON:
            return empty ? .multiPolygon([]) : .polygon(try polygon(geometry, context))
        case GEOS_MULTIPOINT:
            return .multiPoint(try parts(geometry, context).compactMap {
                if case .point(let p) = $0 { return p } else { return nil }
            })
        case GEOS_MULTILINESTRING:
            return .multiLineString(try parts(geometry, context).compactMap {
                if case .lineString(let l) = $0 { return l } else { return nil }
            })
        case GEOS_MULTIPOLYGON:
            return .multiPolygon(try parts(geometry, context).compactMap {
                if case .polygon(let p) = $0 { return p } else { return nil }
            })
        case GEOS_GEOMETRYCOLLECTION:
            return .geometryCollection(try parts(geometry, context))
        default:
            throw context.failure("GEOSGeomTypeId")
        }
    }

    private static func parts(_ geometry: OpaquePointer, _ context: GEOSContext) throws(GeometryError) -> [Geometry] {
        let count = GEOSGetNumGeometries_r(context.handle, geometry)
        guard count >= 0 else { throw context.failure("GEOSGetNumGeometries") }
        var result: [Geometry] = []
        result.reserveCapacity(Int(count))
        for index in 0..<count {
            // Borrowed pointer: owned by the parent geometry.
            guard let part = GEOSGetGeometryN_r(context.handle, geometry, index) else {
                throw context.failure("GEOSGetGeometryN")
            }
            result.append(try convert(part, context))
        }
        return result
    }

    private static func polygon(_ geometry: OpaquePointer, _ context: GEOSContext) throws(GeometryError) -> Polygon {
        let handle = context.handle
        guard let shell = GEOSGetExteriorRing_r(handle, geometry) else { throw context.failure("GEOSGetExteriorRing") }
        let holeCount = GEOSGetNumInteriorRings_r(handle, geometry)
        guard holeCount >= 0 else { throw context.failure("GEOSGetNumInteriorRings") }
        var holes: [[Coordinate]] = []
        for index in 0..<holeCount {
            guard let hole = GEOSGetInteriorRingN_r(handle, geometry, index) else {
                throw context.failure("GEOSGetInteriorRingN")
            }
            holes.append(try coordinates(of: hole, context))
        }
        return Polygon(exterior: try coordinates(of: shell, context), holes: holes)
    }

    private static func coordinates(of geometry: OpaquePointer, _ context: GEOSContext) throws(GeometryError) -> [Coordinate] {
        let handle = context.handle
        // Borrowed sequence: owned by the geometry.
        guard let sequence = GEOSGeom_getCoordSeq_r(handle, geometry) else { throw context.failure("GEOSGeom_getCoordSeq") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(handle, sequence, &size) == 1 else { throw context.failure("GEOSCoordSeq_getSize") }
        var points = [Coordinate](repeating: Coordinate(x: 0, y: 0), count: Int(size))
        let ok = points.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyToBuffer_r(handle, sequence, doubles.baseAddress, 0, 0)
            }
        }
        guard ok == 1 else { throw context.failure("GEOSCoordSeq_copyToBuffer") }
        return points
    }
}
