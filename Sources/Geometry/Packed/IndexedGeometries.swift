/// Geometries addressed by position, whether held as Swift values or packed in a compiled file. An
/// index over them materialises (and prepares) only the items a query reaches.
public protocol IndexedGeometries: Sendable {
    var count: Int { get }
    /// The item as a Swift value (packed items are copied out of their buffer).
    func geometry(at index: Int) -> Geometry
    func envelope(at index: Int) -> Envelope
}

extension Array: IndexedGeometries where Element == Geometry {
    public func geometry(at index: Int) -> Geometry { self[index] }
    public func envelope(at index: Int) -> Envelope { self[index].envelope }
}
