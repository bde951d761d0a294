import Foundation
import CohortCore
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// What the generated handlers need to know about the request they serve, which the generated
/// `Input` types do not carry: who is calling, and the URL they called (for `_links`).
struct RequestScope: Sendable {
    /// Set for every `/api/v1` request; the middleware refuses those without a valid token.
    let caller: Researcher?
    /// The digest of the caller's token, with ``caller``.
    let credential: TokenDigest?
    /// The request, for ``url``: worked out only by the lists that link pages.
    let head: HTTPRequest
    let uri: URI

    /// The URL the client called.
    var url: RequestURL { RequestURL(head: head, uri: uri) }

    @TaskLocal static var current: RequestScope?

    /// The caller of the current request. Throws 401 outside an authenticated request.
    static func caller() throws -> Researcher {
        guard let caller = current?.caller else {
            throw CohortError(.notAuthenticated, "Authentication credentials were not provided.")
        }
        return caller
    }
}

/// The URL a request was made to, as the client saw it.
struct RequestURL: Sendable {
    let scheme: String
    let authority: String
    let path: String
    /// `scheme://authority`, for absolute links.
    var origin: String { "\(scheme)://\(authority)" }
    /// The query items in the order sent, still percent-encoded.
    let query: [(name: String, value: String)]

    /// The URL of a request: behind a proxy, `X-Forwarded-Proto` tells the scheme.
    init(head: HTTPRequest, uri: URI) {
        let forwarded = head.headerFields[HTTPField.Name("X-Forwarded-Proto")!]
        scheme = forwarded.map { String($0.split(separator: ",")[0]).trimmingCharacters(in: .whitespaces) } ?? "http"
        query = (uri.query ?? "").split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
        }
        authority = head.authority ?? "localhost"
        path = uri.path
    }
}

/// Authenticates `/api/v1` requests and makes the request's scope available to handlers.
struct RequestScopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let authenticator: Authenticator

    /// Paths under `/api/v1` need a token. Compared by segment, as the router compares them, so
    /// that `//api/v1/...` (which it routes alike) is no way around this.
    static func isProtected(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var segments: [Range<Int>] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > start { segments.append(start..<index) }
                start = index + 1
                if segments.count == 2 { break }
            }
            guard segments.count == 2 else { return false }
            return bytes[segments[0]].elementsEqual("api".utf8) && bytes[segments[1]].elementsEqual("v1".utf8)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var caller: Researcher?
        var credential: TokenDigest?
        if Self.isProtected(request.uri.path) {
            (caller, credential) = try await authenticator.authenticate(
                authorizationHeader: request.headers[.authorization])
        }
        if let caller { RequestNotes.current?.update { $0.researcherID = caller.id.hex } }
        let scope = RequestScope(caller: caller, credential: credential, head: request.head, uri: request.uri)
        return try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
    }

}
