/// Turns an `Authorization` header into the researcher it belongs to.
public struct Authenticator: Sendable {
    let store: any ResearcherStore
    let cache: TokenCache

    public init(store: any ResearcherStore, cache: TokenCache = TokenCache()) {
        self.store = store
        self.cache = cache
    }

    /// The researcher whose token the header carries, and the token's digest (what per-token
    /// limits key on); ``ErrorKind/notAuthenticated`` otherwise.
    public func authenticate(authorizationHeader: String?) async throws -> (researcher: Researcher, digest: TokenDigest) {
        guard let header = authorizationHeader else {
            throw CohortError(.notAuthenticated, "Authentication credentials were not provided.")
        }
        guard let token = APIToken(authorizationHeader: header) else {
            throw CohortError(.notAuthenticated, "The Authorization header must be of the form 'Token <token>'.")
        }
        let digest = token.digest
        // Read before the lookup: a revocation committed after this read changes the epoch, so an
        // entry remembered under this one is not used again.
        let epoch = store.tokenRevocationEpoch()
        if let epoch, let cached = cache.researcher(for: digest, epoch: epoch) { return (cached, digest) }
        let candidates = try await store.tokens(lookupKey: digest.lookupKey)
        var found: Researcher?
        for candidate in candidates where candidate.digest.constantTimeEquals(digest) {
            found = candidate.researcher
        }
        guard let found else { throw CohortError(.notAuthenticated, "Invalid token.") }
        if let epoch { cache.remember(found, for: digest, epoch: epoch) }
        return (found, digest)
    }
}
