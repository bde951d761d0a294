import CohortCore
import GRDB

/// Who may see what: a researcher sees the workspaces they are a member of, and their own
/// organisation. Everything else is answered as if it did not exist.
extension SQLiteStore {
    static func canSee(workspace: String, caller: ResearcherID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: "SELECT EXISTS (SELECT 1 FROM workspace_members WHERE workspace_id = ? AND researcher_id = ?)",
            arguments: [workspace, caller.hex]) ?? false
    }

    static func canSee(organisation: String, caller: ResearcherID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM researchers WHERE id = ? AND organisation_id = ?)",
            arguments: [caller.hex, organisation]) ?? false
    }

    /// SQL `LIMIT ? OFFSET ?` values for a page; SQLite takes -1 for "no limit".
    static func limitArguments(_ page: PageRequest) -> StatementArguments {
        [page.limit ?? -1, page.offset]
    }
}


