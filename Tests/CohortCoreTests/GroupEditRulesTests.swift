import CohortCore
import Testing

/// GroupRules.update (the PATCH body) and GroupEdit.operations (what a store does for an edit).
@Suite struct GroupEditRulesTests {
    static func group(deleted: Bool) -> ParticipantGroup {
        ParticipantGroup(
            id: GroupID("5e9b9c9b0f9c9a4444444444")!, name: "Wave 2", description: nil,
            owner: .workspace(WorkspaceID(workspaceHex)!), projectID: nil, participantCount: 0, isDeleted: deleted,
            createdAt: Timestamp(secondsSince1970: 1_587_384_000))
    }

    @Test func emptyUpdateChangesNothing() throws {
        let edit = try GroupRules.update(name: nil, description: .keep, participantIDs: nil)
        #expect(edit == GroupEdit())
        #expect(edit.operations(on: Self.group(deleted: false)).isEmpty)
    }

    @Test func updateTrimsTheNameAndKeepsTheDescription() throws {
        let edit = try GroupRules.update(name: "  New name ", description: .set(" about "), participantIDs: nil)
        #expect(edit.name == "New name")
        #expect(edit.description == .set(" about "))
        #expect(edit.membership == nil)
        #expect(edit.operations(on: Self.group(deleted: false)) == [.rename("New name"), .describe(" about ")])
    }

    @Test func updateMayClearTheDescription() throws {
        let edit = try GroupRules.update(name: nil, description: .set(nil), participantIDs: nil)
        #expect(edit.description == .set(nil))
        #expect(edit.operations(on: Self.group(deleted: false)) == [.describe(nil)])
    }

    @Test func updateWithParticipantIDsReplacesTheMembership() throws {
        let edit = try GroupRules.update(
            name: nil, description: .keep, participantIDs: [participantHex(2), participantHex(1), participantHex(2)])
        #expect(edit.membership == .replace([participant(2), participant(1)]))
        #expect(try GroupRules.update(name: nil, description: .keep, participantIDs: []).membership == .replace([]))
    }

    @Test func updateRejectsABlankName() throws {
        let error = try #require(throws: CohortError.self) {
            try GroupRules.update(name: "  ", description: .keep, participantIDs: nil)
        }
        #expect(error.kind == .invalidInput)
        #expect(fieldMessages(error)?.keys.sorted() == ["name"])
    }

    @Test func updateRejectsATooLongDescription() throws {
        let error = try #require(throws: CohortError.self) {
            try GroupRules.update(name: nil, description: .set(String(repeating: "d", count: 10_001)), participantIDs: nil)
        }
        #expect(fieldMessages(error)?.keys.sorted() == ["description"])
    }

    @Test func updateRejectsBadParticipantIDs() throws {
        let error = try #require(throws: CohortError.self) {
            try GroupRules.update(name: nil, description: .keep, participantIDs: ["bad"])
        }
        #expect(error.kind == .invalidParticipantIDs)
    }

    static let contentEdits: [GroupEdit] = [
        GroupEdit(name: "x"),
        GroupEdit(description: .set("x")),
        GroupEdit(description: .set(nil)),
        GroupEdit(membership: .add([participant(1)])),
        GroupEdit(membership: .remove([participant(1)])),
        GroupEdit(membership: .replace([])),
        GroupEdit(name: "x", delete: true),
    ]

    /// DECISIONS.md: a deleted group takes every write a live one takes, as on Prolific.
    @Test(arguments: contentEdits)
    func deletedGroupTakesTheSameEditsAsALiveOne(_ edit: GroupEdit) throws {
        let onDeleted = edit.operations(on: Self.group(deleted: true))
        let onLive = edit.operations(on: Self.group(deleted: false)).filter { $0 != .markDeleted }
        #expect(!onDeleted.isEmpty)
        #expect(onDeleted == onLive)
    }

    @Test func operationsComeInTheOrderOfTheEdit() {
        let ids = [participant(1), participant(2)]
        let edit = GroupEdit(name: "n", description: .set(nil), membership: .replace(ids), delete: true)
        #expect(edit.operations(on: Self.group(deleted: false)) == [
            .rename("n"), .describe(nil), .keepOnlyMembers(ids), .addMembers(ids), .markDeleted,
        ])
    }

    @Test func deletingADeletedGroupAgainDoesNothing() {
        #expect(GroupEdit(delete: true).operations(on: Self.group(deleted: true)).isEmpty)
        #expect(GroupEdit(delete: true).operations(on: Self.group(deleted: false)) == [.markDeleted])
    }

    @Test func changedCountsMembershipsAddedAndRemoved() {
        let ids = [participant(1)]
        let performed: [(GroupOperation, rows: Int)] = [
            (.rename("n"), 1), (.keepOnlyMembers(ids), 3), (.addMembers(ids), 2), (.markDeleted, 1),
        ]
        #expect(GroupOperation.changedMembers(performed) == 5)
    }
}
