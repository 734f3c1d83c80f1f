import Foundation
import Zoning

/// The built-in national rule pack (`Resources/national-rules.yaml`) as written.
struct NationalRulePackFile: Decodable {
    var pack: String
    var version: String
    var regions: [String: RegionRecord]
    var chemicalIndustries: [String]?
    var flags: [ProjectFlag]
    var sources: [SourceDocument]
    var rules: RulesFile

    struct RegionRecord: Decodable {
        var name: String
        /// Province codes (two digits) wholly in the territory; absent for `nationwide`.
        var provinces: [String]?
        var partly: [String]?
    }
}

/// What a manifest says about the national rules (`nationalRules:` in dataset.yaml).
struct NationalRulesSettings: Decodable {
    /// false switches the whole pack off.
    var enabled: Bool?
    /// Rules to leave out, by id.
    var drop: [String]?
    /// Rules to change: an id and the members to replace.
    var override: [RuleOverride]?
}

/// The national rules that hold for one dataset: the pack, limited to the dataset's region, with the
/// manifest's drops and overrides.
struct ResolvedNationalRules {
    var records: [(section: RuleSection, record: RuleRecord)]
    var sources: [SourceDocument]
    var chemicalIndustries: [String]?
    /// The pack's flag words (kept when the pack is off: a profile may still name them).
    var flags: [ProjectFlag]
    var summary: NationalRulesSummary
    /// Every id the pack has (applicable or not): a dataset's own rule may not reuse one.
    var packIds: Set<String>
}

enum NationalRulePack {
    /// Reads the pack, recording a missing or invalid pack as fatal (a dataset screened without the
    /// national rules it expects would answer 符合 where the law says 禁止).
    static func read(_ log: inout ProblemLog) -> NationalRulePackFile? {
        guard let (data, _) = BuiltInData.contents(BuiltInData.nationalRules) else {
            log.fail(.builtInMissing(name: BuiltInData.nationalRules, looked: BuiltInData.candidates(BuiltInData.nationalRules).map(\.path)))
            return nil
        }
        return log.decodeYAML(data, name: "builtin:" + BuiltInData.nationalRules)
    }

    static func resolve(_ pack: NationalRulePackFile, settings: NationalRulesSettings?, regionCode: String?,
                        _ log: inout ProblemLog) -> ResolvedNationalRules {
        let all = pack.rules.sections.flatMap { section, records in records.map { (section: section, record: $0) } }
        let packIds = Set(all.map(\.record.id))
        let dropped = Set(settings?.drop ?? [])
        var overrides: [String: RuleOverride] = [:]
        for id in settings?.drop ?? [] where !packIds.contains(id) {
            log.fail(.nationalRuleUnknown(id: id, setting: "nationalRules.drop", known: packIds.sorted()))
        }
        for override in settings?.override ?? [] {
            if !packIds.contains(override.id) {
                log.fail(.nationalRuleUnknown(id: override.id, setting: "nationalRules.override", known: packIds.sorted()))
            } else if overrides.updateValue(override, forKey: override.id) != nil {
                log.fail(.invalidSetting(name: "nationalRules.override", detail: "\(override.id) 出现两次 / given twice"))
            }
        }
        guard settings?.enabled ?? true else {
            var off = NationalRulesSummary.off
            off.version = pack.version
            return ResolvedNationalRules(records: [], sources: [], chemicalIndustries: nil, flags: pack.flags, summary: off, packIds: packIds)
        }
        let province = regionCode.map { String($0.prefix(2)) }
        var records: [(section: RuleSection, record: RuleRecord)] = []
        var regions = Set<String>(), partly = Set<String>(), notApplicable: [String] = []
        for (section, record) in all {
            let territory = record.appliesIn ?? "nationwide"
            guard let region = pack.regions[territory] else {
                log.fail(.fileInvalid(path: "builtin:" + BuiltInData.nationalRules, detail: "\(record.id): appliesIn \(territory) 未定义 / undefined"))
                continue
            }
            if dropped.contains(record.id) { continue }
            if let province, let provinces = region.provinces {
                if region.partly?.contains(province) == true {
                    partly.insert(territory)
                } else if !provinces.contains(province) {
                    notApplicable.append(record.id)
                    continue
                }
            }
            regions.insert(territory)
            records.append((section, overrides[record.id].map { $0.applied(to: record) } ?? record))
        }
        let summary = NationalRulesSummary(
            version: pack.version, enabled: true, regions: regions.sorted(), ruleIds: records.map(\.record.id),
            dropped: (settings?.drop ?? []).filter(packIds.contains), overridden: overrides.keys.sorted(), notApplicable: notApplicable,
            partly: partly.sorted(), regionUnknown: regionCode == nil)
        return ResolvedNationalRules(records: records, sources: pack.sources, chemicalIndustries: pack.chemicalIndustries,
                                     flags: pack.flags, summary: summary, packIds: packIds)
    }
}

/// Administrative division codes (GB/T 2260): a dataset's `regionCode` says which province's rules
/// hold, so it must be one.
enum RegionCode {
    /// The province-level codes (first two digits).
    static let provinces: Set<String> = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                                         "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
                                         "71", "81", "82"]

    /// What is wrong with a regionCode, or nil when it is a province, city or county code.
    static func problem(_ code: String) -> String? {
        guard [2, 4, 6].contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "应为 2、4 或 6 位数字的行政区划代码（如 429004）/ expected a 2-, 4- or 6-digit administrative code (e.g. 429004): \(code)"
        }
        guard provinces.contains(String(code.prefix(2))) else {
            return "前两位 \(code.prefix(2)) 不是省级行政区划代码 / the first two digits \(code.prefix(2)) are no province's code: \(code)"
        }
        return nil
    }
}
