import Foundation
import Formats
import Geometry

/// The figures of a run, written as JSON in the shape `benchmarks/province/compare.py` reads
/// (the peers' script writes the same shape).
struct FigureLog {
    struct Figure: Encodable {
        let name: String
        let threads: Int?
        let sites: Int?
        let seconds: Double
        let sitesPerSecond: Double?
        let nsPerSite: Double?
        let bytes: Int?
    }

    private(set) var figures: [Figure] = []

    mutating func add(_ name: String, threads: Int? = nil, sites: Int? = nil, seconds: Double, bytes: Int? = nil) {
        let rate = sites.map { Double($0) / seconds }
        figures.append(Figure(name: name, threads: threads, sites: sites, seconds: seconds, sitesPerSecond: rate,
                              nsPerSite: sites.map { seconds / Double($0) * 1e9 }, bytes: bytes))
    }

    func write(to url: URL, machine: String, cores: Int) throws {
        struct Tool: Encodable {
            let tool: String
            let versions: [String: String]
            let machine: String
            let figures: [Figure]
        }
        let tool = Tool(tool: "zonescreen", versions: ["geos": LibraryVersions.geos, "proj": LibraryVersions.proj],
                        machine: "\(cores) cores, \(machine)", figures: figures)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(tool), to: url)
    }
}
