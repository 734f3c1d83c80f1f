import Formats
import Geometry

/// The intake of one source: features (or the problems its reader found) in, batch jobs out.
public struct SourceIntake: Sendable {
    let intake: SiteIntake
    /// What labels call the source: a file path, "stdin", "--point 2".
    public let source: String
    /// The property read as each site's ID, once decided at the first feature; nil for the features' own IDs.
    public private(set) var idField: String?
    public private(set) var notes: [IntakeNote] = []
    private var decided = false

    private let numbered: Bool
    /// False for the one site of a request: messages then call it by its ID or name, as the sender did.
    private let labelsSites: Bool

    init(intake: SiteIntake, source: String, numbered: Bool, labelsSites: Bool = true) {
        self.intake = intake
        self.source = source
        self.numbered = numbered
        self.labelsSites = labelsSites
    }

    private func label(number: Int, id: String?) -> SiteLabel {
        if !numbered, let id { return .name(id) }
        return .feature(source: source, number: number, id: id)
    }

    /// The job for one feature as read: a site to screen, or why it cannot be one.
    public mutating func job(_ read: Result<Feature, FeatureError>) -> BatchJob {
        switch read {
        case .success(let feature): return job(feature)
        case .failure(let problem):
            let id = problem.featureID
            let label = label(number: (problem.featureIndex ?? 0) + 1, id: id)
            return BatchJob(label: label, id: id, feature: nil, site: .failure(BatchInputError(.unreadable(problem), site: label)))
        }
    }

    /// `name`: what the caller was told the site is called (a request's `name`), over the feature's own.
    public mutating func job(_ feature: Feature, name given: String? = nil) -> BatchJob {
        if !decided { decide(feature) }
        let properties = feature.properties
        let id = idField.flatMap { properties[$0]?.text }.flatMap { $0.isEmpty ? nil : $0 } ?? feature.id
        let label = label(number: feature.index + 1, id: id)
        func failed(_ problem: SiteIntakeError) -> BatchJob {
            BatchJob(label: label, id: id, feature: feature, site: .failure(BatchInputError(.intake(problem), site: label)))
        }
        guard let geometry = feature.geometry else { return failed(.noGeometry) }
        let vertexLimit = intake.options.limits.vertices
        if geometry.coordinateCount > vertexLimit.value {
            let problem = InputLimits.Exceeded.vertices(count: geometry.coordinateCount, limit: vertexLimit.value, variable: vertexLimit.setting)
            return failed(.overLimit(problem))
        }
        let profile: ProjectProfile?
        do { profile = intake.options.readsProfiles ? try intake.profile(from: properties) : nil } catch {
            return failed(.profile(error))
        }
        let name = given ?? SiteIntake.recognisedNameFields.lazy.compactMap { properties[$0]?.text }.first { !$0.isEmpty && $0 != id }
        var site = Site(id: id, name: name, geometry: geometry, crs: feature.crs ?? intake.options.crs ?? .cgcs2000,
                        webMapDatum: intake.options.offset, profile: profile, notes: feature.notes)
        if labelsSites { site.label = label }
        return BatchJob(label: label, id: id, feature: feature, site: .success(site))
    }

    private mutating func decide(_ feature: Feature) {
        decided = true
        let keys = feature.properties.keys
        if let wanted = intake.options.idField {
            if keys.contains(wanted) {
                idField = wanted
            } else {
                notes.append(.idFieldMissing(source: source, field: wanted, available: keys.sorted()))
            }
            return
        }
        // A feature's own ID (GeoJSON id, 勘测定界 地块编号, a table's id or parcel column) comes first.
        guard feature.id == nil else { return }
        guard let recognised = SiteIntake.recognisedIDFields.first(where: { keys.contains($0) }) else {
            if numbered, !keys.isEmpty { notes.append(.noIDField(source: source, available: keys.sorted())) }
            return
        }
        idField = recognised
        notes.append(.idFieldRecognised(source: source, field: recognised))
    }
}
