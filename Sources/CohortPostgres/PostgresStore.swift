import CohortCore
import Logging
import PostgresNIO
import Synchronization
import _ConnectionPoolModule

/// The store for several `cohort serve` instances on one PostgreSQL database, through a
/// PostgresNIO connection pool.
///
/// Every method is one transaction: writes run at READ COMMITTED and lock the rows they decide on
/// (`SELECT ... FOR UPDATE`), so concurrent writers on any instance serialise per group and
/// `participant_count` stays exact; reads run REPEATABLE READ, READ ONLY, for one consistent
/// snapshot. Serialisation failures and deadlocks are retried here, with backoff; a database that
/// cannot be reached answers ``ErrorKind/serviceUnavailable`` (503) after ``acquireTimeout``, and
/// the pool reconnects by itself when it is back.
public final class PostgresStore: CohortStore, Sendable {
    let client: PostgresClient
    let logger: Logger
    /// How long a request waits for a connection before answering 503.
    let acquireTimeout: Duration
    private let runTask: Task<Void, Never>

    /// Tries of a transaction that failed with a serialisation failure or a deadlock.
    static let maximumAttempts = 6

    private init(client: PostgresClient, logger: Logger, acquireTimeout: Duration, runTask: Task<Void, Never>) {
        self.client = client
        self.logger = logger
        self.acquireTimeout = acquireTimeout
        self.runTask = runTask
    }

    /// Connects to `url`, and applies pending migrations, waiting up to `startupTimeout` for the
    /// database to answer.
    public static func open(
        url: String, poolSize: Int = 10, acquireTimeout: Duration = .seconds(5), startupTimeout: Duration = .seconds(30),
        eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "cohort.postgres")
    ) async throws -> PostgresStore {
        let location = try PostgresURL(url)
        let client = PostgresClient(
            configuration: try location.clientConfiguration(poolSize: poolSize),
            eventLoopGroup: eventLoopGroup ?? PostgresClient.defaultEventLoopGroup, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        let store = PostgresStore(client: client, logger: logger, acquireTimeout: acquireTimeout, runTask: runTask)
        do {
            try await store.leased(timeout: startupTimeout) { connection in
                try await PostgresMigrations.migrate(connection, logger: logger)
            }
        } catch {
            try? await store.close()
            throw error is LeaseTimedOut ? PostgresURLError("PostgreSQL at \(location) did not answer within \(startupTimeout)") : error
        }
        logger.debug("opened PostgreSQL database", metadata: ["database": "\(location)"])
        return store
    }

    public func ping() async throws {
        try await read { connection in try await connection.query("SELECT 1", logger: self.logger) }
    }

    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    /// Runs `body` in a READ COMMITTED write transaction, retried on serialisation failures and
    /// deadlocks.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL READ COMMITTED", body)
    }

    /// Runs `body` in a REPEATABLE READ, READ ONLY transaction: one snapshot for every statement.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    private func transaction<T: Sendable>(
        _ begin: String, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await leased(timeout: acquireTimeout) { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: begin), logger: self.logger)
                    do {
                        let result = try await body(connection)
                        try await connection.query("COMMIT", logger: self.logger)
                        return result
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: self.logger)
                        throw error
                    }
                }
            } catch {
                switch PostgresFailure(error) {
                case .retry where attempt < Self.maximumAttempts:
                    // 10, 20, 40, ... ms, with jitter, so the contenders do not collide again in step.
                    let base = 10 << (attempt - 1)
                    try await Task.sleep(for: .milliseconds(Int.random(in: base...(2 * base))))
                    attempt += 1
                case .retry, .unavailable:
                    logger.warning("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
                    throw CohortError(.serviceUnavailable, "The database is unavailable; retry shortly.")
                case .other(let error):
                    throw error
                }
            }
        }
    }

    /// Leases a connection for `body`, giving up with ``LeaseTimedOut`` if none comes within
    /// `timeout`. Once `body` has started it runs to its end: a timeout never cuts a transaction.
    func leased<T: Sendable>(
        timeout: Duration, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let race = LeaseRace()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.client.withConnection { connection in
                    guard race.claim() else { throw LeaseTimedOut() }
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if race.expire() { throw LeaseTimedOut() }
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let value = next { return value }
            }
            throw LeaseTimedOut()
        }
    }
}

/// No connection could be leased in time: the database is down or every connection is busy.
struct LeaseTimedOut: Error {}

/// Decides, once, whether a lease arrived before its deadline or the deadline came first.
final class LeaseRace: Sendable {
    private enum State { case waiting, claimed, expired }
    private let state = Mutex(State.waiting)

    /// The lease arrived: true if the deadline has not passed.
    func claim() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .claimed
            return true
        }
    }

    /// The deadline passed: true if the lease had not arrived.
    func expire() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .expired
            return true
        }
    }
}

/// What a failed transaction means for the request.
enum PostgresFailure {
    /// A serialisation failure or a deadlock: nothing was committed; run it again.
    case retry
    /// The database cannot be reached, or is shutting down: answer 503.
    case unavailable
    /// Anything else, such as a `CohortError` from the rules: pass it on.
    case other(any Error)

    init(_ error: any Error) {
        if error is CohortError {
            self = .other(error)
            return
        }
        if error is LeaseTimedOut {
            self = .unavailable
            return
        }
        if error is ConnectionPoolError {
            // The pool is shut down, or its circuit breaker is open: no connection to be had.
            self = .unavailable
            return
        }
        guard let error = error as? PSQLError else {
            self = .other(error)
            return
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            if state == "40001" || state == "40P01" {
                self = .retry
            } else if state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300" {
                self = .unavailable
            } else {
                self = .other(error)
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
            .queryCancelled:
            self = .unavailable
        default:
            self = .other(error)
        }
    }
}
