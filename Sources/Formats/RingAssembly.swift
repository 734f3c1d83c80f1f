import Geometry

/// Rings of one parcel (a 勘测定界 parcel, a vertex table's 地块) put together into its geometry.
enum RingAssembly {
    /// Closed rings -> a Polygon or MultiPolygon, each ring's role decided by geometry as GDAL does for
    /// Shapefiles: a ring inside an odd number of the parcel's other rings is a hole of the smallest
    /// ring around it, any other ring is the shell of a new part. A ring number (圈号) only says which points form
    /// a ring: files number the parts of a 飞地 1, 1 or 1, 2, and some number a hole before its shell.
    static func assemble(_ rings: [[Coordinate]]) throws(GeometryError) -> (Geometry, holes: Int) {
        let shapes = rings.map { Geometry.polygon(Polygon(exterior: $0)) }
        var areas: [Double] = []
        for shape in shapes { areas.append(abs(try shape.planarArea())) }
        // containers[i]: the rings that contain ring i (a ring never contains itself; of two identical
        // rings the first is taken to contain the second, so they still differ in depth).
        var containers: [[Int]] = Array(repeating: [], count: rings.count)
        for inner in rings.indices {
            for outer in rings.indices where outer != inner && areas[outer] >= areas[inner] {
                if areas[outer] == areas[inner] && outer > inner { continue }
                if try shapes[outer].covers(shapes[inner]) { containers[inner].append(outer) }
            }
        }
        var parts: [Polygon] = []
        var partOfShell: [Int: Int] = [:]
        for index in rings.indices where containers[index].count % 2 == 0 {
            partOfShell[index] = parts.count
            parts.append(Polygon(exterior: rings[index]))
        }
        var holes = 0
        for index in rings.indices where containers[index].count % 2 == 1 {
            // The nearest container is the smallest; it is a shell, being one level up.
            guard let owner = containers[index].min(by: { areas[$0] < areas[$1] }), let part = partOfShell[owner] else { continue }
            parts[part].holes.append(rings[index])
            holes += 1
        }
        return (parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(parts), holes)
    }
}
