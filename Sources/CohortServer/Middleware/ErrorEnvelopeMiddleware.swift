import CohortCore
import Hummingbird
import Logging

/// Answers every error in Prolific's envelope. Faults of the server's own become a 500 whose
/// body says nothing of the cause; the cause goes to the log.
struct ErrorEnvelopeMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            if let translated = ErrorTranslation.cohortError(for: error) {
                var headers = (error as? Refusal)?.headers ?? [:]
                if let body = error as? HTTPRequestBodyError {
                    // The connection cannot be read any further; the guard closes it after this.
                    headers[.connection] = "close"
                    if body.reason == .connectionLost {
                        logger.debug("the client went away while sending the body", metadata: ["path": "\(request.uri.path)"])
                    }
                }
                return ErrorEnvelope.response(for: translated, headers: headers)
            }
            // The error's own description may carry the request, headers and all: log its cause only.
            logger.error(
                "request failed",
                metadata: [
                    "method": "\(request.method)", "path": "\(request.uri.path)",
                    "error": .string(LoggableError.describe(error)),
                ])
            return ErrorEnvelope.response(for: CohortError(.internalError, "The server failed to answer this request."))
        }
    }
}
