import CohortCore
import GRDB

extension SQLiteStore: TestParticipantStore {
    public func createTestParticipant(_ id: ParticipantID, email: String, by caller: ResearcherID, at: Timestamp)
        async throws -> Bool
    {
        try await write { db in
            let taken = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM participants WHERE email = ?)", arguments: [email]) ?? false
            guard !taken else { return false }
            try db.execute(
                sql: "INSERT INTO participants (id, email, created_by, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id.hex, email, caller.hex, at.secondsSince1970])
            return true
        }
    }
}
