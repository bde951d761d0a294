/// The failures a store may report besides a ``CorruptRow``: conditions of the database, not of
/// the request. The core words them for the client here, so that every store answers alike.
public enum StorageFailure {
    /// The database is busy, locked, full, unreachable or shutting down: retrying may work; nothing
    /// was changed.
    public static func unavailable() -> CohortError {
        CohortError(.serviceUnavailable, "The database is busy or unavailable; retry shortly.")
    }

    /// A write's COMMIT was sent and the database went away before saying whether it was applied,
    /// and did not come back in time to tell.
    public static func outcomeUnknown() -> CohortError {
        CohortError(
            .outcomeUnknown,
            "The database went away while saving this change, and did not come back in time to say whether it was saved. Read it back before retrying."
        )
    }
}

extension CohortError {
    /// The caller's token was valid a moment ago, but their researcher is gone.
    public static func researcherGone() -> CohortError {
        CohortError(.notAuthenticated, "The researcher no longer exists.")
    }

    /// A test participant's email is unique among participants.
    public static func participantEmailTaken() -> CohortError {
        CohortError(.emailTaken, .fields(["email": ["A participant with this email already exists."]]))
    }
}
