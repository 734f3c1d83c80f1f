import Foundation
import Formats
import Geometry
import Wording

/// The one way a feature becomes a site, for every path (command line, service, tests): which
/// property is its ID, its name, its project profile, its CRS, the notes its reader left, and the
/// label every message uses (file, feature number, ID). It words nothing: its labels, notes and
/// errors are facts that the layer printing them words in its reader's language.
public struct SiteIntake: Sendable {
    public struct Options: Sendable, Hashable {
        /// `--crs`: the CRS of the input; nil means each source's own, else CGCS2000 longitude/latitude.
        public var crs: CRS?
        public var offset: WebMapDatum
        /// `--id-field`: the property that holds each site's ID.
        public var idField: String?
        public var overrides: ProfileOverrides
        /// For files read through GDAL: forced text encoding, layer, what a table row is.
        public var encoding: String?
        public var layer: String?
        public var tableRows: TableRows
        /// Files from someone else (`--untrusted-input`; uploads always): see `GDALReadOptions.untrusted`.
        public var untrusted: Bool
        /// How far one input may expand while it is read; the vertex limit applies to every site.
        public var limits: ReadLimits
        /// False where the project does not matter (`convert`): the features' profiles are left unread.
        public var readsProfiles: Bool

        public init(crs: CRS? = nil, offset: WebMapDatum = .wgs84, idField: String? = nil, overrides: ProfileOverrides = ProfileOverrides(),
                    encoding: String? = nil, layer: String? = nil, tableRows: TableRows = .auto,
                    untrusted: Bool = false, limits: ReadLimits = .files, readsProfiles: Bool = true) {
            self.crs = crs
            self.offset = offset
            self.idField = idField
            self.overrides = overrides
            self.encoding = encoding
            self.layer = layer
            self.tableRows = tableRows
            self.untrusted = untrusted
            self.limits = limits
            self.readsProfiles = readsProfiles
        }

        public var readOptions: GDALReadOptions {
            GDALReadOptions(encoding: encoding, crs: crs, layer: layer, tableRows: tableRows, idField: idField,
                            untrusted: untrusted, limits: limits)
        }
    }

    public let catalogue: IndustryCatalogue
    /// The flags a feature's `flags` may name; nil takes them as given.
    public let flags: FlagVocabulary?
    public let options: Options

    public init(catalogue: IndustryCatalogue, flags: FlagVocabulary? = nil, options: Options) {
        self.catalogue = catalogue
        self.flags = flags
        self.options = options
    }

    /// The intake for sites screened against `dataset`: its catalogue and its flags.
    public init(dataset: Dataset, options: Options) {
        self.init(catalogue: dataset.catalogue, flags: dataset.flags, options: options)
    }

    /// Property names taken as a site's ID when the feature has no ID of its own and `--id-field` is
    /// not given, in this order: identifiers first, project names last.
    public static let recognisedIDFields = ["id", "ID", "Id", "site_id", "siteId", "SITE_ID", "编号", "站点编号", "地块编号", "宗地号", "宗地编号",
                                            "宗地代码", "项目编号", "图斑编号", "DKBH", "dkbh", "ZDH", "zdh", "ZDDM", "XMBH", "xmbh", "XMMC", "xmmc", "项目名称"]
    /// Property names taken as a site's name, in this order.
    public static let recognisedNameFields = ["name", "NAME", "Name", "名称", "地块名称", "parcelName", "项目名称", "XMMC", "xmmc", "站点名称"]

    /// A reader of one source (a file, stdin, a request): it decides the ID property at its first feature.
    /// `numbered`: labels say "file 第 3 个要素（ID）"; otherwise (sites typed on the command line,
    /// the dataset's demo sites) a site is called by its ID alone.
    public func source(_ name: String, numbered: Bool = true) -> SourceIntake { SourceIntake(intake: self, source: name, numbered: numbered) }

    /// The reader of a request's one site (a geometry or pasted coordinates): messages call the site
    /// by the ID or name the request gives, else "unnamed", never by a number in a source.
    public func request(_ name: String) -> SourceIntake { SourceIntake(intake: self, source: name, numbered: false, labelsSites: false) }

    /// A profile from a feature's own properties (industry, nature, chemical, flags, products), checked, with the
    /// run's overrides on top.
    public func profile(from properties: [String: JSONValue]) throws(ProfileInputError) -> ProjectProfile? {
        // One pass over the feature's few properties, not a hash lookup per known name (of which there
        // are twenty): this runs for every site of a file.
        var found = [(value: JSONValue, rank: Int)?](repeating: nil, count: ProfileField.allCases.count)
        var typed: [String] = []
        // A `flags` property, even an empty list, answers the flags: those not in it are "no".
        var flagsGiven = false
        for (key, value) in properties {
            if key == "flags" {
                (typed, flagsGiven) = Self.flags(value)
                continue
            }
            guard let (field, rank) = ProfileField.byName[key], value != .null, value != .string("") else { continue }
            if let earlier = found[field.rawValue], earlier.rank < rank { continue }
            found[field.rawValue] = (value, rank)
        }
        func value(_ field: ProfileField) -> JSONValue? { found[field.rawValue]?.value }
        let industry = value(.industry)?.text
        var nature: ProjectNature?
        if let text = value(.nature)?.text { nature = try ProjectNature.parse(text) }
        let chemical = try value(.chemical).map(ProjectProfile.chemical)
        let flags = try self.flags?.ids(for: typed) ?? Set(typed)
        let products = value(.products)?.text
        let investment = try value(.investment).map(ProjectProfile.investment)
        let own = industry == nil && nature == nil && chemical == nil && flags.isEmpty && products == nil && investment == nil
            ? nil : ProjectProfile(industry: industry, nature: nature, chemical: chemical, flags: flags, flagsStated: flagsGiven,
                                   products: products, investment: investment)
        return try options.overrides.profile(over: own, catalogue: catalogue)
    }

    /// A `flags` property: a list, or text as a Shapefile or spreadsheet column holds it
    /// (`tailingsPond, chemicalPark`, `尾矿库、化工园区`). A list, even empty, or non-blank text answers the
    /// flags; blank text, null or anything else leaves them unanswered, never "none".
    static func flags(_ value: JSONValue) -> (typed: [String], answered: Bool) {
        switch value {
        case .array(let items): return (items.compactMap(\.text), true)
        case .string(let text):
            let typed = text.split(whereSeparator: { ",，、;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return (typed, !typed.isEmpty)
        default: return ([], false)
        }
    }
}

/// Something the intake decided for a whole source, worth one line to the user.
public enum IntakeNote: Hashable, Sendable {
    /// The ID property was recognised by its name.
    case idFieldRecognised(source: String, field: String)
    /// `--id-field` named a property the source's first feature does not have.
    case idFieldMissing(source: String, field: String, available: [String])
    /// No property looks like an ID: sites are called by their number in the file.
    case noIDField(source: String, available: [String])

    public func message(_ l: Language) -> String {
        switch self {
        case .idFieldRecognised(let source, let field):
            return l.pick("\(source)：站点编号取自字段“\(field)”（可用 --id-field 指定其他字段）",
                          "\(source): site IDs taken from property \"\(field)\" (choose another with --id-field)")
        case .noIDField(let source, let available):
            let list = available.joined(separator: l.pick("、", ", "))
            return l.pick("\(source)：没有识别出站点编号字段，站点按在文件中的序号称呼；如某一字段是编号，请用 --id-field 指定（现有字段：\(list)）",
                          "\(source): no property looks like a site ID, so sites are called by their number in the file; name the ID property with --id-field (the properties are: \(list))")
        case .idFieldMissing(let source, let field, let available):
            let list = available.isEmpty ? l.pick("（无）", "(none)") : available.joined(separator: l.pick("、", ", "))
            return l.pick("\(source)：没有 --id-field 指定的字段“\(field)”，现有字段：\(list)",
                          "\(source): there is no property \"\(field)\" named by --id-field; the properties are: \(list)")
        }
    }
}
