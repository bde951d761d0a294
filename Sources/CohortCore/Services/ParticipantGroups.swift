/// The participant-group use cases. Ids arrive as the client sent them; they are validated here.
public struct ParticipantGroups: Sendable {
    let store: any ParticipantGroupStore

    public init(store: any ParticipantGroupStore) {
        self.store = store
    }

    public func list(
        scope: GroupListScope, active: Bool?, page: PageRequest, caller: Researcher
    ) async throws -> Page<ParticipantGroup> {
        try await store.groups(in: scope, active: active, page: page, visibleTo: caller.id)
    }

    public func create(_ new: NewGroup, caller: Researcher) async throws -> ParticipantGroup {
        let now = Timestamp.now()
        return try await store.createGroup(new, id: .generate(), by: caller.id, at: now)
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> ParticipantGroup {
        let id: GroupID = try Self.id(rawID)
        guard let group = try await store.group(id, visibleTo: caller.id) else { throw Self.notFound(rawID) }
        return group
    }

    /// Applies `edit` (a deleted group takes edits as a live one does). Returns the group
    /// after it, the whole membership if asked, and how many memberships changed.
    public func edit(_ rawID: String, _ edit: GroupEdit, caller: Researcher, returningMembers: Bool = false)
        async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)
    {
        try await apply(edit, to: rawID, caller: caller, returningMembers: returningMembers)
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
        let result = try await store.editGroup(id, edit, by: caller.id, at: .now(), returningMembers: returningMembers)
        guard let result else { throw Self.notFound(rawID) }
        return result
    }

    private static func id(_ raw: String) throws(CohortError) -> GroupID { try .parse(raw) }

    private static func notFound(_ raw: String) -> CohortError { GroupID.notFound(raw) }
}
