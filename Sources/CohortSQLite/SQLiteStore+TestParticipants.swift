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

extension SQLiteStore {
    public func testParticipants(createdBy researchers: [ResearcherID]) async throws -> [ParticipantID] {
        guard !researchers.isEmpty else { return [] }
        let ids = researchers.map(\.hex)
        return try await readOneStatement { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return try String.fetchAll(
                db, sql: "SELECT id FROM participants WHERE created_by IN (\(marks)) ORDER BY created_at, id",
                arguments: StatementArguments(ids)
            ).compactMap(ParticipantID.init)
        }
    }

    public func groups(_ groups: Set<GroupID>, containing participant: ParticipantID) async throws -> Set<GroupID> {
        guard !groups.isEmpty else { return [] }
        let ids = groups.map(\.hex).sorted()
        return try await readOneStatement { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT m.group_id FROM memberships m JOIN participant_groups g ON g.id = m.group_id
                        WHERE m.participant_id = ? AND m.group_id IN (\(marks)) AND g.is_deleted = 0
                        """,
                    arguments: StatementArguments([participant.hex] + ids)
                ).compactMap(GroupID.init))
        }
    }
}
