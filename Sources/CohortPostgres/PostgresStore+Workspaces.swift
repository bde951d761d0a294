import CohortCore
import PostgresNIO

extension PostgresStore: WorkspaceStore {
    public func workspaces(of caller: ResearcherID, page: PageRequest) async throws -> Page<WorkspaceDetails> {
        try await read { connection in
            let total = try await self.count(
                "SELECT count(*) FROM workspace_members WHERE researcher_id = \(caller.hex)", connection)
            let ids = try await self.rows(
                """
                SELECT m.workspace_id FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
                WHERE m.researcher_id = \(caller.hex) ORDER BY w.seq LIMIT \(Self.limit(page)) OFFSET \(page.offset)
                """, connection
            ).map { try $0.decode(String.self) }
            var items: [WorkspaceDetails] = []
            for id in ids {
                if let details = try await self.workspaceDetails(id, connection) { items.append(details) }
            }
            return Page(items: items, total: total)
        }
    }

    public func workspace(_ id: WorkspaceID, visibleTo caller: ResearcherID) async throws -> WorkspaceDetails? {
        try await read { connection in
            guard try await self.canSee(workspace: id, caller: caller, connection) else { return nil }
            return try await self.workspaceDetails(id.hex, connection)
        }
    }

    public func workspace(_ id: WorkspaceID) async throws -> Workspace? {
        try await read { connection in try await self.workspaceDetails(id.hex, connection)?.workspace }
    }

    public func createWorkspace(
        _ new: NewWorkspace, id: WorkspaceID, by caller: ResearcherID, role: String, at: Timestamp
    ) async throws -> WorkspaceDetails? {
        try await write { connection in
            guard
                let organisation = try await self.rows(
                    "SELECT organisation_id FROM researchers WHERE id = \(caller.hex)", connection
                ).first?.decode(String.self)
            else { return nil }
            try await self.insertWorkspace(
                id: id, new, organisation: organisation, owner: caller, role: role, at: at, connection)
            guard let details = try await self.workspaceDetails(id.hex, connection) else {
                throw CorruptRow(description: "workspace vanished after insert")
            }
            return details
        }
    }

    public func updateWorkspace(_ id: WorkspaceID, _ edit: WorkspaceEdit, by caller: ResearcherID) async throws
        -> WorkspaceDetails?
    {
        try await write { connection in
            guard try await self.canSee(workspace: id, caller: caller, connection) else { return nil }
            try await self.run(
                """
                UPDATE workspaces SET title = COALESCE(\(edit.title), title),
                    description = COALESCE(\(edit.description), description)
                WHERE id = \(id.hex)
                """, connection)
            if case .set(let rate) = edit.naivetyDistributionRate {
                try await self.run(
                    "UPDATE workspaces SET naivety_distribution_rate = \(rate) WHERE id = \(id.hex)", connection)
            }
            return try await self.workspaceDetails(id.hex, connection)
        }
    }

    func insertWorkspace(
        id: WorkspaceID, _ new: NewWorkspace, organisation: String, owner: ResearcherID, role: String, at: Timestamp,
        _ connection: PostgresConnection
    ) async throws {
        try await self.run(
            """
            INSERT INTO workspaces (id, organisation_id, title, description, owner_id, naivety_distribution_rate,
                currency_code, created_at)
            VALUES (\(id.hex), \(organisation), \(new.title), \(new.description), \(owner.hex),
                \(new.naivetyDistributionRate), \(new.currencyCode.rawValue), \(at.secondsSince1970))
            """, connection)
        try await self.run(
            """
            INSERT INTO workspace_members (workspace_id, researcher_id, role)
            VALUES (\(id.hex), \(owner.hex), \(role))
            """, connection)
    }

    func workspaceDetails(_ id: String, _ connection: PostgresConnection) async throws -> WorkspaceDetails? {
        guard
            let row = try await rows(
                """
                SELECT id, organisation_id, title, description, owner_id, naivety_distribution_rate, currency_code,
                    created_at
                FROM workspaces WHERE id = \(id)
                """, connection
            ).first
        else { return nil }
        let (workspaceID, organisation, title, description, owner, rate, currencyCode, created) = try row.decode(
            (String, String, String, String, String, Double?, String, Int64).self)
        guard let currency = CurrencyCode(rawValue: currencyCode) else {
            throw CorruptRow(description: "unknown currency in workspace \(id)")
        }
        let workspace = Workspace(
            id: try WorkspaceID(stored: workspaceID), organisationID: try OrganisationID(stored: organisation),
            title: title, description: description, ownerID: try ResearcherID(stored: owner),
            naivetyDistributionRate: rate, currencyCode: currency, createdAt: Timestamp(secondsSince1970: created))
        let users = try await rows(
            """
            SELECT \(unescaped: Self.researcherColumns), m.role
            FROM workspace_members m JOIN researchers r ON r.id = m.researcher_id
            WHERE m.workspace_id = \(id) ORDER BY r.seq
            """, connection
        ).map { row in
            let (researcherID, email, name, organisationID, role) = try row.decode(
                (String, String, String, String, String).self)
            let researcher = Researcher(
                id: try ResearcherID(stored: researcherID), email: email, name: name,
                organisationID: try OrganisationID(stored: organisationID))
            return Member(researcher: researcher, roles: [role])
        }
        let projectIDs = try await rows(
            "SELECT id FROM projects WHERE workspace_id = \(id) ORDER BY seq", connection
        ).map { try $0.decode(String.self) }
        var projects: [ProjectDetails] = []
        for projectID in projectIDs {
            if let details = try await projectDetails(projectID, connection) { projects.append(details) }
        }
        return WorkspaceDetails(workspace: workspace, users: users, projects: projects)
    }
}
