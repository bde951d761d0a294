import CohortCore
import PostgresNIO

extension PostgresStore: ParticipantGroupStore {
    public func groups(in scope: GroupListScope, active: Bool?, page: PageRequest, visibleTo caller: ResearcherID)
        async throws -> Page<ParticipantGroup>
    {
        try await read { connection in
            try GroupRules.check(
                scope, reach: try await self.reach(of: caller, connection),
                projectWorkspace: try await self.workspace(ofProject: scope.projectID, connection))
            let (column, id): (String, String) =
                switch scope {
                case .workspace(let workspace): ("workspace_id", workspace.hex)
                case .project(let project): ("project_id", project.hex)
                case .organisation(let organisation): ("organisation_id", organisation.hex)
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
            let (owner, project) = try GroupRules.resolve(
                new.placement, reach: try await self.reach(of: caller, connection),
                projectWorkspace: try await self.workspace(ofProject: new.placement.projectID, connection))
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

    public func group(_ id: GroupID, visibleTo caller: ResearcherID, with relation: RecordRelation) async throws
        -> (group: ParticipantGroup, related: [StoredRecord])?
    {
        try await read { connection in
            guard let group = try await self.loadVisibleGroup(id, caller: caller, connection) else { return nil }
            let related = try await self.rows(
                """
                SELECT \(unescaped: Self.recordColumns)
                FROM record_fields w JOIN records r ON r.kind = w.kind AND r.id = w.id
                WHERE w.kind = \(relation.kind.rawValue) AND w.name = \(relation.field) AND w.value = \(id.hex)
                ORDER BY r.seq
                """, connection
            ).map(Self.storedRecord)
            return (group, related)
        }
    }

    public func editGroup(
        _ id: GroupID, _ edit: GroupEdit, by caller: ResearcherID, at: Timestamp, returningMembers: Bool
    ) async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)? {
        try await write { connection in
            // The row lock serialises every edit of this group, on every instance, until commit.
            guard let group = try await self.loadVisibleGroup(id, caller: caller, connection, forUpdate: true)
            else { return nil }
            var performed: [(GroupOperation, rows: Int)] = []
            for operation in edit.operations(on: group) {
                performed.append((operation, try await self.perform(operation, on: id, at: at, connection)))
            }
            let members = returningMembers ? try await self.loadMembers(of: id, limit: nil, offset: 0, connection) : nil
            guard let updated = try await self.loadGroup(id, connection) else { return nil }
            return (updated, members, GroupOperation.changedMembers(performed))
        }
    }

    /// Performs one operation of an edit; returns the rows it changed, and keeps
    /// `participant_count` equal to the membership.
    func perform(_ operation: GroupOperation, on id: GroupID, at: Timestamp, _ connection: PostgresConnection)
        async throws -> Int
    {
        let rows: Int
        switch operation {
        case .rename(let name):
            rows = try await count(
                "WITH changed AS (UPDATE participant_groups SET name = \(name) WHERE id = \(id.hex) RETURNING 1) SELECT count(*) FROM changed",
                connection)
        case .describe(let description):
            rows = try await count(
                "WITH changed AS (UPDATE participant_groups SET description = \(description) WHERE id = \(id.hex) RETURNING 1) SELECT count(*) FROM changed",
                connection)
        case .addMembers(let ids):
            rows = try await insertMembers(ids, into: id, at: at, connection)
        case .removeMembers(let ids):
            rows = try await count(
                """
                WITH removed AS (
                    DELETE FROM memberships WHERE group_id = \(id.hex)
                    AND participant_id = ANY(\(ids.map(\.hex))::text[]) RETURNING 1)
                SELECT count(*) FROM removed
                """, connection)
        case .keepOnlyMembers(let ids):
            rows = try await count(
                """
                WITH removed AS (
                    DELETE FROM memberships WHERE group_id = \(id.hex)
                    AND NOT (participant_id = ANY(\(ids.map(\.hex))::text[])) RETURNING 1)
                SELECT count(*) FROM removed
                """, connection)
        case .markDeleted:
            rows = try await count(
                "WITH changed AS (UPDATE participant_groups SET is_deleted = true WHERE id = \(id.hex) RETURNING 1) SELECT count(*) FROM changed",
                connection)
        }
        try await adjustCount(of: id, by: operation.countDirection * rows, connection)
        return rows
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

    func loadGroup(_ id: GroupID, _ connection: PostgresConnection, forUpdate: Bool = false) async throws
        -> ParticipantGroup?
    {
        try await rows(
            """
            SELECT \(unescaped: Self.groupColumns) FROM participant_groups WHERE id = \(id.hex)
            \(unescaped: forUpdate ? "FOR UPDATE" : "")
            """, connection
        ).first.map(Self.group)
    }

    /// The group, if `caller` may see it (``Reach/canSee(_:isWorkspaceMember:callerOrganisation:)``),
    /// in one statement that loads the two facts the rule needs with it; `forUpdate` locks its row
    /// until commit.
    func loadVisibleGroup(_ id: GroupID, caller: ResearcherID, _ connection: PostgresConnection, forUpdate: Bool = false)
        async throws -> ParticipantGroup?
    {
        guard
            let row = try await rows(
                """
                SELECT \(unescaped: Self.groupColumns),
                    EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = g.workspace_id AND m.researcher_id = \(caller.hex)),
                    (SELECT organisation_id FROM researchers WHERE id = \(caller.hex))
                FROM participant_groups g WHERE g.id = \(id.hex)
                \(unescaped: forUpdate ? "FOR UPDATE OF g" : "")
                """, connection
            ).first
        else { return nil }
        let (id, name, description, workspace, organisation, project, count, deleted, created, isMember, callerOrganisation) =
            try row.decode((String, String, String?, String?, String?, String?, Int, Bool, Int64, Bool, String?).self)
        let group = try ParticipantGroup(
            storedID: id, name: name, description: description, workspaceID: workspace, organisationID: organisation,
            projectID: project, participantCount: count, isDeleted: deleted, createdAt: created)
        let visible = Reach.canSee(
            group.owner, isWorkspaceMember: isMember,
            callerOrganisation: try callerOrganisation.map { try OrganisationID(stored: $0) })
        return visible ? group : nil
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
