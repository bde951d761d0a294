import CohortAPI
import CohortCore

extension APIHandler {
    func getWorkspaces(_ input: Operations.GetWorkspaces.Input) async throws -> Operations.GetWorkspaces.Output {
        let caller = try RequestScope.caller()
        let page = try PageRequest(limit: input.query.limit, offset: input.query.offset)
        let workspaces = try await cohort.workspaces.list(page: page, caller: caller)
        return .ok(
            .init(
                body: .json(
                    .init(
                        results: workspaces.items.map(WireWorkspaceShort.init), meta: ListPage.meta(workspaces.total),
                        _links: ListPage.links(for: page, total: workspaces.total)))))
    }

    func createWorkspace(_ input: Operations.CreateWorkspace.Input) async throws -> Operations.CreateWorkspace.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let draft = WorkspaceDraft(
            title: body.title, description: body.description, naivetyDistributionRate: body.naivetyDistributionRate,
            currencyCode: body.currencyCode)
        let workspace = try await cohort.workspaces.create(draft, caller: caller)
        return .created(.init(body: .json(.init(workspace))))
    }

    func getWorkspace(_ input: Operations.GetWorkspace.Input) async throws -> Operations.GetWorkspace.Output {
        let workspace = try await cohort.workspaces.get(input.path.workspaceId, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(workspace))))
    }

    func updateWorkspace(_ input: Operations.UpdateWorkspace.Input) async throws -> Operations.UpdateWorkspace.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let patch = WorkspacePatch(
            title: body.title, description: body.description, naivetyDistributionRate: body.naivetyDistributionRate.change)
        let workspace = try await cohort.workspaces.update(input.path.workspaceId, patch, caller: caller)
        return .ok(.init(body: .json(.init(workspace))))
    }
}
