/// The language of user-facing text. Chinese is the default everywhere; English is the option.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en

    /// Picks one of two spellings of the same message.
    @inlinable
    public func pick(_ zh: @autoclosure () -> String, _ en: @autoclosure () -> String) -> String {
        self == .zh ? zh() : en()
    }
}

/// An error that can explain itself to a user in either language.
public protocol UserFacingError: Error, CustomStringConvertible {
    func message(_ language: Language) -> String
}

extension UserFacingError {
    public var description: String { message(.zh) }
}
