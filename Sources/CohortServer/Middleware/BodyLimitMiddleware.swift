import CohortCore
import Hummingbird
import NIOCore

/// Reads the whole body before the handler runs, refusing bodies over the limit with 413.
///
/// A declared `Content-Length` over the limit is refused before any of the body is read; a
/// chunked body is counted as it arrives.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            throw tooLarge
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        return try await next(request, context)
    }

    private var tooLarge: CohortError {
        CohortError(.payloadTooLarge, "The request body is larger than the \(maxBytes) bytes this server accepts.")
    }
}
