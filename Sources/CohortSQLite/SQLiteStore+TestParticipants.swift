import CohortCore
import GRDB

extension SQLiteStore: TestParticipantStore {
    public func createTestParticipant(_ id: ParticipantID, email: String, by caller: ResearcherID, at: Timestamp)
        async throws
    {
        try await write { db in
            let taken = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM participants WHERE email = ?)", arguments: [email]) ?? false
            if taken {
                throw CohortError(.emailTaken, .fields(["email": ["A participant with this email already exists."]]))
            }
            try db.execute(
                sql: "INSERT INTO participants (id, email, created_by, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id.hex, email, caller.hex, at.secondsSince1970])
        }
    }
}
