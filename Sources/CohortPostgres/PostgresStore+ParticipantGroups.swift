import CohortCore
import PostgresNIO

extension PostgresStore: ParticipantGroupStore {
    public func groups(in scope: GroupListScope, active: Bool?, page: PageRequest, visibleTo caller: ResearcherID)
        async throws -> Page<ParticipantGroup>
    {
        try await read { connection in
            let column: String, id: String
            switch scope {
            case .workspace(let workspace):
                guard try await self.canSee(workspace: workspace.hex, caller: caller, connection) else {
                    throw CohortError.notFound("Workspace", workspace.hex)
                }
                (column, id) = ("workspace_id", workspace.hex)
            case .project(let project):
                guard
                    let workspace = try await self.rows(
                        "SELECT workspace_id FROM projects WHERE id = \(project.hex)", connection
                    ).first?.decode(String.self),
                    try await self.canSee(workspace: workspace, caller: caller, connection)
                else { throw CohortError.notFound("Project", project.hex) }
                (column, id) = ("project_id", project.hex)
            case .organisation(let organisation):
                guard try await self.canSee(organisation: organisation.hex, caller: caller, connection) else {
                    throw CohortError.notFound("Organisation", organisation.hex)
                }
                (column, id) = ("organisation_id", organisation.hex)
            }
            // `deleted` is null when both live and deleted groups are wanted.
            let deleted: Bool? = active.map { !$0 }
            let total = try await self.count(
                """
                SELECT count(*) FROM participant_groups
                WHERE \(unescaped: column) = \(id) AND (\(deleted)::boolean IS NULL OR is_deleted = \(deleted))
                """, connection)
            let items = try await self.rows(
                """
                SELECT \(unescaped: Self.groupColumns) FROM participant_groups
                WHERE \(unescaped: column) = \(id) AND (\(deleted)::boolean IS NULL OR is_deleted = \(deleted))
                ORDER BY seq LIMIT \(Self.limit(page)) OFFSET \(page.offset)
                """, connection
            ).map(Self.group)
            return Page(items: items, total: total)
        }
    }

    public func createGroup(_ new: NewGroup, id: GroupID, by caller: ResearcherID, at: Timestamp) async throws
        -> ParticipantGroup
    {
        try await write { connection in
            let (owner, project) = try await self.resolve(new.placement, caller: caller, connection)
            try await self.run(
                """
                INSERT INTO participant_groups (id, name, description, workspace_id, organisation_id, project_id,
                    participant_count, is_deleted, created_at)
                VALUES (\(id.hex), \(new.name), \(new.description), \(owner.workspaceID?.hex),
                    \(owner.organisationID?.hex), \(project?.hex), 0, false, \(at.secondsSince1970))
                """, connection)
            let added = try await self.insertMembers(new.members, into: id, at: at, connection)
            try await self.adjustCount(of: id, by: added, connection)
            guard let group = try await self.loadGroup(id, connection) else {
                throw CorruptRow(description: "group vanished after insert")
            }
            return group
        }
    }

    public func group(_ id: GroupID, visibleTo caller: ResearcherID) async throws -> ParticipantGroup? {
        try await read { connection in try await self.loadVisibleGroup(id, caller: caller, connection) }
    }

    public func editGroup(
        _ id: GroupID, _ edit: GroupEdit, by caller: ResearcherID, at: Timestamp, returningMembers: Bool,
        permit: @Sendable (ParticipantGroup) throws -> Void
    ) async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)? {
        // `permit` is not escaping, but it runs before this method returns, inside `write`.
        try await withoutActuallyEscaping(permit) { permit in
            try await write { connection in
                // The row lock serialises every edit of this group, on every instance, until commit.
                guard let group = try await self.loadVisibleGroup(id, caller: caller, connection, forUpdate: true)
                else { return nil }
                try permit(group)
                if let name = edit.name {
                    try await self.run(
                        "UPDATE participant_groups SET name = \(name) WHERE id = \(id.hex)", connection)
                }
                if case .set(let description) = edit.description {
                    try await self.run(
                        "UPDATE participant_groups SET description = \(description) WHERE id = \(id.hex)", connection)
                }
                var changed = 0
                switch edit.membership {
                case .add(let ids)?:
                    changed = try await self.insertMembers(ids, into: id, at: at, connection)
                    try await self.adjustCount(of: id, by: changed, connection)
                case .remove(let ids)?:
                    let removed = try await self.count(
                        """
                        WITH removed AS (
                            DELETE FROM memberships WHERE group_id = \(id.hex)
                            AND participant_id = ANY(\(ids.map(\.hex))::text[]) RETURNING 1)
                        SELECT count(*) FROM removed
                        """, connection)
                    changed = removed
                    try await self.adjustCount(of: id, by: -removed, connection)
                case .replace(let ids)?:
                    let removed = try await self.count(
                        """
                        WITH removed AS (
                            DELETE FROM memberships WHERE group_id = \(id.hex)
                            AND NOT (participant_id = ANY(\(ids.map(\.hex))::text[])) RETURNING 1)
                        SELECT count(*) FROM removed
                        """, connection)
                    let added = try await self.insertMembers(ids, into: id, at: at, connection)
                    changed = added + removed
                    try await self.adjustCount(of: id, by: added - removed, connection)
                case nil:
                    break
                }
                if edit.delete && !group.isDeleted {
                    try await self.run(
                        "UPDATE participant_groups SET is_deleted = true WHERE id = \(id.hex)", connection)
                }
                let members = returningMembers ? try await self.loadMembers(of: id, limit: nil, offset: 0, connection) : nil
                guard let updated = try await self.loadGroup(id, connection) else { return nil }
                return (updated, members, changed)
            }
        }
    }

    public func memberSlice(
        of id: GroupID, after cursor: MemberCursor?, offset: Int, limit: Int?, visibleTo caller: ResearcherID
    ) async throws -> (participantCount: Int, members: [Membership])? {
        try await read { connection in
            guard let group = try await self.loadVisibleGroup(id, caller: caller, connection) else { return nil }
            guard let cursor else {
                return (group.participantCount, try await self.loadMembers(of: id, limit: limit, offset: offset, connection))
            }
            let members = try await self.rows(
                """
                SELECT participant_id, created_at FROM memberships
                WHERE group_id = \(id.hex) AND (created_at, participant_id) > (\(cursor.addedAt.secondsSince1970), \(cursor.participantID.hex))
                ORDER BY created_at, participant_id LIMIT \(limit)
                """, connection
            ).map(Self.membership)
            return (group.participantCount, members)
        }
    }

    /// The owner and project a placement resolves to, if the caller may put a group there.
    private func resolve(_ placement: GroupPlacement, caller: ResearcherID, _ connection: PostgresConnection)
        async throws -> (ParticipantGroup.Owner, ProjectID?)
    {
        func projectWorkspace(_ project: ProjectID) async throws -> WorkspaceID {
            guard
                let workspace = try await rows(
                    "SELECT workspace_id FROM projects WHERE id = \(project.hex)", connection
                ).first?.decode(String.self),
                try await canSee(workspace: workspace, caller: caller, connection)
            else { throw CohortError.notFound("Project", project.hex) }
            return try WorkspaceID(stored: workspace)
        }
        switch placement {
        case .workspace(let workspace):
            guard try await canSee(workspace: workspace.hex, caller: caller, connection) else {
                throw CohortError.notFound("Workspace", workspace.hex)
            }
            return (.workspace(workspace), nil)
        case .project(let project):
            return (.workspace(try await projectWorkspace(project)), project)
        case .workspaceProject(let workspace, let project):
            guard try await canSee(workspace: workspace.hex, caller: caller, connection) else {
                throw CohortError.notFound("Workspace", workspace.hex)
            }
            guard try await projectWorkspace(project) == workspace else {
                throw CohortError.invalid("project_id", "Project '\(project)' is not in workspace '\(workspace)'.")
            }
            return (.workspace(workspace), project)
        case .organisation(let organisation):
            guard try await canSee(organisation: organisation.hex, caller: caller, connection) else {
                throw CohortError.notFound("Organisation", organisation.hex)
            }
            return (.organisation(organisation), nil)
        }
    }

    /// Inserts the ids that are not members yet, in one statement; returns how many were new.
    ///
    /// An anti-join, not `ON CONFLICT DO NOTHING`: speculative insertion writes a second WAL
    /// record per row and made adding 100,000 ids twice as slow as a plain insert
    /// (docs/performance.md). It is safe because every caller holds the group's row lock (or
    /// has just created the group), so no other transaction adds to this group meanwhile, and at
    /// READ COMMITTED this statement sees every earlier writer's committed rows.
    ///
    /// The rows go in sorted by id: both membership indexes then grow at a few places rather than
    /// at random ones, which made a million random ids 6 times faster to add.
    private func insertMembers(_ ids: [ParticipantID], into group: GroupID, at: Timestamp, _ connection: PostgresConnection)
        async throws -> Int
    {
        guard !ids.isEmpty else { return 0 }
        return try await count(
            """
            WITH added AS (
                INSERT INTO memberships (group_id, participant_id, created_at)
                SELECT \(group.hex), id, \(at.secondsSince1970)
                FROM (SELECT DISTINCT unnest(\(ids.map(\.hex))::text[]) COLLATE "C") AS new(id)
                WHERE NOT EXISTS (
                    SELECT 1 FROM memberships m WHERE m.group_id = \(group.hex) AND m.participant_id = new.id)
                ORDER BY id
                RETURNING 1)
            SELECT count(*) FROM added
            """, connection)
    }

    private func adjustCount(of group: GroupID, by delta: Int, _ connection: PostgresConnection) async throws {
        guard delta != 0 else { return }
        try await self.run(
            "UPDATE participant_groups SET participant_count = participant_count + \(delta) WHERE id = \(group.hex)",
            connection)
    }

    func loadGroup(_ id: GroupID, _ connection: PostgresConnection) async throws -> ParticipantGroup? {
        try await rows(
            "SELECT \(unescaped: Self.groupColumns) FROM participant_groups WHERE id = \(id.hex)", connection
        ).first.map(Self.group)
    }

    /// The group, if `caller` may see it, in one statement; `forUpdate` locks its row until commit.
    func loadVisibleGroup(_ id: GroupID, caller: ResearcherID, _ connection: PostgresConnection, forUpdate: Bool = false)
        async throws -> ParticipantGroup?
    {
        try await rows(
            """
            SELECT \(unescaped: Self.groupColumns) FROM participant_groups g WHERE g.id = \(id.hex)
            AND (EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = g.workspace_id AND m.researcher_id = \(caller.hex))
                 OR g.organisation_id = (SELECT organisation_id FROM researchers WHERE id = \(caller.hex)))
            \(unescaped: forUpdate ? "FOR UPDATE OF g" : "")
            """, connection
        ).first.map(Self.group)
    }

    func loadMembers(of group: GroupID, limit: Int?, offset: Int, _ connection: PostgresConnection) async throws
        -> [Membership]
    {
        try await rows(
            """
            SELECT participant_id, created_at FROM memberships WHERE group_id = \(group.hex)
            ORDER BY created_at, participant_id LIMIT \(limit) OFFSET \(offset)
            """, connection
        ).map(Self.membership)
    }

    static func membership(_ row: PostgresRow) throws -> Membership {
        let (participant, created) = try row.decode((String, Int64).self)
        return Membership(participantID: try ParticipantID(stored: participant), addedAt: Timestamp(secondsSince1970: created))
    }
}
