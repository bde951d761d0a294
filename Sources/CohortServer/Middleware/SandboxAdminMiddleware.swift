import CohortCore
import Hummingbird

/// With `--sandbox`: `/_cohort/` takes the admin token and nothing else (a researcher's token, or
/// none: 401). Without it the middleware is not installed and those paths are not routed (404).
struct SandboxAdminMiddleware<Context: RequestContext>: RouterMiddleware {
    let adminToken: TokenDigest

    init(adminToken: String) {
        self.adminToken = APIToken(adminToken).digest
    }

    /// Paths under `/_cohort`, compared by segment as the router compares them (`//_cohort/x`
    /// too). Without allocating: a sandbox server asks it several times of every request.
    static func isSandbox(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            var start = 0
            while start < bytes.count, bytes[start] == UInt8(ascii: "/") { start += 1 }
            let segment = "_cohort".utf8
            guard bytes.count - start >= segment.count,
                bytes[start..<start + segment.count].elementsEqual(segment)
            else { return false }
            let end = start + segment.count
            return end == bytes.count || bytes[end] == UInt8(ascii: "/")
        }
    }

    /// The browser's take link, the one sandbox path that takes the token as `?token=`.
    static func takesTokenInQuery(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return segments.count == 3 && segments[0] == "_cohort" && segments[1] == "take"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.isSandbox(request.uri.path) else { return try await next(request, context) }
        let token: APIToken?
        if let header = request.headers[.authorization] {
            token = APIToken(authorizationHeader: header)
        } else if Self.takesTokenInQuery(request.uri.path), let text = request.uri.queryParameters["token"] {
            // A link a browser follows cannot carry a header (`/_cohort/take/{id}?token=`).
            token = APIToken(String(text))
        } else {
            throw CohortError(.notAuthenticated, "Authentication credentials were not provided.")
        }
        guard let token, token.digest.constantTimeEquals(adminToken) else {
            throw CohortError(.notAuthenticated, "The sandbox's operations take the admin token.")
        }
        return try await next(request, context)
    }
}
