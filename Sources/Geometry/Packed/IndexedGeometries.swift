/// Geometries addressed by position, whether held as Swift values or packed in a compiled file. An
/// index over them materialises (and prepares) only the items a query reaches.
public protocol IndexedGeometries: Sendable {
    var count: Int { get }
    /// The item as a Swift value (packed items are copied out of their buffer).
    func geometry(at index: Int) -> Geometry
    func envelope(at index: Int) -> Envelope
    /// The packed table itself when that is what this is: asked instead of a dynamic cast, which for an
    /// array went through Foundation's bridging and boxed every element (a fifth of a national
    /// one-site command, for 80,000 shoreline pieces).
    var packedTable: PackedGeometries? { get }
}

extension IndexedGeometries {
    public var packedTable: PackedGeometries? { nil }
}

extension Array: IndexedGeometries where Element == Geometry {
    public func geometry(at index: Int) -> Geometry { self[index] }
    public func envelope(at index: Int) -> Envelope { self[index].envelope }
}
