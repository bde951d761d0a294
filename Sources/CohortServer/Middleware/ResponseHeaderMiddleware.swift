import Foundation
import HTTPTypes
import Hummingbird

/// Undoes the percent-encoding the generated server applies to response header values:
/// swift-openapi-generator writes headers in the OpenAPI "simple" style, so `return=minimal`
/// would go out as `return%3Dminimal`, which no client expects of `Preference-Applied`.
struct ResponseHeaderMiddleware<Context: RequestContext>: RouterMiddleware {
    static var decoded: [HTTPField.Name] { [HTTPField.Name("Preference-Applied")!] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        for name in Self.decoded {
            if let value = response.headers[name], let plain = value.removingPercentEncoding, plain != value {
                response.headers[name] = plain
            }
        }
        return response
    }
}
