import CohortCore
import Testing

extension StoreConformance {
    /// Membership edits: add, remove and replace are set operations, `addedAt` is kept for members
    /// who stay, and `participantCount` always equals the real membership.
    @Suite struct GroupMembership {
        @Test(arguments: StoreKind.allCases)
        func addIsASetAddThatKeepsOriginalAddedAt(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada, at: time(0))
                let (after, members) = try await store.change(group.id, .add(participants([2, 3, 3, 1, 4])), by: ada, at: time(10))
                #expect(after.participantCount == 4)
                #expect(members == [
                    Membership(participantID: participant(1), addedAt: time(0)),
                    Membership(participantID: participant(2), addedAt: time(0)),
                    Membership(participantID: participant(3), addedAt: time(10)),
                    Membership(participantID: participant(4), addedAt: time(10)),
                ])
                #expect(try await store.allMembers(of: group.id, by: ada) == members)
                #expect(try await store.group(group.id, visibleTo: ada.id)?.participantCount == 4)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func addingOnlyExistingMembersChangesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada, at: time(0))
                let before = try await store.allMembers(of: group.id, by: ada)
                let (after, members) = try await store.change(group.id, .add(participants([2, 1])), by: ada, at: time(10))
                #expect(members == before)
                #expect(after == group)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func removeIgnoresNonMembers(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants(1...4), by: ada, at: time(0))
                let (after, members) = try await store.change(group.id, .remove(participants([4, 2, 9, 2])), by: ada)
                #expect(after.participantCount == 2)
                #expect(members.map(\.participantID) == participants([1, 3]))
                let (again, same) = try await store.change(group.id, .remove(participants([4, 9])), by: ada)
                #expect(again.participantCount == 2)
                #expect(same == members)
                let (empty, none) = try await store.change(group.id, .remove(participants([1, 3])), by: ada)
                #expect(empty.participantCount == 0)
                #expect(none.isEmpty)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func readdedMembersGetANewAddedAt(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada, at: time(0))
                try await store.change(group.id, .remove([participant(1)]), by: ada, at: time(5))
                let (_, members) = try await store.change(group.id, .add([participant(1)]), by: ada, at: time(9))
                #expect(members == [
                    Membership(participantID: participant(2), addedAt: time(0)),
                    Membership(participantID: participant(1), addedAt: time(9)),
                ])
            }
        }

        @Test(arguments: StoreKind.allCases)
        func replaceKeepsAddedAtOfKeptMembers(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants(1...3), by: ada, at: time(0))
                let (after, members) = try await store.change(group.id, .replace(participants([5, 3, 1, 5])), by: ada, at: time(20))
                #expect(after.participantCount == 3)
                #expect(members == [
                    Membership(participantID: participant(1), addedAt: time(0)),
                    Membership(participantID: participant(3), addedAt: time(0)),
                    Membership(participantID: participant(5), addedAt: time(20)),
                ])
                let (emptied, none) = try await store.change(group.id, .replace([]), by: ada, at: time(30))
                #expect(emptied.participantCount == 0)
                #expect(none.isEmpty)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func nameAndDescriptionEditsKeepTheMembership(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1]), by: ada)
                let result = try await store.editGroup(
                    group.id, GroupEdit(name: "Renamed"), by: ada.id, at: time(5), returningMembers: false)
                #expect(result?.members == nil)
                var expected = group
                expected.name = "Renamed"
                #expect(result?.group == expected)
                let described = try await store.editGroup(
                    group.id, GroupEdit(description: .set("New")), by: ada.id, at: time(6), returningMembers: true)
                expected.description = "New"
                #expect(described?.group == expected)
                #expect(described?.members == [Membership(participantID: participant(1), addedAt: time())])
                let cleared = try await store.editGroup(
                    group.id, GroupEdit(description: .set(nil)), by: ada.id, at: time(7), returningMembers: false)
                expected.description = nil
                #expect(cleared?.group == expected)
                #expect(try await store.group(group.id, visibleTo: ada.id) == expected)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func editingAnUnknownGroupIsNil(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let result = try await store.editGroup(
                    .generate(), GroupEdit(name: "x"), by: ada.id, at: time(), returningMembers: true)
                #expect(result == nil)
                #expect(try await store.group(.generate(), visibleTo: ada.id) == nil)
                #expect(try await store.members(of: .generate(), page: .everything, visibleTo: ada.id) == nil)
            }
        }
    }
}

extension StoreConformance {
    /// `changed`: how many memberships an edit really added or removed, what
    /// `Prefer: return=minimal` answers with.
    @Suite struct GroupEditCounts {
        @Test(arguments: StoreKind.allCases)
        func changedCountsOnlyRealAdditionsAndRemovals(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1, 2]), by: ada, at: time(0))
                func edit(_ edit: GroupEdit) async throws -> Int {
                    try #require(
                        try await store.editGroup(group.id, edit, by: ada.id, at: time(5), returningMembers: false)
                    ).changed
                }
                #expect(try await edit(GroupEdit(membership: .add(participants([2, 3, 4])))) == 2)
                #expect(try await edit(GroupEdit(membership: .add(participants([1, 2])))) == 0)
                #expect(try await edit(GroupEdit(membership: .remove(participants([1, 9])))) == 1)
                // {2, 3, 4} becomes {4, 5}: 2 and 3 leave, 5 joins.
                #expect(try await edit(GroupEdit(membership: .replace(participants([4, 5])))) == 3)
                #expect(try await edit(GroupEdit(name: "renamed")) == 0)
                #expect(try await store.group(group.id, visibleTo: ada.id)?.participantCount == 2)
            }
        }
    }
}
