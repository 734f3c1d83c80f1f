import Foundation
import Geometry

/// What changed between two editions of a zoning dataset. Areas are planar, in hectares, measured in
/// the old edition's working CRS. `reversed()` is the diff the other way round, so the diff of NEW
/// against OLD is this one reversed.
public struct DatasetDiff: Sendable, Encodable, Equatable {
    public struct Edition: Sendable, Encodable, Equatable {
        public var name: String, version: String, date: String, contentHash: String
    }

    public struct Zone: Sendable, Encodable, Equatable {
        public var code: String
        public var name: String
        /// Units only: 1, 2 or 3.
        public var unitClass: Int?
        public var areaHectares: Double
    }

    public struct Recoded: Sendable, Encodable, Equatable {
        public var oldCode: String, newCode: String, name: String
    }

    public struct UnitChange: Sendable, Encodable, Equatable {
        public var code: String
        public var oldName: String, newName: String
        public var oldClass: Int, newClass: Int
        public var gainedHectares: Double, lostHectares: Double
        /// Dimensions whose unit list text changed.
        public var listsChanged: [String]
    }

    public struct AreaChange: Sendable, Encodable, Equatable {
        public var code: String
        public var oldName: String, newName: String
        public var gainedHectares: Double, lostHectares: Double
    }

    public struct River: Sendable, Encodable, Equatable {
        public var river: String, riverClass: String
    }

    public struct RiverMove: Sendable, Encodable, Equatable {
        public var river: String, riverClass: String
        /// The largest distance from a vertex of either edition's line to the other line.
        public var maxShiftMetres: Double
    }

    public struct ClauseRecord: Sendable, Encodable, Equatable {
        public var id: String, effect: String, text: String, level: String, dimension: String
    }

    public struct ClauseChange: Sendable, Encodable, Equatable {
        public var id: String
        /// Which of text, effect, conditions, scope, level, dimension, source changed.
        public var changes: [String]
        public var oldEffect: String, newEffect: String
        public var oldText: String, newText: String
    }

    public struct RuleRecord: Sendable, Encodable, Equatable {
        public var id: String, effect: String, text: String
    }

    public struct RuleChange: Sendable, Encodable, Equatable {
        public var id: String
        public var changes: [String]
        public var oldEffect: String, newEffect: String
        public var oldText: String, newText: String
    }

    public struct Units: Sendable, Encodable, Equatable {
        public var added: [Zone] = [], removed: [Zone] = [], recoded: [Recoded] = [], changed: [UnitChange] = []
    }

    public struct Areas: Sendable, Encodable, Equatable {
        public var added: [Zone] = [], removed: [Zone] = [], changed: [AreaChange] = []
    }

    public struct Rivers: Sendable, Encodable, Equatable {
        public var added: [River] = [], removed: [River] = [], moved: [RiverMove] = []
    }

    public struct Clauses: Sendable, Encodable, Equatable {
        public var added: [ClauseRecord] = [], removed: [ClauseRecord] = [], changed: [ClauseChange] = []
    }

    public struct Rules: Sendable, Encodable, Equatable {
        public var added: [RuleRecord] = [], removed: [RuleRecord] = [], changed: [RuleChange] = []
    }

    /// A gained or lost piece of a zone, or a whole zone added or removed, for the map of changes.
    public struct Piece: Sendable, Equatable {
        public enum Change: String, Sendable { case gained, lost, added, removed }
        public var layer: String
        public var code: String
        public var change: Change
        /// In `crs`.
        public var geometry: Geometry
        public var areaHectares: Double
    }

    public var old: Edition
    public var new: Edition
    public var units = Units()
    public var redLines = Areas()
    public var shorelines = Rivers()
    public var sensitiveAreas = Areas()
    public var clauses = Clauses()
    public var rules = Rules()
    /// The pieces' CRS (the old edition's working CRS).
    public var crs: CRS
    public var pieces: [Piece] = []

    enum CodingKeys: String, CodingKey {
        case old, new, units, redLines, shorelines, sensitiveAreas, clauses, rules
    }

    public var isEmpty: Bool {
        units == Units() && redLines == Areas() && shorelines == Rivers() && sensitiveAreas == Areas() && clauses == Clauses() && rules == Rules()
    }

    /// The same differences seen from the other edition.
    public func reversed() -> DatasetDiff {
        var diff = DatasetDiff(old: new, new: old, crs: crs)
        diff.units = Units(added: units.removed, removed: units.added,
                           recoded: units.recoded.map { Recoded(oldCode: $0.newCode, newCode: $0.oldCode, name: $0.name) }.sorted { $0.oldCode < $1.oldCode },
                           changed: units.changed.map {
                               UnitChange(code: $0.code, oldName: $0.newName, newName: $0.oldName, oldClass: $0.newClass, newClass: $0.oldClass,
                                          gainedHectares: $0.lostHectares, lostHectares: $0.gainedHectares, listsChanged: $0.listsChanged)
                           })
        func flip(_ areas: Areas) -> Areas {
            Areas(added: areas.removed, removed: areas.added, changed: areas.changed.map {
                AreaChange(code: $0.code, oldName: $0.newName, newName: $0.oldName, gainedHectares: $0.lostHectares, lostHectares: $0.gainedHectares)
            })
        }
        diff.redLines = flip(redLines)
        diff.sensitiveAreas = flip(sensitiveAreas)
        diff.shorelines = Rivers(added: shorelines.removed, removed: shorelines.added, moved: shorelines.moved)
        diff.clauses = Clauses(added: clauses.removed, removed: clauses.added, changed: clauses.changed.map {
            ClauseChange(id: $0.id, changes: $0.changes, oldEffect: $0.newEffect, newEffect: $0.oldEffect, oldText: $0.newText, newText: $0.oldText)
        })
        diff.rules = Rules(added: rules.removed, removed: rules.added, changed: rules.changed.map {
            RuleChange(id: $0.id, changes: $0.changes, oldEffect: $0.newEffect, newEffect: $0.oldEffect, oldText: $0.newText, newText: $0.oldText)
        })
        diff.pieces = pieces.map { piece in
            var flipped = piece
            flipped.change = switch piece.change {
            case .gained: .lost
            case .lost: .gained
            case .added: .removed
            case .removed: .added
            }
            return flipped
        }
        return diff
    }
}
