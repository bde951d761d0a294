/// The project use cases.
public struct Projects: Sendable {
    let store: any ProjectStore
    let clock: any CohortClock

    public init(store: any ProjectStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public func list(workspace rawID: String, page: PageRequest, caller: Researcher) async throws
        -> Page<ProjectDetails>
    {
        let id = try WorkspaceID.parse(rawID)
        guard let projects = try await store.projects(in: id, visibleTo: caller.id, page: page) else {
            throw WorkspaceID.notFound(rawID)
        }
        return projects
    }

    public func create(_ draft: ProjectDraft, workspace rawID: String, caller: Researcher) async throws -> ProjectDetails {
        let id = try WorkspaceID.parse(rawID)
        let new = try ProjectRules.newProject(
            title: draft.title, description: draft.description, visibility: draft.visibility,
            publicDetails: draft.publicDetails, naivetyDistributionRate: draft.naivetyDistributionRate,
            isLongitudinal: draft.isLongitudinal, longitudinalConfigJSON: draft.longitudinalConfigJSON)
        guard let project = try await store.createProject(new, id: .generate(), in: id, by: caller.id, at: clock.now())
        else { throw WorkspaceID.notFound(rawID) }
        return project
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> ProjectDetails {
        let id = try ProjectID.parse(rawID)
        guard let project = try await store.project(id, visibleTo: caller.id) else {
            throw ProjectID.notFound(rawID)
        }
        return project
    }

    public func update(_ rawID: String, _ edit: ProjectEdit, caller: Researcher) async throws -> ProjectDetails {
        let id = try ProjectID.parse(rawID)
        let edit = try ProjectRules.validate(edit)
        guard let project = try await store.updateProject(id, by: caller.id, apply: { project in
            try ProjectRules.apply(edit, to: project)
        }) else { throw ProjectID.notFound(rawID) }
        return project
    }
}
