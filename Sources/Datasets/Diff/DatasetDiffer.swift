import Foundation
import Geometry
import Zoning

/// Works out a `DatasetDiff`: zones matched by code (units whose code changed but whose shape did not
/// are matched by geometry), clauses and rules by id, shorelines by river and class.
public enum DatasetDiffer {
    /// Two shapes are the same when they differ by no more than this (m²), or a millionth of their area:
    /// editions re-exported by other software move vertices by rounding, not by policy.
    static let sameShapeSquareMetres = 1.0

    public static func diff(_ old: Dataset, _ new: Dataset) throws -> DatasetDiff {
        let crs = old.workingCRS
        var diff = DatasetDiff(old: edition(old), new: edition(new), crs: crs)
        // The new edition's shapes in the old one's working CRS (the same CRS for editions of one region).
        func newGeometry(_ geometry: Geometry) throws -> Geometry {
            try geometry.transformed(from: new.workingCRS, to: crs)
        }

        // Units.
        let oldUnits = Dictionary(old.units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let newUnits = Dictionary(new.units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var onlyOld = old.units.filter { newUnits[$0.code] == nil }
        var onlyNew: [(unit: ControlUnit, geometry: Geometry)] = []
        for unit in new.units where oldUnits[unit.code] == nil { onlyNew.append((unit, try newGeometry(unit.geometry))) }
        for unit in old.units {
            guard let other = newUnits[unit.code] else { continue }
            let (gained, lost) = try changes(unit.geometry, try newGeometry(other.geometry), layer: "units", code: unit.code, into: &diff.pieces)
            let lists = Dimension.allCases.filter { unit.listText[$0] != other.listText[$0] }.map(\.rawValue)
            if gained > 0 || lost > 0 || unit.name != other.name || unit.unitClass != other.unitClass || !lists.isEmpty {
                diff.units.changed.append(DatasetDiff.UnitChange(code: unit.code, oldName: unit.name, newName: other.name,
                                                                 oldClass: unit.unitClass.rawValue, newClass: other.unitClass.rawValue,
                                                                 gainedHectares: hectares(gained), lostHectares: hectares(lost), listsChanged: lists))
            }
        }
        // A code only in the old edition and one only in the new with the same shape: the code changed.
        for (position, candidate) in onlyNew.enumerated().reversed() {
            let area = try candidate.geometry.planarArea()
            guard let match = try onlyOld.firstIndex(where: { unit in
                let envelope = unit.shape.envelope, other = candidate.geometry.envelope
                guard abs(envelope.minX - other.minX) < 1, abs(envelope.maxX - other.maxX) < 1,
                      abs(envelope.minY - other.minY) < 1, abs(envelope.maxY - other.maxY) < 1 else { return false }
                return try sameShape(unit.geometry, candidate.geometry, area: area)
            }) else { continue }
            diff.units.recoded.append(DatasetDiff.Recoded(oldCode: onlyOld[match].code, newCode: candidate.unit.code, name: candidate.unit.name))
            onlyOld.remove(at: match)
            onlyNew.remove(at: position)
        }
        for unit in onlyOld {
            let area = try unit.geometry.planarArea()
            diff.units.removed.append(DatasetDiff.Zone(code: unit.code, name: unit.name, unitClass: unit.unitClass.rawValue, areaHectares: hectares(area)))
            diff.pieces.append(.init(layer: "units", code: unit.code, change: .removed, geometry: unit.geometry, areaHectares: hectares(area)))
        }
        for (unit, geometry) in onlyNew {
            let area = try geometry.planarArea()
            diff.units.added.append(DatasetDiff.Zone(code: unit.code, name: unit.name, unitClass: unit.unitClass.rawValue, areaHectares: hectares(area)))
            diff.pieces.append(.init(layer: "units", code: unit.code, change: .added, geometry: geometry, areaHectares: hectares(area)))
        }

        // Red lines and sensitive areas: by code (sensitive areas without one by layer and name).
        diff.redLines = try areas(old.redLines.map { ($0.code, $0.name, $0.geometry) }, new.redLines.map { ($0.code, $0.name, try newGeometry($0.geometry)) },
                                  layer: "redLines", pieces: &diff.pieces)
        func sensitiveKey(_ area: SensitiveArea) -> String { area.code ?? "\(area.layer):\(area.name)" }
        diff.sensitiveAreas = try areas(old.sensitiveAreas.map { (sensitiveKey($0), $0.name, $0.geometry) },
                                        new.sensitiveAreas.map { (sensitiveKey($0), $0.name, try newGeometry($0.geometry)) },
                                        layer: "sensitiveAreas", pieces: &diff.pieces)

        // Shorelines: by river and class, in order for rivers drawn in several pieces.
        func keyed(_ shorelines: [Shoreline], _ geometry: (Shoreline) throws -> Geometry) throws -> [String: (Shoreline, Geometry)] {
            var counts: [String: Int] = [:], keyed: [String: (Shoreline, Geometry)] = [:]
            for shoreline in shorelines {
                let base = "\(shoreline.riverName)|\(shoreline.riverClass.rawValue)"
                let number = counts[base, default: 0]
                counts[base] = number + 1
                keyed["\(base)|\(number)"] = (shoreline, try geometry(shoreline))
            }
            return keyed
        }
        let oldRivers = try keyed(old.shorelines) { $0.geometry }
        let newRivers = try keyed(new.shorelines) { shoreline in try newGeometry(shoreline.geometry) }
        for key in oldRivers.keys.sorted() {
            let (shoreline, geometry) = oldRivers[key]!
            guard let (_, other) = newRivers[key] else {
                diff.shorelines.removed.append(.init(river: shoreline.riverName, riverClass: shoreline.riverClass.rawValue))
                continue
            }
            guard geometry != other else { continue }
            let shift = try maximumShift(geometry, other)
            if shift > 0.01 {
                diff.shorelines.moved.append(.init(river: shoreline.riverName, riverClass: shoreline.riverClass.rawValue, maxShiftMetres: (shift * 100).rounded() / 100))
            }
        }
        for key in newRivers.keys.sorted() where oldRivers[key] == nil {
            let shoreline = newRivers[key]!.0
            diff.shorelines.added.append(.init(river: shoreline.riverName, riverClass: shoreline.riverClass.rawValue))
        }

        // Clauses made from a unit's own list text belong to their unit (its listsChanged), and take the
        // unit's code in their id: a recoded unit would otherwise show all its clauses removed and added.
        diff.clauses = clauses(old.clauses.filter { !$0.fromUnitText }, new.clauses.filter { !$0.fromUnitText })
        diff.rules = rules(old.rules, new.rules)
        sort(&diff)
        return diff
    }

    static func edition(_ dataset: Dataset) -> DatasetDiff.Edition {
        let m = dataset.metadata
        return .init(name: m.name, version: m.version, date: m.date, contentHash: dataset.contentHash)
    }

    static func hectares(_ squareMetres: Double) -> Double { (squareMetres / 10_000 * 10_000).rounded() / 10_000 }

    /// Areas in m² gained (in new, not in old) and lost; the pieces go to the map of changes.
    static func changes(_ old: Geometry, _ new: Geometry, layer: String, code: String, into pieces: inout [DatasetDiff.Piece]) throws -> (gained: Double, lost: Double) {
        if old == new { return (0, 0) }
        let gainedPiece = try new.difference(old), lostPiece = try old.difference(new)
        let gained = try gainedPiece.planarArea(), lost = try lostPiece.planarArea()
        let area = try old.planarArea()
        let tolerance = max(sameShapeSquareMetres, area * 1e-6)
        let significantGain = gained > tolerance, significantLoss = lost > tolerance
        if significantGain { pieces.append(.init(layer: layer, code: code, change: .gained, geometry: gainedPiece, areaHectares: hectares(gained))) }
        if significantLoss { pieces.append(.init(layer: layer, code: code, change: .lost, geometry: lostPiece, areaHectares: hectares(lost))) }
        return (significantGain ? gained : 0, significantLoss ? lost : 0)
    }

    static func sameShape(_ a: Geometry, _ b: Geometry, area: Double) throws -> Bool {
        if a == b { return true }
        let tolerance = max(sameShapeSquareMetres, area * 1e-6)
        return try a.difference(b).planarArea() <= tolerance && b.difference(a).planarArea() <= tolerance
    }

    static func areas(_ old: [(code: String, name: String, geometry: Geometry)], _ new: [(code: String, name: String, geometry: Geometry)],
                      layer: String, pieces: inout [DatasetDiff.Piece]) throws -> DatasetDiff.Areas {
        var result = DatasetDiff.Areas()
        let newByCode = Dictionary(new.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let oldCodes = Set(old.map(\.code))
        for zone in old {
            guard let other = newByCode[zone.code] else {
                let area = try zone.geometry.planarArea()
                result.removed.append(.init(code: zone.code, name: zone.name, unitClass: nil, areaHectares: hectares(area)))
                pieces.append(.init(layer: layer, code: zone.code, change: .removed, geometry: zone.geometry, areaHectares: hectares(area)))
                continue
            }
            let (gained, lost) = try changes(zone.geometry, other.geometry, layer: layer, code: zone.code, into: &pieces)
            if gained > 0 || lost > 0 || zone.name != other.name {
                result.changed.append(.init(code: zone.code, oldName: zone.name, newName: other.name, gainedHectares: hectares(gained), lostHectares: hectares(lost)))
            }
        }
        for zone in new where !oldCodes.contains(zone.code) {
            let area = try zone.geometry.planarArea()
            result.added.append(.init(code: zone.code, name: zone.name, unitClass: nil, areaHectares: hectares(area)))
            pieces.append(.init(layer: layer, code: zone.code, change: .added, geometry: zone.geometry, areaHectares: hectares(area)))
        }
        return result
    }

    /// The largest distance from a vertex of one line to the other line, both ways (a discrete Hausdorff distance).
    static func maximumShift(_ a: Geometry, _ b: Geometry) throws -> Double {
        var shift = 0.0
        for (from, to) in [(a, b), (b, a)] {
            for vertex in from.coordinates { shift = max(shift, try Geometry.point(vertex).planarDistance(to: to)) }
        }
        return shift
    }

    static func clauses(_ old: [Clause], _ new: [Clause]) -> DatasetDiff.Clauses {
        func record(_ clause: Clause) -> DatasetDiff.ClauseRecord {
            .init(id: clause.id, effect: clause.effect.rawValue, text: clause.text, level: clause.level.rawValue, dimension: clause.dimension.rawValue)
        }
        var result = DatasetDiff.Clauses()
        let newByID = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let oldIDs = Set(old.map(\.id))
        for clause in old {
            guard let other = newByID[clause.id] else {
                result.removed.append(record(clause))
                continue
            }
            var changes: [String] = []
            if clause.effect != other.effect { changes.append("effect") }
            if clause.text != other.text { changes.append("text") }
            if clause.conditions != other.conditions { changes.append("conditions") }
            if clause.scope != other.scope { changes.append("scope") }
            if clause.level != other.level { changes.append("level") }
            if clause.dimension != other.dimension { changes.append("dimension") }
            if clause.source != other.source { changes.append("source") }
            if !changes.isEmpty {
                result.changed.append(.init(id: clause.id, changes: changes, oldEffect: clause.effect.rawValue, newEffect: other.effect.rawValue,
                                            oldText: clause.text, newText: other.text))
            }
        }
        result.added = new.filter { !oldIDs.contains($0.id) }.map(record)
        return result
    }

    static func rules(_ old: RuleSet, _ new: RuleSet) -> DatasetDiff.Rules {
        var result = DatasetDiff.Rules()
        let newByID = Dictionary(new.all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let oldIDs = Set(old.all.map(\.id))
        for rule in old.all {
            guard let other = newByID[rule.id] else {
                result.removed.append(.init(id: rule.id, effect: rule.effect.rawValue, text: rule.text))
                continue
            }
            var changes: [String] = []
            if rule.kind != other.kind { changes.append("kind") }
            if rule.effect != other.effect { changes.append("effect") }
            if rule.conditions != other.conditions { changes.append("conditions") }
            if rule.text != other.text { changes.append("text") }
            if rule.source != other.source { changes.append("source") }
            if !changes.isEmpty {
                result.changed.append(.init(id: rule.id, changes: changes, oldEffect: rule.effect.rawValue, newEffect: other.effect.rawValue,
                                            oldText: rule.text, newText: other.text))
            }
        }
        result.added = new.all.filter { !oldIDs.contains($0.id) }.map { .init(id: $0.id, effect: $0.effect.rawValue, text: $0.text) }
        // The chemical industries are rules too (a red line's positive list is part of its kind).
        if old.chemicalIndustries != new.chemicalIndustries {
            result.changed.append(.init(id: "chemicalIndustries", changes: ["list"], oldEffect: "", newEffect: "",
                                        oldText: old.chemicalIndustries.joined(separator: ","), newText: new.chemicalIndustries.joined(separator: ",")))
        }
        return result
    }

    static func sort(_ diff: inout DatasetDiff) {
        diff.units.added.sort { $0.code < $1.code }
        diff.units.removed.sort { $0.code < $1.code }
        diff.units.recoded.sort { $0.oldCode < $1.oldCode }
        diff.units.changed.sort { $0.code < $1.code }
        for keyPath in [\DatasetDiff.redLines, \DatasetDiff.sensitiveAreas] {
            diff[keyPath: keyPath].added.sort { $0.code < $1.code }
            diff[keyPath: keyPath].removed.sort { $0.code < $1.code }
            diff[keyPath: keyPath].changed.sort { $0.code < $1.code }
        }
        diff.clauses.added.sort { $0.id < $1.id }
        diff.clauses.removed.sort { $0.id < $1.id }
        diff.clauses.changed.sort { $0.id < $1.id }
        diff.rules.added.sort { $0.id < $1.id }
        diff.rules.removed.sort { $0.id < $1.id }
        diff.rules.changed.sort { $0.id < $1.id }
        diff.pieces.sort { ($0.layer, $0.code, $0.change.rawValue) < ($1.layer, $1.code, $1.change.rawValue) }
    }
}
