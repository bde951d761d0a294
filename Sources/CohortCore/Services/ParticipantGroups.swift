/// The participant-group use cases. Requests arrive as the client sent them (ids, drafts,
/// patches); they are validated here.
public struct ParticipantGroups: Sendable {
    let store: any ParticipantGroupStore
    let clock: any CohortClock

    public init(store: any ParticipantGroupStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The groups in the one scope the parameters name (``GroupRules/listScope(_:)``).
    public func list(
        scope parameters: [GroupListScope.Parameter], active: Bool?, page: PageRequest, caller: Researcher
    ) async throws -> Page<ParticipantGroup> {
        let scope = try GroupRules.listScope(parameters)
        return try await store.groups(in: scope, active: active, page: page, visibleTo: caller.id)
    }

    public func create(_ draft: GroupDraft, caller: Researcher) async throws -> ParticipantGroup {
        let new = try GroupRules.newGroup(
            name: draft.name, description: draft.description, workspaceID: draft.workspaceID,
            organisationID: draft.organisationID, projectID: draft.projectID, participantIDs: draft.participantIDs)
        return try await store.createGroup(new, id: .generate(), by: caller.id, at: clock.now())
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> ParticipantGroup {
        let id: GroupID = try Self.id(rawID)
        guard let group = try await store.group(id, visibleTo: caller.id) else { throw Self.notFound(rawID) }
        return group
    }

    /// Applies a PATCH (a deleted group takes edits as a live one does). Returns the group after
    /// it and how many memberships changed.
    public func update(_ rawID: String, _ patch: GroupPatch, caller: Researcher) async throws
        -> (group: ParticipantGroup, members: [Membership]?, changed: Int)
    {
        let edit = try GroupRules.update(name: patch.name, description: patch.description, participantIDs: patch.participantIDs)
        return try await apply(edit, to: rawID, caller: caller, returningMembers: false)
    }

    /// Adds the ids (as sent) to the group's members; the whole membership after it, if asked.
    public func add(_ participantIDs: [String], to rawID: String, caller: Researcher, returningMembers: Bool)
        async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)
    {
        let edit = GroupEdit(membership: .add(try ParticipantIDs.parse(participantIDs)))
        return try await apply(edit, to: rawID, caller: caller, returningMembers: returningMembers)
    }

    /// Removes the ids (as sent) from the group's members; the whole membership after it, if asked.
    public func remove(_ participantIDs: [String], from rawID: String, caller: Researcher, returningMembers: Bool)
        async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)
    {
        let edit = GroupEdit(membership: .remove(try ParticipantIDs.parse(participantIDs)))
        return try await apply(edit, to: rawID, caller: caller, returningMembers: returningMembers)
    }

    public func delete(_ rawID: String, caller: Researcher) async throws {
        _ = try await apply(GroupEdit(delete: true), to: rawID, caller: caller, returningMembers: false)
    }

    public func members(_ rawID: String, page: PageRequest, caller: Researcher) async throws -> Page<Membership> {
        let id: GroupID = try Self.id(rawID)
        guard let page = try await store.members(of: id, page: page, visibleTo: caller.id) else {
            throw Self.notFound(rawID)
        }
        return page
    }

    private func apply(_ edit: GroupEdit, to rawID: String, caller: Researcher, returningMembers: Bool) async throws
        -> (group: ParticipantGroup, members: [Membership]?, changed: Int)
    {
        let id: GroupID = try Self.id(rawID)
        let result = try await store.editGroup(id, edit, by: caller.id, at: clock.now(), returningMembers: returningMembers)
        guard let result else { throw Self.notFound(rawID) }
        return result
    }

    private static func id(_ raw: String) throws(CohortError) -> GroupID { try .parse(raw) }

    private static func notFound(_ raw: String) -> CohortError { GroupID.notFound(raw) }
}
