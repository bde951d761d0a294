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

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard Self.isSandbox(request.uri.path) else { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw CohortError(.notAuthenticated, "Authentication credentials were not provided.")
        }
        guard let token = APIToken(authorizationHeader: header), token.digest.constantTimeEquals(adminToken) else {
            throw CohortError(.notAuthenticated, "The sandbox's operations take the admin token.")
        }
        return try await next(request, context)
    }
}
