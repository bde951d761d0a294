import CohortCore
import GRDB

extension SQLiteStore: ParticipantGroupStore {
    public func groups(in scope: GroupListScope, active: Bool?, page: PageRequest, visibleTo caller: ResearcherID)
        async throws -> Page<ParticipantGroup>
    {
        try await read { db in
            let (column, id): (String, String)
            switch scope {
            case .workspace(let workspace):
                guard try Self.canSee(workspace: workspace.hex, caller: caller, db) else {
                    throw CohortError.notFound("Workspace", workspace.hex)
                }
                (column, id) = ("workspace_id", workspace.hex)
            case .project(let project):
                guard let workspace = try String.fetchOne(
                    db, sql: "SELECT workspace_id FROM projects WHERE id = ?", arguments: [project.hex]),
                    try Self.canSee(workspace: workspace, caller: caller, db)
                else { throw CohortError.notFound("Project", project.hex) }
                (column, id) = ("project_id", project.hex)
            case .organisation(let organisation):
                guard try Self.canSee(organisation: organisation.hex, caller: caller, db) else {
                    throw CohortError.notFound("Organisation", organisation.hex)
                }
                (column, id) = ("organisation_id", organisation.hex)
            }
            var condition = "\(column) = ?"
            var arguments: StatementArguments = [id]
            if let active {
                condition += " AND is_deleted = ?"
                arguments += [!active]
            }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM participant_groups WHERE \(condition)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(Self.groupColumns) FROM participant_groups WHERE \(condition) ORDER BY rowid LIMIT ? OFFSET ?",
                arguments: arguments + Self.limitArguments(page))
            return Page(items: try rows.map(Self.group), total: total)
        }
    }

    public func createGroup(_ new: NewGroup, id: GroupID, by caller: ResearcherID, at: Timestamp) async throws
        -> ParticipantGroup
    {
        try await write { db in
            let (owner, project) = try Self.resolve(new.placement, caller: caller, db)
            try db.execute(
                sql: """
                    INSERT INTO participant_groups (id, name, description, workspace_id, organisation_id, project_id,
                        participant_count, is_deleted, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)
                    """,
                arguments: [
                    id.hex, new.name, new.description, owner.workspaceID?.hex, owner.organisationID?.hex, project?.hex,
                    at.secondsSince1970,
                ])
            let added = try Self.insertMembers(new.members, into: id, at: at, db)
            try Self.adjustCount(of: id, by: added, db)
            return try Self.loadGroup(id, db)!
        }
    }

    public func group(_ id: GroupID, visibleTo caller: ResearcherID) async throws -> ParticipantGroup? {
        try await readOneStatement { db in try Self.loadVisibleGroup(id, caller: caller, db) }
    }

    public func editGroup(
        _ id: GroupID, _ edit: GroupEdit, by caller: ResearcherID, at: Timestamp, returningMembers: Bool,
        permit: @Sendable (ParticipantGroup) throws -> Void
    ) async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)? {
        try await write { db in
            guard let group = try Self.loadVisibleGroup(id, caller: caller, db) else { return nil }
            try permit(group)
            if let name = edit.name {
                try db.execute(sql: "UPDATE participant_groups SET name = ? WHERE id = ?", arguments: [name, id.hex])
            }
            if case .set(let description) = edit.description {
                try db.execute(
                    sql: "UPDATE participant_groups SET description = ? WHERE id = ?", arguments: [description, id.hex])
            }
            var changed = 0
            switch edit.membership {
            case .add(let ids)?:
                changed = try Self.insertMembers(ids, into: id, at: at, db)
                try Self.adjustCount(of: id, by: changed, db)
            case .remove(let ids)?:
                try db.execute(
                    sql: """
                        DELETE FROM memberships
                        WHERE group_id = ? AND participant_id IN (SELECT value FROM json_each(?))
                        """,
                    arguments: [id.hex, Self.jsonArray(ids)])
                changed = db.changesCount
                try Self.adjustCount(of: id, by: -changed, db)
            case .replace(let ids)?:
                try db.execute(
                    sql: """
                        DELETE FROM memberships
                        WHERE group_id = ? AND participant_id NOT IN (SELECT value FROM json_each(?))
                        """,
                    arguments: [id.hex, Self.jsonArray(ids)])
                let removed = db.changesCount
                let added = try Self.insertMembers(ids, into: id, at: at, db)
                changed = added + removed
                try Self.adjustCount(of: id, by: added - removed, db)
            case nil:
                break
            }
            if edit.delete && !group.isDeleted {
                try db.execute(sql: "UPDATE participant_groups SET is_deleted = 1 WHERE id = ?", arguments: [id.hex])
            }
            let members = returningMembers ? try Self.loadMembers(of: id, page: nil, offset: 0, db) : nil
            guard let updated = try Self.loadGroup(id, db) else { throw CorruptRow(description: "group vanished in an edit") }
            return (updated, members, changed)
        }
    }

    public func memberSlice(
        of id: GroupID, after cursor: MemberCursor?, offset: Int, limit: Int?, visibleTo caller: ResearcherID
    ) async throws -> (participantCount: Int, members: [Membership])? {
        try await read { db in
            guard let group = try Self.loadVisibleGroup(id, caller: caller, db) else { return nil }
            guard let cursor else {
                return (group.participantCount, try Self.loadMembers(of: id, page: limit, offset: offset, db))
            }
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT participant_id, created_at FROM memberships
                        WHERE group_id = ? AND (created_at, participant_id) > (?, ?)
                        ORDER BY created_at, participant_id LIMIT ?
                        """),
                arguments: [id.hex, cursor.addedAt.secondsSince1970, cursor.participantID.hex, limit ?? -1])
            return (group.participantCount, try Self.memberships(rows, expected: limit))
        }
    }

    /// The owner and project a placement resolves to, if the caller may put a group there.
    private static func resolve(_ placement: GroupPlacement, caller: ResearcherID, _ db: Database) throws
        -> (ParticipantGroup.Owner, ProjectID?)
    {
        func projectWorkspace(_ project: ProjectID) throws -> WorkspaceID {
            guard let workspace = try String.fetchOne(
                db, sql: "SELECT workspace_id FROM projects WHERE id = ?", arguments: [project.hex]),
                try canSee(workspace: workspace, caller: caller, db)
            else { throw CohortError.notFound("Project", project.hex) }
            return try WorkspaceID(stored: workspace)
        }
        switch placement {
        case .workspace(let workspace):
            guard try canSee(workspace: workspace.hex, caller: caller, db) else {
                throw CohortError.notFound("Workspace", workspace.hex)
            }
            return (.workspace(workspace), nil)
        case .project(let project):
            return (.workspace(try projectWorkspace(project)), project)
        case .workspaceProject(let workspace, let project):
            guard try canSee(workspace: workspace.hex, caller: caller, db) else {
                throw CohortError.notFound("Workspace", workspace.hex)
            }
            guard try projectWorkspace(project) == workspace else {
                throw CohortError.invalid("project_id", "Project '\(project)' is not in workspace '\(workspace)'.")
            }
            return (.workspace(workspace), project)
        case .organisation(let organisation):
            guard try canSee(organisation: organisation.hex, caller: caller, db) else {
                throw CohortError.notFound("Organisation", organisation.hex)
            }
            return (.organisation(organisation), nil)
        }
    }

    /// Inserts the ids that are not members yet, in one statement; returns how many were new.
    ///
    /// In id order: both membership indexes then grow at a few places rather than at random
    /// ones, which made a million random ids five times faster to add (docs/performance.md).
    /// SQLite sorts them unless they come sorted already (a list exported from a group does):
    /// sorting a sorted list was a tenth of adding it.
    private static func insertMembers(_ ids: [ParticipantID], into group: GroupID, at: Timestamp, _ db: Database)
        throws -> Int
    {
        guard !ids.isEmpty else { return 0 }
        let sorted = zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
        try db.execute(
            sql: """
                INSERT INTO memberships (group_id, participant_id, created_at)
                SELECT ?, value, ? FROM json_each(?) WHERE true \(sorted ? "" : "ORDER BY value")
                ON CONFLICT (group_id, participant_id) DO NOTHING
                """,
            arguments: [group.hex, at.secondsSince1970, jsonArray(ids)])
        return db.changesCount
    }

    private static func adjustCount(of group: GroupID, by delta: Int, _ db: Database) throws {
        guard delta != 0 else { return }
        try db.execute(
            sql: "UPDATE participant_groups SET participant_count = participant_count + ? WHERE id = ?",
            arguments: [delta, group.hex])
    }

    /// Ids are 24 hex characters, so they need no escaping inside JSON strings.
    private static func jsonArray(_ ids: [ParticipantID]) -> String {
        var text = "["
        text.reserveCapacity(ids.count * 27 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            text += id.hex
            text += "\""
        }
        return text + "]"
    }

    /// The group, if `caller` may see it: one statement, as it is on every request about a group.
    static func loadVisibleGroup(_ id: GroupID, caller: ResearcherID, _ db: Database) throws -> ParticipantGroup? {
        try fetchGroup(db.cachedStatement(sql: visibleGroupSQL), arguments: [id.hex, caller.hex, caller.hex])
    }

    static func loadGroup(_ id: GroupID, _ db: Database) throws -> ParticipantGroup? {
        try fetchGroup(db.cachedStatement(sql: groupSQL), arguments: [id.hex])
    }

    /// The group a statement selects, read straight off SQLite's row: `Row.fetchOne` would copy
    /// every column first, on the busiest read there is.
    private static func fetchGroup(_ statement: Statement, arguments: StatementArguments) throws -> ParticipantGroup? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        // The row reads from the statement, which the cursor resets when it goes: keep it until read.
        return try withExtendedLifetime(cursor) { try cursor.next().map(group) }
    }

    /// The group, if `caller` may see it (a member of its workspace, or in its organisation).
    /// Constant text, so that the statement cache finds it without building it each time.
    static let visibleGroupSQL = """
        SELECT \(groupColumns) FROM participant_groups g WHERE g.id = ?
        AND (EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = g.workspace_id AND m.researcher_id = ?)
             OR g.organisation_id = (SELECT organisation_id FROM researchers WHERE id = ?))
        """

    static let groupSQL = "SELECT \(groupColumns) FROM participant_groups WHERE id = ?"

    static func loadMembers(of group: GroupID, page limit: Int?, offset: Int, _ db: Database) throws -> [Membership] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT participant_id, created_at FROM memberships WHERE group_id = ?
                    ORDER BY created_at, participant_id LIMIT ? OFFSET ?
                    """),
            arguments: [group.hex, limit ?? -1, offset])
        return try memberships(rows, expected: limit)
    }

    /// Reads memberships off a cursor, which reuses one row for all (`fetchAll` copies each).
    static func memberships(_ rows: RowCursor, expected: Int?) throws -> [Membership] {
        var members: [Membership] = []
        if let expected { members.reserveCapacity(min(expected, 10_000)) }
        while let row = try rows.next() {
            members.append(try membership(row))
        }
        return members
    }

    static func membership(_ row: Row) throws -> Membership {
        Membership(participantID: try ParticipantID(stored: row[0]), addedAt: Timestamp(secondsSince1970: row[1]))
    }

    /// The columns ``group(_:)`` reads, in the order it reads them (by position: looking columns up
    /// by name showed in profiles of the busiest request).
    static let groupColumns =
        "id, name, description, workspace_id, organisation_id, project_id, participant_count, is_deleted, created_at"

    static func group(_ row: Row) throws -> ParticipantGroup {
        let owner: ParticipantGroup.Owner
        if let workspace: String = row[3] {
            owner = .workspace(try WorkspaceID(stored: workspace))
        } else {
            owner = .organisation(try OrganisationID(stored: row[4]))
        }
        let project: String? = row[5]
        return ParticipantGroup(
            id: try GroupID(stored: row[0]), name: row[1], description: row[2], owner: owner,
            projectID: try project.map { try ProjectID(stored: $0) }, participantCount: row[6], isDeleted: row[7],
            createdAt: Timestamp(secondsSince1970: row[8]))
    }
}
