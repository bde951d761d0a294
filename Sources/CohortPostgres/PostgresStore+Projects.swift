import CohortCore
import PostgresNIO

extension PostgresStore: ProjectStore {
    public func projects(in workspace: WorkspaceID, visibleTo caller: ResearcherID, page: PageRequest) async throws
        -> Page<ProjectDetails>?
    {
        try await read { connection in
            guard try await self.canSee(workspace: workspace, caller: caller, connection) else { return nil }
            let total = try await self.count(
                "SELECT count(*) FROM projects WHERE workspace_id = \(workspace.hex)", connection)
            let ids = try await self.rows(
                """
                SELECT id FROM projects WHERE workspace_id = \(workspace.hex)
                ORDER BY seq LIMIT \(Self.limit(page)) OFFSET \(page.offset)
                """, connection
            ).map { try $0.decode(String.self) }
            var items: [ProjectDetails] = []
            for id in ids {
                if let details = try await self.projectDetails(id, connection) { items.append(details) }
            }
            return Page(items: items, total: total)
        }
    }

    public func project(_ id: ProjectID, visibleTo caller: ResearcherID) async throws -> ProjectDetails? {
        try await read { connection in
            guard let details = try await self.projectDetails(id.hex, connection),
                try await self.canSee(workspace: details.project.workspaceID, caller: caller, connection)
            else { return nil }
            return details
        }
    }

    public func createProject(
        _ new: NewProject, id: ProjectID, in workspace: WorkspaceID, by caller: ResearcherID, at: Timestamp
    ) async throws -> ProjectDetails? {
        try await write { connection in
            guard try await self.canSee(workspace: workspace, caller: caller, connection) else { return nil }
            let project = Project(
                id: id, workspaceID: workspace, title: new.title, description: new.description, ownerID: caller,
                visibility: new.visibility, publicDetails: new.publicDetails,
                naivetyDistributionRate: new.naivetyDistributionRate, isLongitudinal: new.isLongitudinal,
                longitudinalConfigJSON: new.longitudinalConfigJSON, createdAt: at)
            try await self.insertProject(project, connection)
            return try await self.projectDetails(id.hex, connection)
        }
    }

    public func updateProject(
        _ id: ProjectID, by caller: ResearcherID, apply: @Sendable (Project) throws -> Project
    ) async throws -> ProjectDetails? {
        // `apply` is not escaping, but it runs before this method returns, inside `write`.
        try await withoutActuallyEscaping(apply) { apply in
            try await write { connection in
                guard
                    try await !self.rows("SELECT 1 FROM projects WHERE id = \(id.hex) FOR UPDATE", connection).isEmpty,
                    let current = try await self.projectDetails(id.hex, connection)?.project,
                    try await self.canSee(workspace: current.workspaceID, caller: caller, connection)
                else { return nil }
                let updated = try apply(current)
                let details = updated.publicDetails
                try await self.run(
                    """
                    UPDATE projects SET title = \(updated.title), description = \(updated.description),
                        type = \(updated.visibility.rawValue), public_status = \(details?.status.rawValue),
                        public_title = \(details?.title), public_short_description = \(details?.shortDescription),
                        public_description = \(details?.description),
                        naivety_distribution_rate = \(updated.naivetyDistributionRate),
                        is_longitudinal = \(updated.isLongitudinal), longitudinal_config = \(updated.longitudinalConfigJSON)
                    WHERE id = \(id.hex)
                    """, connection)
                return try await self.projectDetails(id.hex, connection)
            }
        }
    }

    func insertProject(_ project: Project, _ connection: PostgresConnection) async throws {
        let details = project.publicDetails
        try await run(
            """
            INSERT INTO projects (id, workspace_id, title, description, owner_id, type, public_status, public_title,
                public_short_description, public_description, naivety_distribution_rate, is_longitudinal,
                longitudinal_config, created_at)
            VALUES (\(project.id.hex), \(project.workspaceID.hex), \(project.title), \(project.description),
                \(project.ownerID.hex), \(project.visibility.rawValue), \(details?.status.rawValue), \(details?.title),
                \(details?.shortDescription), \(details?.description), \(project.naivetyDistributionRate),
                \(project.isLongitudinal), \(project.longitudinalConfigJSON), \(project.createdAt.secondsSince1970))
            """, connection)
    }

    func projectDetails(_ id: String, _ connection: PostgresConnection) async throws -> ProjectDetails? {
        guard
            let row = try await rows(
                """
                SELECT p.id, p.workspace_id, p.title, p.description, p.type, p.public_status, p.public_title,
                    p.public_short_description, p.public_description, p.naivety_distribution_rate, p.is_longitudinal,
                    p.longitudinal_config, p.created_at, \(unescaped: Self.researcherColumns)
                FROM projects p JOIN researchers r ON r.id = p.owner_id WHERE p.id = \(id)
                """, connection
            ).first
        else { return nil }
        let (
            projectID, workspace, title, description, type, status, publicTitle, shortDescription, publicDescription,
            rate, longitudinal, config, created, ownerID, ownerEmail, ownerName, ownerOrganisation
        ) = try row.decode(
            (
                String, String, String, String, String, String?, String?, String?, String?, Double?, Bool, String?, Int64,
                String, String, String, String
            ).self)
        guard let visibility = Project.Visibility(rawValue: type) else {
            throw CorruptRow(description: "unknown project type in project \(id)")
        }
        var publicDetails: Project.PublicDetails?
        if let status {
            guard let status = Project.PublicDetails.Status(rawValue: status) else {
                throw CorruptRow(description: "unknown public status in project \(id)")
            }
            publicDetails = Project.PublicDetails(
                status: status, title: publicTitle, shortDescription: shortDescription, description: publicDescription)
        }
        let owner = Researcher(
            id: try ResearcherID(stored: ownerID), email: ownerEmail, name: ownerName,
            organisationID: try OrganisationID(stored: ownerOrganisation))
        let project = Project(
            id: try ProjectID(stored: projectID), workspaceID: try WorkspaceID(stored: workspace), title: title,
            description: description, ownerID: owner.id, visibility: visibility, publicDetails: publicDetails,
            naivetyDistributionRate: rate, isLongitudinal: longitudinal, longitudinalConfigJSON: config,
            createdAt: Timestamp(secondsSince1970: created))
        return ProjectDetails(project: project, owner: owner)
    }
}
