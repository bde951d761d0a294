import CohortCore
import GRDB

/// The facts the tenancy rule (``Reach``, in the core) is decided on, loaded from SQLite.
extension SQLiteStore {
    /// The caller's organisation and workspaces; ``Reach/nothing`` when the caller no longer exists.
    static func reach(of caller: ResearcherID, _ db: Database) throws -> Reach {
        guard
            let organisation = try String.fetchOne(
                db.cachedStatement(sql: "SELECT organisation_id FROM researchers WHERE id = ?"), arguments: [caller.hex])
        else { return .nothing }
        let workspaces = try String.fetchAll(
            db.cachedStatement(sql: "SELECT workspace_id FROM workspace_members WHERE researcher_id = ?"),
            arguments: [caller.hex])
        return Reach(
            organisationID: try OrganisationID(stored: organisation),
            workspaceIDs: Set(try workspaces.map { try WorkspaceID(stored: $0) }))
    }

    static func canSee(workspace: WorkspaceID, caller: ResearcherID, _ db: Database) throws -> Bool {
        try reach(of: caller, db).canSee(workspace: workspace)
    }

    /// The workspace of a project; `nil` when there is no such project.
    static func workspace(ofProject project: ProjectID?, _ db: Database) throws -> WorkspaceID? {
        guard let project else { return nil }
        return try String.fetchOne(
            db.cachedStatement(sql: "SELECT workspace_id FROM projects WHERE id = ?"), arguments: [project.hex]
        ).map { try WorkspaceID(stored: $0) }
    }

    /// SQL `LIMIT ? OFFSET ?` values for a page; SQLite takes -1 for "no limit".
    static func limitArguments(_ page: PageRequest) -> StatementArguments {
        [page.limit ?? -1, page.offset]
    }
}
