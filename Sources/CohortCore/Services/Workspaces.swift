/// The workspace use cases.
public struct Workspaces: Sendable {
    let store: any WorkspaceStore
    let clock: any CohortClock

    public init(store: any WorkspaceStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public func list(page: PageRequest, caller: Researcher) async throws -> Page<WorkspaceDetails> {
        try await store.workspaces(of: caller.id, page: page)
    }

    public func create(_ draft: WorkspaceDraft, caller: Researcher) async throws -> WorkspaceDetails {
        let new = try WorkspaceRules.newWorkspace(
            title: draft.title, description: draft.description, naivetyDistributionRate: draft.naivetyDistributionRate,
            currencyCode: draft.currencyCode)
        guard
            let workspace = try await store.createWorkspace(
                new, id: .generate(), by: caller.id, role: Member.workspaceAdmin, at: clock.now())
        else { throw CohortError.researcherGone() }
        return workspace
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> WorkspaceDetails {
        let id = try WorkspaceID.parse(rawID)
        guard let workspace = try await store.workspace(id, visibleTo: caller.id) else {
            throw WorkspaceID.notFound(rawID)
        }
        return workspace
    }

    public func update(_ rawID: String, _ patch: WorkspacePatch, caller: Researcher) async throws -> WorkspaceDetails {
        let id = try WorkspaceID.parse(rawID)
        let edit = try WorkspaceRules.edit(
            title: patch.title, description: patch.description, naivetyDistributionRate: patch.naivetyDistributionRate)
        guard let workspace = try await store.updateWorkspace(id, edit, by: caller.id) else {
            throw WorkspaceID.notFound(rawID)
        }
        return workspace
    }
}
