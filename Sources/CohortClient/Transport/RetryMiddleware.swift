import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Tries a request again as ``RetryPolicy`` says: on 429 and 503 always (neither changed
/// anything), after `Retry-After` when given; on network failures and on 504 (a write whose
/// outcome the server could not learn) only for the requests that are safe to repeat
/// (``RetryClassification``).
struct RetryMiddleware: ClientMiddleware {
    let policy: RetryPolicy

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var attempt = 1
        let repeatable = RetryClassification.isRepeatable(request.method, operationID: operationID)
        while true {
            let response: HTTPResponse
            let responseBody: HTTPBody?
            do {
                (response, responseBody) = try await next(request, body, baseURL)
            } catch {
                guard attempt < policy.maximumAttempts, repeatable, !(error is CancellationError),
                    !(error is ProlificError)
                else { throw error }
                try await policy.sleep(policy.backoff(afterAttempt: attempt))
                attempt += 1
                continue
            }
            let retried =
                response.status.code == 429 || response.status.code == 503
                || (response.status.code == 504 && repeatable)
            guard retried, attempt < policy.maximumAttempts else {
                return (response, responseBody)
            }
            if let responseBody { _ = try? await Data(collecting: responseBody, upTo: 1 << 20) }
            let wait = Self.retryAfter(response.headerFields[.retryAfter]).map { min($0, policy.maximumDelay) }
            try await policy.sleep(wait ?? policy.backoff(afterAttempt: attempt))
            attempt += 1
        }
    }

    /// `Retry-After` as seconds, or as an HTTP date.
    static func retryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(max(0, Int(date.timeIntervalSince(now) * 1000)))
    }
}
