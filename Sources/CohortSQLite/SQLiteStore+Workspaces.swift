import CohortCore
import GRDB

extension SQLiteStore: WorkspaceStore {
    public func workspaces(of caller: ResearcherID, page: PageRequest) async throws -> Page<WorkspaceDetails> {
        try await read { db in
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM workspace_members WHERE researcher_id = ?", arguments: [caller.hex]) ?? 0
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT m.workspace_id FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
                    WHERE m.researcher_id = ? ORDER BY w.rowid LIMIT ? OFFSET ?
                    """,
                arguments: [caller.hex] + Self.limitArguments(page))
            let items = try ids.compactMap { try Self.workspaceDetails($0, db) }
            return Page(items: items, total: total)
        }
    }

    public func workspace(_ id: WorkspaceID, visibleTo caller: ResearcherID) async throws -> WorkspaceDetails? {
        try await read { db in
            guard try Self.canSee(workspace: id, caller: caller, db) else { return nil }
            return try Self.workspaceDetails(id.hex, db)
        }
    }

    public func workspace(_ id: WorkspaceID) async throws -> Workspace? {
        try await read { db in try Self.workspaceDetails(id.hex, db)?.workspace }
    }

    public func createWorkspace(
        _ new: NewWorkspace, id: WorkspaceID, by caller: ResearcherID, role: String, at: Timestamp
    ) async throws -> WorkspaceDetails? {
        try await write { db in
            guard
                let organisation = try String.fetchOne(
                    db, sql: "SELECT organisation_id FROM researchers WHERE id = ?", arguments: [caller.hex])
            else { return nil }
            try Self.insertWorkspace(id: id, new, organisation: organisation, owner: caller, role: role, at: at, db)
            guard let details = try Self.workspaceDetails(id.hex, db) else {
                throw CorruptRow(description: "workspace vanished after insert")
            }
            return details
        }
    }

    public func updateWorkspace(_ id: WorkspaceID, _ edit: WorkspaceEdit, by caller: ResearcherID) async throws
        -> WorkspaceDetails?
    {
        try await write { db in
            guard try Self.canSee(workspace: id, caller: caller, db) else { return nil }
            try db.execute(
                sql: "UPDATE workspaces SET title = COALESCE(?, title), description = COALESCE(?, description) WHERE id = ?",
                arguments: [edit.title, edit.description, id.hex])
            if case .set(let rate) = edit.naivetyDistributionRate {
                try db.execute(
                    sql: "UPDATE workspaces SET naivety_distribution_rate = ? WHERE id = ?", arguments: [rate, id.hex])
            }
            return try Self.workspaceDetails(id.hex, db)
        }
    }

    static func insertWorkspace(
        id: WorkspaceID, _ row: NewWorkspace, organisation: String, owner: ResearcherID, role: String, at: Timestamp,
        _ db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO workspaces (id, organisation_id, title, description, owner_id, naivety_distribution_rate,
                    currency_code, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id.hex, organisation, row.title, row.description, owner.hex, row.naivetyDistributionRate,
                row.currencyCode.rawValue, at.secondsSince1970,
            ])
        try db.execute(
            sql: "INSERT INTO workspace_members (workspace_id, researcher_id, role) VALUES (?, ?, ?)",
            arguments: [id.hex, owner.hex, role])
    }

    static func workspaceDetails(_ id: String, _ db: Database) throws -> WorkspaceDetails? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM workspaces WHERE id = ?", arguments: [id]) else {
            return nil
        }
        guard let currency = CurrencyCode(rawValue: row["currency_code"]) else {
            throw CorruptRow(description: "unknown currency in workspace \(id)")
        }
        let workspace = Workspace(
            id: try WorkspaceID(stored: row["id"]), organisationID: try OrganisationID(stored: row["organisation_id"]),
            title: row["title"], description: row["description"], ownerID: try ResearcherID(stored: row["owner_id"]),
            naivetyDistributionRate: row["naivety_distribution_rate"], currencyCode: currency,
            createdAt: Timestamp(secondsSince1970: row["created_at"]))
        let users = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.email, r.name, r.organisation_id, m.role
                FROM workspace_members m JOIN researchers r ON r.id = m.researcher_id
                WHERE m.workspace_id = ? ORDER BY r.rowid
                """,
            arguments: [id]
        ).map { Member(researcher: try researcher($0), roles: [$0["role"]]) }
        let projectIDs = try String.fetchAll(
            db, sql: "SELECT id FROM projects WHERE workspace_id = ? ORDER BY rowid", arguments: [id])
        let projects = try projectIDs.compactMap { try projectDetails($0, db) }
        return WorkspaceDetails(workspace: workspace, users: users, projects: projects)
    }
}
