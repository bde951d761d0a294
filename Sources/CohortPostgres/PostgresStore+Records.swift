import CohortCore
import PostgresNIO

/// Plain resources: one table of documents and one of the fields lists filter on, for every kind.
extension PostgresStore: RecordStore {
    public func record(_ key: RecordKey) async throws -> StoredRecord? {
        try await read { connection in try await self.loadRecords([key], connection, forUpdate: false).first }
    }

    public func record(_ key: RecordKey, withMembershipOf caller: ResearcherID) async throws
        -> (record: StoredRecord, callerIsMember: Bool)?
    {
        try await statement { connection in
            guard
                let row = try await self.rows(
                    """
                    SELECT \(unescaped: Self.recordColumns),
                        EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = r.workspace_id AND m.researcher_id = \(caller.hex))
                    FROM records r WHERE r.kind = \(key.kind.rawValue) AND r.id = \(key.id)
                    """, connection
                ).first
            else { return nil }
            let columns = row.makeRandomAccess()
            return (try Self.storedRecord(row), try columns[8].decode(Bool.self))
        }
    }

    public func records(of kind: RecordKind, carrying field: RecordField) async throws -> [StoredRecord] {
        try await read { connection in
            try await self.rows(
                """
                SELECT \(unescaped: Self.recordColumns)
                FROM record_fields w JOIN records r ON r.kind = w.kind AND r.id = w.id
                WHERE w.kind = \(kind.rawValue) AND w.name = \(field.name) AND w.value = \(field.value)
                ORDER BY r.seq
                """, connection
            ).map(Self.storedRecord)
        }
    }

    public func records(_ query: RecordQuery, page: PageRequest) async throws -> Page<StoredRecord> {
        try await read { connection in
            // Each field is a (name, value) pair the record must carry: the arrays are unnested
            // pairwise, and a record qualifies when it has every pair.
            let fields = query.fields.sorted()
            let kind = query.kind.rawValue, workspaces = query.workspaceIDs.map(\.hex)
            let names = fields.map(\.name), values = fields.map(\.value), wanted = fields.count
            let total = try await self.count(
                """
                SELECT count(*) FROM records r WHERE r.kind = \(kind) AND r.workspace_id = ANY(\(workspaces)::text[])
                AND \(wanted) = (SELECT count(*) FROM unnest(\(names)::text[], \(values)::text[]) AS w(name, value)
                    WHERE EXISTS (SELECT 1 FROM record_fields f
                        WHERE f.kind = r.kind AND f.id = r.id AND f.name = w.name AND f.value = w.value))
                """, connection)
            let ids = try await self.rows(
                """
                SELECT r.id FROM records r WHERE r.kind = \(kind) AND r.workspace_id = ANY(\(workspaces)::text[])
                AND \(wanted) = (SELECT count(*) FROM unnest(\(names)::text[], \(values)::text[]) AS w(name, value)
                    WHERE EXISTS (SELECT 1 FROM record_fields f
                        WHERE f.kind = r.kind AND f.id = r.id AND f.name = w.name AND f.value = w.value))
                ORDER BY r.seq LIMIT \(page.limit) OFFSET \(page.offset)
                """, connection
            ).map { try $0.decode(String.self) }
            let records = try await self.loadRecords(ids.map { RecordKey(query.kind, $0) }, connection, forUpdate: false)
            let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            return Page(items: ids.compactMap { byID[$0] }, total: total)
        }
    }

    public func transact<T: Sendable>(_ decide: @Sendable (TransactionSnapshot) throws -> TransactionStep<T>)
        async throws -> T
    {
        try await withoutActuallyEscaping(decide) { decide in
            try await write { connection in
                var snapshot = TransactionSnapshot()
                for _ in 0..<Self.maximumLoadRounds {
                    switch try decide(snapshot) {
                    case .load(let keys, let groups):
                        // Locked until commit: no other writer changes what was read here.
                        let found = try await self.loadRecords(keys, connection, forUpdate: true)
                        for key in keys { snapshot.records[key] = .some(found.first { $0.key == key }) }
                        for id in groups {
                            snapshot.groups[id] = .some(try await self.loadGroup(id, connection, forUpdate: true))
                        }
                    case .commit(let changes, let result):
                        for change in changes { try await self.apply(change, connection) }
                        return result
                    }
                }
                throw CorruptRow(description: "a transaction asked to load more than \(Self.maximumLoadRounds) times")
            }
        }
    }

    /// A decision that keeps asking to load is a bug; this bounds it.
    static let maximumLoadRounds = 16

    private func apply(_ change: RecordChange, _ connection: PostgresConnection) async throws {
        switch change {
        case .insert(let record):
            let inserted = try await exists(
                """
                INSERT INTO records (kind, id, workspace_id, version, created_at, body)
                VALUES (\(record.kind.rawValue), \(record.id), \(record.workspaceID.hex), 1,
                    \(record.createdAt.secondsSince1970), \(record.body))
                ON CONFLICT (kind, id) DO NOTHING RETURNING 1
                """, connection)
            guard inserted else { throw RecordVersionConflict(record.key) }
            try await insertFields(record, connection)
        case .update(let record):
            let updated = try await exists(
                """
                UPDATE records SET body = \(record.body), version = version + 1
                WHERE kind = \(record.kind.rawValue) AND id = \(record.id) AND version = \(record.version)
                RETURNING 1
                """, connection)
            guard updated else { throw RecordVersionConflict(record.key) }
            try await deleteFields(record.key, connection)
            try await insertFields(record, connection)
        case .delete(let key):
            try await deleteFields(key, connection)
            let deleted = try await exists(
                "DELETE FROM records WHERE kind = \(key.kind.rawValue) AND id = \(key.id) RETURNING 1", connection)
            guard deleted else { throw RecordVersionConflict(key) }
        case .editGroup(let id, let operations, let at):
            guard try await loadGroup(id, connection, forUpdate: true) != nil else { throw id.notFound }
            for operation in operations { _ = try await perform(operation, on: id, at: at, connection) }
        }
    }

    func insertFields(_ record: StoredRecord, _ connection: PostgresConnection) async throws {
        guard !record.fields.isEmpty else { return }
        let fields = record.fields.sorted()
        try await run(
            """
            INSERT INTO record_fields (kind, name, value, id)
            SELECT \(record.kind.rawValue), name, value, \(record.id)
            FROM unnest(\(fields.map(\.name))::text[], \(fields.map(\.value))::text[]) AS f(name, value)
            """, connection)
    }

    private func deleteFields(_ key: RecordKey, _ connection: PostgresConnection) async throws {
        try await run("DELETE FROM record_fields WHERE kind = \(key.kind.rawValue) AND id = \(key.id)", connection)
    }

    /// The records that exist among `keys` (of one kind or several), with their fields.
    private func loadRecords(_ keys: [RecordKey], _ connection: PostgresConnection, forUpdate: Bool) async throws
        -> [StoredRecord]
    {
        guard !keys.isEmpty else { return [] }
        let kinds = keys.map(\.kind.rawValue), ids = keys.map(\.id)
        let rows = try await rows(
            """
            SELECT \(unescaped: Self.recordColumns)
            FROM records r JOIN unnest(\(kinds)::text[], \(ids)::text[]) AS wanted(kind, id)
                ON r.kind = wanted.kind AND r.id = wanted.id
            ORDER BY r.kind, r.id
            \(unescaped: forUpdate ? "FOR UPDATE OF r" : "")
            """, connection)
        return try rows.map(Self.storedRecord)
    }

    /// A record's columns and its fields (as two arrays), for ``storedRecord(_:)``.
    static let recordColumns = """
        r.kind, r.id, r.workspace_id, r.created_at, r.version, r.body,
            ARRAY(SELECT f.name FROM record_fields f WHERE f.kind = r.kind AND f.id = r.id ORDER BY f.name, f.value)::text[],
            ARRAY(SELECT f.value FROM record_fields f WHERE f.kind = r.kind AND f.id = r.id ORDER BY f.name, f.value)::text[]
        """

    static func storedRecord(_ row: PostgresRow) throws -> StoredRecord {
        let (kind, id, workspace, created, version, body, names, values) = try row.decode(
            (String, String, String, Int64, Int, String, [String], [String]).self)
        return StoredRecord(
            kind: RecordKind(rawValue: kind), id: id, workspaceID: try WorkspaceID(stored: workspace),
            createdAt: Timestamp(secondsSince1970: created), version: version, body: body,
            fields: Set(zip(names, values).map { RecordField($0, $1) }))
    }
}
