import Foundation
import Geometry
import HTTPTypes
import Wording

/// The one error shape of the API, `{"error": {"status", "code", "message"}}`, and the one place
/// where kinds of failure become HTTP statuses.
struct APIError: Error, Sendable {
    enum Kind: String, Sendable {
        case malformedRequest          // 400
        case notFound                  // 404
        case bodyTooLarge              // 413
        case inputTooLarge             // 413: an upload expands beyond a limit while it is read
        case invalidGeometry           // 422
        case outsideDataset            // 422
        case unknownIndustry           // 422
        case timeout                   // 504
        case internalError             // 500
    }

    let kind: Kind
    let message: String

    var status: HTTPResponse.Status {
        switch kind {
        case .malformedRequest: .badRequest
        case .notFound: .notFound
        case .bodyTooLarge, .inputTooLarge: .contentTooLarge
        case .invalidGeometry, .outsideDataset, .unknownIndustry: .unprocessableContent
        case .timeout: .gatewayTimeout
        case .internalError: .internalServerError
        }
    }

    var body: Data {
        let object: [String: Any] = ["error": ["status": Int(status.code), "code": kind.rawValue, "message": message]]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    static func malformed(_ l: Language, _ zh: String, _ en: String) -> APIError {
        APIError(kind: .malformedRequest, message: l.pick(zh, en))
    }
}
