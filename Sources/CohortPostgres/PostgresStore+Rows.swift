import CohortCore
import PostgresNIO

/// Who may see what (the same rules as every store: a researcher sees the workspaces they are a
/// member of and their own organisation), and turning rows into domain values.
extension PostgresStore {
    func canSee(workspace: String, caller: ResearcherID, _ connection: PostgresConnection) async throws -> Bool {
        try await exists(
            "SELECT 1 FROM workspace_members WHERE workspace_id = \(workspace) AND researcher_id = \(caller.hex)",
            connection)
    }

    func canSee(organisation: String, caller: ResearcherID, _ connection: PostgresConnection) async throws -> Bool {
        try await exists(
            "SELECT 1 FROM researchers WHERE id = \(caller.hex) AND organisation_id = \(organisation)", connection)
    }

    func exists(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> Bool {
        try await !rows(query, connection).isEmpty
    }

    func rows(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> [PostgresRow] {
        try await connection.bufferedQuery(query, logger: logger).rows
    }

    /// Runs a statement whose rows are not needed.
    func run(_ query: PostgresQuery, _ connection: PostgresConnection) async throws {
        _ = try await connection.bufferedQuery(query, logger: logger)
    }

    func count(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> Int {
        try await rows(query, connection).first?.decode(Int.self) ?? 0
    }

    /// `LIMIT` for a page; PostgreSQL takes NULL for "no limit".
    static func limit(_ page: PageRequest) -> Int? { page.limit }

    static let researcherColumns = "r.id, r.email, r.name, r.organisation_id"

    static func researcher(_ row: PostgresRow) throws -> Researcher {
        let (id, email, name, organisation) = try row.decode((String, String, String, String).self)
        return Researcher(
            id: try ResearcherID(stored: id), email: email, name: name, organisationID: try OrganisationID(stored: organisation))
    }

    static let groupColumns =
        "id, name, description, workspace_id, organisation_id, project_id, participant_count, is_deleted, created_at"

    static func group(_ row: PostgresRow) throws -> ParticipantGroup {
        let (id, name, description, workspace, organisation, project, count, deleted, created) = try row.decode(
            (String, String, String?, String?, String?, String?, Int, Bool, Int64).self)
        let owner: ParticipantGroup.Owner
        if let workspace {
            owner = .workspace(try WorkspaceID(stored: workspace))
        } else if let organisation {
            owner = .organisation(try OrganisationID(stored: organisation))
        } else {
            throw CorruptRow(description: "group \(id) has neither a workspace nor an organisation")
        }
        return ParticipantGroup(
            id: try GroupID(stored: id), name: name, description: description, owner: owner,
            projectID: try project.map { try ProjectID(stored: $0) }, participantCount: count, isDeleted: deleted,
            createdAt: Timestamp(secondsSince1970: created))
    }
}
