import CohortCore
import Testing

extension StoreConformance {
    /// Test participants: an email belongs to one participant only; a second is not stored.
    @Suite struct TestParticipants {
        @Test(arguments: StoreKind.allCases)
        func duplicateEmailIsRefused(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                #expect(try await store.createTestParticipant(.generate(), email: "p1@example.org", by: ada.id, at: time()))
                #expect(try await store.createTestParticipant(.generate(), email: "p2@example.org", by: ada.id, at: time()))
                for caller in [ada, bob] {
                    #expect(try await !store.createTestParticipant(.generate(), email: "p1@example.org", by: caller.id, at: time()))
                }
                #expect(try await store.createTestParticipant(.generate(), email: "p3@example.org", by: bob.id, at: time()))
            }
        }
    }
}
