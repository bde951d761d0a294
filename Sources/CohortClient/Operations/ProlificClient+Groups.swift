extension ProlificClient {
    /// The groups of a workspace, project or organisation, fetched page by page. `active`: `true`
    /// for live groups only, `false` for deleted ones only, nil for both.
    public func groups(in scope: GroupScope, active: Bool? = nil) -> PagedSequence<ParticipantGroup> {
        var query = Operations.GetParticipantGroups.Input.Query()
        // `filter[workspace_id]` and `filter[project_id]`: the form Prolific's document gives.
        switch scope {
        case .workspace(let id): query.filter = .init(workspaceId: id)
        case .project(let id): query.filter = .init(projectId: id)
        case .organisation(let id): query.organisationId = id
        }
        query.active = active.map { $0 ? ._true : ._false }
        return PagedSequence(pageSize: configuration.pageSize) { [query] limit, offset, _ in
            var query = query
            query.limit = limit
            query.offset = offset
            let body = try await call { try await client.getParticipantGroups(query: query).ok.body.json }
            return .init(
                items: body.results,
                hasMore: PagedSequence<ParticipantGroup>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    public func group(_ id: String) async throws -> ParticipantGroup {
        try await call { try await client.getParticipantGroup(path: .init(id: id)).ok.body.json }
    }

    /// Creates a group. Up to ``ClientConfiguration/batchSize`` ids go with the create; the rest
    /// follow in batches of adds, reported to `progress`.
    public func createGroup(
        name: String, in placement: GroupPlacement, description: String? = nil, participantIDs: [String] = [],
        progress: BatchProgress? = nil
    ) async throws -> ParticipantGroup {
        let batches = batches(participantIDs)
        var body = WireCreateParticipantGroup(name: name, description: description)
        switch placement {
        case .workspace(let id): body.workspaceId = id
        case .organisation(let id): body.organisationId = id
        case .project(let id): body.projectId = id
        }
        if !participantIDs.isEmpty { body.participantIds = Array(batches[0]) }
        let group = try await call { try await client.createParticipantGroup(body: .json(body)).created.body.json }
        progress?(batches[0].count, participantIDs.count)
        guard batches.count > 1 else { return group }
        var sent = batches[0].count
        for batch in batches.dropFirst() {
            _ = try await add(batch, to: group.id, minimal: true)
            sent += batch.count
            progress?(sent, participantIDs.count)
        }
        return try await self.group(group.id)
    }

    /// Renames the group and, when `description` is `.value` or `.null`, describes it or clears its
    /// description (a Cohort extension: Prolific's document has no `description` in a PATCH).
    public func updateGroup(_ id: String, name: String? = nil, description: PatchField<String> = .absent) async throws
        -> ParticipantGroup
    {
        let body = WireParticipantGroupUpdate(name: name, description: description)
        return try await patch(id, body)
    }

    /// A PATCH, answered in full (no `Prefer`), as the group.
    func patch(_ id: String, _ body: WireParticipantGroupUpdate) async throws -> ParticipantGroup {
        let answer = try await call { try await client.updateParticipantGroup(path: .init(id: id), body: .json(body)).ok.body.json }
        guard case .ParticipantGroup(let group) = answer else {
            throw ProlificError.unexpectedResponse("a summary where the group was asked for")
        }
        return group
    }

    /// Soft-deletes the group; it still answers, with `isDeleted` true.
    public func deleteGroup(_ id: String) async throws {
        _ = try await call { try await client.deleteParticipantGroup(path: .init(id: id)).noContent }
    }
}
