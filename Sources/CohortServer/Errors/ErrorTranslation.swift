import CohortCore
import Hummingbird
import OpenAPIRuntime

/// Turns whatever a request threw into the ``CohortError`` the client is answered with.
enum ErrorTranslation {
    /// `nil` for a fault of the server's own, which is answered as 500 and logged.
    static func cohortError(for error: any Error) -> CohortError? {
        switch error {
        case let error as CohortError:
            return error
        case let refusal as Refusal:
            return refusal.error
        case let error as HTTPRequestBodyError:
            switch error.reason {
            case .malformed, .truncated, .connectionLost: return CohortError(.malformedBody, error.detail)
            case .tooLarge: return CohortError(.payloadTooLarge, error.detail)
            case .timedOut: return CohortError(.requestTimeout, error.detail)
            }
        case let error as ServerError:
            return fromGenerated(error)
        case let error as DecodingError:
            return fromDecoding(error)
        case let error as any HTTPResponseError:
            return fromStatus(Int(error.status.code), message: nil)
        default:
            return nil
        }
    }

    /// Errors from the generated server code: its request parsing, or a handler's own error.
    private static func fromGenerated(_ error: ServerError) -> CohortError? {
        // Query strings are decoded without a coding path, so a bad one would read as a bad body.
        if error.underlyingError is DecodingError, error.request.method == .get || error.request.method == .head {
            return fromQuery(error.request.path ?? "")
        }
        if let translated = cohortError(for: error.underlyingError) { return translated }
        return fromStatus(Int(error.httpStatus.code), message: error.causeDescription)
    }

    private static func fromStatus(_ status: Int, message: String?) -> CohortError? {
        switch status {
        case 400: return CohortError(.invalidInput, message ?? "The request is not valid.")
        case 404: return CohortError(.notFound, message ?? "No such resource.")
        case 405: return CohortError(.methodNotAllowed, message ?? "Method not allowed.")
        case 406: return CohortError(.notAcceptable, message ?? "This resource is only available as JSON.")
        case 408: return CohortError(.requestTimeout, message ?? "The request did not arrive in time.")
        case 413: return CohortError(.payloadTooLarge, message ?? "The request body is too large.")
        case 415: return CohortError(.unsupportedMediaType, message ?? "Unsupported media type.")
        case 400..<500:
            return CohortError(ErrorKind(code: status * 100, status: status, title: "Client error"), message ?? "")
        default: return nil
        }
    }

    /// Body and query decoding: a parse error, a missing field, a wrong type, a bad choice.
    static func fromDecoding(_ error: DecodingError) -> CohortError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return CohortError(.malformedBody, "The body is not valid JSON\(underlying(context))")
        case .dataCorrupted(let context):
            return field(context.codingPath, choiceMessage(context.debugDescription) ?? context.debugDescription)
        case .keyNotFound(let key, let context):
            return field(context.codingPath + [key], "This field is required.")
        case .valueNotFound(_, let context):
            return field(context.codingPath, "This field may not be null.")
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return CohortError(.malformedBody, "The body must be a JSON object.")
        case .typeMismatch(let type, let context):
            return field(context.codingPath, "Expected \(article(for: type)).")
        @unknown default:
            return CohortError(.malformedBody, "The body could not be parsed.")
        }
    }

    /// Names the query parameter that could not be read. The list parameters are the usual culprits.
    static func fromQuery(_ pathAndQuery: String) -> CohortError {
        let query = pathAndQuery.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
        var errors = FieldErrors()
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]), value = parts.count > 1 ? String(parts[1]) : ""
            if (name == "limit" || name == "offset") && Int(value) == nil {
                errors.add(name, "A valid integer is required.")
            } else if name == "active" && value != "true" && value != "false" {
                errors.add(name, "Must be 'true' or 'false'.")
            }
        }
        if errors.isEmpty { return CohortError(.invalidInput, "A query parameter could not be read.") }
        return CohortError(.invalidInput, .fields(errors.messages))
    }

    /// `participant_ids[3]` becomes field `participant_ids`, message `Item 3: ...`.
    private static func field(_ path: [any CodingKey], _ message: String) -> CohortError {
        let names = path.filter { $0.intValue == nil }.map(\.stringValue)
        let indices = path.compactMap(\.intValue)
        let name = names.isEmpty ? "non_field_errors" : names.joined(separator: ".")
        let prefix = indices.isEmpty ? "" : "Item \(indices.map(String.init).joined(separator: ".")): "
        return CohortError(.invalidInput, .fields([name: [prefix + message]]))
    }

    /// Swift's "Cannot initialize X from invalid String value Y" for an enum, as a person would say it.
    private static func choiceMessage(_ description: String) -> String? {
        guard let range = description.range(of: "from invalid String value ") else { return nil }
        var value = String(description[range.upperBound...])
        if value.hasSuffix(".") { value.removeLast() }
        return "\"\(value)\" is not a valid choice."
    }

    /// The parser's own explanation, when it gave one.
    private static func underlying(_ context: DecodingError.Context) -> String {
        guard let underlying = context.underlyingError else { return "." }
        let text = "\(underlying)"
        return ": " + (text.hasSuffix(".") ? text : text + ".")
    }

    private static func article(for type: Any.Type) -> String {
        if type == String.self { return "a string" }
        if type == Bool.self { return "a boolean" }
        if type == Int.self || type == Int64.self || type == Int32.self { return "an integer" }
        if type == Double.self || type == Float.self { return "a number" }
        return "\(type)".hasPrefix("Array") ? "a list" : "an object"
    }
}

