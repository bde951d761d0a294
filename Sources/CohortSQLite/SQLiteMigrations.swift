import GRDB

/// The versioned schema. Each migration runs once, in order, in its own transaction; GRDB records
/// the applied ones in `grdb_migrations`. Never edit a migration that has shipped: add one.
///
/// Lists come in creation order, which is `rowid` order: ids alone do not give it, as the
/// ObjectId counter wraps. The list indexes hold `rowid` implicitly after their columns.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: researchers, workspaces, projects, participant groups") { db in
            try db.execute(sql: """
                CREATE TABLE organisations (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE researchers (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    organisation_id TEXT NOT NULL REFERENCES organisations(id),
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE api_tokens (
                    digest TEXT PRIMARY KEY,
                    lookup_key TEXT NOT NULL,
                    researcher_id TEXT NOT NULL REFERENCES researchers(id),
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX api_tokens_by_lookup_key ON api_tokens(lookup_key);
                CREATE TABLE workspaces (
                    id TEXT PRIMARY KEY,
                    organisation_id TEXT NOT NULL REFERENCES organisations(id),
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    owner_id TEXT NOT NULL REFERENCES researchers(id),
                    naivety_distribution_rate REAL,
                    currency_code TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE workspace_members (
                    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
                    researcher_id TEXT NOT NULL REFERENCES researchers(id),
                    role TEXT NOT NULL,
                    PRIMARY KEY (workspace_id, researcher_id)
                ) WITHOUT ROWID;
                CREATE INDEX workspace_members_by_researcher ON workspace_members(researcher_id, workspace_id);
                CREATE TABLE projects (
                    id TEXT PRIMARY KEY,
                    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    owner_id TEXT NOT NULL REFERENCES researchers(id),
                    type TEXT NOT NULL,
                    public_status TEXT,
                    public_title TEXT,
                    public_short_description TEXT,
                    public_description TEXT,
                    naivety_distribution_rate REAL,
                    is_longitudinal INTEGER NOT NULL,
                    longitudinal_config TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX projects_by_workspace ON projects(workspace_id);
                CREATE TABLE participant_groups (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    description TEXT,
                    workspace_id TEXT REFERENCES workspaces(id),
                    organisation_id TEXT REFERENCES organisations(id),
                    project_id TEXT REFERENCES projects(id),
                    participant_count INTEGER NOT NULL DEFAULT 0 CHECK (participant_count >= 0),
                    is_deleted INTEGER NOT NULL DEFAULT 0,
                    created_at INTEGER NOT NULL,
                    CHECK ((workspace_id IS NULL) <> (organisation_id IS NULL))
                );
                CREATE INDEX participant_groups_by_workspace ON participant_groups(workspace_id);
                CREATE INDEX participant_groups_by_organisation ON participant_groups(organisation_id);
                CREATE INDEX participant_groups_by_project ON participant_groups(project_id);
                CREATE TABLE memberships (
                    group_id TEXT NOT NULL REFERENCES participant_groups(id),
                    participant_id TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    PRIMARY KEY (group_id, participant_id)
                ) WITHOUT ROWID;
                CREATE INDEX memberships_in_order ON memberships(group_id, created_at, participant_id);
                CREATE TABLE participants (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    created_by TEXT NOT NULL REFERENCES researchers(id),
                    created_at INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: plain records") { db in
            // Every plain resource (docs/architecture.md): a document per record, in creation
            // order (rowid), and the fields its lists filter on.
            try db.execute(sql: """
                CREATE TABLE records (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
                    version INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    PRIMARY KEY (kind, id)
                );
                CREATE INDEX records_by_workspace ON records(kind, workspace_id);
                CREATE TABLE record_fields (
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    value TEXT NOT NULL,
                    id TEXT NOT NULL,
                    PRIMARY KEY (kind, name, value, id)
                ) WITHOUT ROWID;
                CREATE INDEX record_fields_by_record ON record_fields(kind, id);
                """)
        }
        return migrator
    }
}
