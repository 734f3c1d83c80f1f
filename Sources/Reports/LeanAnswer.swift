import Formats
import Geometry
import Zoning

/// The `verdict` and `reasons` answers, written member by member (they are written for every site of
/// a batch and every service request). Members that would be empty, false or the default are left
/// out (no red lines, no notes, WGS 84 input, a site wholly inside the dataset); the dataset is named
/// once per output, not in every answer.
struct LeanAnswer {
    let wording: ResultWording
    let datasetName: String

    func verdict(_ result: ScreeningResult) -> [UInt8] {
        var json = JSONWriter(capacity: 512)
        json.beginObject()
        head(result, into: &json)
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
        head(result, into: &json)
        for (key, reasons) in [("reasons", result.reasons), ("possibleReasons", result.possibleReasons)] where !reasons.isEmpty {
            json.key(key)
            json.beginArray()
            for reason in reasons { write(reason, into: &json) }
            json.endArray()
        }
        if !result.redLines.isEmpty {
            json.key("redLines")
            json.beginArray()
            for hit in result.redLines {
                json.beginObject()
                json.key("code"); json.string(hit.code)
                json.key("name"); json.string(hit.name)
                if let type = hit.type { json.key("type"); json.string(type) }
                json.key("overlap"); write(hit.overlap, into: &json)
                json.endObject()
            }
            json.endArray()
        }
        json.key("controlUnits")
        json.beginArray()
        for unit in result.controlUnits {
            json.beginObject()
            json.key("code"); json.string(unit.code)
            json.key("name"); json.string(unit.name)
            json.key("unitClass"); json.integer(unit.unitClass)
            json.key("className"); json.string(wording.unitClass(unit.unitClass))
            if let subclass = unit.subclass { json.key("subclass"); json.string(subclass) }
            json.key("overlap"); write(unit.overlap, into: &json)
            if unit.onBoundary { json.key("onBoundary"); json.bool(true) }
            json.endObject()
        }
        json.endArray()
        if result.onSharedBoundary { json.key("onSharedBoundary"); json.bool(true) }
        json.key("shorelines"); write(result.shorelines, into: &json)
        if !result.sensitiveAreas.isEmpty {
            json.key("sensitiveAreas")
            json.beginArray()
            for hit in result.sensitiveAreas {
                json.beginObject()
                json.key("layer"); json.string(hit.layer)
                json.key("kind"); json.string(hit.kind)
                if let code = hit.code { json.key("code"); json.string(code) }
                json.key("name"); json.string(hit.name)
                if let level = hit.level { json.key("level"); json.string(level) }
                json.key("overlap"); write(hit.overlap, into: &json)
                json.endObject()
            }
            json.endArray()
        }
        json.key("applicableClauseCount"); json.integer(result.clauses.count)
        json.endObject()
        return json.bytes
    }

    /// Site, profile, verdict: what every answer starts with.
    private func head(_ result: ScreeningResult, into json: inout JSONWriter) {
        let site = result.site
        json.key("site")
        json.beginObject()
        if let id = site.id { json.key("id"); json.string(id) }
        if let name = site.name { json.key("name"); json.string(name) }
        json.key("geometryType"); json.string(site.geometryType)
        json.key("inputCRS"); json.string(site.inputCRS)
        if site.webMapDatum != .wgs84 { json.key("webMapDatum"); json.string(site.webMapDatum.rawValue) }
        if let area = site.area { json.key("area"); write(area, into: &json) }
        if let length = site.length { json.key("length"); write(length, into: &json) }
        if site.coveredShare != 1 { json.key("coveredShare"); json.number(site.coveredShare) }
        if !site.notes.isEmpty { json.key("notes"); json.strings(site.notes.map(wording.note)) }
        json.endObject()
        if let profile = result.profile {
            json.key("profile")
            json.beginObject()
            if let industry = profile.industry { json.key("industry"); json.string(industry) }
            if let name = profile.industryName { json.key("industryName"); json.string(name) }
            if let nature = profile.nature { json.key("nature"); json.string(nature.rawValue) }
            if let chemical = profile.chemical { json.key("chemical"); json.bool(chemical) }
            if !profile.flags.isEmpty { json.key("flags"); json.strings(profile.flags) }
            json.endObject()
        }
        json.key("verdict"); json.string(result.verdict.rawValue)
        json.key("verdictName"); json.string(wording.verdict(result.verdict))
    }

    /// A spatial rule's reason whole; a clause by id, with its level, dimension and units (its text
    /// and citation are in the clause dictionary).
    private func write(_ reason: Reason, into json: inout JSONWriter) {
        json.beginObject()
        json.key("kind"); json.string(reason.kind.rawValue)
        json.key("ruleId"); json.string(reason.ruleId)
        json.key("effect"); json.string(reason.effect.rawValue)
        if case .clause(let level, let dimension, let units) = reason.detail {
            json.key("level"); json.string(level.rawValue)
            json.key("dimension"); json.string(dimension.rawValue)
            if !units.isEmpty { json.key("units"); json.strings(units) }
        } else {
            json.key("text"); json.string(reason.text)
            let source = wording.titled(reason.source, datasetName: datasetName)
            json.key("source")
            json.beginObject()
            json.key("document"); json.string(source.document)
            if let title = source.title { json.key("title"); json.string(title) }
            if let article = source.article { json.key("article"); json.string(article) }
            json.endObject()
            json.key("detail"); json.string(wording.detail(reason.detail))
        }
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
