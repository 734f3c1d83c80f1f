import Datasets
import Foundation
import Formats
import Geometry
import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTP1
import Outputs
import Reports
import Zoning
import Wording

/// The JSON API's handlers. Every failure is turned into the one error shape here.
struct APIHandlers<Service: ScreeningRepository>: Sendable {
    let editions: Editions<Service>
    /// The default edition.
    var service: Service { editions.standard }
    let configuration: ServiceConfiguration
    let watchdog = RequestWatchdog()

    /// Chinese unless the request asks for English with `?lang=en` or `Accept-Language: en...`.
    static func language(of request: Request) -> Language {
        if let lang = request.uri.queryParameters["lang"] { return lang.lowercased().hasPrefix("en") ? .en : .zh }
        if let accepted = request.headers[.acceptLanguage]?.lowercased(), accepted.hasPrefix("en") { return .en }
        return .zh
    }

    /// Runs a handler under the request timeout and maps whatever it throws to a status and message.
    func handle(_ request: Request, _ body: @escaping @Sendable (Language) async throws -> JSONReply) async -> Response {
        let language = Self.language(of: request)
        do {
            let timeout = configuration.requestTimeout
            do {
                return try await watchdog.run(timeout: timeout) { try await body(language) }.response
            } catch is CancellationError {
                throw APIError(kind: .timeout, message: language.pick("处理超时（超过 \(timeout)）", "the request took longer than \(timeout)"))
            }
        } catch let error as APIError {
            return errorResponse(error)
        } catch let error as HTTPParserError {
            // A malformed body (a chunk size that is not hexadecimal...) arrives as the body is collected.
            return errorResponse(APIError(kind: .malformedRequest, message: language.pick("请求格式有误：\(error)", "malformed request: \(error)")))
        } catch is NIOTooManyBytesError {
            return errorResponse(APIError(kind: .bodyTooLarge, message: language.pick(
                "请求内容超过上限 \(configuration.maxBodyBytes) 字节", "the request body exceeds the limit of \(configuration.maxBodyBytes) bytes")))
        } catch let error as ScreeningError {
            return errorResponse(Self.apiError(error, language))
        } catch let error as UserFacingError {
            return errorResponse(APIError(kind: .malformedRequest, message: error.message(language)))
        } catch {
            return errorResponse(APIError(kind: .internalError, message: language.pick("服务内部错误：\(error)", "internal error: \(error)")))
        }
    }

    func handle(_ request: Request, _ body: @escaping @Sendable () throws -> JSONReply) async -> Response {
        await handle(request) { (_: Language) in try body() }
    }

    static func apiError(_ error: ScreeningError, _ language: Language) -> APIError {
        switch error.problem {
        case .invalidGeometry, .emptyGeometry: APIError(kind: .invalidGeometry, message: error.message(language))
        case .outsideDataset: APIError(kind: .outsideDataset, message: error.message(language))
        case .geometry, .offsetNeedsGeographic: APIError(kind: .malformedRequest, message: error.message(language))
        }
    }

    static func json(_ value: some Encodable) throws -> JSONReply {
        JSONReply(data: try CompactJSONEncoder().encode(value))
    }

    // MARK: handlers

    struct EditionList: Encodable {
        struct Entry: Encodable {
            let key: String, name: String, version: String, date: String, contentHash: String, isDefault: Bool
        }
        let editions: [Entry]
    }

    func editionList() throws -> JSONReply {
        let current = editions.current
        return try Self.json(EditionList(editions: zip(current.keys, current.services).enumerated().map { position, pair in
            let m = pair.1.dataset.metadata
            return .init(key: pair.0, name: m.name, version: m.version, date: m.date, contentHash: pair.1.dataset.contentHash, isDefault: position == 0)
        }))
    }

    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    /// Made once per set of editions (`HealthReport`): a health check costs no encoding.
    func health() throws -> JSONReply {
        JSONReply(data: editions.current.health)
    }

    struct DatasetInfo: Encodable {
        struct Counts: Encodable {
            let units: Int, redLines: Int, shorelines: Int, sensitiveAreas: Int, clauses: Int
            /// Nil when the dataset has no parks layer.
            let parks: Int?
            /// Clauses with prohibiting or restricting words that nobody has decided (需人工核对).
            let clausesNeedingReview: Int
        }
        struct Flag: Encodable {
            let id: String, name: String, nameEn: String, group: String
            /// A rule or clause of this dataset asks about it.
            let used: Bool
        }
        let name: String, region: String, regionCode: String?, fictional: Bool, version: String, date: String
        let contentHash: String, layerCRS: String, workingCRS: String, measurement: String, shorelineBaseline: String
        let sources: [SourceDocument]
        let counts: Counts
        let nationalRules: NationalRulesSummary
        let flags: [Flag]
    }

    func datasetInfo() throws -> JSONReply {
        let d = service.dataset, m = d.metadata
        return try Self.json(DatasetInfo(
            name: m.name, region: m.region, regionCode: m.regionCode, fictional: m.fictional, version: m.version, date: m.date,
            contentHash: d.contentHash, layerCRS: m.crs.description, workingCRS: d.workingCRS.description,
            measurement: d.measurement.description, shorelineBaseline: m.shorelineBaseline.rawValue, sources: m.sources,
            counts: .init(units: d.units.count, redLines: d.redLines.count, shorelines: d.shorelines.count,
                          sensitiveAreas: d.sensitiveAreas.count, clauses: d.clauses.count, parks: d.parks?.count,
                          clausesNeedingReview: d.clauses.filter { $0.reviewWord != nil }.count),
            nationalRules: d.rules.national,
            flags: d.flags.flags.map { .init(id: $0.id, name: $0.zh, nameEn: $0.en, group: $0.group.rawValue, used: d.flags.used.contains($0.id)) }))
    }

    struct IndustryList: Encodable {
        struct Entry: Encodable {
            let code: String, name: String, level: String, path: [String]
        }
        /// What an everyday word of the lists stands for (钢铁 → C311, C312, C313), when the query is one.
        struct Meaning: Encodable {
            let word: String, codes: [Entry], chemical: Bool, note: String, classCount: Int
        }
        let meaning: Meaning?
        let industries: [Entry]
    }

    func industries(_ request: Request, _ l: Language) throws -> JSONReply {
        guard let query = request.uri.queryParameters["q"].map(String.init), !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.malformed(l, "缺少查询参数 q", "missing query parameter q")
        }
        let limitText = request.uri.queryParameters["limit"].map(String.init)
        let limit = limitText.flatMap(Int.init) ?? 20
        guard (1...100).contains(limit) else { throw APIError.malformed(l, "limit 应在 1～100 之间", "limit must be between 1 and 100") }
        let catalogue = service.dataset.catalogue
        func entry(_ industry: Industry) -> IndustryList.Entry {
            IndustryList.Entry(code: industry.code, name: industry.name, level: industry.level.rawValue,
                               path: catalogue.ancestors(of: industry.code).reversed().map(\.code))
        }
        let words = IndustryWords.shipped
        var meaning: IndustryList.Meaning?
        var entries: [IndustryList.Entry] = []
        if let found = words.meaning(of: query) {
            // The word's classes come first: a profile needs one of them.
            let classes = words.classes(of: found, in: catalogue)
            meaning = IndustryList.Meaning(word: found.word, codes: found.codes.compactMap { catalogue[code: $0].map(entry) },
                                           chemical: found.chemical, note: found.note, classCount: classes.count)
            entries = classes.prefix(limit).map(entry)
        }
        let listed = Set(entries.map(\.code))
        entries += catalogue.search(query, limit: limit).map(\.industry).filter { !listed.contains($0.code) }.map(entry)
        return try Self.json(IndustryList(meaning: meaning, industries: Array(entries.prefix(limit))))
    }

    private func body(_ request: Request) async throws -> Data {
        var request = request
        let buffer = try await request.collectBody(upTo: configuration.maxBodyBytes)
        return Data(buffer: buffer)
    }

    /// Bodies up to this size are decoded where they arrive; larger ones on an engine thread.
    static var inlineBodyBytes: Int { 256 << 10 }

    /// Decoding a body is CPU work in proportion to its size (a 22 MB upload: 4.4 s in a debug build
    /// on a loaded machine). On the async executor's few threads (two on two cores) it held up every
    /// other request and the timeouts' own timer: a health check went unanswered for over 5 s. A large
    /// body is decoded on an engine thread instead, under the request's deadline like any other work.
    func decoded<T: Sendable>(_ body: Data, _ decode: @escaping @Sendable (Data) throws -> T) async throws -> T {
        guard body.count > Self.inlineBodyBytes else { return try decode(body) }
        return try await service.offload { try decode(body) }
    }

    func screenRequest(_ request: Request, _ l: Language) async throws -> ScreenRequest {
        try await decoded(try await body(request)) { data throws(APIError) in try RequestBodies.screenRequest(data, language: l) }
    }

    /// The request's sites; an uploaded file is read on an engine thread, stopped with the request.
    func sites(_ screenRequest: ScreenRequest, on chosen: Service, _ l: Language) async throws -> RequestSites {
        let builder = SiteBuilder(dataset: chosen.dataset, language: l, uploadLimits: configuration.uploadLimits)
        guard screenRequest.file != nil else { return try builder.sites(screenRequest) }
        return try await chosen.offload { try builder.sites(screenRequest) }
    }

    /// The request's one site (reports, all industries, edition comparisons answer for one).
    func site(_ screenRequest: ScreenRequest, on chosen: Service, _ l: Language) async throws -> Site {
        let builder = SiteBuilder(dataset: chosen.dataset, language: l, uploadLimits: configuration.uploadLimits)
        guard screenRequest.file != nil else { return try builder.site(screenRequest) }
        return try await chosen.offload { try builder.site(screenRequest) }
    }

    func screen(_ request: Request, _ l: Language) async throws -> JSONReply {
        let screenRequest = try await screenRequest(request, l)
        let chosen = try editions.service(screenRequest.edition ?? Self.query(request, "edition"), language: l)
        if screenRequest.allIndustries == true {
            var general = screenRequest
            general.industry = nil
            let site = try await site(general, on: chosen, l)
            let verdicts = try await chosen.screenAllIndustries(site, nature: site.profile?.nature, chemical: site.profile?.chemical,
                                                                flags: site.profile?.flags ?? [])
            return JSONReply(data: AnswerRenderer(dataset: chosen.dataset, language: l, detail: .full).json(verdicts))
        }
        let detail = try AnswerDetail.requested(screenRequest.detail ?? Self.query(request, "detail"), language: l)
        let answers = AnswerRenderer(dataset: chosen.dataset, language: l, detail: detail)
        guard let compareKey = screenRequest.compareEdition ?? Self.query(request, "compare"), !compareKey.isEmpty else {
            switch try await sites(screenRequest, on: chosen, l) {
            case .one(let site):
                let data = try await chosen.screenJSON(site, detail: detail == .verdict ? .decisive : .all, render: answers.json)
                return JSONReply(data: data, extraHeaders: Self.editionHeaders(chosen.dataset))
            case .parcels(let jobs):
                // Each parcel of the upload its own site, answered as the batch endpoint answers.
                return try await collection(jobs, on: chosen, detail: detail, l)
            }
        }
        let site = try await site(screenRequest, on: chosen, l)
        let result = try await chosen.screen(site)
        // The same site under another edition: what changed and why, as one more member of the answer.
        let previous = try editions.service(compareKey, language: l)
        let previousResult: ScreeningResult?
        do { previousResult = try await previous.screen(site) } catch is ScreeningError { previousResult = nil }
        let comparison = SiteComparison.compare(previous: previousResult, current: result, diff: try editions.diff(from: previous, to: chosen))
        let encoder = CompactJSONEncoder()
        return JSONReply(data: CompactJSONEncoder.object(answers.json(result), adding: [
            ("comparedWith", try encoder.encode(editions.key(of: previous))), ("comparison", try encoder.encode(comparison)),
        ]))
    }

    /// Clause texts and citations by id: `?ids=a,b` for some, else every clause of the edition. Answers
    /// at `reasons` detail refer to clauses by id; this is where their texts are. A dataset edition
    /// never changes, so clients may cache the answer for as long as the edition's content hash holds.
    func clauses(_ request: Request, _ l: Language) throws -> JSONReply {
        let chosen = try editions.service(Self.query(request, "edition"), language: l)
        let dictionary = ClauseDictionary(dataset: chosen.dataset, language: l)
        guard let list = Self.query(request, "ids") else {
            return cached(JSONReply(data: dictionary.json(chosen.dataset.clauses.indices)), chosen.dataset, l)
        }
        let ids = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty, ids.count <= 1000 else { throw APIError.malformed(l, "ids 应列出 1～1000 个条款编号", "ids must list 1 to 1000 clause ids") }
        let found = dictionary.indices(of: ids)
        let missing = zip(ids, found).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw APIError(kind: .notFound, message: l.pick("数据集中没有这些条款：\(missing.joined(separator: "、"))",
                                                            "the dataset has no clause \(missing.joined(separator: ", "))"))
        }
        return cached(JSONReply(data: dictionary.json(found.compactMap { $0 })), chosen.dataset, l)
    }

    /// One clause's text and citation.
    func clause(_ id: String, _ request: Request, _ l: Language) throws -> JSONReply {
        let chosen = try editions.service(Self.query(request, "edition"), language: l)
        let dictionary = ClauseDictionary(dataset: chosen.dataset, language: l)
        guard let index = dictionary.indices(of: [id]).first ?? nil else {
            throw APIError(kind: .notFound, message: l.pick("数据集中没有条款“\(id)”", "the dataset has no clause '\(id)'"))
        }
        return cached(try Self.json(dictionary.entry(index)), chosen.dataset, l)
    }

    /// Marks an answer that depends only on the edition as cacheable, tagged with its content hash.
    private func cached(_ reply: JSONReply, _ dataset: Dataset, _ language: Language) -> JSONReply {
        var reply = reply
        // The citations' titles depend on the language, so the tag does too.
        reply.extraHeaders += [(.cacheControl, "public, max-age=3600"), (.vary, "Accept-Language"),
                               (.eTag, "\"\(dataset.contentHash.prefix(32))-\(language.rawValue)\"")]
        return reply
    }

    /// Which edition answered, for answers that do not name their dataset (`verdict`, `reasons`).
    static func editionHeaders(_ dataset: Dataset) -> [(HTTPField.Name, String)] {
        // The hash only: header values are ASCII, a version may not be.
        [(HTTPField.Name("X-ZoneScreen-Dataset-Hash")!, dataset.contentHash)]
    }

    /// The suitability map for the profile in the query (industry, nature, chemical, flags), as GeoJSON.
    func suitability(_ request: Request, _ l: Language) async throws -> JSONReply {
        let chosen = try editions.service(Self.query(request, "edition"), language: l)
        let builder = SiteBuilder(dataset: chosen.dataset, language: l)
        let profile = try builder.profile(
            industry: Self.query(request, "industry"), nature: Self.query(request, "nature"), chemical: try builder.chemical(Self.query(request, "chemical")),
            flags: Self.query(request, "flags").map { $0.split(separator: ",").map(String.init) }, products: Self.query(request, "products"),
            investment: Self.query(request, "investment")) ?? ProjectProfile()
        return JSONReply(data: try await chosen.suitability(profile, language: l), contentType: "application/geo+json; charset=utf-8")
    }

    /// The printable 预判报告 of one site (the same request as `screen`), as one self-contained HTML file.
    func report(_ request: Request, _ l: Language) async throws -> JSONReply {
        let screenRequest: ScreenRequest
        if request.method == .get {
            let query = request.uri.queryParameters
            func value(_ name: String) -> String? { query[Substring(name)].map(String.init) }
            screenRequest = ScreenRequest(
                geometry: nil, coordinates: value("coordinates"), file: nil, crs: value("crs"), offset: value("offset"),
                industry: value("industry"), nature: value("nature"), chemical: try SiteBuilder(dataset: service.dataset, language: l).chemical(value("chemical")),
                flags: value("flags").map { $0.split(separator: ",").map(String.init) }, products: value("products"), investment: value("investment"), name: value("name"), id: value("id"),
                edition: value("edition"), compareEdition: nil, allIndustries: nil)
        } else {
            screenRequest = try await self.screenRequest(request, l)
        }
        let chosen = try editions.service(screenRequest.edition ?? Self.query(request, "edition"), language: l)
        let site = try await site(screenRequest, on: chosen, l)
        let dataset = chosen.dataset
        // Drawing a large site's map is CPU work too: on the engine's thread, never the async executor's.
        let html = try await chosen.screenJSON(site, detail: .all) { result in
            let document = ReportDocument(dataset: dataset, language: l)
            let title = [result.site.id, result.site.name].compactMap { $0 }.joined(separator: " ")
            return Data((document.head(subtitle: title.isEmpty ? nil : title)
                + SiteReport(dataset: dataset, language: l).section(.screened(result), title: title.isEmpty ? l.pick("站点", "Site") : title, source: nil, anchor: "site-1")
                + document.tail).utf8)
        }
        let fileName = l.pick("预判报告", "screening-report") + ".html"
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "report.html"
        return JSONReply(data: html, contentType: "text/html; charset=utf-8",
                         extraHeaders: [(.contentDisposition, "attachment; filename=\"report.html\"; filename*=UTF-8''\(encoded)")])
    }

    /// A FeatureCollection in; the same features out with results, per-feature errors kept per feature.
    func batch(_ request: Request, _ l: Language) async throws -> JSONReply {
        let data = try await body(request)
        let chosen = try editions.service(Self.query(request, "edition"), language: l)
        let detail = try AnswerDetail.requested(Self.query(request, "detail"), language: l)
        let query = request.uri.queryParameters
        let (crs, offset, idField) = (query["crs"].map(String.init), query["offset"].map(String.init), query["idField"].map(String.init))
        let (dataset, maxFeatures, limits) = (chosen.dataset, configuration.maxBatchFeatures, configuration.uploadLimits)
        let jobs = try await decoded(data) { data in
            try RequestBodies.batch(data, dataset: dataset, crs: crs, offset: offset, idField: idField, maxFeatures: maxFeatures, limits: limits, language: l)
        }
        return try await collection(jobs, on: chosen, detail: detail, l)
    }

    /// Sites screened one by one and answered as one FeatureCollection (see `AnsweredFeature`), with
    /// the dataset once and, at `reasons` detail, the texts of the clauses the answers cite.
    func collection(_ jobs: [IndexedJob], on chosen: Service, detail: AnswerDetail, _ l: Language) async throws -> JSONReply {
        let answers = AnswerRenderer(dataset: chosen.dataset, language: l, detail: detail)
        let clauseTexts = detail == .reasons ? ClauseTexts(dictionary: ClauseDictionary(dataset: chosen.dataset, language: l)) : nil
        let layout = FeatureCollectionLayout(.compact)
        var body = layout.head(dataset: answers.datasetJSON)
        var failed = 0, position = 0
        // Screened in parallel on the engine threads, 32 sites to a job, each feature written out there
        // too; here the features only join the answer, in input order, as their jobs end (while later
        // ones are still being screened). Stopped between sites at the deadline.
        try await chosen.inOrder(jobs.sorted(by: { $0.index < $1.index }), batchSize: 32, { engine, indexed in
            AnsweredJob(indexed, engine: engine, answers: answers, language: l)
        }, each: { answered in
            if answered.failed { failed += 1 }
            clauseTexts?.refer(to: answered.referred)
            body += layout.separator(before: position)
            body += answered.feature
            position += 1
        })
        body += layout.tail(clauses: clauseTexts?.collectionMember())
        return JSONReply(data: body, contentType: "application/geo+json; charset=utf-8",
                         extraHeaders: [(HTTPField.Name("X-ZoneScreen-Failed")!, String(failed))])
    }
}

/// One site of a collection answer (batch, or an upload of several parcels), screened and written out
/// on an engine thread: its feature (`AnsweredFeature`), and the clauses the answer cites.
struct AnsweredJob: Sendable {
    let feature: Data
    let referred: [Int]
    let failed: Bool

    init(_ indexed: IndexedJob, engine: ScreeningEngine, answers: AnswerRenderer, language l: Language) {
        let job = indexed.job
        var site: Site?
        var referred: [Int] = []
        let answer: Result<Data, AnswerFailure>
        do {
            let read = try job.site.get()
            site = read
            let result = try engine.screen(read)
            referred = answers.clausesReferred(by: result)
            answer = .success(answers.json(result))
        } catch {
            let message = switch error {
            case let error as BatchInputError: error.message(l)
            case let error as APIError: error.message
            case let error as UserFacingError: error.message(l)
            default: "\(error)"
            }
            answer = .failure(AnswerFailure(message))
        }
        if case .failure = answer { failed = true } else { failed = false }
        self.referred = referred
        feature = Data(AnsweredFeature.text(feature: job.feature, id: job.id, label: job.label.text(l), index: indexed.index, site: site, answer: answer).utf8)
    }
}

func errorResponse(_ error: APIError) -> Response {
    JSONReply(data: error.body, status: error.status).response
}
