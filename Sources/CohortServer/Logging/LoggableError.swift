import OpenAPIRuntime

/// What an error says in a log line: its cause, never the request it came with.
///
/// The generated server's `ServerError` describes itself with the whole request, headers
/// (`authorization` among them), body and decoded input; only its operation, its cause and its
/// underlying error are kept here. Other errors give their debug description (PostgreSQL's keep
/// the server's message there). Whatever remains goes through ``LogRedaction``.
public enum LoggableError {
    public static func describe(_ error: any Error) -> String {
        let text: String
        if let error = error as? ServerError {
            text = "operation \(error.operationID): \(error.causeDescription); underlying error: \(describe(error.underlyingError))"
        } else {
            text = String(reflecting: error)
        }
        return LogRedaction.redact(text)
    }
}
