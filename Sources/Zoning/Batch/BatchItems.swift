import Foundation
import Formats
import Geometry
import Wording

/// One site of a batch as read: what to screen, or why it could not even be read.
public struct BatchJob: Sendable {
    /// How messages name the site (its place in the input), worded where they are printed.
    public var label: SiteLabel
    /// The site's ID as the input gives it, when it gives one.
    public var id: String?
    public var feature: Feature?
    public var site: Result<Site, BatchInputError>

    public init(label: SiteLabel, id: String? = nil, feature: Feature?, site: Result<Site, BatchInputError>) {
        self.label = label
        self.id = id
        self.feature = feature
        self.site = site
    }
}

/// One site's outcome, in input order.
public struct BatchItem: Sendable {
    public let index: Int
    public let label: SiteLabel
    public let id: String?
    public let feature: Feature?
    /// The site as read, also when screening it failed (its geometry still goes into GeoJSON output).
    public let site: Site?
    public let outcome: Result<ScreeningResult, BatchInputError>
    /// With `--compare-dataset`: the answer under the other edition, compared.
    public var comparison: SiteComparison?
    /// What the summary counts of a screened site, taken where it was screened: reading it out of
    /// `outcome` on the writing thread copied the whole result.
    let tally: SiteTally?
}

/// A screened site's verdict and the classes of the units it touches, each once.
struct SiteTally: Sendable {
    let verdict: Verdict
    let unitClasses: [Int]

    init(_ result: borrowing ScreeningResult) {
        verdict = result.verdict
        var classes: [Int] = []
        for position in result.controlUnits.indices where !classes.contains(result.controlUnits[position].unitClass) {
            classes.append(result.controlUnits[position].unitClass)
        }
        unitClasses = classes
    }
}

/// The edition every site is also screened under, and how the two differ.
public struct EditionComparison: Sendable {
    public let previous: Dataset
    public let diff: DatasetDiff

    public init(previous: Dataset, diff: DatasetDiff) {
        self.previous = previous
        self.diff = diff
    }
}

/// Counts for the end-of-run summary.
public struct BatchSummary: Sendable {
    public var total = 0
    public var failed = 0
    public var byVerdict: [Verdict: Int] = [:]
    /// Sites per unit class they touch (a site touching two classes counts in both).
    public var byUnitClass: [Int: Int] = [:]
    /// With `--compare-dataset`: sites by how their verdict moved between the editions.
    public var byDirection: [SiteComparison.Direction: Int] = [:]

    mutating func record(_ item: BatchItem) {
        total += 1
        if let comparison = item.comparison { byDirection[comparison.direction, default: 0] += 1 }
        guard let tally = item.tally else {
            failed += 1
            return
        }
        byVerdict[tally.verdict, default: 0] += 1
        // A site touching two classes counts in both.
        for unitClass in tally.unitClasses { byUnitClass[unitClass, default: 0] += 1 }
    }

    public func message(_ l: Language) -> String {
        let verdicts = Verdict.allCases.map { "\($0.name(l)) \(byVerdict[$0] ?? 0)" }.joined(separator: l.pick("，", ", "))
        let classes = UnitClass.allCases.map { "\($0.name(l)) \(byUnitClass[$0.rawValue] ?? 0)" }.joined(separator: l.pick("，", ", "))
        var text = l.pick("共 \(total) 个站点：\(verdicts)；失败 \(failed)。按单元类别：\(classes)。",
                          "\(total) sites: \(verdicts); failed \(failed). By unit class: \(classes).")
        if !byDirection.isEmpty {
            let directions = SiteComparison.Direction.allCases.compactMap { direction in byDirection[direction].map { "\(direction.name(l)) \($0)" } }
            text += l.pick("与旧版相比：", " Against the old edition: ") + directions.joined(separator: l.pick("，", ", ")) + l.pick("。", ".")
        }
        return text
    }
}
