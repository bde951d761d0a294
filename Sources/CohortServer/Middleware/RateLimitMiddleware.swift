import CohortCore
import Hummingbird

/// Refuses a token's requests beyond the rate limit with 429, in the envelope, and `Retry-After`
/// in whole seconds, as Prolific does. Only authenticated requests count; it sits after
/// authentication and before the body is read.
struct RateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let credential = RequestScope.current?.credential, let wait = limiter.check(credential) else {
            return try await next(request, context)
        }
        let seconds = max(1, Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up)))
        throw Refusal.rateLimited(retryAfter: seconds)
    }
}
