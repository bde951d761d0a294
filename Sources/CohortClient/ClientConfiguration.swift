import Foundation

/// Where the client sends requests and how it behaves.
public struct ClientConfiguration: Sendable {
    /// Prolific itself, or a Cohort server such as `http://127.0.0.1:8080`.
    public var baseURL: URL
    /// Sent as `Authorization: Token <token>`.
    public var token: String?
    public var retry: RetryPolicy
    /// The most participant ids sent in one request; longer lists go in several.
    public var batchSize: Int
    /// How many items each request of a list asks for.
    public var pageSize: Int
    /// How long one request may take.
    public var timeout: Duration

    public static let prolificURL = URL(string: "https://api.prolific.com")!

    public init(
        baseURL: URL = ClientConfiguration.prolificURL, token: String? = nil, retry: RetryPolicy = .init(),
        batchSize: Int = 1_000, pageSize: Int = 200, timeout: Duration = .seconds(60)
    ) {
        self.baseURL = Self.withoutTrailingSlash(baseURL)
        self.token = token
        self.retry = retry
        self.batchSize = max(1, batchSize)
        self.pageSize = max(1, pageSize)
        self.timeout = timeout
    }

    /// `PROLIFIC_URL` and `PROLIFIC_TOKEN` from the environment, with the given values first.
    public static func fromEnvironment(
        baseURL: URL? = nil, token: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ClientConfiguration {
        var url = baseURL ?? ClientConfiguration.prolificURL
        if baseURL == nil, let text = environment["PROLIFIC_URL"], !text.isEmpty {
            url = try parseBaseURL(text, source: "PROLIFIC_URL")
        }
        let token = token ?? environment["PROLIFIC_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return ClientConfiguration(baseURL: url, token: token)
    }
}

extension ClientConfiguration {
    /// `text` as a server URL, or a ``ProlificError/configuration(_:)`` naming `source`.
    public static func parseBaseURL(_ text: String, source: String) throws -> URL {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ProlificError.configuration("\(source) '\(text)' is not an http(s) URL")
        }
        return withoutTrailingSlash(url)
    }

    /// The API's paths start with `/` and are appended to the base URL: `http://host/` would make
    /// them `//api/v1/...`.
    static func withoutTrailingSlash(_ url: URL) -> URL {
        var text = url.absoluteString
        guard text.hasSuffix("/") else { return url }
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text) ?? url
    }
}

/// When and how often a request is tried again.
///
/// 429 and 503 mean the server did not act on the request, so every request is tried again (after
/// `Retry-After` when the server gives one). A network failure leaves it unknown whether the server
/// acted, so only requests that are safe to repeat are tried again: reads, PATCH, DELETE, and
/// adding or removing participants (set operations, idempotent by design).
public struct RetryPolicy: Sendable {
    /// Tries in all, the first included.
    public var maximumAttempts: Int
    /// The first back-off; each further one doubles, with full jitter.
    public var baseDelay: Duration
    /// No single wait is longer, `Retry-After` included.
    public var maximumDelay: Duration
    /// How to wait; tests replace it to record the waits instead of sleeping.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maximumAttempts: Int = 5, baseDelay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(30),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.sleep = sleep
    }

    /// No retries at all.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before try `attempt + 1`: random between zero and `baseDelay * 2^(attempt-1)`, capped.
    func backoff(afterAttempt attempt: Int) -> Duration {
        let ceiling = min(maximumDelay, baseDelay * (1 << min(attempt - 1, 20)))
        let fraction = Double.random(in: 0...1)
        return ceiling * fraction
    }
}
