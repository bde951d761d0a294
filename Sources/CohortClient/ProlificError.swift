/// What went wrong with a request.
public enum ProlificError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error. Prolific and Cohort send
    /// `{"error": {"status", "error_code", "title", "detail"}}`; for any other body, `errorCode` is
    /// nil, `title` is the HTTP reason and `detail` the body's text.
    case api(status: Int, errorCode: Int?, title: String, detail: Detail)
    /// The client is not set up to make the request (no token, a bad URL).
    case configuration(String)
    /// The server answered with something the client cannot read.
    case unexpectedResponse(String)

    /// The envelope's `detail`: a message, a list of messages, or messages per field.
    public enum Detail: Sendable, Hashable, CustomStringConvertible {
        case message(String)
        case messages([String])
        case fields([String: [String]])

        public var description: String {
            switch self {
            case .message(let message): message
            case .messages(let messages): messages.joined(separator: " ")
            case .fields(let fields):
                fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" }
                    .joined(separator: "; ")
            }
        }
    }

    /// The HTTP status, for `.api`.
    public var status: Int? {
        if case .api(let status, _, _, _) = self { return status }
        return nil
    }

    public var errorCode: Int? {
        if case .api(_, let code, _, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .api(let status, let code, let title, let detail):
            "\(title) (HTTP \(status)\(code.map { ", error_code \($0)" } ?? "")): \(detail)"
        case .configuration(let message): message
        case .unexpectedResponse(let message): "Unexpected response: \(message)"
        }
    }
}
