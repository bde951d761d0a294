import CohortCore
import PostgresNIO

/// The facts the tenancy rule (``Reach``, in the core) is decided on, and turning rows into domain
/// values.
extension PostgresStore {
    /// The caller's organisation and workspaces, in one statement; ``Reach/nothing`` when the
    /// caller no longer exists.
    func reach(of caller: ResearcherID, _ connection: PostgresConnection) async throws -> Reach {
        guard
            let row = try await rows(
                """
                SELECT organisation_id,
                    ARRAY(SELECT workspace_id::text FROM workspace_members WHERE researcher_id = \(caller.hex))::text[]
                FROM researchers WHERE id = \(caller.hex)
                """, connection
            ).first
        else { return .nothing }
        let (organisation, workspaces) = try row.decode((String, [String]).self)
        return Reach(
            organisationID: try OrganisationID(stored: organisation),
            workspaceIDs: Set(try workspaces.map { try WorkspaceID(stored: $0) }))
    }

    func canSee(workspace: WorkspaceID, caller: ResearcherID, _ connection: PostgresConnection) async throws -> Bool {
        try await reach(of: caller, connection).canSee(workspace: workspace)
    }

    /// The workspace of a project; `nil` when there is no such project.
    func workspace(ofProject project: ProjectID?, _ connection: PostgresConnection) async throws -> WorkspaceID? {
        guard let project else { return nil }
        return try await rows("SELECT workspace_id FROM projects WHERE id = \(project.hex)", connection)
            .first.map { try WorkspaceID(stored: try $0.decode(String.self)) }
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
        return try ParticipantGroup(
            storedID: id, name: name, description: description, workspaceID: workspace, organisationID: organisation,
            projectID: project, participantCount: count, isDeleted: deleted, createdAt: created)
    }
}
