import CohortCore
import Testing

/// GroupRules.update (the PATCH body) and GroupRules.permit (what a deleted group still allows).
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
        #expect(!edit.writesContent)
        #expect(!edit.delete)
    }

    @Test func updateTrimsTheNameAndKeepsTheDescription() throws {
        let edit = try GroupRules.update(name: "  New name ", description: .set(" about "), participantIDs: nil)
        #expect(edit.name == "New name")
        #expect(edit.description == .set(" about "))
        #expect(edit.membership == nil)
        #expect(edit.writesContent)
    }

    @Test func updateMayClearTheDescription() throws {
        let edit = try GroupRules.update(name: nil, description: .set(nil), participantIDs: nil)
        #expect(edit.description == .set(nil))
        #expect(edit.writesContent)
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

    @Test(arguments: contentEdits)
    func deletedGroupRefusesContentEdits(_ edit: GroupEdit) throws {
        #expect(edit.writesContent)
        let error = try #require(throws: CohortError.self) { try GroupRules.permit(edit, on: Self.group(deleted: true)) }
        #expect(error.kind == .groupDeleted)
        #expect(error.detail == .message("Participant group '5e9b9c9b0f9c9a4444444444' is deleted; it cannot be changed."))
    }

    @Test(arguments: contentEdits)
    func liveGroupAllowsContentEdits(_ edit: GroupEdit) throws {
        try GroupRules.permit(edit, on: Self.group(deleted: false))
    }

    @Test func deletedGroupAllowsAnotherDelete() throws {
        let edit = GroupEdit(delete: true)
        #expect(!edit.writesContent)
        try GroupRules.permit(edit, on: Self.group(deleted: true))
        try GroupRules.permit(edit, on: Self.group(deleted: false))
    }
}
