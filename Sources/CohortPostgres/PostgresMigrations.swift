import PostgresNIO

/// The versioned schema. Migrations run in one transaction under an advisory lock, so when several
/// instances start at once exactly one applies them and the others wait, then find them applied.
/// Never edit a migration that has shipped: add one.
///
/// Lists come in creation order, which is `seq` order: ids alone do not give it, as the ObjectId
/// counter wraps and several instances make ids independently.
enum PostgresMigrations {
    /// Any constant both instances agree on; "cohort" in ASCII.
    static let lockKey: Int64 = 0x636F_686F_7274

    static let all: [(version: Int, name: String, sql: [String])] = [
        (
            1, "researchers, workspaces, projects, participant groups",
            [
                """
                CREATE TABLE organisations (
                    id text PRIMARY KEY,
                    name text NOT NULL,
                    created_at bigint NOT NULL
                )
                """,
                """
                CREATE TABLE researchers (
                    id text PRIMARY KEY,
                    seq bigint GENERATED ALWAYS AS IDENTITY,
                    email text NOT NULL UNIQUE,
                    name text NOT NULL,
                    organisation_id text NOT NULL REFERENCES organisations(id),
                    created_at bigint NOT NULL
                )
                """,
                """
                CREATE TABLE api_tokens (
                    digest text PRIMARY KEY,
                    lookup_key text NOT NULL,
                    researcher_id text NOT NULL REFERENCES researchers(id),
                    created_at bigint NOT NULL
                )
                """,
                "CREATE INDEX api_tokens_by_lookup_key ON api_tokens(lookup_key)",
                """
                CREATE TABLE workspaces (
                    id text PRIMARY KEY,
                    seq bigint GENERATED ALWAYS AS IDENTITY,
                    organisation_id text NOT NULL REFERENCES organisations(id),
                    title text NOT NULL,
                    description text NOT NULL,
                    owner_id text NOT NULL REFERENCES researchers(id),
                    naivety_distribution_rate double precision,
                    currency_code text NOT NULL,
                    created_at bigint NOT NULL
                )
                """,
                """
                CREATE TABLE workspace_members (
                    workspace_id text NOT NULL REFERENCES workspaces(id),
                    researcher_id text NOT NULL REFERENCES researchers(id),
                    role text NOT NULL,
                    PRIMARY KEY (workspace_id, researcher_id)
                )
                """,
                "CREATE INDEX workspace_members_by_researcher ON workspace_members(researcher_id, workspace_id)",
                """
                CREATE TABLE projects (
                    id text PRIMARY KEY,
                    seq bigint GENERATED ALWAYS AS IDENTITY,
                    workspace_id text NOT NULL REFERENCES workspaces(id),
                    title text NOT NULL,
                    description text NOT NULL,
                    owner_id text NOT NULL REFERENCES researchers(id),
                    type text NOT NULL,
                    public_status text,
                    public_title text,
                    public_short_description text,
                    public_description text,
                    naivety_distribution_rate double precision,
                    is_longitudinal boolean NOT NULL,
                    longitudinal_config text,
                    created_at bigint NOT NULL
                )
                """,
                "CREATE INDEX projects_by_workspace ON projects(workspace_id, seq)",
                """
                CREATE TABLE participant_groups (
                    id text PRIMARY KEY,
                    seq bigint GENERATED ALWAYS AS IDENTITY,
                    name text NOT NULL,
                    description text,
                    workspace_id text REFERENCES workspaces(id),
                    organisation_id text REFERENCES organisations(id),
                    project_id text REFERENCES projects(id),
                    participant_count bigint NOT NULL DEFAULT 0 CHECK (participant_count >= 0),
                    is_deleted boolean NOT NULL DEFAULT false,
                    created_at bigint NOT NULL,
                    CHECK ((workspace_id IS NULL) <> (organisation_id IS NULL))
                )
                """,
                "CREATE INDEX participant_groups_by_workspace ON participant_groups(workspace_id, seq)",
                "CREATE INDEX participant_groups_by_organisation ON participant_groups(organisation_id, seq)",
                "CREATE INDEX participant_groups_by_project ON participant_groups(project_id, seq)",
                """
                CREATE TABLE memberships (
                    group_id text NOT NULL REFERENCES participant_groups(id),
                    participant_id text NOT NULL,
                    created_at bigint NOT NULL,
                    PRIMARY KEY (group_id, participant_id)
                )
                """,
                "CREATE INDEX memberships_in_order ON memberships(group_id, created_at, participant_id)",
                """
                CREATE TABLE participants (
                    id text PRIMARY KEY,
                    email text NOT NULL UNIQUE,
                    created_by text NOT NULL REFERENCES researchers(id),
                    created_at bigint NOT NULL
                )
                """,
            ]
        ),
        (
            2, "membership ids compared bytewise",
            [
                // Ids are ASCII hex, so bytewise order is the order a locale gives them; but a
                // locale's collation (even C.UTF-8) compares through strcoll, and the two
                // membership indexes compare ids on every insert: adding a million members took
                // 2.5 times as long (docs/performance.md).
                """
                ALTER TABLE memberships ALTER COLUMN group_id TYPE text COLLATE "C",
                    ALTER COLUMN participant_id TYPE text COLLATE "C"
                """
            ]
        ),
        (
            3, "write receipts",
            [
                // See WriteReceipt: how a COMMIT whose answer was lost is settled.
                """
                CREATE TABLE cohort_write_receipts (
                    id text COLLATE "C" PRIMARY KEY,
                    created_at bigint NOT NULL,
                    tombstone boolean NOT NULL DEFAULT false
                )
                """,
                "CREATE INDEX cohort_write_receipts_by_age ON cohort_write_receipts(created_at)",
            ]
        ),
        (
            4, "memberships without a per-row foreign key check",
            [
                // PostgreSQL checks a foreign key with a trigger per row: a third of the time of
                // adding a million members (docs/performance.md). Every insert into memberships
                // holds its group's row lock (or has just created the group), and groups are
                // never removed (deleting one only sets is_deleted), so the check cannot fail.
                "ALTER TABLE memberships DROP CONSTRAINT IF EXISTS memberships_group_id_fkey",
            ]
        ),
        (
            5, "plain records",
            [
                // Every plain resource (docs/architecture.md): a document per record, in creation
                // order (seq), and the fields its lists filter on.
                """
                CREATE TABLE records (
                    kind text COLLATE "C" NOT NULL,
                    id text COLLATE "C" NOT NULL,
                    workspace_id text NOT NULL REFERENCES workspaces(id),
                    version integer NOT NULL,
                    created_at bigint NOT NULL,
                    body text NOT NULL,
                    seq bigint GENERATED ALWAYS AS IDENTITY,
                    PRIMARY KEY (kind, id)
                )
                """,
                "CREATE INDEX records_by_workspace ON records(kind, workspace_id, seq)",
                """
                CREATE TABLE record_fields (
                    kind text COLLATE "C" NOT NULL,
                    name text COLLATE "C" NOT NULL,
                    value text COLLATE "C" NOT NULL,
                    id text COLLATE "C" NOT NULL,
                    PRIMARY KEY (kind, name, value, id)
                )
                """,
                "CREATE INDEX record_fields_by_record ON record_fields(kind, id)",
            ]
        ),
    ]

    /// Applies the migrations this database lacks, in one transaction, through the store's own
    /// statements (``PostgresStore/run(_:_:)``: never PostgresNIO's streaming ones).
    static func migrate(_ connection: PostgresConnection, store: PostgresStore) async throws {
        try await store.run("BEGIN", connection)
        do {
            try await store.run("SELECT pg_advisory_xact_lock(\(lockKey))", connection)
            try await store.run(
                """
                CREATE TABLE IF NOT EXISTS cohort_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, connection)
            let applied = Set(
                try await store.rows("SELECT version FROM cohort_migrations", connection).map { try $0.decode(Int.self) })
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.sql {
                    try await store.run(PostgresQuery(unsafeSQL: statement), connection)
                }
                try await store.run(
                    "INSERT INTO cohort_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                    connection)
                store.logger.info(
                    "applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            }
            try await store.run("COMMIT", connection)
        } catch {
            if !connection.isClosed { _ = try? await store.run("ROLLBACK", connection) }
            throw error
        }
    }
}
