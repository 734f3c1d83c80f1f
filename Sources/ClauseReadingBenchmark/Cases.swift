import Foundation
import Yams
import Zoning

/// A project case for one clause text, as a person decided it from the words alone.
struct ReaderCase {
    enum Expectation: String { case binds, doesNotConcern, mayConcern, open, requirement }
    let set: String
    let id: String
    let text: String
    var profile: ProjectProfile
    let site: SiteConditionFacts
    let expect: Expectation
    let effect: Effect?
    /// The effect the list's title gives verbless items (dev-set sources that are negative lists).
    var listEffect: (effect: Effect, natures: [ProjectNature]?, words: String)? = nil
}

/// The site facts a case names: distances far from every shoreline unless given, parks as given, and
/// the drinking-water and nature-reserve layers present (the site in none of them).
enum CaseSites {
    static let roles: Set<String> = ["drinkingWater", "natureReserve"]
    static let far: [RiverClass: Double] = [.mainStream: 8_000, .importantTributary: 12_000, .tributary: 9_000]

    static func site(inPark: Bool?, chemicalPark: Bool, shorelineMetres: Double?, parkName: String? = nil) -> SiteConditionFacts {
        let parks: [SiteConditionFacts.ParkShare] = inPark == true ? [.init(kind: chemicalPark ? .chemical : .industrial, compliant: true, share: 1, name: parkName)] : []
        let distances = shorelineMetres.map { metres in Dictionary(uniqueKeysWithValues: RiverClass.allCases.map { ($0, metres) }) } ?? far
        return SiteConditionFacts(parks: parks, shorelineMetres: distances, roles: roles)
    }

    /// The named sites of Fixtures/clauses/reader-cases.csv.
    static func named(_ name: String) -> SiteConditionFacts {
        switch name {
        case "inCompliantChemicalPark": site(inPark: true, chemicalPark: true, shorelineMetres: nil)
        case "inPark": site(inPark: true, chemicalPark: false, shorelineMetres: nil)
        case "nearMain800": SiteConditionFacts(parks: [], shorelineMetres: [.mainStream: 800, .importantTributary: 9_000, .tributary: 5_000], roles: roles)
        default: site(inPark: false, chemicalPark: false, shorelineMetres: nil)
        }
    }
}

/// Fixtures/clauses/reader-cases.csv (synthetic clauses, labelled so in the file).
enum SyntheticCases {
    static func load(_ url: URL) throws -> [ReaderCase] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var header: [String]?
        var cases: [ReaderCase] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = CSVLine.fields(String(line))
            guard let names = header else { header = fields; continue }
            let row = Dictionary(uniqueKeysWithValues: zip(names, fields))
            guard let expect = ReaderCase.Expectation(rawValue: row["expect"] ?? "") else { continue }
            cases.append(ReaderCase(set: "synthetic", id: row["case"] ?? "", text: (row["text"] ?? "").replacingOccurrences(of: "\\n", with: "\n"),
                                    profile: ProjectProfile(industry: row["industry"], nature: ProjectNature(rawValue: row["nature"] ?? "")),
                                    site: CaseSites.named(row["site"] ?? ""), expect: expect, effect: Effect(rawValue: row["effect"] ?? "")))
        }
        return cases
    }
}

enum CSVLine {
    /// Fields of one CSV line ("" inside quotes is a quote).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { current.append("\""); characters.removeFirst() } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { fields.append(current); current = "" } else { current.append(c) }
        }
        fields.append(current)
        return fields
    }
}

/// Fixtures/clauses/dev/<province>.yaml: published clauses labelled by hand (format in its README).
enum DevelopmentSet {
    struct File: Decodable {
        let province: String
        let sources: [Source]
        let clauses: [Clause]
    }
    struct Source: Decodable {
        let id: String
        /// The effect a list's title gives its verbless items (the labeller's reading of the title).
        let listEffect: ListEffect?
    }
    struct ListEffect: Decodable {
        let effect: Effect
        let natures: [ProjectNature]?
        let words: String
    }
    struct Clause: Decodable {
        let id: String
        let source: String
        let text: String
        let cases: [Case]?
    }
    struct Case: Decodable {
        let profile: Profile
        let expect: String
        let effect: String?
    }
    struct Profile: Decodable {
        let industry: String?
        let nature: String?
        let chemical: Bool?
        let inPark: Bool?
        let parkKind: String?
        let shorelineMetres: Double?
        let flags: [String]?
    }

    /// The labeller wrote the project's facts in words; those the screening profile can carry become its
    /// flags (as a user ticks them on the page), the words kept for the places read below.
    static func flagIds(_ words: String) -> [String] {
        var ids = [words]
        if words.contains("淘汰类") || words.contains("落后产能") { ids.append("eliminatedCatalogue") }
        if words.contains("限制类") { ids.append("restrictedCatalogue") }
        if words.contains("化工园区") && (words.contains("新设") || words.contains("扩建") || words.contains("新建")) { ids.append("chemicalPark") }
        if words.contains("工业园区") && words.contains("新设") { ids.append("industrialPark") }
        if words.contains("燃煤") && words.contains("锅炉") { ids.append("coalFiredBoiler") }
        return ids
    }

    static func load(_ folder: URL) throws -> [ReaderCase] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var cases: [ReaderCase] = []
        for url in files.sorted(by: { $0.path < $1.path }) where url.pathExtension == "yaml" {
            let file = try YAMLDecoder().decode(File.self, from: try Data(contentsOf: url))
            let lists = Dictionary(file.sources.compactMap { source in source.listEffect.map { (source.id, $0) } }, uniquingKeysWith: { a, _ in a })
            for clause in file.clauses {
                for (number, item) in (clause.cases ?? []).enumerated() {
                    guard let expect = ReaderCase.Expectation(rawValue: item.expect) else { continue }
                    var profile = ProjectProfile(industry: item.profile.industry, nature: item.profile.nature.flatMap(ProjectNature.init(rawValue:)))
                    profile.chemical = item.profile.chemical
                    profile.flags = Set((item.profile.flags ?? []).flatMap(DevelopmentSet.flagIds))
                    // The labeller's facts in words are what a user types as the products (含电镀工序, 产品为烧碱).
                    profile.products = item.profile.flags?.joined(separator: "，")
                    // 投资额2亿元（不含土地）: the sum, as a user types it into the investment field.
                    for words in item.profile.flags ?? [] where words.contains("投资") {
                        if let range = words.range(of: #"[0-9.]+(亿元|万元)"#, options: .regularExpression) {
                            profile.investment = try? ProjectProfile.investment(parsing: String(words[range]))
                        }
                    }
                    // parkKind is the labeller's words (化工园区, 综合性工业园区, or a park's name: 海渤湾工业园区),
                    // given as the park's name as a parks layer gives it.
                    let kind = item.profile.parkKind ?? ""
                    var site = CaseSites.site(inPark: item.profile.inPark, chemicalPark: kind.contains("化工") && !kind.contains("非化工"),
                                              shorelineMetres: item.profile.shorelineMetres, parkName: item.profile.parkKind)
                    // Facts of place the labeller wrote among the flags.
                    for (words, level) in [("位于饮用水水源一级保护区内", "一级"), ("位于饮用水水源二级保护区内", "二级")] where profile.flags.contains(words) {
                        site.areas.append(.init(role: "drinkingWater", layer: "drinkingWater", level: level))
                    }
                    // A place the labeller says the site lies in, as a layer of that role would say it.
                    for (words, role) in [("集中供热区域内", "centralHeating"), ("建成区内", "builtUpArea")]
                        where (item.profile.flags ?? []).contains(where: { $0.contains(words) }) {
                        site.areas.append(.init(role: role, layer: role, level: nil))
                        site.roles.insert(role)
                    }
                    // One the labeller says the site lies outside of: the layer is there, the site in none of its areas.
                    for (words, role) in [("集中供热区域外", "centralHeating"), ("建成区外", "builtUpArea")]
                        where (item.profile.flags ?? []).contains(where: { $0.contains(words) }) {
                        site.roles.insert(role)
                    }
                    cases.append(ReaderCase(set: file.province, id: "\(clause.id)#\(number + 1)", text: clause.text, profile: profile, site: site,
                                            expect: expect, effect: item.effect.flatMap(Effect.init(rawValue:)),
                                            listEffect: lists[clause.source].map { ($0.effect, $0.natures, $0.words) }))
                }
            }
        }
        return cases
    }
}
