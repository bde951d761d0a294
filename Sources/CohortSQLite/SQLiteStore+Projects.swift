import CohortCore
import GRDB

extension SQLiteStore: ProjectStore {
    public func projects(in workspace: WorkspaceID, visibleTo caller: ResearcherID, page: PageRequest) async throws
        -> Page<ProjectDetails>?
    {
        try await read { db in
            guard try Self.canSee(workspace: workspace, caller: caller, db) else { return nil }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM projects WHERE workspace_id = ?", arguments: [workspace.hex]) ?? 0
            let ids = try String.fetchAll(
                db, sql: "SELECT id FROM projects WHERE workspace_id = ? ORDER BY rowid LIMIT ? OFFSET ?",
                arguments: [workspace.hex] + Self.limitArguments(page))
            return Page(items: try ids.compactMap { try Self.projectDetails($0, db) }, total: total)
        }
    }

    public func project(_ id: ProjectID, visibleTo caller: ResearcherID) async throws -> ProjectDetails? {
        try await read { db in
            guard let details = try Self.projectDetails(id.hex, db),
                try Self.canSee(workspace: details.project.workspaceID, caller: caller, db)
            else { return nil }
            return details
        }
    }

    public func createProject(
        _ new: NewProject, id: ProjectID, in workspace: WorkspaceID, by caller: ResearcherID, at: Timestamp
    ) async throws -> ProjectDetails? {
        try await write { db in
            guard try Self.canSee(workspace: workspace, caller: caller, db) else { return nil }
            let project = Project(
                id: id, workspaceID: workspace, title: new.title, description: new.description, ownerID: caller,
                visibility: new.visibility, publicDetails: new.publicDetails,
                naivetyDistributionRate: new.naivetyDistributionRate, isLongitudinal: new.isLongitudinal,
                longitudinalConfigJSON: new.longitudinalConfigJSON, createdAt: at)
            try Self.insertProject(project, db)
            return try Self.projectDetails(id.hex, db)
        }
    }

    public func updateProject(
        _ id: ProjectID, by caller: ResearcherID, apply: @Sendable (Project) throws -> Project
    ) async throws -> ProjectDetails? {
        try await write { db in
            guard let current = try Self.projectDetails(id.hex, db)?.project,
                try Self.canSee(workspace: current.workspaceID, caller: caller, db)
            else { return nil }
            let updated = try apply(current)
            try db.execute(
                sql: """
                    UPDATE projects SET title = ?, description = ?, type = ?, public_status = ?, public_title = ?,
                        public_short_description = ?, public_description = ?, naivety_distribution_rate = ?,
                        is_longitudinal = ?, longitudinal_config = ?
                    WHERE id = ?
                    """,
                arguments: [updated.title, updated.description] + Self.mutableColumns(updated) + [id.hex])
            return try Self.projectDetails(id.hex, db)
        }
    }

    static func insertProject(_ project: Project, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO projects (id, workspace_id, title, description, owner_id, type, public_status,
                    public_title, public_short_description, public_description, naivety_distribution_rate,
                    is_longitudinal, longitudinal_config, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [project.id.hex, project.workspaceID.hex, project.title, project.description, project.ownerID.hex]
                + mutableColumns(project) + [project.createdAt.secondsSince1970])
    }

    /// `type` through `longitudinal_config`, in table order.
    private static func mutableColumns(_ project: Project) -> StatementArguments {
        [
            project.visibility.rawValue, project.publicDetails?.status.rawValue, project.publicDetails?.title,
            project.publicDetails?.shortDescription, project.publicDetails?.description,
            project.naivetyDistributionRate, project.isLongitudinal, project.longitudinalConfigJSON,
        ]
    }

    static func projectDetails(_ id: String, _ db: Database) throws -> ProjectDetails? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.*, r.id AS owner_researcher_id, r.email AS owner_researcher_email,
                        r.name AS owner_researcher_name, r.organisation_id AS owner_researcher_organisation_id
                    FROM projects p JOIN researchers r ON r.id = p.owner_id WHERE p.id = ?
                    """,
                arguments: [id])
        else { return nil }
        guard let visibility = Project.Visibility(rawValue: row["type"]) else {
            throw CorruptRow(description: "unknown project type in project \(id)")
        }
        var publicDetails: Project.PublicDetails?
        if let status: String = row["public_status"] {
            guard let status = Project.PublicDetails.Status(rawValue: status) else {
                throw CorruptRow(description: "unknown public status in project \(id)")
            }
            publicDetails = Project.PublicDetails(
                status: status, title: row["public_title"], shortDescription: row["public_short_description"],
                description: row["public_description"])
        }
        let project = Project(
            id: try ProjectID(stored: row["id"]), workspaceID: try WorkspaceID(stored: row["workspace_id"]),
            title: row["title"], description: row["description"], ownerID: try ResearcherID(stored: row["owner_id"]),
            visibility: visibility, publicDetails: publicDetails,
            naivetyDistributionRate: row["naivety_distribution_rate"], isLongitudinal: row["is_longitudinal"],
            longitudinalConfigJSON: row["longitudinal_config"], createdAt: Timestamp(secondsSince1970: row["created_at"]))
        let owner = try researcher(row, prefix: "owner_researcher_")
        return ProjectDetails(project: project, owner: owner)
    }
}
