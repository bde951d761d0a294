/// The project use cases.
public struct Projects: Sendable {
    let store: any ProjectStore

    public init(store: any ProjectStore) {
        self.store = store
    }

    public func list(workspace rawID: String, page: PageRequest, caller: Researcher) async throws
        -> Page<ProjectDetails>
    {
        let id: WorkspaceID = try GroupRules.parseID(rawID, "Workspace")
        guard let projects = try await store.projects(in: id, visibleTo: caller.id, page: page) else {
            throw CohortError.notFound("Workspace", rawID)
        }
        return projects
    }

    public func create(_ new: NewProject, workspace rawID: String, caller: Researcher) async throws -> ProjectDetails {
        let id: WorkspaceID = try GroupRules.parseID(rawID, "Workspace")
        guard let project = try await store.createProject(new, id: .generate(), in: id, by: caller.id, at: .now())
        else { throw CohortError.notFound("Workspace", rawID) }
        return project
    }

    public func get(_ rawID: String, caller: Researcher) async throws -> ProjectDetails {
        let id: ProjectID = try GroupRules.parseID(rawID, "Project")
        guard let project = try await store.project(id, visibleTo: caller.id) else {
            throw CohortError.notFound("Project", rawID)
        }
        return project
    }

    public func update(_ rawID: String, _ edit: ProjectEdit, caller: Researcher) async throws -> ProjectDetails {
        let id: ProjectID = try GroupRules.parseID(rawID, "Project")
        let edit = try ProjectRules.validate(edit)
        guard let project = try await store.updateProject(id, by: caller.id, apply: { project in
            try ProjectRules.apply(edit, to: project)
        }) else { throw CohortError.notFound("Project", rawID) }
        return project
    }
}
