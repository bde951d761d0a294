/// A token as an operator sees it (`cohort token list`): never its value, which is not stored, but
/// an id to revoke it by.
public struct TokenRecord: Hashable, Sendable {
    /// The first 8 bytes of the token's digest, in hex (its ``TokenDigest/lookupKey``): safe to
    /// show, and what `cohort token revoke` takes.
    public let id: String
    public let researcher: Researcher
    public let createdAt: Timestamp

    public init(id: String, researcher: Researcher, createdAt: Timestamp) {
        self.id = id
        self.researcher = researcher
        self.createdAt = createdAt
    }
}

/// Which tokens a revocation removes.
public enum TokenSelection: Hashable, Sendable {
    /// The token with this id (``TokenRecord/id``).
    case id(String)
    /// The token itself, known by its digest.
    case digest(TokenDigest)
    /// Every token of the researcher with this email (lowercase).
    case researcher(email: String)
}
