import CohortAPI
import CohortCore

extension APIHandler {
    func getParticipantGroups(_ input: Operations.GetParticipantGroups.Input) async throws
        -> Operations.GetParticipantGroups.Output
    {
        let caller = try RequestScope.caller()
        let query = input.query
        // Prolific's five spellings of the scope, folded here where the wire is read.
        let given: [(String, GroupListScope.Parameter.Kind, String?)] = [
            ("workspace_id", .workspace, query.workspaceId), ("project_id", .project, query.projectId),
            ("filter[workspace_id]", .workspace, query.filter?.workspaceId),
            ("filter[project_id]", .project, query.filter?.projectId), ("organisation_id", .organisation, query.organisationId),
        ]
        let scope = given.compactMap { name, kind, value in value.map { GroupListScope.Parameter(name: name, kind: kind, value: $0) } }
        let page = try PageRequest(limit: query.limit, offset: query.offset)
        let active = query.active.map { $0 == ._true }
        let groups = try await cohort.groups.list(scope: scope, active: active, page: page, caller: caller)
        let feeders = try await cohort.studies.feeders(of: groups.items)
        return .ok(
            .init(
                body: .json(
                    .init(
                        results: groups.items.map { WireParticipantGroup($0, feeders: feeders[$0.id] ?? []) },
                        meta: ListPage.meta(groups.total),
                        _links: ListPage.links(for: page, total: groups.total)))))
    }

    func createParticipantGroup(_ input: Operations.CreateParticipantGroup.Input) async throws
        -> Operations.CreateParticipantGroup.Output
    {
        let caller = try RequestScope.caller()
        let body: WireCreateParticipantGroup
        switch input.body {
        case .json(let json): body = json
        case .urlEncodedForm(let form): body = form
        }
        let draft = GroupDraft(
            name: body.name, description: body.description, workspaceID: body.workspaceId,
            organisationID: body.organisationId, projectID: body.projectId, participantIDs: body.participantIds)
        let group = try await cohort.groups.create(draft, caller: caller)
        MembershipMetrics.record(group.participantCount)
        return .created(.init(body: .json(.init(group))))
    }

    func getParticipantGroup(_ input: Operations.GetParticipantGroup.Input) async throws
        -> Operations.GetParticipantGroup.Output
    {
        let (group, feeders) = try await cohort.studies.groupWithFeeders(input.path.id, caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(group, feeders: feeders))))
    }

    func updateParticipantGroup(_ input: Operations.UpdateParticipantGroup.Input) async throws
        -> Operations.UpdateParticipantGroup.Output
    {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let patch = GroupPatch(name: body.name, description: body.description.change, participantIDs: body.participantIds)
        let result = try await cohort.groups.update(input.path.id, patch, caller: caller)
        MembershipMetrics.record(result.changed)
        if Preference.wantsMinimal(input.headers.prefer) {
            return .ok(
                .init(
                    headers: .init(preferenceApplied: Preference.minimal),
                    body: .json(.MinimalChange(.init(result.group, changed: result.changed)))))
        }
        let feeders = try await cohort.studies.feeders(of: [result.group])
        return .ok(.init(body: .json(.ParticipantGroup(.init(result.group, feeders: feeders[result.group.id] ?? [])))))
    }

    func deleteParticipantGroup(_ input: Operations.DeleteParticipantGroup.Input) async throws
        -> Operations.DeleteParticipantGroup.Output
    {
        try await cohort.groups.delete(input.path.id, caller: try RequestScope.caller())
        return .noContent(.init())
    }

    /// Never registered: ``MembersListRoute`` serves this operation, streaming. The generated
    /// protocol still asks for the method.
    func getParticipantGroupParticipants(_ input: Operations.GetParticipantGroupParticipants.Input) async throws
        -> Operations.GetParticipantGroupParticipants.Output
    {
        throw CohortError(.internalError, "The members list is served by its streaming route.")
    }

    func addToParticipantGroup(_ input: Operations.AddToParticipantGroup.Input) async throws
        -> Operations.AddToParticipantGroup.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        switch try await changeMembership(input.path.id, body.participantIds, prefer: input.headers.prefer, .add) {
        case .minimal(let change):
            return .ok(.init(headers: .init(preferenceApplied: Preference.minimal), body: .json(.MinimalChange(change))))
        case .members(let list):
            return .ok(.init(body: .json(.ParticipantGroupMembershipListResponse(list))))
        }
    }

    func removeFromParticipantGroup(_ input: Operations.RemoveFromParticipantGroup.Input) async throws
        -> Operations.RemoveFromParticipantGroup.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        switch try await changeMembership(input.path.id, body.participantIds, prefer: input.headers.prefer, .remove) {
        case .minimal(let change):
            return .ok(.init(headers: .init(preferenceApplied: Preference.minimal), body: .json(.MinimalChange(change))))
        case .members(let list):
            return .ok(.init(body: .json(.ParticipantGroupMembershipListResponse(list))))
        }
    }

    /// What add and remove answer: a summary under `Prefer: return=minimal`, else the whole membership.
    enum MembershipChangeAnswer {
        case minimal(Components.Schemas.MinimalChange)
        case members(Components.Schemas.ParticipantGroupMembershipListResponse)
    }

    enum MembershipChange { case add, remove }

    /// Add and remove: the change made, and the answer the client prefers (the members are read
    /// back only when it is the whole membership).
    private func changeMembership(
        _ group: String, _ participantIDs: [String], prefer: String?, _ change: MembershipChange
    ) async throws -> MembershipChangeAnswer {
        let caller = try RequestScope.caller()
        let minimal = Preference.wantsMinimal(prefer)
        let result =
            switch change {
            case .add: try await cohort.groups.add(participantIDs, to: group, caller: caller, returningMembers: !minimal)
            case .remove: try await cohort.groups.remove(participantIDs, from: group, caller: caller, returningMembers: !minimal)
            }
        MembershipMetrics.record(result.changed)
        if minimal { return .minimal(.init(result.group, changed: result.changed)) }
        let members = (result.members ?? []).map(Components.Schemas.ParticipantGroupMembership.init)
        return .members(.init(results: members))
    }
}
