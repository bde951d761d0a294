import Foundation
import CohortCore
import GRDB

extension SQLiteStore: ParticipantGroupStore {
    public func groups(in scope: GroupListScope, active: Bool?, page: PageRequest, visibleTo caller: ResearcherID)
        async throws -> Page<ParticipantGroup>
    {
        try await read { db in
            let reach = try Self.reach(of: caller, db)
            try GroupRules.check(scope, reach: reach, projectWorkspace: try Self.workspace(ofProject: scope.projectID, db))
            let (column, id): (String, String) =
                switch scope {
                case .workspace(let workspace): ("workspace_id", workspace.hex)
                case .project(let project): ("project_id", project.hex)
                case .organisation(let organisation): ("organisation_id", organisation.hex)
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
            let (owner, project) = try GroupRules.resolve(
                new.placement, reach: try Self.reach(of: caller, db),
                projectWorkspace: try Self.workspace(ofProject: new.placement.projectID, db))
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

    public func group(_ id: GroupID, visibleTo caller: ResearcherID, with relation: RecordRelation) async throws
        -> (group: ParticipantGroup, related: [StoredRecord])?
    {
        try await readOneStatement { db in
            let cursor = try Row.fetchCursor(
                db.cachedStatement(sql: Self.visibleGroupWithRelatedSQL),
                arguments: [caller.hex, caller.hex, relation.kind.rawValue, relation.field, id.hex])
            return try withExtendedLifetime(cursor) { () -> (ParticipantGroup, [StoredRecord])? in
                guard let row = try cursor.next() else { return nil }
                let group = try Self.group(row)
                let organisation: String? = row[10]
                guard
                    Reach.canSee(
                        group.owner, isWorkspaceMember: row[9],
                        callerOrganisation: try organisation.map { try OrganisationID(stored: $0) })
                else { return nil }
                return (group, try Self.relatedRecords(row[11], kind: relation.kind))
            }
        }
    }

    public func editGroup(
        _ id: GroupID, _ edit: GroupEdit, by caller: ResearcherID, at: Timestamp, returningMembers: Bool
    ) async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)? {
        try await write { db in
            guard let group = try Self.loadVisibleGroup(id, caller: caller, db) else { return nil }
            let performed = try edit.operations(on: group).map { operation in
                (operation, rows: try Self.perform(operation, on: id, at: at, db))
            }
            let members = returningMembers ? try Self.loadMembers(of: id, page: nil, offset: 0, db) : nil
            guard let updated = try Self.loadGroup(id, db) else { throw CorruptRow(description: "group vanished in an edit") }
            return (updated, members, GroupOperation.changedMembers(performed))
        }
    }

    /// Performs one operation of an edit; returns the rows it changed, and keeps
    /// `participant_count` equal to the membership.
    static func perform(_ operation: GroupOperation, on id: GroupID, at: Timestamp, _ db: Database) throws -> Int {
        let rows: Int
        switch operation {
        case .rename(let name):
            try db.execute(sql: "UPDATE participant_groups SET name = ? WHERE id = ?", arguments: [name, id.hex])
            rows = db.changesCount
        case .describe(let description):
            try db.execute(
                sql: "UPDATE participant_groups SET description = ? WHERE id = ?", arguments: [description, id.hex])
            rows = db.changesCount
        case .addMembers(let ids):
            rows = try insertMembers(ids, into: id, at: at, db)
        case .removeMembers(let ids):
            try db.execute(
                sql: "DELETE FROM memberships WHERE group_id = ? AND participant_id IN (SELECT value FROM json_each(?))",
                arguments: [id.hex, jsonArray(ids)])
            rows = db.changesCount
        case .keepOnlyMembers(let ids):
            try db.execute(
                sql: "DELETE FROM memberships WHERE group_id = ? AND participant_id NOT IN (SELECT value FROM json_each(?))",
                arguments: [id.hex, jsonArray(ids)])
            rows = db.changesCount
        case .markDeleted:
            try db.execute(sql: "UPDATE participant_groups SET is_deleted = 1 WHERE id = ?", arguments: [id.hex])
            rows = db.changesCount
        }
        try adjustCount(of: id, by: operation.countDirection * rows, db)
        return rows
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

    /// The group, if `caller` may see it (``Reach/canSee(_:isWorkspaceMember:callerOrganisation:)``):
    /// one statement, which loads the group with the two facts the rule needs, as this is on every
    /// request about a group.
    static func loadVisibleGroup(_ id: GroupID, caller: ResearcherID, _ db: Database) throws -> ParticipantGroup? {
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: visibleGroupSQL), arguments: [caller.hex, caller.hex, id.hex])
        // The row reads from the statement, which the cursor resets when it goes: keep it until read.
        return try withExtendedLifetime(cursor) {
            guard let row = try cursor.next() else { return nil }
            let group = try group(row)
            let organisation: String? = row[10]
            let visible = Reach.canSee(
                group.owner, isWorkspaceMember: row[9],
                callerOrganisation: try organisation.map { try OrganisationID(stored: $0) })
            return visible ? group : nil
        }
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

    /// The group, whether the caller is a member of its workspace, and the caller's organisation.
    /// Constant text, so that the statement cache finds it without building it each time.
    static let visibleGroupSQL = """
        SELECT \(groupColumns),
            EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = g.workspace_id AND m.researcher_id = ?),
            (SELECT organisation_id FROM researchers WHERE id = ?)
        FROM participant_groups g WHERE g.id = ?
        """

    /// ``visibleGroupSQL`` and, last, the records of a kind whose field names the group, as a
    /// JSON array of `[id, workspace_id, created_at, version, body, [[name, value], ...]]` in
    /// creation order: one statement for a group's whole answer.
    static let visibleGroupWithRelatedSQL = """
        SELECT \(groupColumns),
            EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = g.workspace_id AND m.researcher_id = ?),
            (SELECT organisation_id FROM researchers WHERE id = ?),
            (SELECT json_group_array(json(related.item)) FROM (
                SELECT json_array(r.id, r.workspace_id, r.created_at, r.version, r.body,
                    (SELECT json_group_array(json_array(h.name, h.value)) FROM record_fields h
                        WHERE h.kind = r.kind AND h.id = r.id)) AS item
                FROM record_fields f JOIN records r ON r.kind = f.kind AND r.id = f.id
                WHERE f.kind = ? AND f.name = ? AND f.value = g.id
                ORDER BY r.rowid) AS related)
        FROM participant_groups g WHERE g.id = ?
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
        try ParticipantGroup(
            storedID: row[0], name: row[1], description: row[2], workspaceID: row[3], organisationID: row[4],
            projectID: row[5], participantCount: row[6], isDeleted: row[7], createdAt: row[8])
    }

    /// The records of ``visibleGroupWithRelatedSQL``'s last column.
    static func relatedRecords(_ json: String, kind: RecordKind) throws -> [StoredRecord] {
        struct Item: Decodable {
            let id: String, workspace: String, created: Int64, version: Int, body: String, fields: [[String]]
            init(from decoder: any Decoder) throws {
                var c = try decoder.unkeyedContainer()
                id = try c.decode(String.self)
                workspace = try c.decode(String.self)
                created = try c.decode(Int64.self)
                version = try c.decode(Int.self)
                body = try c.decode(String.self)
                fields = try c.decode([[String]].self)
            }
        }
        return try JSONDecoder().decode([Item].self, from: Data(json.utf8)).map { item in
            StoredRecord(
                kind: kind, id: item.id, workspaceID: try WorkspaceID(stored: item.workspace),
                createdAt: Timestamp(secondsSince1970: item.created), version: item.version, body: item.body,
                fields: Set(item.fields.compactMap { $0.count == 2 ? RecordField($0[0], $0[1]) : nil }))
        }
    }
}
