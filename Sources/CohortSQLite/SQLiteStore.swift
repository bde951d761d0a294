import CohortCore
import GRDB
import Logging

/// The embedded store: one SQLite file in WAL mode, opened through a GRDB `DatabasePool`
/// (one writer, concurrent readers). Other processes, such as `cohort token create`, may use the
/// same file while a server runs: SQLite locks the file and waits up to ``busyTimeout``.
///
/// `synchronous = FULL` makes every commit durable before the call returns, so an answered write
/// survives a crash or a power cut, not just a killed process.
public final class SQLiteStore: CohortStore, Sendable {
    let pool: DatabasePool
    /// Where reads run; see ``ReadConnections``.
    let readers: ReadConnections
    /// Tells this process's token cache about revocations by any process.
    let revocations: RevocationSignal
    let metrics = PoolMetrics(store: "sqlite")

    /// How long a write waits for another process's write before giving up with 503.
    public static let busyTimeout: Double = 10

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String, logger: Logger = Logger(label: "cohort.sqlite")) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.label = "cohort"
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try SQLiteMigrations.migrator.migrate(pool)
        self.readers = ReadConnections(path: path, configuration: configuration, metrics: metrics)
        self.revocations = RevocationSignal(databasePath: path)
        logger.debug("opened SQLite database", metadata: ["path": "\(path)"])
    }

    public func ping() async throws {
        try await readOneStatement { db in _ = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1")) }
    }

    public func close() async throws {
        readers.close()
        revocations.close()
        try pool.close()
    }

    /// Runs `work` in a write transaction, translating database errors.
    func write<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        let asked = ContinuousClock.now
        do {
            return try await pool.write { db in
                metrics.leased(after: ContinuousClock.now - asked)
                defer { metrics.returned() }
                return try work(db)
            }
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    /// Runs `work` in a read transaction (a consistent snapshot), translating database errors.
    ///
    /// On the calling thread, on one of ``readers``: a read in WAL mode never waits for a writer
    /// and takes microseconds, while GRDB's reader pool and its thread hops dominated a request
    /// that reads one group (see docs/performance.md). Writes, which wait for the disk, stay
    /// asynchronous.
    func read<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try readers.with { connection in try connection.read(work) }
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    /// Runs one statement's worth of reading without wrapping it in a transaction: a single
    /// SELECT is atomic in SQLite by itself, and BEGIN and COMMIT around it were a third of its
    /// cost. For anything that reads twice, use ``read(_:)``, which gives one snapshot.
    func readOneStatement<T: Sendable>(_ work: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try readers.with { connection in try connection.unsafeRead(work) }
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    /// Busy, locked, full or failing storage is a condition to retry, not a client error.
    static func translate(_ error: DatabaseError) -> any Error {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PROTOCOL:
            return StorageFailure.unavailable()
        default:
            return error
        }
    }
}
