import CohortAPI
import CohortCore
import Foundation

extension APIHandler {
    func getProjects(_ input: Operations.GetProjects.Input) async throws -> Operations.GetProjects.Output {
        let caller = try RequestScope.caller()
        let page = try PageRequest(limit: input.query.limit, offset: input.query.offset)
        let projects = try await cohort.projects.list(workspace: input.path.workspaceId, page: page, caller: caller)
        return .ok(
            .init(
                body: .json(
                    .init(
                        results: projects.items.map(WireProjectShort.init), meta: ListPage.meta(projects.total),
                        _links: ListPage.links(for: page, total: projects.total)))))
    }

    func createProject(_ input: Operations.CreateProject.Input) async throws -> Operations.CreateProject.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        var configJSON: String?
        if let config = body.longitudinalConfig {
            configJSON = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        }
        let draft = ProjectDraft(
            title: body.title, description: body.description, visibility: body.type?.visibility,
            publicDetails: body.publicDetails?.patch, naivetyDistributionRate: body.naivetyDistributionRate,
            isLongitudinal: body.isLongitudinal, longitudinalConfigJSON: configJSON)
        let project = try await cohort.projects.create(draft, workspace: input.path.workspaceId, caller: caller)
        return .created(.init(body: .json(.init(project))))
    }

    func getProject(_ input: Operations.GetProject.Input) async throws -> Operations.GetProject.Output {
        let project = try await cohort.projects.get(input.path.projectId, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(project))))
    }

    func updateProject(_ input: Operations.UpdateProject.Input) async throws -> Operations.UpdateProject.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let edit = ProjectEdit(
            title: body.title, description: body.description, visibility: body.type?.visibility,
            publicDetails: body.publicDetails?.patch, naivetyDistributionRate: body.naivetyDistributionRate.change)
        let project = try await cohort.projects.update(input.path.projectId, edit, caller: caller)
        return .ok(.init(body: .json(.init(project))))
    }
}
