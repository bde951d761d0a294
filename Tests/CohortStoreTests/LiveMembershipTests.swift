import CohortCore
import Testing

extension StoreConformance {
    /// What a place's eligibility reads: which of a study's listed groups hold a participant now,
    /// and the test participants of a workspace's researchers.
    @Suite struct LiveMembership {
        @Test(arguments: StoreKind.allCases)
        func groupsContainingAParticipantAreItsCurrentLiveGroups(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let first = try await store.makeGroup("first", workspace: ada.workspace, members: participants([1, 2]), by: ada)
                let second = try await store.makeGroup("second", workspace: ada.workspace, members: participants([2]), by: ada)
                let deleted = try await store.makeGroup("deleted", workspace: ada.workspace, members: participants([2]), by: ada)
                _ = try await store.editGroup(deleted.id, GroupEdit(delete: true), by: ada.id, at: time(1), returningMembers: false)
                let all: Set = [first.id, second.id, deleted.id]
                #expect(try await store.groups(all, containing: participant(2)) == [first.id, second.id])
                #expect(try await store.groups(all, containing: participant(1)) == [first.id])
                #expect(try await store.groups(all, containing: participant(3)).isEmpty)
                #expect(try await store.groups([second.id], containing: participant(1)).isEmpty, "only the groups asked about")
                #expect(try await store.groups([], containing: participant(1)).isEmpty)

                // Live: an edit is seen by the next read.
                try await store.change(second.id, .add([participant(1)]), by: ada, at: time(2))
                try await store.change(first.id, .remove([participant(2)]), by: ada, at: time(2))
                #expect(try await store.groups(all, containing: participant(1)) == [first.id, second.id])
                #expect(try await store.groups(all, containing: participant(2)) == [second.id])
                #expect(try await store.groups([GroupID.generate()], containing: participant(1)).isEmpty, "an unknown group")
            }
        }

        @Test(arguments: StoreKind.allCases)
        func testParticipantsAreTheirCreatorsInCreationOrder(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let cy = try await store.tenant("cy@example.org")
                let made = [ParticipantID.generate(), .generate(), .generate()]
                #expect(try await store.createTestParticipant(made[0], email: "p1@example.org", by: ada.id, at: time(1)))
                #expect(try await store.createTestParticipant(made[1], email: "p2@example.org", by: bob.id, at: time(2)))
                #expect(try await store.createTestParticipant(made[2], email: "p3@example.org", by: ada.id, at: time(3)))
                #expect(try await store.testParticipants(createdBy: [ada.id]) == [made[0], made[2]])
                #expect(try await store.testParticipants(createdBy: [bob.id, ada.id]) == made)
                #expect(try await store.testParticipants(createdBy: [cy.id]).isEmpty)
                #expect(try await store.testParticipants(createdBy: []).isEmpty)
            }
        }
    }
}
