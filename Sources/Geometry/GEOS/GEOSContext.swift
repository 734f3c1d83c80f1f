internal import CGEOS

/// Owns one GEOS context handle and the last error message GEOS reported through it.
///
/// Not Sendable on purpose: a GEOS context, and every geometry made with it, belongs to one thread at
/// a time. Short-lived operations make a context per call; long-lived engines keep one.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let messages: MessageBox

    /// Receives GEOS's error messages. A class so that GEOS can hold a stable pointer to it.
    private final class MessageBox {
        var last: String?
    }

    init() throws(GeometryError) {
        guard let handle = GEOS_init_r() else {
            throw .libraryFailed(library: "GEOS", operation: "GEOS_init_r", message: "no context")
        }
        self.handle = handle
        self.messages = MessageBox()
        // The varargs handler types do not import into Swift; the message handler does. The box
        // outlives the handler registration because the context is destroyed in our deinit first.
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<MessageBox>.fromOpaque(userData).takeUnretainedValue().last = String(cString: message)
        }, Unmanaged.passUnretained(messages).toOpaque())
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// The failure to throw after a GEOS call returned its error value, with GEOS's own message.
    func failure(_ operation: String) -> GeometryError {
        let message = messages.last ?? "GEOS returned an error without a message"
        messages.last = nil
        return .libraryFailed(library: "GEOS", operation: operation, message: message)
    }

    /// Interprets a GEOS predicate result: 1 true, 0 false, 2 exception.
    func predicate(_ result: CChar, _ operation: String) throws(GeometryError) -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw failure(operation)
        }
    }

    /// Frees a string GEOS returned and gives back its Swift copy.
    func takeString(_ pointer: UnsafeMutablePointer<CChar>?, _ operation: String) throws(GeometryError) -> String {
        guard let pointer else { throw failure(operation) }
        defer { GEOSFree_r(handle, pointer) }
        return String(cString: pointer)
    }
}

/// Runs `body` with a fresh context: the pattern for one-off operations on Swift values.
func withGEOS<T>(_ body: (GEOSContext) throws(GeometryError) -> T) throws(GeometryError) -> T {
    let context = try GEOSContext()
    return try body(context)
}
