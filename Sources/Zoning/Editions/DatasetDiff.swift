import Foundation
import Geometry

/// What changed between two editions of a zoning dataset. Areas are planar, in hectares, measured in
/// the old edition's working CRS. `reversed()` is the diff the other way round, so the diff of NEW
/// against OLD is this one reversed.
public struct DatasetDiff: Sendable, Encodable, Equatable {
    public struct Edition: Sendable, Encodable, Equatable {
        public var name: String, version: String, date: String, contentHash: String

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(name: String, version: String, date: String, contentHash: String) {
            self.name = name
            self.version = version
            self.date = date
            self.contentHash = contentHash
        }
    }

    public struct Zone: Sendable, Encodable, Equatable {
        public var code: String
        public var name: String
        /// Units only: 1, 2 or 3.
        public var unitClass: Int?
        public var areaHectares: Double

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(code: String, name: String, unitClass: Int? = nil, areaHectares: Double) {
            self.code = code
            self.name = name
            self.unitClass = unitClass
            self.areaHectares = areaHectares
        }
    }

    public struct Recoded: Sendable, Encodable, Equatable {
        public var oldCode: String, newCode: String, name: String

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(oldCode: String, newCode: String, name: String) {
            self.oldCode = oldCode
            self.newCode = newCode
            self.name = name
        }
    }

    public struct UnitChange: Sendable, Encodable, Equatable {
        public var code: String
        public var oldName: String, newName: String
        public var oldClass: Int, newClass: Int
        public var gainedHectares: Double, lostHectares: Double
        /// Dimensions whose unit list text changed.
        public var listsChanged: [String]

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(code: String, oldName: String, newName: String, oldClass: Int, newClass: Int, gainedHectares: Double, lostHectares: Double, listsChanged: [String]) {
            self.code = code
            self.oldName = oldName
            self.newName = newName
            self.oldClass = oldClass
            self.newClass = newClass
            self.gainedHectares = gainedHectares
            self.lostHectares = lostHectares
            self.listsChanged = listsChanged
        }
    }

    public struct AreaChange: Sendable, Encodable, Equatable {
        public var code: String
        public var oldName: String, newName: String
        public var gainedHectares: Double, lostHectares: Double

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(code: String, oldName: String, newName: String, gainedHectares: Double, lostHectares: Double) {
            self.code = code
            self.oldName = oldName
            self.newName = newName
            self.gainedHectares = gainedHectares
            self.lostHectares = lostHectares
        }
    }

    public struct River: Sendable, Encodable, Equatable {
        public var river: String, riverClass: String

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(river: String, riverClass: String) {
            self.river = river
            self.riverClass = riverClass
        }
    }

    public struct RiverMove: Sendable, Encodable, Equatable {
        public var river: String, riverClass: String
        /// The largest distance from a vertex of either edition's line to the other line.
        public var maxShiftMetres: Double

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(river: String, riverClass: String, maxShiftMetres: Double) {
            self.river = river
            self.riverClass = riverClass
            self.maxShiftMetres = maxShiftMetres
        }
    }

    public struct ClauseRecord: Sendable, Encodable, Equatable {
        public var id: String, effect: String, text: String, level: String, dimension: String

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(id: String, effect: String, text: String, level: String, dimension: String) {
            self.id = id
            self.effect = effect
            self.text = text
            self.level = level
            self.dimension = dimension
        }
    }

    /// A clause or rule kept under its id whose words, effect or conditions changed.
    public struct ItemChange: Sendable, Encodable, Equatable {
        public var id: String
        /// What changed: for clauses text, effect, conditions, scope, level, dimension, source; for rules
        /// the members that differ.
        public var changes: [String]
        public var oldEffect: String, newEffect: String
        public var oldText: String, newText: String

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(id: String, changes: [String], oldEffect: String, newEffect: String, oldText: String, newText: String) {
            self.id = id
            self.changes = changes
            self.oldEffect = oldEffect
            self.newEffect = newEffect
            self.oldText = oldText
            self.newText = newText
        }
    }

    public typealias ClauseChange = ItemChange
    public typealias RuleChange = ItemChange

    public struct RuleRecord: Sendable, Encodable, Equatable {
        public var id: String, effect: String, text: String

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(id: String, effect: String, text: String) {
            self.id = id
            self.effect = effect
            self.text = text
        }
    }

    public struct Units: Sendable, Encodable, Equatable {
        public var added: [Zone] = [], removed: [Zone] = [], recoded: [Recoded] = [], changed: [UnitChange] = []
    }

    public struct Areas: Sendable, Encodable, Equatable {
        public var added: [Zone] = [], removed: [Zone] = [], changed: [AreaChange] = []

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(added: [Zone] = [], removed: [Zone] = [], changed: [AreaChange] = []) {
            self.added = added
            self.removed = removed
            self.changed = changed
        }
    }

    public struct Rivers: Sendable, Encodable, Equatable {
        public var added: [River] = [], removed: [River] = [], moved: [RiverMove] = []
    }

    public struct Clauses: Sendable, Encodable, Equatable {
        public var added: [ClauseRecord] = [], removed: [ClauseRecord] = [], changed: [ClauseChange] = []

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(added: [ClauseRecord] = [], removed: [ClauseRecord] = [], changed: [ClauseChange] = []) {
            self.added = added
            self.removed = removed
            self.changed = changed
        }
    }

    public struct Rules: Sendable, Encodable, Equatable {
        public var added: [RuleRecord] = [], removed: [RuleRecord] = [], changed: [RuleChange] = []

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(added: [RuleRecord] = [], removed: [RuleRecord] = [], changed: [RuleChange] = []) {
            self.added = added
            self.removed = removed
            self.changed = changed
        }
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

        /// Memberwise, for the dataset side (`Datasets`), which builds the model.
        package init(layer: String, code: String, change: Change, geometry: Geometry, areaHectares: Double) {
            self.layer = layer
            self.code = code
            self.change = change
            self.geometry = geometry
            self.areaHectares = areaHectares
        }
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

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(old: Edition, new: Edition, units: Units = Units(), redLines: Areas = Areas(), shorelines: Rivers = Rivers(), sensitiveAreas: Areas = Areas(), clauses: Clauses = Clauses(), rules: Rules = Rules(), crs: CRS, pieces: [Piece] = []) {
        self.old = old
        self.new = new
        self.units = units
        self.redLines = redLines
        self.shorelines = shorelines
        self.sensitiveAreas = sensitiveAreas
        self.clauses = clauses
        self.rules = rules
        self.crs = crs
        self.pieces = pieces
    }
}
