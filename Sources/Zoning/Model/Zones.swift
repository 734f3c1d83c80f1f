import Geometry

/// Where a zone's geometry lives: one item of its layer's packed table (in the compiled dataset's
/// bytes, mapped or in memory). Copied out as a `Geometry` value only when asked for.
public struct ZoneShape: Sendable, Hashable {
    public let table: PackedGeometries
    public let item: Int

    public init(table: PackedGeometries, item: Int) {
        self.table = table
        self.item = item
    }

    public var geometry: Geometry { table.geometry(at: item) }
    public var envelope: Envelope { table.envelope(at: item) }

    public static func == (a: ZoneShape, b: ZoneShape) -> Bool { a.table === b.table && a.item == b.item }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(table))
        hasher.combine(item)
    }
}

/// An ecological protection red line (生态保护红线). Geometry in the dataset's working CRS.
public struct RedLine: Sendable, Hashable {
    public var code: String
    public var name: String
    public var type: String?
    public var shape: ZoneShape
    public var geometry: Geometry { shape.geometry }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(code: String, name: String, type: String? = nil, shape: ZoneShape) {
        self.code = code
        self.name = name
        self.type = type
        self.shape = shape
    }
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
    public var shape: ZoneShape
    public var geometry: Geometry { shape.geometry }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(code: String, name: String, unitClass: UnitClass, subclass: String? = nil, county: String? = nil, listText: [Dimension: String], shape: ZoneShape) {
        self.code = code
        self.name = name
        self.unitClass = unitClass
        self.subclass = subclass
        self.county = county
        self.listText = listText
        self.shape = shape
    }
}

/// One shoreline feature (a bank's baseline) of a river.
public struct Shoreline: Sendable, Hashable {
    public var riverName: String
    public var riverClass: RiverClass
    public var shape: ZoneShape
    public var geometry: Geometry { shape.geometry }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(riverName: String, riverClass: RiverClass, shape: ZoneShape) {
        self.riverName = riverName
        self.riverClass = riverClass
        self.shape = shape
    }
}

/// A feature of a sensitive-area layer (饮用水水源保护区, 自然保护区 ...).
public struct SensitiveArea: Sendable, Hashable {
    public var layer: String
    public var kind: String
    public var code: String?
    public var name: String
    /// The protection level as the layer gives it (一级保护区, 核心区 ...).
    public var level: String?
    /// What national rules know the layer as, if anything.
    public var role: SensitiveRole?
    public var shape: ZoneShape
    public var geometry: Geometry { shape.geometry }



    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(layer: String, kind: String, code: String? = nil, name: String, level: String? = nil, role: SensitiveRole? = nil, shape: ZoneShape) {
        self.layer = layer
        self.kind = kind
        self.code = code
        self.name = name
        self.level = level
        self.role = role
        self.shape = shape
    }
}

/// A park (园区): a chemical park or another industrial park, and whether it is on its province's
/// compliant list (合规园区 / 认定的化工园区); nil when the dataset does not say.
public struct Park: Sendable, Hashable {
    public var code: String?
    public var name: String
    public var kind: ParkKind
    /// 国家级, 省级 ... as the layer gives it.
    public var level: String?
    public var compliant: Bool?
    public var shape: ZoneShape
    public var geometry: Geometry { shape.geometry }

    /// Memberwise, for the dataset side (`Datasets`), which builds the model.
    package init(code: String? = nil, name: String, kind: ParkKind, level: String? = nil, compliant: Bool? = nil, shape: ZoneShape) {
        self.code = code
        self.name = name
        self.kind = kind
        self.level = level
        self.compliant = compliant
        self.shape = shape
    }
}
