import Formats
import Geometry
import Wording

/// A site that could not be read or turned into a `Site` (bad feature, unknown industry ...), or that
/// failed screening: the typed cause and the site it concerns, worded when printed (`message(_:)`).
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

    public enum Cause: Sendable {
        /// The feature's reader could not give it; the reader's words name the feature.
        case unreadable(FeatureError)
        /// What the intake checks: a geometry, the vertex limit, the profile, parcels to merge.
        case intake(SiteIntakeError)
        /// Screening refused the site; its words name the site.
        case screening(ScreeningError)
        /// The thread's engine could not be made from the dataset: not this site's doing, so its
        /// words do not name the site.
        case engine(GeometryError)
        /// Input the caller could not read before the intake saw it (a malformed `--point`, a file that
        /// does not open): its own error, worded as it is. An error that cannot word itself (none of
        /// ours) is printed as Swift describes it, the same in every language.
        case input(any Error)
    }

    public let cause: Cause
    /// The site the error concerns. Messages put it first where the cause's own words do not name it.
    public let site: SiteLabel

    public init(_ cause: Cause, site: SiteLabel) {
        self.cause = cause
        self.site = site
    }

    public var kind: Kind {
        switch cause {
        case .unreadable, .input: .unreadable
        case .intake(let error): error.kind
        case .screening(let error):
            switch error.problem {
            case .invalidGeometry, .emptyGeometry: .invalidGeometry
            case .outsideDataset: .outsideDataset
            case .geometry, .offsetNeedsGeographic: .other
            }
        case .engine: .other
        }
    }

    public func message(_ l: Language) -> String {
        switch cause {
        case .unreadable(let error): error.message(l)
        case .screening(let error): error.message(l)
        case .engine(let error): error.message(l)
        case .input(let error): (error as? UserFacingError)?.message(l) ?? "\(error)"
        case .intake(let error) where error.namesSource: error.message(l)
        case .intake(let error): site.text(l) + l.pick("：", ": ") + error.message(l)
        }
    }
}

/// Why the intake could not make a site of a feature (or of a source's parcels merged), beyond what
/// the reader found. Its words leave out which site: `BatchInputError` names it first.
public enum SiteIntakeError: UserFacingError, Sendable, Equatable {
    case noGeometry
    /// More vertices than the run allows (`InputLimits.Exceeded.vertices`).
    case overLimit(InputLimits.Exceeded)
    /// The project profile in the feature's properties, or the run's overrides on it.
    case profile(ProfileInputError)
    /// Parcels to be screened as one site, and none had a geometry; names the source itself.
    case nothingToMerge(source: String)
    case mergedNotPolygon(geometryType: String)
    case mergedCRSDiffers(crs: CRS, first: CRS)
    case mergedProfileDiffers

    public var kind: BatchInputError.Kind {
        switch self {
        case .noGeometry, .nothingToMerge: .unreadable
        case .overLimit, .mergedNotPolygon: .invalidGeometry
        case .profile, .mergedProfileDiffers: .profile
        case .mergedCRSDiffers: .other
        }
    }

    /// True when the words name the source themselves, so no site goes before them.
    var namesSource: Bool {
        if case .nothingToMerge = self { true } else { false }
    }

    public func message(_ l: Language) -> String {
        switch self {
        case .noGeometry:
            l.pick("没有几何", "no geometry")
        case .overLimit(let problem):
            problem.message(l)
        case .profile(let problem):
            problem.message(l)
        case .nothingToMerge(let source):
            l.pick("\(source) 中没有几何", "\(source) holds no geometry")
        case .mergedNotPolygon(let type):
            l.pick("只有面状地块才能合并为一个站点，此要素为 \(type)",
                   "only polygons can be screened together as one site; this feature is a \(type)")
        case .mergedCRSDiffers(let crs, let first):
            l.pick("坐标系 \(crs) 与第一个地块的 \(first) 不同，不能合并为一个站点",
                   "its CRS \(crs) differs from the first parcel's \(first), so the parcels cannot be one site")
        case .mergedProfileDiffers:
            l.pick("项目情况与第一个地块不同，不能合并为一个站点（请分别筛查）",
                   "its project profile differs from the first parcel's, so the parcels cannot be one site (screen them one by one)")
        }
    }
}
