import HTTPTypes
import OpenAPIRuntime

/// An empty request body is no body: clients send `POST .../clone/` with nothing, or with
/// `Content-Type: application/json` and nothing, where an operation's body is optional. The
/// generated code would try to read JSON from zero bytes; an operation whose body is required
/// still answers that it is missing.
struct EmptyBodyMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if let body, body.length == .known(0) {
            var request = request
            request.headerFields[.contentType] = nil
            return try await next(request, nil, metadata)
        }
        return try await next(request, body, metadata)
    }
}
