/// Polygonal and linear geometries packed in one flat buffer: offsets, envelopes and coordinates, in
/// a layout that is read in place (from a mapped file) rather than parsed. Built once by `encode`,
/// then opened any number of times by any number of processes.
///
/// Layout (little-endian, every array starting at a multiple of 8 bytes from the buffer's start):
/// ```
/// UInt64 count N, parts P, rings R, coordinates C
/// UInt8  kind[N]                       (padded to 8)
/// UInt32 partStart[N + 1]              parts of item i: partStart[i] ..< partStart[i+1]   (padded to 8)
/// UInt32 ringStart[P + 1]              rings of a part (a line is a part with one "ring")  (padded to 8)
/// UInt32 coordinateStart[R + 1]        (padded to 8)
/// Double envelope[4N]                  minX, minY, maxX, maxY
/// Double coordinate[2C]                x, y
/// ```
///
/// `@unchecked Sendable`: every pointer refers to immutable memory kept alive by `owner` (a mapped
/// file or an owned buffer, themselves never written after creation), and nothing here is mutable.
public final class PackedGeometries: IndexedGeometries, @unchecked Sendable {
    enum Kind: UInt8 {
        case lineString = 2
        case polygon = 3
        case multiLineString = 5
        case multiPolygon = 6
    }

    public let count: Int
    /// The buffer as `encode` wrote it, so a compiled store copies it as it is.
    public let packedBytes: UnsafeRawBufferPointer
    private let owner: AnyObject
    private let kinds: UnsafeBufferPointer<UInt8>
    private let partStart: UnsafeBufferPointer<UInt32>
    private let ringStart: UnsafeBufferPointer<UInt32>
    private let coordinateStart: UnsafeBufferPointer<UInt32>
    private let envelopes: UnsafeBufferPointer<Double>
    private let coordinates: UnsafeBufferPointer<Coordinate>

    /// Opens a buffer written by `encode`, checking every offset so that no later read can leave it.
    /// `bytes` must start at an 8-byte aligned address and stay valid as long as `owner` lives.
    public init(bytes: UnsafeRawBufferPointer, owner: AnyObject) throws(PackedGeometryError) {
        guard let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0 else { throw .malformed("alignment") }
        guard bytes.count >= 32 else { throw .malformed("header") }
        func header(_ slot: Int) -> Int { Int(clamping: UInt64(littleEndian: bytes.load(fromByteOffset: slot * 8, as: UInt64.self))) }
        let (n, p, r, c) = (header(0), header(1), header(2), header(3))
        // No count can exceed the buffer's bytes; bounding them first keeps n + 1, 4 * n and the sizes
        // below from overflowing on a damaged header.
        guard [n, p, r, c].allSatisfy({ $0 >= 0 && $0 <= bytes.count }) else { throw .malformed("counts") }
        var offset = 32
        func array<T>(_: T.Type, _ count: Int) throws(PackedGeometryError) -> UnsafeBufferPointer<T> {
            let size = count * MemoryLayout<T>.stride
            guard count >= 0, count < Int(UInt32.max) * 2, offset + size <= bytes.count else { throw .malformed("truncated") }
            let pointer = (base + offset).bindMemory(to: T.self, capacity: count)
            offset += (size + 7) & ~7
            return UnsafeBufferPointer(start: pointer, count: count)
        }
        kinds = try array(UInt8.self, n)
        partStart = try array(UInt32.self, n + 1)
        ringStart = try array(UInt32.self, p + 1)
        coordinateStart = try array(UInt32.self, r + 1)
        envelopes = try array(Double.self, 4 * n)
        coordinates = try array(Coordinate.self, c)
        guard offset == bytes.count else { throw .malformed("length") }
        func ascending(_ starts: UnsafeBufferPointer<UInt32>, ending end: Int) -> Bool {
            guard starts.first == 0, Int(starts[starts.count - 1]) == end else { return false }
            for index in 1..<starts.count where starts[index] < starts[index - 1] { return false }
            return true
        }
        guard ascending(partStart, ending: p), ascending(ringStart, ending: r), ascending(coordinateStart, ending: c) else {
            throw .malformed("offsets")
        }
        for kind in kinds where Kind(rawValue: kind) == nil { throw .malformed("kind \(kind)") }
        count = n
        packedBytes = bytes
        self.owner = owner
    }

    public var packedTable: PackedGeometries? { self }

    /// Whether item `index` is a polygon or multi-polygon.
    public func isPolygonal(_ index: Int) -> Bool {
        let kind = Kind(rawValue: kinds[index])
        return kind == .polygon || kind == .multiPolygon
    }

    public func envelope(at index: Int) -> Envelope {
        Envelope(minX: envelopes[4 * index], minY: envelopes[4 * index + 1], maxX: envelopes[4 * index + 2], maxY: envelopes[4 * index + 3])
    }

    /// The coordinates of one ring (or line) in place, valid while this table lives.
    public func ring(_ ring: Int) -> UnsafeBufferPointer<Coordinate> {
        let start = Int(coordinateStart[ring]), end = Int(coordinateStart[ring + 1])
        return UnsafeBufferPointer(rebasing: coordinates[start..<end])
    }

    /// Ring numbers of item `index`, part by part.
    public func rings(of index: Int) -> Range<Int> {
        Int(ringStart[Int(partStart[index])])..<Int(ringStart[Int(partStart[index + 1])])
    }

    public func geometry(at index: Int) -> Geometry {
        let parts = Int(partStart[index])..<Int(partStart[index + 1])
        func rings(_ part: Int) -> [[Coordinate]] {
            (Int(ringStart[part])..<Int(ringStart[part + 1])).map { Array(ring($0)) }
        }
        func polygon(_ part: Int) -> Polygon {
            let all = rings(part)
            return Polygon(exterior: all.first ?? [], holes: Array(all.dropFirst()))
        }
        switch Kind(rawValue: kinds[index]) {
        case .lineString: return .lineString(parts.first.map { rings($0).first ?? [] } ?? [])
        case .polygon: return parts.first.map { .polygon(polygon($0)) } ?? .multiPolygon([])
        case .multiLineString: return .multiLineString(parts.map { rings($0).first ?? [] })
        case .multiPolygon, nil: return .multiPolygon(parts.map(polygon))
        }
    }

    /// Packs polygons, multi-polygons, line strings and multi-line strings; other kinds are refused.
    public static func encode(_ geometries: [Geometry]) throws(PackedGeometryError) -> [UInt8] {
        var kinds: [UInt8] = [], partStart: [UInt32] = [0], ringStart: [UInt32] = [0], coordinateStart: [UInt32] = [0]
        var envelopes: [Double] = [], coordinates: [Coordinate] = []
        func addPart(_ rings: [[Coordinate]]) {
            for ring in rings {
                coordinates += ring
                coordinateStart.append(UInt32(coordinates.count))
            }
            ringStart.append(UInt32(coordinateStart.count - 1))
        }
        for (index, geometry) in geometries.enumerated() {
            switch geometry {
            case .lineString(let line): kinds.append(Kind.lineString.rawValue); addPart([line])
            case .polygon(let polygon): kinds.append(Kind.polygon.rawValue); addPart(polygon.rings)
            case .multiLineString(let lines): kinds.append(Kind.multiLineString.rawValue); lines.forEach { addPart([$0]) }
            case .multiPolygon(let polygons): kinds.append(Kind.multiPolygon.rawValue); polygons.forEach { addPart($0.rings) }
            default: throw .unsupported(item: index, type: geometry.typeName)
            }
            guard coordinates.count < Int(UInt32.max) else { throw .malformed("more than 2^32 coordinates") }
            partStart.append(UInt32(ringStart.count - 1))
            let envelope = geometry.envelope
            envelopes += [envelope.minX, envelope.minY, envelope.maxX, envelope.maxY]
        }
        var out: [UInt8] = []
        func append<T>(_ values: [T]) {
            values.withUnsafeBytes { out.append(contentsOf: $0) }
            while out.count % 8 != 0 { out.append(0) }
        }
        append([UInt64(geometries.count), UInt64(ringStart.count - 1), UInt64(coordinateStart.count - 1), UInt64(coordinates.count)].map(\.littleEndian))
        append(kinds)
        append(partStart.map(\.littleEndian))
        append(ringStart.map(\.littleEndian))
        append(coordinateStart.map(\.littleEndian))
        append(envelopes)
        append(coordinates)
        return out
    }
}

public enum PackedGeometryError: Error, Equatable, Sendable {
    case unsupported(item: Int, type: String)
    case malformed(String)
}
