import Foundation
import Formats
import Geometry
import Wording

/// One site of a batch as read: what to screen, or why it could not even be read.
public struct BatchJob: Sendable {
    /// How messages name the site: "file 第 3 个要素（P-103）".
    public var label: String
    /// The site's ID as the input gives it, when it gives one.
    public var id: String?
    public var feature: Feature?
    public var site: Result<Site, BatchInputError>

    public init(label: String, id: String? = nil, feature: Feature?, site: Result<Site, BatchInputError>) {
        self.label = label
        self.id = id
        self.feature = feature
        self.site = site
    }
}

/// A site that could not be read or turned into a `Site` (bad feature, unknown industry ...).
public struct BatchInputError: Error, Sendable {
    /// What kind of problem, for a summary that counts them.
    public enum Kind: String, Sendable, CaseIterable {
        /// The input could not be read (a file, a feature, a row).
        case unreadable
        /// The project profile in the feature's properties (an unknown industry or nature).
        case profile
        case invalidGeometry
        case outsideDataset
        /// Anything else (a CRS PROJ does not know, an offset on metres ...).
        case other

        public func name(_ l: Language) -> String {
            switch self {
            case .unreadable: l.pick("无法读取", "could not be read")
            case .profile: l.pick("项目情况有误", "project profile not understood")
            case .invalidGeometry: l.pick("几何无效", "invalid geometry")
            case .outsideDataset: l.pick("在数据集范围之外", "outside the dataset")
            case .other: l.pick("其他", "other")
            }
        }
    }

    public let message: String
    public let kind: Kind

    public init(message: String, kind: Kind = .other) {
        self.message = message
        self.kind = kind
    }

    init(_ error: ScreeningError, language: Language) {
        let kind: Kind = switch error.problem {
        case .invalidGeometry, .emptyGeometry: .invalidGeometry
        case .outsideDataset: .outsideDataset
        case .geometry, .offsetNeedsGeographic: .other
        }
        self.init(message: error.message(language), kind: kind)
    }
}

/// One site's outcome, in input order.
public struct BatchItem: Sendable {
    public let index: Int
    public let label: String
    public let id: String?
    public let feature: Feature?
    /// The site as read, also when screening it failed (its geometry still goes into GeoJSON output).
    public let site: Site?
    public let outcome: Result<ScreeningResult, BatchInputError>
    /// With `--compare-dataset`: the answer under the other edition, compared.
    public var comparison: SiteComparison?
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
        switch item.outcome {
        case .success(let result):
            byVerdict[result.verdict, default: 0] += 1
            for unitClass in Set(result.controlUnits.map(\.unitClass)) { byUnitClass[unitClass, default: 0] += 1 }
        case .failure:
            failed += 1
        }
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
