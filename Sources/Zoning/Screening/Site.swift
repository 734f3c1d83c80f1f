import Formats
import Geometry
import Wording

/// A place to screen: a point, line or polygon as the user gave it, and what they said about the project.
public struct Site: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var geometry: Geometry
    /// The CRS of `geometry` (after removing any web-map offset).
    public var crs: CRS
    /// The web map the coordinates were copied from; GCJ-02 and BD-09 offsets are removed first.
    public var webMapDatum: WebMapDatum
    public var profile: ProjectProfile?
    /// What reading the input noticed (axes swapped, a declared area that disagrees), for the report;
    /// worded by whoever prints it.
    public var notes: [InputNote]
    /// How messages name the site when it came from a file: "file 第 3 个要素（P-103）".
    public var label: SiteLabel?

    public init(id: String? = nil, name: String? = nil, geometry: Geometry, crs: CRS = .cgcs2000,
                webMapDatum: WebMapDatum = .wgs84, profile: ProjectProfile? = nil, notes: [InputNote] = []) {
        self.id = id
        self.name = name
        self.geometry = geometry
        self.crs = crs
        self.webMapDatum = webMapDatum
        self.profile = profile
        self.notes = notes
    }
}

/// Why a site could not be screened. Names the site so a batch can say which one failed.
public struct ScreeningError: UserFacingError, Sendable {
    public enum Problem: Sendable {
        case geometry(GeometryError)
        case invalidGeometry(ValidityReport)
        case emptyGeometry
        case offsetNeedsGeographic(crs: CRS)
        case outsideDataset(region: String)
    }

    /// How the site is named (`Site.reference`); nil for an unnamed site.
    public let site: SiteLabel?
    public let problem: Problem

    public init(site: SiteLabel?, problem: Problem) {
        self.site = site
        self.problem = problem
    }

    public func message(_ l: Language) -> String {
        let what: String
        switch problem {
        case .geometry(let error): what = error.message(l)
        case .invalidGeometry(let report): what = report.message(l)
        case .emptyGeometry: what = l.pick("几何为空", "the geometry is empty")
        case .offsetNeedsGeographic(let crs):
            what = l.pick("网络地图坐标纠偏只适用于经纬度坐标，而输入坐标系为 \(crs)", "web-map offsets apply to longitude/latitude only; the input CRS is \(crs)")
        case .outsideDataset(let region):
            what = l.pick("站点完全在数据集范围（\(region)）之外，无法判定", "the site lies wholly outside the dataset's region (\(region))")
        }
        let name = site?.text(l) ?? l.pick("（未命名）", "(unnamed)")
        return l.pick("站点 \(name)：\(what)", "site \(name): \(what)")
    }
}

extension Site {
    /// What messages call the site: its label, else its ID, else its name; nil for an unnamed site
    /// (messages then say so in their language).
    public var reference: SiteLabel? { label ?? (id ?? name).map(SiteLabel.name) }

    /// The geometry as RFC 7946 GeoJSON wants it: longitude/latitude (CGCS2000, which GeoJSON's WGS 84
    /// equals to well under a metre), any web-map offset removed.
    public func longitudeLatitude() throws(GeometryError) -> Geometry {
        var geometry = self.geometry
        if webMapDatum != .wgs84, crs.isKnownGeographic { geometry = geometry.converted(from: webMapDatum, to: .wgs84).geometry }
        return try geometry.transformed(from: crs, to: .cgcs2000)
    }
}
