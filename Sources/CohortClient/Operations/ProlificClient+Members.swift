extension ProlificClient {
    /// The members of a group, oldest first, fetched page by page.
    public func members(of group: String) -> PagedSequence<GroupMember> {
        PagedSequence(pageSize: configuration.pageSize) { limit, offset in
            let body = try await call {
                try await client.getParticipantGroupParticipants(path: .init(id: group), query: .init(limit: limit, offset: offset))
                    .ok.body.json
            }
            return .init(
                items: body.results,
                hasMore: PagedSequence<GroupMember>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count,
                    nextLink: body._links?.next.map(\.href)))
        }
    }

    /// Adds participants (those already in keep their join time), in batches; returns the whole
    /// membership after the last batch.
    @discardableResult
    public func addMembers(_ ids: [String], to group: String, progress: BatchProgress? = nil) async throws -> [GroupMember] {
        try await sendBatches(batches(ids)[...], alreadySent: 0, total: ids.count, progress: progress) {
            try await add($0, to: group)
        }
    }

    /// Removes participants (ids that are not members are ignored), in batches; returns the
    /// remaining membership.
    @discardableResult
    public func removeMembers(_ ids: [String], from group: String, progress: BatchProgress? = nil) async throws
        -> [GroupMember]
    {
        try await sendBatches(batches(ids)[...], alreadySent: 0, total: ids.count, progress: progress) { batch in
            try await call {
                try await client.removeFromParticipantGroup(path: .init(id: group), body: .json(.init(participantIds: Array(batch))))
                    .ok.body.json.results
            }
        }
    }

    /// Makes the membership exactly `ids` (members who stay keep their join time). Up to
    /// ``ClientConfiguration/batchSize`` ids this is one PATCH, all or nothing; beyond, the PATCH
    /// carries the first batch and adds follow, so a failure part-way leaves a partial membership
    /// that running the call again completes.
    @discardableResult
    public func replaceMembers(of group: String, with ids: [String], progress: BatchProgress? = nil) async throws
        -> ParticipantGroup
    {
        let batches = batches(ids)
        let first = try await call {
            try await client.updateParticipantGroup(
                path: .init(id: group), body: .json(.init(participantIds: Array(batches[0])))
            ).ok.body.json
        }
        progress?(batches[0].count, ids.count)
        guard batches.count > 1 else { return first }
        _ = try await sendBatches(batches.dropFirst(), alreadySent: batches[0].count, total: ids.count, progress: progress) {
            try await add($0, to: group)
        }
        return try await self.group(group)
    }

    func add(_ batch: ArraySlice<String>, to group: String) async throws -> [GroupMember] {
        try await call {
            try await client.addToParticipantGroup(path: .init(id: group), body: .json(.init(participantIds: Array(batch))))
                .ok.body.json.results
        }
    }

    /// Sends each batch in turn, reporting progress; returns the last answer.
    func sendBatches(
        _ batches: ArraySlice<ArraySlice<String>>, alreadySent: Int, total: Int, progress: BatchProgress?,
        _ send: (ArraySlice<String>) async throws -> [GroupMember]
    ) async throws -> [GroupMember] {
        var sent = alreadySent
        var last: [GroupMember] = []
        for batch in batches {
            last = try await send(batch)
            sent += batch.count
            progress?(sent, total)
        }
        return last
    }
}
