import CohortCore
import PostgresNIO

extension PostgresStore: ResearcherStore {
    public func tokens(lookupKey: String) async throws -> [(digest: TokenDigest, researcher: Researcher)] {
        let found: [(String, Researcher)] = try await statement { connection in
            try await self.rows(
                """
                SELECT t.digest, r.id, r.email, r.name, r.organisation_id
                FROM api_tokens t JOIN researchers r ON r.id = t.researcher_id
                WHERE t.lookup_key = \(lookupKey)
                """, connection
            ).map { row in
                let (digest, id, email, name, organisation) = try row.decode((String, String, String, String, String).self)
                let researcher = Researcher(
                    id: try ResearcherID(stored: id), email: email, name: name,
                    organisationID: try OrganisationID(stored: organisation))
                return (digest, researcher)
            }
        }
        return try found.map { (try TokenDigest(storedHex: $0.0), $0.1) }
    }

    public func provisionResearcher(_ new: NewResearcher) async throws -> (researcher: Researcher, created: Bool) {
        try await write { connection in
            // Two instances provisioning the same email (a first start of both) take turns here.
            try await self.run("SELECT pg_advisory_xact_lock(hashtext(\(new.email)))", connection)
            if let row = try await self.rows(
                "SELECT \(unescaped: Self.researcherColumns) FROM researchers r WHERE r.email = \(new.email)", connection
            ).first {
                return (try Self.researcher(row), false)
            }
            let at = new.at.secondsSince1970
            try await self.run(
                "INSERT INTO organisations (id, name, created_at) VALUES (\(new.organisationID.hex), \(new.organisationName), \(at))", connection)
            try await self.run(
                """
                INSERT INTO researchers (id, email, name, organisation_id, created_at)
                VALUES (\(new.id.hex), \(new.email), \(new.name), \(new.organisationID.hex), \(at))
                """, connection)
            try await self.insertWorkspace(
                id: new.workspaceID, new.workspace, organisation: new.organisationID.hex, owner: new.id,
                role: new.workspaceRole, at: new.at, connection)
            return (Researcher(id: new.id, email: new.email, name: new.name, organisationID: new.organisationID), true)
        }
    }

    public func reach(of researcher: ResearcherID) async throws -> Reach {
        try await statement { connection in try await self.reach(of: researcher, connection) }
    }

    public func addToken(_ digest: TokenDigest, for researcher: ResearcherID, at: Timestamp) async throws {
        try await write { connection in
            try await self.run(
                """
                INSERT INTO api_tokens (digest, lookup_key, researcher_id, created_at)
                VALUES (\(digest.hex), \(digest.lookupKey), \(researcher.hex), \(at.secondsSince1970))
                ON CONFLICT (digest) DO NOTHING
                """, connection)
        }
    }

    public func hasResearchers() async throws -> Bool {
        try await read { connection in try await self.exists("SELECT 1 FROM researchers LIMIT 1", connection) }
    }

    public func allTokens() async throws -> [TokenRecord] {
        try await read { connection in
            try await self.rows(
                """
                SELECT t.lookup_key, t.created_at, \(unescaped: Self.researcherColumns)
                FROM api_tokens t JOIN researchers r ON r.id = t.researcher_id ORDER BY t.created_at, t.digest
                """, connection
            ).map { row in
                let (id, created, researcher, email, name, organisation) = try row.decode(
                    (String, Int64, String, String, String, String).self)
                return TokenRecord(
                    id: id,
                    researcher: Researcher(
                        id: try ResearcherID(stored: researcher), email: email, name: name,
                        organisationID: try OrganisationID(stored: organisation)),
                    createdAt: Timestamp(secondsSince1970: created))
            }
        }
    }

    public func revokeTokens(_ selection: TokenSelection) async throws -> Int {
        try await write { connection in
            let condition: PostgresQuery
            switch selection {
            case .id(let id):
                condition = "WITH gone AS (DELETE FROM api_tokens WHERE lookup_key = \(id) RETURNING 1) SELECT count(*) FROM gone"
            case .digest(let digest):
                condition = "WITH gone AS (DELETE FROM api_tokens WHERE digest = \(digest.hex) RETURNING 1) SELECT count(*) FROM gone"
            case .researcher(let email):
                condition = """
                    WITH gone AS (DELETE FROM api_tokens WHERE researcher_id IN (SELECT id FROM researchers WHERE email = \(email))
                        RETURNING 1)
                    SELECT count(*) FROM gone
                    """
            }
            return try await self.count(condition, connection)
        }
    }

    /// Instances on other machines cannot be told cheaply, so tokens are looked up on every
    /// request: a revocation takes effect at once on every instance.
    public func tokenRevocationEpoch() -> UInt64? { nil }
}
