import CohortCore
import GRDB

/// The sandbox's whole-state read and replace (``SnapshotStore``).
extension SQLiteStore: SnapshotStore {
    public func snapshot() async throws -> StateSnapshot {
        try await read { db in
            var snapshot = StateSnapshot()
            snapshot.organisations = try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM organisations ORDER BY rowid")
                .map { .init(id: try OrganisationID(stored: $0[0]), name: $0[1], createdAt: Timestamp(secondsSince1970: $0[2])) }
            snapshot.researchers = try Row.fetchAll(
                db, sql: "SELECT id, email, name, organisation_id, created_at FROM researchers ORDER BY rowid"
            ).map { .init(researcher: try Self.researcher($0), createdAt: Timestamp(secondsSince1970: $0["created_at"])) }
            snapshot.tokens = try Row.fetchAll(
                db, sql: "SELECT digest, researcher_id, created_at FROM api_tokens ORDER BY rowid"
            ).map {
                .init(
                    digest: try TokenDigest(storedHex: $0[0]), researcherID: try ResearcherID(stored: $0[1]),
                    createdAt: Timestamp(secondsSince1970: $0[2]))
            }
            snapshot.workspaces = try String.fetchAll(db, sql: "SELECT id FROM workspaces ORDER BY rowid")
                .compactMap { try Self.workspaceDetails($0, db)?.workspace }
            snapshot.workspaceMembers = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.workspace_id, m.researcher_id, m.role FROM workspace_members m
                    JOIN workspaces w ON w.id = m.workspace_id ORDER BY w.rowid, m.researcher_id
                    """
            ).map {
                .init(workspaceID: try WorkspaceID(stored: $0[0]), researcherID: try ResearcherID(stored: $0[1]), role: $0[2])
            }
            snapshot.projects = try String.fetchAll(db, sql: "SELECT id FROM projects ORDER BY rowid")
                .compactMap { try Self.projectDetails($0, db)?.project }
            let groups = try String.fetchAll(db, sql: "SELECT id FROM participant_groups ORDER BY rowid")
                .compactMap { try Self.loadGroup(try GroupID(stored: $0), db) }
            snapshot.groups = groups
            for group in groups {
                snapshot.memberships += try Self.loadMembers(of: group.id, page: nil, offset: 0, db)
                    .map { .init(groupID: group.id, membership: $0) }
            }
            snapshot.testParticipants = try Row.fetchAll(
                db, sql: "SELECT id, email, created_by, created_at FROM participants ORDER BY rowid"
            ).map {
                .init(
                    id: try ParticipantID(stored: $0[0]), email: $0[1], createdBy: try ResearcherID(stored: $0[2]),
                    createdAt: Timestamp(secondsSince1970: $0[3]))
            }
            snapshot.records = try Row.fetchAll(db, sql: "SELECT \(Self.recordColumns) FROM records r ORDER BY r.rowid")
                .map { try Self.record($0, db) }
            return snapshot
        }
    }

    public func restore(_ snapshot: StateSnapshot) async throws {
        try await write { db in
            // References are checked at COMMIT, once everything is in.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for table in try Self.stateTables(db) { try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)") }
            for entry in snapshot.organisations {
                try db.execute(
                    sql: "INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)",
                    arguments: [entry.id.hex, entry.name, entry.createdAt.secondsSince1970])
            }
            for entry in snapshot.researchers {
                let researcher = entry.researcher
                try db.execute(
                    sql: "INSERT INTO researchers (id, email, name, organisation_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        researcher.id.hex, researcher.email, researcher.name, researcher.organisationID.hex,
                        entry.createdAt.secondsSince1970,
                    ])
            }
            for token in snapshot.tokens {
                try db.execute(
                    sql: "INSERT INTO api_tokens (digest, lookup_key, researcher_id, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [token.digest.hex, token.digest.lookupKey, token.researcherID.hex, token.createdAt.secondsSince1970])
            }
            for workspace in snapshot.workspaces {
                try db.execute(
                    sql: """
                        INSERT INTO workspaces (id, organisation_id, title, description, owner_id,
                            naivety_distribution_rate, currency_code, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        workspace.id.hex, workspace.organisationID.hex, workspace.title, workspace.description,
                        workspace.ownerID.hex, workspace.naivetyDistributionRate, workspace.currencyCode.rawValue,
                        workspace.createdAt.secondsSince1970,
                    ])
            }
            for member in snapshot.workspaceMembers {
                try db.execute(
                    sql: "INSERT INTO workspace_members (workspace_id, researcher_id, role) VALUES (?, ?, ?)",
                    arguments: [member.workspaceID.hex, member.researcherID.hex, member.role])
            }
            for project in snapshot.projects { try Self.insertProject(project, db) }
            for group in snapshot.groups {
                try db.execute(
                    sql: """
                        INSERT INTO participant_groups (id, name, description, workspace_id, organisation_id, project_id,
                            participant_count, is_deleted, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        group.id.hex, group.name, group.description, group.owner.workspaceID?.hex,
                        group.owner.organisationID?.hex, group.projectID?.hex, group.participantCount, group.isDeleted,
                        group.createdAt.secondsSince1970,
                    ])
            }
            let insertMember = try db.cachedStatement(
                sql: "INSERT INTO memberships (group_id, participant_id, created_at) VALUES (?, ?, ?)")
            for entry in snapshot.memberships {
                try insertMember.execute(arguments: [
                    entry.groupID.hex, entry.membership.participantID.hex, entry.membership.addedAt.secondsSince1970,
                ])
            }
            for participant in snapshot.testParticipants {
                try db.execute(
                    sql: "INSERT INTO participants (id, email, created_by, created_at) VALUES (?, ?, ?, ?)",
                    arguments: [participant.id.hex, participant.email, participant.createdBy.hex, participant.createdAt.secondsSince1970])
            }
            for record in snapshot.records {
                try db.execute(
                    sql: "INSERT INTO records (kind, id, workspace_id, version, created_at, body) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        record.kind.rawValue, record.id, record.workspaceID.hex, record.version,
                        record.createdAt.secondsSince1970, record.body,
                    ])
                try Self.insertFields(record, db)
            }
        }
        // Every token may be gone: caches in this process and others must look again.
        try revocations.bump()
    }

    public func stateTableRowCounts() async throws -> [String: Int] {
        try await read { db in
            var counts: [String: Int] = [:]
            for table in try Self.stateTables(db) {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
            }
            return counts
        }
    }

    /// Every table of the schema but GRDB's record of migrations and SQLite's own.
    private static func stateTables(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name
                """)
    }
}
