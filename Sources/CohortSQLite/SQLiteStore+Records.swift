import Foundation
import CohortCore
import GRDB

/// Plain resources: one table of documents and one of the fields lists filter on, for every kind.
extension SQLiteStore: RecordStore {
    public func record(_ key: RecordKey) async throws -> StoredRecord? {
        try await readOneStatement { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Self.columnsWithFields) FROM records r WHERE r.kind = ? AND r.id = ?")
            return try Row.fetchOne(statement, arguments: [key.kind.rawValue, key.id]).map(Self.recordWithFields)
        }
    }

    public func record(_ key: RecordKey, withMembershipOf caller: ResearcherID) async throws
        -> (record: StoredRecord, callerIsMember: Bool)?
    {
        try await readOneStatement { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(Self.columnsWithFields),
                        EXISTS (SELECT 1 FROM workspace_members m WHERE m.workspace_id = r.workspace_id AND m.researcher_id = ?)
                    FROM records r WHERE r.kind = ? AND r.id = ?
                    """)
            return try Row.fetchOne(statement, arguments: [caller.hex, key.kind.rawValue, key.id]).map {
                (try Self.recordWithFields($0), $0[7] as Bool)
            }
        }
    }

    /// A record's columns and, last, its fields as a JSON array of `[name, value]` pairs: one
    /// statement, so that a read needs no transaction to be consistent.
    static let columnsWithFields = """
        r.kind, r.id, r.workspace_id, r.created_at, r.version, r.body,
            (SELECT json_group_array(json_array(g.name, g.value)) FROM record_fields g WHERE g.kind = r.kind AND g.id = r.id)
        """

    static func recordWithFields(_ row: Row) throws -> StoredRecord {
        let pairs = try JSONDecoder().decode([[String]].self, from: Data((row[6] as String).utf8))
        return StoredRecord(
            kind: RecordKind(rawValue: row[0]), id: row[1], workspaceID: try WorkspaceID(stored: row[2]),
            createdAt: Timestamp(secondsSince1970: row[3]), version: row[4], body: row[5],
            fields: Set(pairs.compactMap { $0.count == 2 ? RecordField($0[0], $0[1]) : nil }))
    }

    public func records(of kind: RecordKind, carrying field: RecordField) async throws -> [StoredRecord] {
        try await readOneStatement { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT \(Self.columnsWithFields)
                    FROM record_fields f JOIN records r ON r.kind = f.kind AND r.id = f.id
                    WHERE f.kind = ? AND f.name = ? AND f.value = ?
                    ORDER BY r.rowid
                    """)
            return try Row.fetchAll(statement, arguments: [kind.rawValue, field.name, field.value]).map(Self.recordWithFields)
        }
    }

    public func records(_ query: RecordQuery, page: PageRequest) async throws -> Page<StoredRecord> {
        try await read { db in
            guard !query.workspaceIDs.isEmpty else { return Page(items: [], total: 0) }
            let workspaces = Array(repeating: "?", count: query.workspaceIDs.count).joined(separator: ", ")
            var condition = "s.kind = ? AND s.workspace_id IN (\(workspaces))"
            var arguments: StatementArguments = [query.kind.rawValue]
            arguments += StatementArguments(query.workspaceIDs.map(\.hex))
            for field in query.fields.sorted() {
                condition += """
                     AND EXISTS (SELECT 1 FROM record_fields f
                        WHERE f.kind = s.kind AND f.name = ? AND f.value = ? AND f.id = s.id)
                    """
                arguments += [field.name, field.value]
            }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM records s WHERE \(condition)", arguments: arguments) ?? 0
            // The page's rowids first, then its rows: the rows an offset skips are stepped over
            // in the index alone, not read from the table (docs/performance.md, studies).
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.recordColumns) FROM records r WHERE r.rowid IN
                        (SELECT s.rowid FROM records s WHERE \(condition) ORDER BY s.rowid LIMIT ? OFFSET ?)
                    ORDER BY r.rowid
                    """,
                arguments: arguments + Self.limitArguments(page))
            return Page(items: try rows.map { try Self.record($0, db) }, total: total)
        }
    }

    public func transact<T: Sendable>(_ decide: @Sendable (TransactionSnapshot) throws -> TransactionStep<T>)
        async throws -> T
    {
        try await write { db in
            var snapshot = TransactionSnapshot()
            for _ in 0..<Self.maximumLoadRounds {
                switch try decide(snapshot) {
                case .load(let records, let groups):
                    // One writer at a time: what is read here stays as read until the end.
                    for key in records { snapshot.records[key] = .some(try Self.loadRecord(key, db)) }
                    for id in groups { snapshot.groups[id] = .some(try Self.loadGroup(id, db)) }
                case .commit(let changes, let result):
                    for change in changes { try Self.apply(change, db) }
                    return result
                }
            }
            throw CorruptRow(description: "a transaction asked to load more than \(Self.maximumLoadRounds) times")
        }
    }

    /// A decision that keeps asking to load is a bug; this bounds it.
    static let maximumLoadRounds = 16

    private static func apply(_ change: RecordChange, _ db: Database) throws {
        switch change {
        case .insert(let record):
            guard try loadRecord(record.key, db) == nil else { throw RecordVersionConflict(record.key) }
            try db.cachedStatement(
                sql: """
                    INSERT INTO records (kind, id, workspace_id, version, created_at, body)
                    VALUES (?, ?, ?, 1, ?, ?)
                    """
            ).execute(
                arguments: [record.kind.rawValue, record.id, record.workspaceID.hex, record.createdAt.secondsSince1970, record.body])
            try insertFields(record, db)
        case .update(let record):
            try db.cachedStatement(sql: "UPDATE records SET body = ?, version = version + 1 WHERE kind = ? AND id = ? AND version = ?")
                .execute(arguments: [record.body, record.kind.rawValue, record.id, record.version])
            guard db.changesCount == 1 else { throw RecordVersionConflict(record.key) }
            try deleteFields(record.key, db)
            try insertFields(record, db)
        case .delete(let key):
            try deleteFields(key, db)
            try db.execute(sql: "DELETE FROM records WHERE kind = ? AND id = ?", arguments: [key.kind.rawValue, key.id])
            guard db.changesCount == 1 else { throw RecordVersionConflict(key) }
        case .editGroup(let id, let operations, let at):
            guard try loadGroup(id, db) != nil else { throw id.notFound }
            for operation in operations { _ = try perform(operation, on: id, at: at, db) }
        }
    }

    static func insertFields(_ record: StoredRecord, _ db: Database) throws {
        for field in record.fields.sorted() {
            try db.cachedStatement(sql: "INSERT INTO record_fields (kind, name, value, id) VALUES (?, ?, ?, ?)")
                .execute(arguments: [record.kind.rawValue, field.name, field.value, record.id])
        }
    }

    private static func deleteFields(_ key: RecordKey, _ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM record_fields WHERE kind = ? AND id = ?")
            .execute(arguments: [key.kind.rawValue, key.id])
    }

    static func loadRecord(_ key: RecordKey, _ db: Database) throws -> StoredRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(recordColumns) FROM records r WHERE r.kind = ? AND r.id = ?"),
            arguments: [key.kind.rawValue, key.id]
        ).map { try record($0, db) }
    }

    static let recordColumns = "r.kind, r.id, r.workspace_id, r.created_at, r.version, r.body"

    static func record(_ row: Row, _ db: Database) throws -> StoredRecord {
        let kind = RecordKind(rawValue: row[0]), id: String = row[1]
        let fields = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, value FROM record_fields WHERE kind = ? AND id = ?"),
            arguments: [kind.rawValue, id]
        ).map { RecordField($0[0], $0[1]) }
        return StoredRecord(
            kind: kind, id: id, workspaceID: try WorkspaceID(stored: row[2]),
            createdAt: Timestamp(secondsSince1970: row[3]), version: row[4], body: row[5], fields: Set(fields))
    }
}
