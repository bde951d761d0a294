/// How researchers and their tokens come to exist.
public struct Researchers: Sendable {
    let store: any ResearcherStore
    let clock: any CohortClock

    public init(store: any ResearcherStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The email of the researcher that the server creates for itself when nobody else exists.
    public static let defaultEmail = "researcher@cohort.local"

    /// A new token for the researcher with `email` (compared case-insensitively), created with a
    /// workspace of their own if needed.
    public func createToken(email: String, name: String? = nil) async throws -> (researcher: Researcher, token: APIToken) {
        guard TextRules.isPlausibleEmail(email) else {
            throw CohortError.invalid("email", "Enter a valid email address.")
        }
        let email = email.lowercased()
        let (researcher, _) = try await store.provisionResearcher(
            NewResearcher(email: email, name: name ?? Self.name(from: email), at: clock.now()))
        let token = APIToken.generate()
        try await store.addToken(token.digest, for: researcher.id, at: clock.now())
        return (researcher, token)
    }

    /// Makes sure `token` works: its researcher (`email`) and their workspace exist.
    /// For scripts, CI and sandboxes that want a token known in advance.
    public func ensureBootstrapToken(_ token: APIToken, email: String = Researchers.defaultEmail) async throws
        -> Researcher
    {
        let email = email.lowercased()
        let (researcher, _) = try await store.provisionResearcher(
            NewResearcher(email: email, name: Self.name(from: email), at: clock.now()))
        try await store.addToken(token.digest, for: researcher.id, at: clock.now())
        return researcher
    }

    /// On an empty database, creates the default researcher with a workspace and returns their new
    /// token, to be shown once; `nil` when any researcher exists already.
    public func createFirstResearcherIfNone() async throws -> (researcher: Researcher, token: APIToken)? {
        guard try await !store.hasResearchers() else { return nil }
        let (researcher, created) = try await store.provisionResearcher(
            NewResearcher(email: Self.defaultEmail, name: "Cohort researcher", at: clock.now()))
        // Another process got there first: it shows its own token.
        guard created else { return nil }
        let token = APIToken.generate()
        try await store.addToken(token.digest, for: researcher.id, at: clock.now())
        return (researcher, token)
    }

    /// Every token there is, oldest first, by id and researcher (never by value).
    public func tokens() async throws -> [TokenRecord] {
        try await store.allTokens()
    }

    /// Revokes the selected tokens, at once for every server on the store; returns how many.
    public func revoke(_ selection: TokenSelection) async throws -> Int {
        var selection = selection
        if case .researcher(let email) = selection { selection = .researcher(email: email.lowercased()) }
        return try await store.revokeTokens(selection)
    }

    /// `ada.lovelace@example.org` becomes `ada.lovelace`.
    static func name(from email: String) -> String {
        String(email.split(separator: "@").first ?? Substring(email))
    }
}
