import CohortCore
import GRDB

extension SQLiteStore: ResearcherStore {
    public func tokens(lookupKey: String) async throws -> [(digest: TokenDigest, researcher: Researcher)] {
        try await readOneStatement { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT t.digest, r.id, r.email, r.name, r.organisation_id
                        FROM api_tokens t JOIN researchers r ON r.id = t.researcher_id
                        WHERE t.lookup_key = ?
                        """),
                arguments: [lookupKey]
            ).map { row in (try TokenDigest(storedHex: row["digest"]), try Self.researcher(row)) }
        }
    }

    public func provisionResearcher(_ new: NewResearcher) async throws -> (researcher: Researcher, created: Bool) {
        try await write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT id, email, name, organisation_id FROM researchers WHERE email = ?",
                arguments: [new.email])
            {
                return (try Self.researcher(row), false)
            }
            try db.execute(
                sql: "INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)",
                arguments: [new.organisationID.hex, new.organisationName, new.at.secondsSince1970])
            try db.execute(
                sql: "INSERT INTO researchers (id, email, name, organisation_id, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [new.id.hex, new.email, new.name, new.organisationID.hex, new.at.secondsSince1970])
            try Self.insertWorkspace(
                id: new.workspaceID, new.workspace, organisation: new.organisationID.hex, owner: new.id,
                role: new.workspaceRole, at: new.at, db)
            let researcher = Researcher(
                id: new.id, email: new.email, name: new.name, organisationID: new.organisationID)
            return (researcher, true)
        }
    }

    public func reach(of researcher: ResearcherID) async throws -> Reach {
        try await read { db in try Self.reach(of: researcher, db) }
    }

    public func addToken(_ digest: TokenDigest, for researcher: ResearcherID, at: Timestamp) async throws {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_tokens (digest, lookup_key, researcher_id, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (digest) DO NOTHING
                    """,
                arguments: [digest.hex, digest.lookupKey, researcher.hex, at.secondsSince1970])
        }
    }

    public func hasResearchers() async throws -> Bool {
        try await read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM researchers)") ?? false }
    }

    public func allTokens() async throws -> [TokenRecord] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.lookup_key, t.created_at, r.id, r.email, r.name, r.organisation_id
                    FROM api_tokens t JOIN researchers r ON r.id = t.researcher_id ORDER BY t.created_at, t.rowid
                    """
            ).map { row in
                TokenRecord(
                    id: row["lookup_key"], researcher: try Self.researcher(row),
                    createdAt: Timestamp(secondsSince1970: row["created_at"]))
            }
        }
    }

    public func revokeTokens(_ selection: TokenSelection) async throws -> Int {
        let revoked = try await write { db in
            switch selection {
            case .id(let id):
                try db.execute(sql: "DELETE FROM api_tokens WHERE lookup_key = ?", arguments: [id])
            case .digest(let digest):
                try db.execute(sql: "DELETE FROM api_tokens WHERE digest = ?", arguments: [digest.hex])
            case .researcher(let email):
                try db.execute(
                    sql: "DELETE FROM api_tokens WHERE researcher_id IN (SELECT id FROM researchers WHERE email = ?)",
                    arguments: [email])
            }
            return db.changesCount
        }
        if revoked > 0 { try revocations.bump() }
        return revoked
    }

    public func tokenRevocationEpoch() -> UInt64? { revocations.epoch() }

    static func researcher(_ row: Row, prefix: String = "") throws -> Researcher {
        Researcher(
            id: try ResearcherID(stored: row[prefix + "id"]), email: row[prefix + "email"],
            name: row[prefix + "name"], organisationID: try OrganisationID(stored: row[prefix + "organisation_id"]))
    }
}
