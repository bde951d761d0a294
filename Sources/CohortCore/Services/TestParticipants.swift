/// Test participants: ids a researcher can put in groups to try a study end to end.
public struct TestParticipants: Sendable {
    let store: any TestParticipantStore
    let clock: any CohortClock

    public init(store: any TestParticipantStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public func create(email: String, caller: Researcher) async throws -> ParticipantID {
        guard TextRules.isPlausibleEmail(email) else {
            throw CohortError.invalid("email", "Enter a valid email address.")
        }
        let id = ParticipantID.generate()
        guard try await store.createTestParticipant(id, email: email.lowercased(), by: caller.id, at: clock.now()) else {
            throw CohortError.participantEmailTaken()
        }
        return id
    }
}
