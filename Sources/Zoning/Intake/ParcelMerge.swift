import Formats
import Geometry

extension SiteIntake {
    /// The parcels of one input screened together as one site, when the user asks for it
    /// (`--merge-parcels`, a request's `mergeParcels`); by default each parcel is its own site.
    ///
    /// The site is every parcel's polygons as one MultiPolygon, with every parcel's notes and one
    /// profile. A parcel that could not be read, a part that is not a polygon, parcels in different
    /// CRSs or with different profiles make the whole site fail, naming the parcel: a boundary with a
    /// piece missing, or a profile that one parcel states and the others do not, would be screened as
    /// something it is not.
    /// - Parameters:
    ///   - source: what messages call the input (a file path, an uploaded file's name); the site's label.
    ///   - id, name: the merged site's, when the user gives them.
    public func merged(_ jobs: [BatchJob], source: String, id: String? = nil, name: String? = nil) -> BatchJob {
        func failed(_ job: BatchJob, _ problem: SiteIntakeError) -> BatchJob {
            BatchJob(label: job.label, id: job.id, feature: job.feature, site: .failure(BatchInputError(.intake(problem), site: job.label)))
        }
        var sites: [Site] = []
        for job in jobs {
            switch job.site {
            case .failure: return job
            case .success(let site): sites.append(site)
            }
        }
        guard let first = sites.first else {
            return BatchJob(label: .name(source), id: id, feature: nil,
                            site: .failure(BatchInputError(.intake(.nothingToMerge(source: source)), site: .name(source))))
        }
        if sites.count == 1, id == nil, name == nil { return jobs[0] }
        var polygons: [Polygon] = []
        for (job, site) in zip(jobs, sites) {
            switch site.geometry {
            case .polygon(let polygon): polygons.append(polygon)
            case .multiPolygon(let parts): polygons += parts
            default:
                return failed(job, .mergedNotPolygon(geometryType: site.geometry.typeName))
            }
            if site.crs != first.crs {
                return failed(job, .mergedCRSDiffers(crs: site.crs, first: first.crs))
            }
            if site.profile != first.profile {
                return failed(job, .mergedProfileDiffers)
            }
        }
        let geometry: Geometry = sites.count == 1 ? first.geometry : .multiPolygon(polygons)
        let notes = sites.flatMap(\.notes) + (sites.count > 1 ? [.parcelsMerged(count: sites.count)] : [])
        var site = Site(id: id, name: name, geometry: geometry, crs: first.crs, webMapDatum: first.webMapDatum, profile: first.profile, notes: notes)
        site.label = .name(source)
        return BatchJob(label: .name(source), id: id, feature: nil, site: .success(site))
    }
}
