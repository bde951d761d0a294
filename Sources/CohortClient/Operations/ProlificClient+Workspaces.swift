extension ProlificClient {
    /// The caller's workspaces, fetched page by page.
    public func workspaces() -> PagedSequence<WorkspaceSummary> {
        PagedSequence(pageSize: configuration.pageSize) { limit, offset, _ in
            let body = try await call { try await client.getWorkspaces(query: .init(limit: limit, offset: offset)).ok.body.json }
            return .init(
                items: body.results,
                hasMore: PagedSequence<WorkspaceSummary>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    public func workspace(_ id: String) async throws -> Workspace {
        try await call { try await client.getWorkspace(path: .init(workspaceId: id)).ok.body.json }
    }

    public func createWorkspace(
        title: String, description: String? = nil, naivetyDistributionRate: Double? = nil, currencyCode: String? = nil
    ) async throws -> Workspace {
        let body = WireCreateWorkspace(
            title: title, description: description, naivetyDistributionRate: naivetyDistributionRate,
            currencyCode: currencyCode)
        return try await call { try await client.createWorkspace(body: .json(body)).created.body.json }
    }

    public func updateWorkspace(_ id: String, title: String? = nil, description: String? = nil) async throws -> Workspace {
        try await call {
            try await client.updateWorkspace(
                path: .init(workspaceId: id), body: .json(.init(title: title, description: description))
            ).ok.body.json
        }
    }
}
