import CohortCore
import Testing

extension StoreConformance {
    /// `members(of:page:)`: ordered by `addedAt`, then participant id, with limit, offset and total.
    @Suite struct GroupMembersList {
        @Test(arguments: StoreKind.allCases)
        func orderedByAddedAtThenParticipantID(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([9, 5]), by: ada, at: time(100))
                try await store.change(group.id, .add(participants([7, 1])), by: ada, at: time(300))
                try await store.change(group.id, .add(participants([8, 6, 2])), by: ada, at: time(200))
                let expected: [Membership] = [
                    (5, 100), (9, 100), (2, 200), (6, 200), (8, 200), (1, 300), (7, 300),
                ].map { Membership(participantID: participant($0), addedAt: time($1)) }
                #expect(try await store.allMembers(of: group.id, by: ada) == expected)

                for (limit, offset) in [(3, 0), (3, 3), (3, 6), (1, 4), (10, 0), (2, 7), (2, 50)] {
                    let slice = try #require(try await store.members(of: group.id, page: page(limit: limit, offset: offset), visibleTo: ada.id))
                    #expect(slice.total == 7)
                    #expect(slice.items == Array(expected.dropFirst(offset).prefix(limit)), "limit \(limit) offset \(offset)")
                }
                let tail = try #require(try await store.members(of: group.id, page: page(limit: nil, offset: 5), visibleTo: ada.id))
                #expect(tail.items == Array(expected.suffix(2)))
                #expect(tail.total == 7)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func emptyGroupHasNoMembers(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, by: ada)
                let members = try #require(try await store.members(of: group.id, page: page(limit: 10), visibleTo: ada.id))
                #expect(members.items.isEmpty && members.total == 0)
            }
        }
    }
}
