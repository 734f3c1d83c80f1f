import Foundation
import Formats
import Geometry
import Reports
import Zoning
import Wording

/// The body of `POST /api/screen` (see openapi.json): one of geometry, coordinates or file, where
/// the coordinates come from, and the project profile.
struct ScreenRequest: Sendable {
    struct UploadedFile: Sendable {
        var fileName: String
        var content: String
        var contentEncoding: String?
    }

    var geometry: JSONValue?
    var coordinates: String?
    var file: UploadedFile?
    var crs: String?
    var offset: String?
    var industry: String?
    var nature: String?
    var chemical: Bool?
    var flags: [String]?
    /// The main products or processes in words (年产30万吨聚氯乙烯).
    var products: String? = nil
    /// Fixed-asset investment: a number of 万元 or a sum with its unit (2亿元), checked by the intake.
    var investment: String? = nil
    var name: String?
    var id: String?
    /// The dataset edition to answer with (its key from GET /api/editions); the default one when nil.
    var edition: String?
    /// Another edition to compare the answer with.
    var compareEdition: String?
    /// Answer for every industry class at once (the industry is then ignored).
    var allIndustries: Bool?
    /// How much the answer carries: verdict, reasons (the default) or full.
    var detail: String?
    /// An uploaded file's parcels screened together as one site; by default each is its own site.
    var mergeParcels: Bool?
}

extension ScreenRequest {
    /// The request from its JSON members; a member of the wrong type is named in the error.
    init(_ members: [String: JSONValue], language l: Language) throws(APIError) {
        func text(_ key: String, in object: [String: JSONValue] = members) throws(APIError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: throw APIError.malformed(l, "字段 \(key) 应为字符串", "\(key) must be a string")
            }
        }
        func flag(_ key: String) throws(APIError) -> Bool? {
            switch members[key] {
            case nil, .null?: return nil
            case .bool(let value)?: return value
            default: throw APIError.malformed(l, "字段 \(key) 应为 true 或 false", "\(key) must be true or false")
            }
        }
        var flags: [String]?
        switch members["flags"] {
        case nil, .null?: flags = nil
        case .array(let items)?:
            flags = []
            for item in items {
                guard case .string(let value) = item else { throw APIError.malformed(l, "字段 flags 应为字符串数组", "flags must be an array of strings") }
                flags?.append(value)
            }
        default: throw APIError.malformed(l, "字段 flags 应为字符串数组", "flags must be an array of strings")
        }
        var file: UploadedFile?
        switch members["file"] {
        case nil, .null?: file = nil
        case .object(let object)?:
            guard let fileName = try text("fileName", in: object), let content = try text("content", in: object) else {
                throw APIError.malformed(l, "字段 file 应含 fileName 和 content", "file must have fileName and content")
            }
            file = UploadedFile(fileName: fileName, content: content, contentEncoding: try text("contentEncoding", in: object))
        default: throw APIError.malformed(l, "字段 file 应为对象", "file must be an object")
        }
        var geometry = members["geometry"]
        if geometry == .null { geometry = nil }
        // true/false, or the words a site file's column takes (是/否, yes/no...): one reading everywhere.
        var chemical: Bool?
        if let given = members["chemical"], given != .null {
            do { chemical = try ProjectProfile.chemical(given) } catch { throw APIError(kind: .malformedRequest, message: error.message(l)) }
        }
        // A number of 万元 or words with a unit; checked with the rest of the profile.
        var investment: String?
        switch members["investment"] {
        case nil, .null?: investment = nil
        case .number(let number)?: investment = JSONValue.number(number).jsonText
        case .string(let text)?: investment = text
        default: throw APIError.malformed(l, "字段 investment 应为万元数或带单位的金额（如 \"2亿元\"）", "investment must be a number of 万元 or a sum with its unit (\"2亿元\")")
        }
        self.init(geometry: geometry, coordinates: try text("coordinates"), file: file, crs: try text("crs"), offset: try text("offset"),
                  industry: try text("industry"), nature: try text("nature"), chemical: chemical, flags: flags, products: try text("products"), investment: investment,
                  name: try text("name"), id: try text("id"), edition: try text("edition"), compareEdition: try text("compareEdition"),
                  allIndustries: try flag("allIndustries"), detail: try text("detail"), mergeParcels: try flag("mergeParcels"))
    }
}

extension AnswerDetail {
    /// The detail a request asks for (`reasons` when it says nothing), or a clear error.
    static func requested(_ text: String?, language l: Language) throws(APIError) -> AnswerDetail {
        guard let text, !text.isEmpty else { return .reasons }
        guard let detail = AnswerDetail(rawValue: text) else {
            throw APIError.malformed(l, "detail 应为 verdict、reasons 或 full，而不是“\(text)”", "detail must be verdict, reasons or full, not '\(text)'")
        }
        return detail
    }
}

