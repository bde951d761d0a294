import CohortCore
import PostgresNIO

/// The sandbox's whole-state read and replace (``SnapshotStore``).
extension PostgresStore: SnapshotStore {
    public func snapshot() async throws -> StateSnapshot {
        try await read { connection in
            var snapshot = StateSnapshot()
            snapshot.organisations = try await self.rows("SELECT id, name, created_at FROM organisations ORDER BY created_at, id", connection)
                .map { row in
                    let (id, name, created) = try row.decode((String, String, Int64).self)
                    return .init(id: try OrganisationID(stored: id), name: name, createdAt: Timestamp(secondsSince1970: created))
                }
            snapshot.researchers = try await self.rows(
                "SELECT \(unescaped: Self.researcherColumns), r.created_at FROM researchers r ORDER BY r.seq", connection
            ).map { row in
                let (id, email, name, organisation, created) = try row.decode((String, String, String, String, Int64).self)
                let researcher = Researcher(
                    id: try ResearcherID(stored: id), email: email, name: name,
                    organisationID: try OrganisationID(stored: organisation))
                return .init(researcher: researcher, createdAt: Timestamp(secondsSince1970: created))
            }
            snapshot.tokens = try await self.rows(
                "SELECT digest, researcher_id, created_at FROM api_tokens ORDER BY created_at, digest", connection
            ).map { row in
                let (digest, researcher, created) = try row.decode((String, String, Int64).self)
                return .init(
                    digest: try TokenDigest(storedHex: digest), researcherID: try ResearcherID(stored: researcher),
                    createdAt: Timestamp(secondsSince1970: created))
            }
            var workspaces: [Workspace] = []
            for id in try await self.rows("SELECT id FROM workspaces ORDER BY seq", connection) {
                if let details = try await self.workspaceDetails(try id.decode(String.self), connection) {
                    workspaces.append(details.workspace)
                }
            }
            snapshot.workspaces = workspaces
            snapshot.workspaceMembers = try await self.rows(
                """
                SELECT m.workspace_id, m.researcher_id, m.role FROM workspace_members m
                JOIN workspaces w ON w.id = m.workspace_id ORDER BY w.seq, m.researcher_id COLLATE "C"
                """, connection
            ).map { row in
                let (workspace, researcher, role) = try row.decode((String, String, String).self)
                return .init(
                    workspaceID: try WorkspaceID(stored: workspace), researcherID: try ResearcherID(stored: researcher),
                    role: role)
            }
            var projects: [Project] = []
            for id in try await self.rows("SELECT id FROM projects ORDER BY seq", connection) {
                if let details = try await self.projectDetails(try id.decode(String.self), connection) {
                    projects.append(details.project)
                }
            }
            snapshot.projects = projects
            snapshot.groups = try await self.rows(
                "SELECT \(unescaped: Self.groupColumns) FROM participant_groups ORDER BY seq", connection
            ).map(Self.group)
            snapshot.memberships = try await self.rows(
                """
                SELECT m.group_id, m.participant_id, m.created_at FROM memberships m
                JOIN participant_groups g ON g.id = m.group_id ORDER BY g.seq, m.created_at, m.participant_id
                """, connection
            ).map { row in
                let (group, participant, created) = try row.decode((String, String, Int64).self)
                return .init(
                    groupID: try GroupID(stored: group),
                    membership: Membership(
                        participantID: try ParticipantID(stored: participant), addedAt: Timestamp(secondsSince1970: created)))
            }
            snapshot.testParticipants = try await self.rows(
                "SELECT id, email, created_by, created_at FROM participants ORDER BY created_at, id", connection
            ).map { row in
                let (id, email, creator, created) = try row.decode((String, String, String, Int64).self)
                return .init(
                    id: try ParticipantID(stored: id), email: email, createdBy: try ResearcherID(stored: creator),
                    createdAt: Timestamp(secondsSince1970: created))
            }
            snapshot.records = try await self.rows(
                "SELECT \(unescaped: Self.recordColumns) FROM records r ORDER BY r.seq", connection
            ).map(Self.storedRecord)
            return snapshot
        }
    }

    public func restore(_ snapshot: StateSnapshot) async throws {
        try await write { connection in
            let tables = try await self.stateTables(connection)
            // Identities restart too, so that a restored state lists in the order it was given.
            try await self.run(
                PostgresQuery(unsafeSQL: "TRUNCATE \(tables.map { "\"\($0)\"" }.joined(separator: ", ")) RESTART IDENTITY"),
                connection)
            for entry in snapshot.organisations {
                try await self.run(
                    """
                    INSERT INTO organisations (id, name, created_at)
                    VALUES (\(entry.id.hex), \(entry.name), \(entry.createdAt.secondsSince1970))
                    """, connection)
            }
            for entry in snapshot.researchers {
                let researcher = entry.researcher
                try await self.run(
                    """
                    INSERT INTO researchers (id, email, name, organisation_id, created_at)
                    VALUES (\(researcher.id.hex), \(researcher.email), \(researcher.name), \(researcher.organisationID.hex),
                        \(entry.createdAt.secondsSince1970))
                    """, connection)
            }
            for token in snapshot.tokens {
                try await self.run(
                    """
                    INSERT INTO api_tokens (digest, lookup_key, researcher_id, created_at)
                    VALUES (\(token.digest.hex), \(token.digest.lookupKey), \(token.researcherID.hex),
                        \(token.createdAt.secondsSince1970))
                    """, connection)
            }
            for workspace in snapshot.workspaces {
                try await self.run(
                    """
                    INSERT INTO workspaces (id, organisation_id, title, description, owner_id, naivety_distribution_rate,
                        currency_code, created_at)
                    VALUES (\(workspace.id.hex), \(workspace.organisationID.hex), \(workspace.title),
                        \(workspace.description), \(workspace.ownerID.hex), \(workspace.naivetyDistributionRate),
                        \(workspace.currencyCode.rawValue), \(workspace.createdAt.secondsSince1970))
                    """, connection)
            }
            for member in snapshot.workspaceMembers {
                try await self.run(
                    """
                    INSERT INTO workspace_members (workspace_id, researcher_id, role)
                    VALUES (\(member.workspaceID.hex), \(member.researcherID.hex), \(member.role))
                    """, connection)
            }
            for project in snapshot.projects { try await self.insertProject(project, connection) }
            for group in snapshot.groups {
                try await self.run(
                    """
                    INSERT INTO participant_groups (id, name, description, workspace_id, organisation_id, project_id,
                        participant_count, is_deleted, created_at)
                    VALUES (\(group.id.hex), \(group.name), \(group.description), \(group.owner.workspaceID?.hex),
                        \(group.owner.organisationID?.hex), \(group.projectID?.hex), \(group.participantCount),
                        \(group.isDeleted), \(group.createdAt.secondsSince1970))
                    """, connection)
            }
            if !snapshot.memberships.isEmpty {
                try await self.run(
                    """
                    INSERT INTO memberships (group_id, participant_id, created_at)
                    SELECT * FROM unnest(\(snapshot.memberships.map(\.groupID.hex))::text[],
                        \(snapshot.memberships.map(\.membership.participantID.hex))::text[],
                        \(snapshot.memberships.map(\.membership.addedAt.secondsSince1970))::bigint[])
                    """, connection)
            }
            for participant in snapshot.testParticipants {
                try await self.run(
                    """
                    INSERT INTO participants (id, email, created_by, created_at)
                    VALUES (\(participant.id.hex), \(participant.email), \(participant.createdBy.hex),
                        \(participant.createdAt.secondsSince1970))
                    """, connection)
            }
            for record in snapshot.records {
                try await self.run(
                    """
                    INSERT INTO records (kind, id, workspace_id, version, created_at, body)
                    VALUES (\(record.kind.rawValue), \(record.id), \(record.workspaceID.hex), \(record.version),
                        \(record.createdAt.secondsSince1970), \(record.body))
                    """, connection)
                try await self.insertFields(record, connection)
            }
        }
    }

    public func stateTableRowCounts() async throws -> [String: Int] {
        try await read { connection in
            var counts: [String: Int] = [:]
            for table in try await self.stateTables(connection) {
                counts[table] = try await self.count(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \"\(table)\""), connection)
            }
            return counts
        }
    }

    /// Every table of the schema but the record of migrations and the write receipts (which say
    /// what was committed, not what is held).
    private func stateTables(_ connection: PostgresConnection) async throws -> [String] {
        try await rows(
            """
            SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                AND tablename NOT IN ('cohort_migrations', 'cohort_write_receipts') ORDER BY tablename
            """, connection
        ).map { try $0.decode(String.self) }
    }
}
