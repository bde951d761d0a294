/// An error answered to the client in Prolific's envelope:
/// `{"error": {"status", "error_code", "title", "detail"}}`.
public struct CohortError: Error, Hashable, Sendable, CustomStringConvertible {
    public let kind: ErrorKind
    public let detail: Detail

    /// The `detail` of the envelope: a message, a list of messages, or messages per field.
    public enum Detail: Hashable, Sendable {
        case message(String)
        case messages([String])
        case fields([String: [String]])
    }

    public init(_ kind: ErrorKind, _ detail: Detail) {
        self.kind = kind
        self.detail = detail
    }

    public init(_ kind: ErrorKind, _ message: String) {
        self.init(kind, .message(message))
    }

    public var description: String { "\(kind.code) \(kind.title): \(detail)" }
}

extension CohortError {
    /// Field errors: `{"field": ["message"]}`.
    public static func invalid(_ field: String, _ message: String) -> CohortError {
        CohortError(.invalidInput, .fields([field: [message]]))
    }

    /// What answers for a missing resource and for another tenant's resource alike.
    public static func notFound(_ what: String, _ id: String) -> CohortError {
        CohortError(.notFound, "\(what) '\(id)' was not found.")
    }
}

/// Collects field errors so that one answer names every problem in the request.
public struct FieldErrors: Sendable {
    public private(set) var messages: [String: [String]] = [:]

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        messages[field, default: []].append(message)
    }

    public var isEmpty: Bool { messages.isEmpty }

    /// Throws ``ErrorKind/invalidInput`` naming every field, if any was added.
    public func throwIfAny() throws(CohortError) {
        if !messages.isEmpty { throw CohortError(.invalidInput, .fields(messages)) }
    }
}
