extension ProlificClient {
    /// The projects of a workspace, fetched page by page.
    public func projects(in workspace: String) -> PagedSequence<ProjectSummary> {
        PagedSequence(pageSize: configuration.pageSize) { limit, offset, _ in
            let body = try await call {
                try await client.getProjects(path: .init(workspaceId: workspace), query: .init(limit: limit, offset: offset))
                    .ok.body.json
            }
            return .init(
                items: body.results,
                hasMore: PagedSequence<ProjectSummary>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    public func project(_ id: String) async throws -> Project {
        try await call { try await client.getProject(path: .init(projectId: id)).ok.body.json }
    }

    public func createProject(
        in workspace: String, title: String, description: String? = nil, type: ProjectType? = nil,
        publicDetails: PublicDetails? = nil
    ) async throws -> Project {
        let body = WireCreateProject(title: title, description: description, type: type, publicDetails: publicDetails)
        return try await call {
            try await client.createProject(path: .init(workspaceId: workspace), body: .json(body)).created.body.json
        }
    }

    public func updateProject(
        _ id: String, title: String? = nil, description: String? = nil, type: ProjectType? = nil,
        publicDetails: PublicDetails? = nil
    ) async throws -> Project {
        let body = WireUpdateProject(title: title, description: description, type: type, publicDetails: publicDetails)
        return try await call { try await client.updateProject(path: .init(projectId: id), body: .json(body)).ok.body.json }
    }
}
