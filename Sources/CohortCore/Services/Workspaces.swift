/// The workspace use cases.
public struct Workspaces: Sendable {
    let store: any WorkspaceStore

    public init(store: any WorkspaceStore) {
        self.store = store
    }

    public func list(page: PageRequest, caller: Researcher) async throws -> Page<WorkspaceDetails> {
        try await store.workspaces(of: caller.id, page: page)
    }

    public func create(_ new: NewWorkspace, caller: Researcher) async throws -> WorkspaceDetails {
        try await store.createWorkspace(new, id: .generate(), by: caller.id, at: .now())
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> WorkspaceDetails {
        let id: WorkspaceID = try GroupRules.parseID(rawID, "Workspace")
        guard let workspace = try await store.workspace(id, visibleTo: caller.id) else {
            throw CohortError.notFound("Workspace", rawID)
        }
        return workspace
    }

    public func update(_ rawID: String, _ edit: WorkspaceEdit, caller: Researcher) async throws -> WorkspaceDetails {
        let id: WorkspaceID = try GroupRules.parseID(rawID, "Workspace")
        guard let workspace = try await store.updateWorkspace(id, edit, by: caller.id) else {
            throw CohortError.notFound("Workspace", rawID)
        }
        return workspace
    }
}
