import CohortCore
import Synchronization
import Testing

extension StoreConformance {
    /// Soft delete: a deleted group keeps answering, and keeps taking edits.
    @Suite struct GroupDelete {
        @Test(arguments: StoreKind.allCases)
        func deleteIsSoft(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada)
                let result = try await store.editGroup(
                    group.id, GroupEdit(delete: true), by: ada.id, at: time(5), returningMembers: false)
                var expected = group
                expected.isDeleted = true
                #expect(result?.group == expected)
                #expect(try await store.group(group.id, visibleTo: ada.id) == expected)
                #expect(try await store.memberIDs(of: group.id, by: ada) == participants([1, 2]))

                let again = try await store.editGroup(
                    group.id, GroupEdit(delete: true), by: ada.id, at: time(6), returningMembers: false)
                #expect(again?.group == expected)
            }
        }

        /// DECISIONS.md: a deleted group takes PATCH, add and remove as a live group does, and
        /// stays deleted.
        @Test(arguments: StoreKind.allCases)
        func deletedGroupTakesEdits(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada)
                _ = try await store.editGroup(group.id, GroupEdit(delete: true), by: ada.id, at: time(), returningMembers: false)
                let renamed = try #require(
                    try await store.editGroup(
                        group.id, GroupEdit(name: "Old wave", description: .set("kept")), by: ada.id, at: time(),
                        returningMembers: false))
                #expect(renamed.group.name == "Old wave" && renamed.group.description == "kept" && renamed.group.isDeleted)
                let added = try #require(
                    try await store.editGroup(
                        group.id, GroupEdit(membership: .add([participant(3)])), by: ada.id, at: time(), returningMembers: true))
                #expect(added.changed == 1 && added.group.participantCount == 3 && added.group.isDeleted)
                let removed = try #require(
                    try await store.editGroup(
                        group.id, GroupEdit(membership: .remove([participant(1)])), by: ada.id, at: time(), returningMembers: false))
                #expect(removed.changed == 1 && removed.group.isDeleted)
                #expect(try await store.memberIDs(of: group.id, by: ada) == participants([2, 3]))
                let stored = try #require(try await store.group(group.id, visibleTo: ada.id))
                #expect(stored.isDeleted && stored.name == "Old wave" && stored.participantCount == 2)
            }
        }
    }
}
