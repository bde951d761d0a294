import CohortCore
import PostgresNIO

extension PostgresStore: TestParticipantStore {
    public func createTestParticipant(_ id: ParticipantID, email: String, by caller: ResearcherID, at: Timestamp)
        async throws -> Bool
    {
        try await write { connection in
            try await self.exists(
                """
                INSERT INTO participants (id, email, created_by, created_at)
                VALUES (\(id.hex), \(email), \(caller.hex), \(at.secondsSince1970))
                ON CONFLICT (email) DO NOTHING RETURNING 1
                """, connection)
        }
    }
}
