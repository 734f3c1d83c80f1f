import Geometry

/// An ecological protection red line (生态保护红线). Geometry in the dataset's working CRS.
public struct RedLine: Sendable, Hashable {
    public var code: String
    public var name: String
    public var type: String?
    public var geometry: Geometry
}

/// An environmental control unit (环境管控单元) with its own published list text, if any.
public struct ControlUnit: Sendable, Hashable {
    public var code: String
    public var name: String
    public var unitClass: UnitClass
    public var subclass: String?
    public var county: String?
    /// The unit's list text by dimension, as published.
    public var listText: [Dimension: String]
    public var geometry: Geometry
}

/// One shoreline feature (a bank's baseline) of a river.
public struct Shoreline: Sendable, Hashable {
    public var riverName: String
    public var riverClass: RiverClass
    public var geometry: Geometry
}

/// A feature of a sensitive-area layer (饮用水水源保护区, 自然保护区 ...).
public struct SensitiveArea: Sendable, Hashable {
    public var layer: String
    public var kind: String
    public var code: String?
    public var name: String
    public var level: String?
    public var geometry: Geometry
}
