import CohortCore
import Synchronization
import Testing

extension StoreConformance {
    /// Soft delete, and `permit`: an edit it refuses leaves the group exactly as it was.
    @Suite struct GroupDelete {
        @Test(arguments: StoreKind.allCases)
        func deleteIsSoft(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada)
                let result = try await store.editGroup(
                    group.id, GroupEdit(delete: true), by: ada.id, at: time(5), returningMembers: false,
                    permit: { try GroupRules.permit(GroupEdit(delete: true), on: $0) })
                var expected = group
                expected.isDeleted = true
                #expect(result?.group == expected)
                #expect(try await store.group(group.id, visibleTo: ada.id) == expected)
                #expect(try await store.memberIDs(of: group.id, by: ada) == participants([1, 2]))

                let again = try await store.editGroup(
                    group.id, GroupEdit(delete: true), by: ada.id, at: time(6), returningMembers: false,
                    permit: { try GroupRules.permit(GroupEdit(delete: true), on: $0) })
                #expect(again?.group == expected)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func permitSeesTheGroupAsStored(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1]), by: ada)
                try await store.change(group.id, .add([participant(2)]), by: ada)
                let seen = SeenGroup()
                _ = try await store.editGroup(
                    group.id, GroupEdit(name: "x"), by: ada.id, at: time(), returningMembers: false,
                    permit: { seen.set($0) })
                var expected = group
                expected.participantCount = 2
                #expect(seen.group == expected)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func refusedEditChangesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada)
                let members = try await store.allMembers(of: group.id, by: ada)
                let edits = [
                    GroupEdit(name: "x", description: .set("y"), membership: .add(participants([3, 4])), delete: true),
                    GroupEdit(membership: .remove(participants([1]))),
                    GroupEdit(membership: .replace(participants([7]))),
                    GroupEdit(delete: true),
                ]
                for edit in edits {
                    await #expect(throws: Refused.self) {
                        _ = try await store.editGroup(
                            group.id, edit, by: ada.id, at: time(9), returningMembers: true, permit: { _ in throw Refused() })
                    }
                    #expect(try await store.group(group.id, visibleTo: ada.id) == group)
                    #expect(try await store.allMembers(of: group.id, by: ada) == members)
                }
            }
        }

        @Test(arguments: StoreKind.allCases)
        func deletedGroupRefusesContentEditsThroughTheRules(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada)
                let deleted = try #require(try await store.editGroup(
                    group.id, GroupEdit(delete: true), by: ada.id, at: time(), returningMembers: false, permit: { _ in })
                ).group
                for edit in [GroupEdit(name: "x"), GroupEdit(membership: .add([participant(3)])), GroupEdit(membership: .remove([participant(1)]))] {
                    let error = await cohortError {
                        _ = try await store.editGroup(
                            group.id, edit, by: ada.id, at: time(), returningMembers: true,
                            permit: { try GroupRules.permit(edit, on: $0) })
                    }
                    #expect(error?.kind == .groupDeleted)
                }
                #expect(try await store.group(group.id, visibleTo: ada.id) == deleted)
                #expect(try await store.memberIDs(of: group.id, by: ada) == participants([1, 2]))
            }
        }
    }
}

/// The group a `permit` closure was called with.
final class SeenGroup: Sendable {
    private let value = Mutex<ParticipantGroup?>(nil)

    func set(_ group: ParticipantGroup) { value.withLock { $0 = group } }
    var group: ParticipantGroup? { value.withLock { $0 } }
}
