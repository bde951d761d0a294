import CohortCore
import HTTPTypes

/// An error answered with headers of its own: a 405 and its `Allow`, a 429 and its `Retry-After`.
struct Refusal: Error {
    let error: CohortError
    let headers: HTTPFields

    /// Over the rate limit: try again in `seconds`.
    static func rateLimited(retryAfter seconds: Int) -> Refusal {
        Refusal(
            error: CohortError(
                .tooManyRequests, "Request was throttled. Expected available in \(seconds) second\(seconds == 1 ? "" : "s")."),
            headers: [.retryAfter: String(seconds)])
    }
}
