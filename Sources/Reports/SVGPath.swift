import Foundation
import Geometry

/// Map coordinates (metres, north up) to SVG user units and geometry to path data.
struct SVGProjection {
    /// The map frame in the drawing CRS.
    let frame: Envelope
    let width: Double
    let height: Double

    var metresPerUnit: Double { frame.width / width }

    /// `frame` with its narrow side widened about the centre to the drawing's aspect ratio (width / height).
    static func widened(_ frame: Envelope, toAspect aspect: Double) -> Envelope {
        if frame.width / frame.height < aspect {
            let extra = (frame.height * aspect - frame.width) / 2
            return Envelope(minX: frame.minX - extra, minY: frame.minY, maxX: frame.maxX + extra, maxY: frame.maxY)
        }
        let extra = (frame.width / aspect - frame.height) / 2
        return Envelope(minX: frame.minX, minY: frame.minY - extra, maxX: frame.maxX, maxY: frame.maxY + extra)
    }

    func point(_ c: Coordinate) -> (x: Double, y: Double) {
        ((c.x - frame.minX) / frame.width * width, (frame.maxY - c.y) / frame.height * height)
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    private func ring(_ coordinates: [Coordinate], closed: Bool) -> String {
        guard !coordinates.isEmpty else { return "" }
        var text = ""
        var last: (x: Double, y: Double)?
        for (index, coordinate) in coordinates.enumerated() {
            let p = point(coordinate)
            // Points less than a tenth of a unit apart draw the same; leaving them out keeps reports small.
            if let last, index > 0, index < coordinates.count - 1, abs(p.x - last.x) < 0.1, abs(p.y - last.y) < 0.1 { continue }
            text += (index == 0 ? "M" : "L") + Self.number(p.x) + " " + Self.number(p.y)
            last = p
        }
        return closed ? text + "Z" : text
    }

    /// Path data for any geometry; points become nothing (they are drawn as markers).
    func path(_ geometry: Geometry) -> String {
        switch geometry {
        case .polygon(let polygon): return ([polygon.exterior] + polygon.holes).map { ring($0, closed: true) }.joined()
        case .multiPolygon(let polygons): return polygons.map { path(.polygon($0)) }.joined()
        case .lineString(let points): return ring(points, closed: false)
        case .multiLineString(let lines): return lines.map { ring($0, closed: false) }.joined()
        case .geometryCollection(let parts): return parts.map(path).joined()
        default: return ""
        }
    }
}

enum XML {
    /// Text for element content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
