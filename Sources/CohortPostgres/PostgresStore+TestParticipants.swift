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

extension PostgresStore {
    public func testParticipants(createdBy researchers: [ResearcherID]) async throws -> [ParticipantID] {
        guard !researchers.isEmpty else { return [] }
        let ids = researchers.map(\.hex)
        return try await read { connection in
            try await self.rows(
                "SELECT id FROM participants WHERE created_by = ANY(\(ids)::text[]) ORDER BY created_at, id", connection
            ).compactMap { ParticipantID(try $0.decode(String.self)) }
        }
    }

    public func groups(_ groups: Set<GroupID>, containing participant: ParticipantID) async throws -> Set<GroupID> {
        guard !groups.isEmpty else { return [] }
        let ids = groups.map(\.hex).sorted()
        return try await read { connection in
            Set(
                try await self.rows(
                    """
                    SELECT m.group_id FROM memberships m JOIN participant_groups g ON g.id = m.group_id
                    WHERE m.participant_id = \(participant.hex) AND m.group_id = ANY(\(ids)::text[]) AND NOT g.is_deleted
                    """, connection
                ).compactMap { GroupID(try $0.decode(String.self)) })
        }
    }
}
