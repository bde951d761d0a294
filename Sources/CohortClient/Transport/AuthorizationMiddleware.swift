import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Adds `Authorization: Token <token>` to every request but the unauthenticated service ones.
struct AuthorizationMiddleware: ClientMiddleware {
    let token: String?

    static let unauthenticated: Set<String> = ["get-health", "get-liveness", "get-openapi-document"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard !Self.unauthenticated.contains(operationID) else { return try await next(request, body, baseURL) }
        guard let token else {
            throw ProlificError.configuration("No API token: pass one, or set PROLIFIC_TOKEN.")
        }
        var request = request
        request.headerFields[.authorization] = "Token \(token)"
        return try await next(request, body, baseURL)
    }
}
