import Foundation
import Geometry

// Deterministic, realistic-looking test data in CGCS2000 longitude/latitude around Chongqing.

enum Fixtures {
    static let center = Coordinate(lon: 106.5, lat: 29.5)

    /// Metres per degree at `latitude` (spherical approximation, enough for making test shapes).
    static func metresPerDegree(latitude: Double) -> (lon: Double, lat: Double) {
        (111_320 * cos(latitude * .pi / 180), 110_574)
    }

    /// A star-shaped polygon (every vertex visible from the centre, so the ring is simple) whose
    /// radius wiggles over several harmonics plus per-vertex noise. `radiusMetres` 5,000 gives a shape
    /// about 10 km across.
    static func wigglyStar(center: Coordinate = center, radiusMetres: Double = 5_000, vertices: Int = 1_000,
                           seed: UInt64 = 42) -> Polygon {
        var rng = SplitMix64(seed: seed)
        let scale = metresPerDegree(latitude: center.y)
        let harmonics: [(k: Double, amplitude: Double, phase: Double)] = [2, 3, 5, 8, 13, 21, 34, 55, 89].map { k in
            (Double(k), 0.22 / Double(k).squareRoot(), rng.uniform(0...(2 * .pi)))
        }
        var ring: [Coordinate] = []
        ring.reserveCapacity(vertices + 1)
        for index in 0..<vertices {
            let theta = 2 * Double.pi * Double(index) / Double(vertices)
            var factor = 1.0
            for h in harmonics { factor += h.amplitude * sin(h.k * theta + h.phase) }
            factor *= 1 + 0.04 * (rng.unit() - 0.5)
            let r = radiusMetres * min(1.8, max(0.25, factor))
            ring.append(Coordinate(x: center.x + r * cos(theta) / scale.lon, y: center.y + r * sin(theta) / scale.lat))
        }
        ring.append(ring[0])
        return Polygon(exterior: ring)
    }

    /// A `columns` x `rows` tiling of perturbed cells: jittered lattice corners joined by wiggly
    /// edges that neighbouring cells share exactly (so the cells neither overlap nor leave gaps).
    /// Each edge has 12-24 segments, so a cell has about 50-100 vertices.
    static func tiling(columns: Int = 50, rows: Int = 40, origin: Coordinate = Coordinate(lon: 106.0, lat: 29.1),
                       cellWidth: Double = 0.02, cellHeight: Double = 0.018, seed: UInt64 = 7) -> [Geometry] {
        var rng = SplitMix64(seed: seed)
        // Jittered lattice, (columns+1) x (rows+1) nodes; the outer boundary is jittered too.
        var nodes: [[Coordinate]] = []
        for i in 0...columns {
            var column: [Coordinate] = []
            for j in 0...rows {
                let x = origin.x + (Double(i) + 0.12 * rng.uniform(-1...1)) * cellWidth
                let y = origin.y + (Double(j) + 0.12 * rng.uniform(-1...1)) * cellHeight
                column.append(Coordinate(x: x, y: y))
            }
            nodes.append(column)
        }
        func edge(_ a: Coordinate, _ b: Coordinate, key: UInt64) -> [Coordinate] {
            var edgeRNG = SplitMix64(seed: seed &* 0x1000_0000_01B3 ^ key)
            let segments = 12 + Int(edgeRNG.next() % 13)
            let dx = b.x - a.x, dy = b.y - a.y
            // Perpendicular in a frame where both axes are in the same ground units.
            let aspect = cellWidth / cellHeight
            let nx = -dy * aspect, ny = dx / aspect
            let phases = (0..<3).map { _ in edgeRNG.uniform(0...(2 * .pi)) }
            var points = [a]
            for s in 1..<segments {
                let t = Double(s) / Double(segments)
                let wiggle = 0.03 * sin(2 * .pi * t + phases[0]) + 0.015 * sin(6 * .pi * t + phases[1])
                    + 0.008 * sin(14 * .pi * t + phases[2]) + 0.004 * edgeRNG.uniform(-1...1)
                let offset = wiggle * sin(.pi * t)
                points.append(Coordinate(x: a.x + t * dx + offset * nx, y: a.y + t * dy + offset * ny))
            }
            points.append(b)
            return points
        }
        func horizontalEdge(_ i: Int, _ j: Int) -> [Coordinate] {
            edge(nodes[i][j], nodes[i + 1][j], key: UInt64(i * 10_000 + j) << 1)
        }
        func verticalEdge(_ i: Int, _ j: Int) -> [Coordinate] {
            edge(nodes[i][j], nodes[i][j + 1], key: UInt64(i * 10_000 + j) << 1 | 1)
        }
        var cells: [Geometry] = []
        cells.reserveCapacity(columns * rows)
        for j in 0..<rows {
            for i in 0..<columns {
                var ring: [Coordinate] = []
                ring += horizontalEdge(i, j).dropLast()                 // bottom, west to east
                ring += verticalEdge(i + 1, j).dropLast()               // right, south to north
                ring += horizontalEdge(i, j + 1).reversed().dropLast()  // top, east to west
                ring += verticalEdge(i, j).reversed().dropLast()        // left, north to south
                ring.append(ring[0])
                cells.append(.polygon(Polygon(exterior: ring)))
            }
        }
        return cells
    }

    static func randomPoints(in envelope: Envelope, count: Int, seed: UInt64) -> [Coordinate] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            Coordinate(x: rng.uniform(envelope.minX...envelope.maxX), y: rng.uniform(envelope.minY...envelope.maxY))
        }
    }

    /// A figure-eight ring crossing itself: invalid ("Self-intersection").
    static let bowTie = Geometry.polygon(Polygon(exterior: [
        Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 10, y: 0), Coordinate(x: 0, y: 10), Coordinate(x: 0, y: 0),
    ]))
}
