/// Turns an `Authorization` header into the researcher it belongs to.
public struct Authenticator: Sendable {
    let store: any ResearcherStore
    let cache: TokenCache

    public init(store: any ResearcherStore, cache: TokenCache = TokenCache()) {
        self.store = store
        self.cache = cache
    }

    /// The researcher whose token the header carries; ``ErrorKind/notAuthenticated`` otherwise.
    public func researcher(authorizationHeader: String?) async throws -> Researcher {
        guard let header = authorizationHeader else {
            throw CohortError(.notAuthenticated, "Authentication credentials were not provided.")
        }
        guard let token = APIToken(authorizationHeader: header) else {
            throw CohortError(.notAuthenticated, "The Authorization header must be of the form 'Token <token>'.")
        }
        let digest = token.digest
        if let cached = cache.researcher(for: digest) { return cached }
        let candidates = try await store.tokens(lookupKey: digest.lookupKey)
        var found: Researcher?
        for candidate in candidates where candidate.digest.constantTimeEquals(digest) {
            found = candidate.researcher
        }
        guard let found else { throw CohortError(.notAuthenticated, "Invalid token.") }
        cache.remember(found, for: digest)
        return found
    }
}
