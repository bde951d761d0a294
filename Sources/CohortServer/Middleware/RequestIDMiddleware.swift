import HTTPTypes
import Hummingbird
import Logging

/// The id of the request being served, for its log lines and its `X-Request-Id` answer.
public enum RequestIdentifier {
    @TaskLocal public static var current: String?

    public static let header = HTTPField.Name("X-Request-Id")!

    /// Puts `request_id` on every line logged while a request is served, the store's included.
    static let metadataProvider = Logger.MetadataProvider {
        guard let id = current else { return [:] }
        return ["request_id": .string(id)]
    }

    /// A client's own id is kept when it is sane: 1 to 128 visible ASCII characters, no spaces or
    /// quotes, so that it cannot break a log line or a header.
    static func isSane(_ value: String) -> Bool {
        let bytes = value.utf8
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }
}

/// Gives every request an id: the client's `X-Request-Id` when it sent a sane one, else a new
/// one. Every answer carries it back in `X-Request-Id`, and every line logged meanwhile has it.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let sent = request.headers[RequestIdentifier.header]
        let id = sent.flatMap { RequestIdentifier.isSane($0) ? $0 : nil } ?? RequestID().description
        var response = try await RequestIdentifier.$current.withValue(id) {
            try await next(request, context)
        }
        response.headers[RequestIdentifier.header] = id
        return response
    }
}
