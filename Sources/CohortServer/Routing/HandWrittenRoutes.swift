import Foundation
import HTTPTypes
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// Registers the generated operations on the router, except those a hand-written route serves
/// (`openapi.yaml` still describes them; the route answers in the shape it gives).
struct GeneratedRoutes<Context: RequestContext>: ServerTransport {
    let router: Router<Context>
    /// `GET /api/v1/...` of the operations served by hand-written routes.
    let servedByHand: Set<String>
    /// Whether the `/_cohort/` operations are routed (`--sandbox`); without it they are 404.
    var sandbox = false

    /// Paths outside `/_cohort/` that only the sandbox serves: Prolific's completion redirect,
    /// which is its web app's, not its API's.
    static var sandboxOnly: Set<String> { ["/submissions/complete"] }

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
            HTTPResponse, HTTPBody?
        ),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        guard !servedByHand.contains("\(method.rawValue) \(path)") else { return }
        guard sandbox || !(SandboxAdminMiddleware<Context>.isSandbox(path) || Self.sandboxOnly.contains(path)) else { return }
        router.register(handler, method: method, path: path)
    }
}
