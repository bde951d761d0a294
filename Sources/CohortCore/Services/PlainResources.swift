/// The use cases every plain resource shares, with the tenancy rule applied once for all: a
/// resource outside the caller's ``Reach`` is not found, exactly as one that does not exist.
/// A resource's own use case (validation, status rules) builds on these.
public struct PlainResources<Resource: PlainResource>: Sendable {
    let store: any CohortStore

    public init(store: any CohortStore) {
        self.store = store
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> Resource {
        let id = try ID<Resource.Entity>.parse(rawID)
        // Membership of the record's workspace is the whole rule for a workspace's resource
        // (``Reach/canSee(workspace:)``), read with the record in one statement.
        guard let (record, callerIsMember) = try await store.record(Resource.key(id), withMembershipOf: caller.id),
            callerIsMember
        else { throw id.notFound }
        return try record.decode()
    }

    /// A page of the workspace's resources that carry every one of `fields`.
    public func list(in rawWorkspaceID: String, fields: Set<RecordField> = [], page: PageRequest, caller: Researcher)
        async throws -> Page<Resource>
    {
        let workspace = try WorkspaceID.parse(rawWorkspaceID)
        guard try await store.reach(of: caller.id).canSee(workspace: workspace) else { throw workspace.notFound }
        let records = try await store.records(
            RecordQuery(kind: Resource.recordKind, workspaceID: workspace, fields: fields), page: page)
        return Page(items: try records.items.map { try $0.decode() }, total: records.total)
    }

    /// A page of the resources that carry every one of `fields` in every workspace the caller is
    /// a member of, in one creation order.
    public func listVisible(fields: Set<RecordField> = [], page: PageRequest, caller: Researcher) async throws
        -> Page<Resource>
    {
        let workspaces = try await store.reach(of: caller.id).workspaceIDs
        let records = try await store.records(
            RecordQuery(kind: Resource.recordKind, workspaceIDs: Array(workspaces), fields: fields), page: page)
        return Page(items: try records.items.map { try $0.decode() }, total: records.total)
    }

    /// Stores a new resource; its workspace must be the caller's.
    public func create(_ resource: Resource, caller: Researcher) async throws -> Resource {
        guard try await store.reach(of: caller.id).canSee(workspace: resource.workspaceID) else {
            throw resource.workspaceID.notFound
        }
        let record = try resource.record()
        return try await store.transact { _ in .commit([.insert(record)], result: resource) }
    }

    /// Loads the resource, hands it to `change` (which validates and may throw: nothing is
    /// changed), and stores what it returns, in one transaction. The id, workspace and creation
    /// time are the stored ones whatever `change` returns.
    public func update(
        _ rawID: String, caller: Researcher, _ change: @escaping @Sendable (Resource) throws -> Resource
    ) async throws -> Resource {
        let id = try ID<Resource.Entity>.parse(rawID)
        let reach = try await store.reach(of: caller.id)
        let key = Resource.key(id)
        return try await store.transact { snapshot in
            guard snapshot.records[key] != nil else { return .load(records: [key]) }
            guard let stored = snapshot.record(key) else { throw id.notFound }
            let current: Resource = try stored.decode()
            guard reach.canSee(workspace: current.workspaceID) else { throw id.notFound }
            let updated = try change(current)
            guard updated.id == current.id, updated.workspaceID == current.workspaceID,
                updated.createdAt == current.createdAt
            else { throw CorruptRow(description: "an update of \(key) changed its id, workspace or creation time") }
            return .commit([.update(try updated.record(version: stored.version))], result: updated)
        }
    }

    public func delete(_ rawID: String, caller: Researcher) async throws {
        let id = try ID<Resource.Entity>.parse(rawID)
        let reach = try await store.reach(of: caller.id)
        let key = Resource.key(id)
        _ = try await store.transact { snapshot -> TransactionStep<Bool> in
            guard snapshot.records[key] != nil else { return .load(records: [key]) }
            guard let stored = snapshot.record(key), reach.canSee(workspace: stored.workspaceID) else { throw id.notFound }
            return .commit([.delete(key)], result: true)
        }
    }
}
