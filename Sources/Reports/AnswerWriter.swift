import Foundation
import Formats
import Geometry
import Zoning

/// JSON answers written member by member (they are written for every site of a batch and every
/// service request; going through `Encodable` was most of their cost).
///
/// `verdict` and `reasons` leave out members that would be empty, false or the default (no red lines,
/// no notes, WGS 84 input, a site wholly inside the dataset) and name the dataset once per output, not
/// in every answer. `full` is self-contained: every member, every clause with its text and citation.
struct AnswerWriter {
    let wording: ResultWording
    let datasetName: String

    func verdict(_ result: ScreeningResult) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.beginObject()
        head(result, whole: false, into: &json)
        json.key("ruleIds")
        json.strings(result.reasons.map(\.ruleId))
        if !result.possibleReasons.isEmpty {
            json.key("possibleRuleIds")
            json.strings(result.possibleReasons.map(\.ruleId))
        }
        json.endObject()
        return json.bytes
    }

    func reasons(_ result: ScreeningResult) -> [UInt8] {
        var json = JSONWriter(capacity: 2048)
        json.beginObject()
        facts(result, whole: false, into: &json)
        json.key("applicableClauseCount"); json.integer(result.clauses.count)
        json.endObject()
        return json.bytes
    }

    /// The self-contained answer (`--detail full`): `dataset` supplies the clause texts and citations.
    func full(_ result: ScreeningResult, dataset: Dataset) -> [UInt8] {
        var json = JSONWriter(capacity: 8192 + 512 * result.clauses.count)
        json.beginObject()
        facts(result, whole: true, into: &json)
        array("clauses", Array(result.clauses), keepEmpty: true, into: &json) { clause, json in
            json.beginObject()
            json.key("id"); json.string(clause.id)
            json.key("level"); json.string(clause.level.rawValue)
            json.key("dimension"); json.string(clause.dimension.rawValue)
            json.key("effect"); json.string(clause.effect.rawValue)
            json.key("text"); json.string(dataset.clauses[clause.index].text)
            json.key("source"); write(wording.titled(dataset.clauseCitations[clause.index], datasetName: datasetName), into: &json)
            json.key("units"); json.strings(clause.units)
            json.key("conditional"); json.bool(clause.conditional)
            json.key("concernsProject"); json.string(clause.concernsProject.rawValue)
            json.key("needsReview"); json.bool(clause.needsReview)
            if let word = clause.reviewWord { json.key("reviewWord"); json.string(word) }
            json.key("decidedBy"); json.string(clause.decision.rawValue)
            if let part = clause.part, let read = dataset.clauses[clause.index].readParts?[part] {
                json.key("quote"); json.string(read.evidence.words)
            }
            json.endObject()
        }
        json.key("dataset"); json.raw((try? CompactJSONEncoder().encode(result.dataset)) ?? Data("null".utf8))
        json.endObject()
        return json.bytes
    }

    /// The all-industries answer: the site whole, then every class's verdict, grouped.
    func industries(_ verdicts: IndustryVerdicts) -> [UInt8] {
        var json = JSONWriter(capacity: 32_768)
        json.beginObject()
        json.key("site"); write(verdicts.site, whole: true, into: &json)
        if let nature = verdicts.nature { json.key("nature"); json.string(nature.rawValue) }
        json.key("counts")
        json.beginObject()
        for verdict in Verdict.allCases { if let count = verdicts.counts[verdict.rawValue] { json.key(verdict.rawValue); json.integer(count) } }
        json.endObject()
        array("groups", verdicts.groups, keepEmpty: true, into: &json) { group, json in
            json.beginObject()
            json.key("verdict"); json.string(group.verdict.rawValue)
            json.key("verdictName"); json.string(wording.verdict(group.verdict))
            json.key("rules"); json.strings(group.rules)
            array("industries", group.industries, keepEmpty: true, into: &json) { industry, json in
                json.beginObject()
                json.key("code"); json.string(industry.code)
                json.key("name"); json.string(industry.name)
                json.endObject()
            }
            json.endObject()
        }
        json.endObject()
        return json.bytes
    }

    /// Everything but the clause list and the dataset: `whole` keeps every member (`full`), else
    /// empty, false and default members are left out and clauses are cited by id (`reasons`).
    private func facts(_ result: ScreeningResult, whole: Bool, into json: inout JSONWriter) {
        head(result, whole: whole, into: &json)
        array("reasons", result.reasons, keepEmpty: whole, into: &json) { write($0, whole: whole, into: &$1) }
        array("possibleReasons", result.possibleReasons, keepEmpty: whole, into: &json) { write($0, whole: whole, into: &$1) }
        array("redLines", result.redLines, keepEmpty: whole, into: &json) { write($0, into: &$1) }
        array("controlUnits", result.controlUnits, keepEmpty: true, into: &json) { write($0, whole: whole, into: &$1) }
        if whole || result.onSharedBoundary { json.key("onSharedBoundary"); json.bool(result.onSharedBoundary) }
        json.key("shorelines")
        if whole { writeWhole(result.shorelines, into: &json) } else { write(result.shorelines, into: &json) }
        array("sensitiveAreas", result.sensitiveAreas, keepEmpty: whole, into: &json) { write($0, into: &$1) }
        if let parks = result.parks { array("parks", parks, keepEmpty: whole, into: &json) { write($0, into: &$1) } }
        let review = result.clausesNeedingReview
        if whole || review > 0 { json.key("clausesNeedingReview"); json.integer(review) }
    }

    /// `"key":[...]`, each item by `item`; nothing at all for no items unless `keepEmpty`.
    private func array<Item>(_ key: StaticString, _ items: [Item], keepEmpty: Bool, into json: inout JSONWriter,
                             _ item: (Item, inout JSONWriter) -> Void) {
        guard keepEmpty || !items.isEmpty else { return }
        json.key(key)
        json.beginArray()
        for element in items { item(element, &json) }
        json.endArray()
    }

    /// Site, profile, verdict: what every answer starts with.
    private func head(_ result: ScreeningResult, whole: Bool, into json: inout JSONWriter) {
        json.key("site"); write(result.site, whole: whole, into: &json)
        if let profile = result.profile {
            json.key("profile")
            json.beginObject()
            if let industry = profile.industry { json.key("industry"); json.string(industry) }
            if let name = profile.industryName { json.key("industryName"); json.string(name) }
            if let nature = profile.nature { json.key("nature"); json.string(nature.rawValue) }
            if let chemical = profile.chemical { json.key("chemical"); json.bool(chemical) }
            if whole || !profile.flags.isEmpty { json.key("flags"); json.strings(profile.flags) }
            if let products = profile.products { json.key("products"); json.string(products) }
            if let investment = profile.investment { json.key("investmentWanYuan"); json.number(investment) }
            json.endObject()
        }
        json.key("verdict"); json.string(result.verdict.rawValue)
        json.key("verdictName"); json.string(wording.verdict(result.verdict))
    }

    /// `whole`: every member and the site's geometry in longitude/latitude; else no `webMapDatum` for
    /// WGS 84 input, no `coveredShare` of 1, no empty `notes`.
    private func write(_ site: SiteSummary, whole: Bool, into json: inout JSONWriter) {
        json.beginObject()
        if let id = site.id { json.key("id"); json.string(id) }
        if let name = site.name { json.key("name"); json.string(name) }
        json.key("geometryType"); json.string(site.geometryType)
        json.key("inputCRS"); json.string(site.inputCRS)
        if whole || site.webMapDatum != .wgs84 { json.key("webMapDatum"); json.string(site.webMapDatum.rawValue) }
        if let area = site.area { json.key("area"); write(area, into: &json) }
        if let length = site.length { json.key("length"); write(length, into: &json) }
        if whole || site.coveredShare != 1 { json.key("coveredShare"); json.number(site.coveredShare) }
        if whole || !site.notes.isEmpty { json.key("notes"); json.strings(site.notes.map(wording.note)) }
        if whole { json.key("geometry"); json.raw((try? CompactJSONEncoder().encode(site.geometry)) ?? Data("null".utf8)) }
        json.endObject()
    }

    /// A spatial rule's reason whole; a clause by id, with its level, dimension and units (its text
    /// and citation are in the clause dictionary), unless `whole`.
    private func write(_ reason: Reason, whole: Bool, into json: inout JSONWriter) {
        json.beginObject()
        json.key("kind"); json.string(reason.kind.rawValue)
        json.key("ruleId"); json.string(reason.ruleId)
        json.key("effect"); json.string(reason.effect.rawValue)
        if whole || reason.origin != .dataset { json.key("origin"); json.string(reason.origin.rawValue) }
        if let quote = reason.quote { json.key("quote"); json.string(quote) }
        if let decision = reason.decision, whole || decision != .dataset { json.key("decidedBy"); json.string(decision.rawValue) }
        if let gap = reason.undetermined {
            json.key("undetermined")
            json.beginObject()
            json.key("missing"); json.string(Self.missingKey(gap.missing))
            json.key("ruleEffect"); json.string(gap.ruleEffect.rawValue)
            json.key("note"); json.string(wording.undetermined(gap))
            json.endObject()
        }
        if !whole, case .clause(let level, let dimension, let units) = reason.detail {
            json.key("level"); json.string(level.rawValue)
            json.key("dimension"); json.string(dimension.rawValue)
            if !units.isEmpty { json.key("units"); json.strings(units) }
        } else {
            json.key("text"); json.string(reason.text)
            json.key("source"); write(wording.titled(reason.source, datasetName: datasetName), into: &json)
            json.key("detail"); json.string(wording.detail(reason.detail))
        }
        json.endObject()
    }

    /// The JSON name of what an undetermined reason lacks.
    static func missingKey(_ missing: Undetermined.Missing) -> String {
        switch missing {
        case .parksLayer: "parksLayer"
        case .parkCompliance: "parkCompliance"
        case .protectionLevel: "protectionLevel"
        case .clauseReading: "clauseReading"
        case .clauseFact(let fact):
            switch fact {
            case .categoryTable: "categoryTable"
            case .threshold: "threshold"
            case .conformity: "conformity"
            case .object: "object"
            case .place: "place"
            case .process: "process"
            case .product: "product"
            case .investment: "investment"
            }
        case .sensitiveLayer: "sensitiveLayer"
        }
    }

    private func write(_ park: ParkHit, into json: inout JSONWriter) {
        json.beginObject()
        if let code = park.code { json.key("code"); json.string(code) }
        json.key("name"); json.string(park.name)
        json.key("kind"); json.string(park.kind.rawValue)
        json.key("kindName"); json.string(park.kind.name(wording.language))
        if let level = park.level { json.key("level"); json.string(level) }
        if let compliant = park.compliant { json.key("compliant"); json.bool(compliant) }
        json.key("overlap"); write(park.overlap, into: &json)
        json.endObject()
    }

    private func write(_ source: CitedSource, into json: inout JSONWriter) {
        json.beginObject()
        json.key("document"); json.string(source.document)
        if let title = source.title { json.key("title"); json.string(title) }
        if let article = source.article { json.key("article"); json.string(article) }
        json.endObject()
    }

    private func write(_ hit: RedLineHit, into json: inout JSONWriter) {
        json.beginObject()
        json.key("code"); json.string(hit.code)
        json.key("name"); json.string(hit.name)
        if let type = hit.type { json.key("type"); json.string(type) }
        json.key("overlap"); write(hit.overlap, into: &json)
        json.endObject()
    }

    /// `whole`: `onBoundary` also when false.
    private func write(_ unit: UnitHit, whole: Bool, into json: inout JSONWriter) {
        json.beginObject()
        json.key("code"); json.string(unit.code)
        json.key("name"); json.string(unit.name)
        json.key("unitClass"); json.integer(unit.unitClass)
        json.key("className"); json.string(wording.unitClass(unit.unitClass))
        if let subclass = unit.subclass { json.key("subclass"); json.string(subclass) }
        json.key("overlap"); write(unit.overlap, into: &json)
        if whole || unit.onBoundary { json.key("onBoundary"); json.bool(unit.onBoundary) }
        json.endObject()
    }

    private func write(_ hit: SensitiveAreaHit, into json: inout JSONWriter) {
        json.beginObject()
        json.key("layer"); json.string(hit.layer)
        json.key("kind"); json.string(hit.kind)
        if let code = hit.code { json.key("code"); json.string(code) }
        json.key("name"); json.string(hit.name)
        if let level = hit.level { json.key("level"); json.string(level) }
        json.key("overlap"); write(hit.overlap, into: &json)
        json.endObject()
    }

    /// Every band with its nearest shoreline, distances as measured.
    private func writeWhole(_ facts: ShorelineFacts, into json: inout JSONWriter) {
        func write(_ distance: RiverDistance, into json: inout JSONWriter) {
            json.beginObject()
            json.key("river"); json.string(distance.river)
            json.key("riverClass"); json.string(distance.riverClass.rawValue)
            json.key("distance"); self.write(distance.distance, into: &json)
            json.endObject()
        }
        json.beginObject()
        json.key("baseline"); json.string(facts.baseline.rawValue)
        if let nearest = facts.nearestMainStream { json.key("nearestMainStream"); write(nearest, into: &json) }
        if let nearest = facts.nearestTributary { json.key("nearestTributary"); write(nearest, into: &json) }
        json.key("bands")
        json.beginArray()
        for band in facts.bands {
            json.beginObject()
            json.key("ruleId"); json.string(band.ruleId)
            json.key("distanceMetres"); json.number(band.distanceMetres)
            json.key("rivers"); json.strings(band.rivers.map(\.rawValue))
            if let nearest = band.nearest { json.key("nearest"); write(nearest, into: &json) }
            json.key("inside"); json.bool(band.inside)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// The nearest shorelines (metres, to the millimetre) and the ids of the bands that hold the site.
    private func write(_ facts: ShorelineFacts, into json: inout JSONWriter) {
        json.beginObject()
        json.key("baseline"); json.string(facts.baseline.rawValue)
        for (key, nearest) in [("nearestMainStream", facts.nearestMainStream), ("nearestTributary", facts.nearestTributary)] {
            guard let nearest else { continue }
            json.key(key)
            json.beginObject()
            json.key("river"); json.string(nearest.river)
            json.key("riverClass"); json.string(nearest.riverClass.rawValue)
            json.key("metres"); json.number((nearest.distance.metres * 1000).rounded() / 1000)
            json.endObject()
        }
        let inside = facts.bands.filter(\.inside)
        if !inside.isEmpty { json.key("bandsInside"); json.strings(inside.map(\.ruleId)) }
        json.endObject()
    }

    private func write(_ overlap: Overlap, into json: inout JSONWriter) {
        json.beginObject()
        if let area = overlap.area { json.key("area"); write(area, into: &json) }
        if let length = overlap.length { json.key("length"); write(length, into: &json) }
        json.key("share"); json.number(overlap.share)
        json.endObject()
    }

    private func write(_ area: AreaFigure, into json: inout JSONWriter) {
        json.beginObject()
        json.key("squareMetres"); json.number(area.squareMetres)
        json.key("hectares"); json.number(area.hectares)
        json.key("mu"); json.number(area.mu)
        json.key("method"); json.string(area.method)
        if let crs = area.crs { json.key("crs"); json.string(crs) }
        json.endObject()
    }

    private func write(_ length: LengthFigure, into json: inout JSONWriter) {
        json.beginObject()
        json.key("metres"); json.number(length.metres)
        json.key("method"); json.string(length.method)
        if let crs = length.crs { json.key("crs"); json.string(crs) }
        json.endObject()
    }
}
