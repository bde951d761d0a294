extension ProlificClient {
    /// The members of a group, oldest first, fetched page by page: by cursor where the server
    /// offers one (Cohort, where a page deep in a large group costs what the first does), else by
    /// offset (Prolific).
    public func members(of group: String) -> PagedSequence<GroupMember> {
        PagedSequence(pageSize: configuration.pageSize) { limit, offset, after in
            // The first page asks for no offset, so that a server that can links the next by cursor.
            let query = Operations.GetParticipantGroupParticipants.Input.Query(
                limit: limit, offset: after == nil && offset > 0 ? offset : nil, after: after)
            let body = try await call {
                try await client.getParticipantGroupParticipants(path: .init(id: group), query: query).ok.body.json
            }
            let next = body._links?.next.map(\.href)
            return .init(
                items: body.results,
                hasMore: PagedSequence<GroupMember>.hasMore(
                    received: body.results.count, limit: limit, offset: offset, total: body.meta?.count, nextLink: next),
                nextAfter: PagedSequence<GroupMember>.after(in: next ?? nil))
        }
    }

    /// Adds participants (those already in keep their join time), in batches; returns the whole
    /// membership after the last batch. Batches before the last ask for a summary only
    /// (`Prefer: return=minimal`), which a server that ignores it answers in full anyway.
    @discardableResult
    public func addMembers(_ ids: [String], to group: String, progress: BatchProgress? = nil) async throws -> [GroupMember] {
        try membership(in: try await sendBatches(ids, progress: progress, summaryOnly: false) { batch, minimal in
            try await add(batch, to: group, minimal: minimal)
        })
    }

    /// Removes participants (ids that are not members are ignored), in batches; returns the
    /// remaining membership.
    @discardableResult
    public func removeMembers(_ ids: [String], from group: String, progress: BatchProgress? = nil) async throws
        -> [GroupMember]
    {
        try membership(in: try await sendBatches(ids, progress: progress, summaryOnly: false) { batch, minimal in
            try await remove(batch, from: group, minimal: minimal)
        })
    }

    /// Adds participants without fetching the membership back: how many members the group has
    /// after the last batch, and how many joined (nil from a server that answers in full, such as
    /// Prolific). For large groups, where the whole membership is a large answer.
    public func addMembersSummarised(_ ids: [String], to group: String, progress: BatchProgress? = nil) async throws
        -> MembershipSummary
    {
        try await sendBatches(ids, progress: progress, summaryOnly: true) { batch, minimal in
            try await add(batch, to: group, minimal: minimal)
        }.summary
    }

    /// Removes participants without fetching the membership back; see ``addMembersSummarised(_:to:progress:)``.
    public func removeMembersSummarised(_ ids: [String], from group: String, progress: BatchProgress? = nil)
        async throws -> MembershipSummary
    {
        try await sendBatches(ids, progress: progress, summaryOnly: true) { batch, minimal in
            try await remove(batch, from: group, minimal: minimal)
        }.summary
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
        let first = try await patch(group, WireParticipantGroupUpdate(participantIds: Array(batches[0])))
        progress?(batches[0].count, ids.count)
        guard batches.count > 1 else { return first }
        var sent = batches[0].count
        for batch in batches.dropFirst() {
            _ = try await add(batch, to: group, minimal: true)
            sent += batch.count
            progress?(sent, ids.count)
        }
        return try await self.group(group)
    }

    func add(_ batch: ArraySlice<String>, to group: String, minimal: Bool) async throws -> MembershipAnswer {
        let answer = try await call {
            try await client.addToParticipantGroup(
                path: .init(id: group), headers: .init(prefer: minimal ? "return=minimal" : nil),
                body: .json(.init(participantIds: Array(batch)))
            ).ok.body.json
        }
        switch answer {
        case .ParticipantGroupMembershipListResponse(let list): return .members(list.results)
        case .MinimalChange(let change): return .summary(change)
        }
    }

    func remove(_ batch: ArraySlice<String>, from group: String, minimal: Bool) async throws -> MembershipAnswer {
        let answer = try await call {
            try await client.removeFromParticipantGroup(
                path: .init(id: group), headers: .init(prefer: minimal ? "return=minimal" : nil),
                body: .json(.init(participantIds: Array(batch)))
            ).ok.body.json
        }
        switch answer {
        case .ParticipantGroupMembershipListResponse(let list): return .members(list.results)
        case .MinimalChange(let change): return .summary(change)
        }
    }

    /// Sends each batch in turn, reporting progress: all but the last (or, with `summaryOnly`,
    /// every one) asking for a summary. Returns the last answer, with `changed` summed over
    /// the batches when every answer was a summary.
    func sendBatches(
        _ ids: [String], progress: BatchProgress?, summaryOnly: Bool,
        _ send: (ArraySlice<String>, _ minimal: Bool) async throws -> MembershipAnswer
    ) async throws -> MembershipAnswer {
        let batches = batches(ids)
        var sent = 0
        var changed: Int? = 0
        var last = MembershipAnswer.members([])
        for (index, batch) in batches.enumerated() {
            last = try await send(batch, summaryOnly || index < batches.count - 1)
            if case .summary(let change) = last { changed = changed.map { $0 + change.changed } } else { changed = nil }
            sent += batch.count
            progress?(sent, ids.count)
        }
        if case .summary(let change) = last, let changed { return .summary(.init(participantCount: change.participantCount, changed: changed)) }
        return last
    }

    /// The membership an answer carries, or, for a summary, the membership fetched.
    func membership(in answer: MembershipAnswer) throws -> [GroupMember] {
        switch answer {
        case .members(let members): return members
        case .summary: throw ProlificError.unexpectedResponse("a summary where the membership was asked for")
        }
    }
}

/// What a membership change answered: the whole membership, or (with `Prefer: return=minimal`)
/// a summary.
enum MembershipAnswer: Sendable {
    case members([GroupMember])
    case summary(Components.Schemas.MinimalChange)

    var summary: MembershipSummary {
        switch self {
        case .members(let members): MembershipSummary(participantCount: members.count, changed: nil)
        case .summary(let change): MembershipSummary(participantCount: change.participantCount, changed: change.changed)
        }
    }
}

/// A group's size after a change, and how many memberships the change made or removed when the
/// server said (Cohort does; Prolific answers in full, and then it is nil).
public struct MembershipSummary: Sendable, Hashable {
    public let participantCount: Int
    public let changed: Int?

    public init(participantCount: Int, changed: Int?) {
        self.participantCount = participantCount
        self.changed = changed
    }
}
