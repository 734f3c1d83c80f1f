internal import CGEOS

/// GEOS's verdict on a geometry's validity (OGC simple features rules).
public struct ValidityReport: Hashable, Sendable {
    public let isValid: Bool
    /// GEOS's own reason, e.g. "Self-intersection" or "Ring Self-intersection".
    public let reason: String?
    /// Where GEOS found the problem.
    public let location: Coordinate?
}

/// One thing `repaired()` changed, so the user can judge whether the repair is acceptable.
public enum RepairChange: Hashable, Sendable {
    case wasInvalid(ValidityReport)
    case typeChanged(from: String, to: String)
    case partCountChanged(from: Int, to: Int)
    case vertexCountChanged(from: Int, to: Int)
    /// Planar area in the coordinates' units squared.
    case areaChanged(from: Double, to: Double)

}

public struct Repair: Hashable, Sendable {
    public let geometry: Geometry
    /// Empty when the input was already valid and nothing changed.
    public let changes: [RepairChange]
}

extension Geometry {
    public func validity() throws(GeometryError) -> ValidityReport {
        try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            var reason: UnsafeMutablePointer<CChar>?
            var location: OpaquePointer?
            // 1 valid, 0 invalid (reason and location are then set and owned by us), 2 exception.
            let result = GEOSisValidDetail_r(context.handle, geometry.pointer, 0, &reason, &location)
            if result == 1 { return ValidityReport(isValid: true, reason: nil, location: nil) }
            guard result == 0 else { throw context.failure("GEOSisValidDetail") }
            let text = reason.map { pointer -> String in
                defer { GEOSFree_r(context.handle, pointer) }
                return String(cString: pointer)
            }
            var point: Coordinate?
            if let location {
                let owned = GEOSGeometry(context: context, taking: location)
                if case .point(let p) = try owned.toGeometry() { point = p }
            }
            return ValidityReport(isValid: false, reason: text, location: point)
        }
    }

    public var partCount: Int {
        switch self {
        case .point, .lineString, .polygon: 1
        case .multiPoint(let items): items.count
        case .multiLineString(let items): items.count
        case .multiPolygon(let items): items.count
        case .geometryCollection(let items): items.count
        }
    }

    /// An explicit repair (GEOS MakeValid, structure method, collapsed parts dropped) that reports
    /// every change it made. A valid input comes back unchanged with no changes.
    public func repaired() throws(GeometryError) -> Repair {
        let report = try validity()
        if report.isValid { return Repair(geometry: self, changes: []) }
        let fixed: Geometry = try withGEOS { context throws(GeometryError) in
            let geometry = try makeGEOS(in: context)
            guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw context.failure("GEOSMakeValidParams_create") }
            defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
            guard GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE) == 1,
                  GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0) == 1 else {
                throw context.failure("GEOSMakeValidParams")
            }
            let result = GEOSMakeValidWithParams_r(context.handle, geometry.pointer, params)
            return try GEOSGeometry.take(result, in: context, "GEOSMakeValid").toGeometry()
        }
        var changes: [RepairChange] = [.wasInvalid(report)]
        if fixed.typeName != typeName { changes.append(.typeChanged(from: typeName, to: fixed.typeName)) }
        if fixed.partCount != partCount { changes.append(.partCountChanged(from: partCount, to: fixed.partCount)) }
        if fixed.coordinateCount != coordinateCount {
            changes.append(.vertexCountChanged(from: coordinateCount, to: fixed.coordinateCount))
        }
        let before = try planarArea(), after = try fixed.planarArea()
        if before != after { changes.append(.areaChanged(from: before, to: after)) }
        return Repair(geometry: fixed, changes: changes)
    }
}
