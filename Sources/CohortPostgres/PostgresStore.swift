import CohortCore
import Logging
import PostgresNIO
import ServiceLifecycle
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
/// the pool reconnects by itself when it is back. A 503 means nothing was changed: a write whose
/// `COMMIT` got no answer is resolved by its ``WriteReceipt`` before the request is answered.
public final class PostgresStore: CohortStore, Sendable {
    let client: PostgresClient
    let logger: Logger
    /// How long a request waits for a connection before answering 503.
    let acquireTimeout: Duration
    /// The pool's own task, and the pruning of write receipts.
    private let tasks = Mutex<[Task<Void, Never>]>([])
    let metrics = PoolMetrics(store: "postgres")

    /// Tries of a transaction that failed with a serialisation failure or a deadlock.
    static let maximumAttempts = 6
    /// A transaction running longer than this has its connection closed, which fails its
    /// statement at once: the bound on a connection that stays open but never answers.
    static let transactionDeadline = Duration.seconds(120)

    /// How long start-up waits for the database to answer.
    let startupTimeout: Duration
    /// Where the database is, for messages (never with its password).
    let location: String

    private init(client: PostgresClient, logger: Logger, acquireTimeout: Duration, startupTimeout: Duration, location: String) {
        self.client = client
        self.logger = logger
        self.acquireTimeout = acquireTimeout
        self.startupTimeout = startupTimeout
        self.location = location
    }

    private func start(_ work: @escaping @Sendable () async -> Void) {
        tasks.withLock { $0.append(Task { await work() }) }
    }

    /// How the store's background work (the connection pool, the pruning of write receipts) runs.
    public enum Lifecycle: Sendable {
        /// In tasks of the store's own, from ``open(url:poolSize:acquireTimeout:startupTimeout:eventLoopGroup:lifecycle:logger:)``
        /// until ``close()``, migrated before `open` returns: for commands and tests.
        case runsItself
        /// In a ServiceLifecycle service group, as the store's ``run()``; the caller calls
        /// ``prepare()`` (migrations) once the group runs, before serving: for `cohort serve`.
        case service
    }

    /// Connects to `url`, waiting up to `startupTimeout` for the database to answer, and, when
    /// the store runs itself, applies pending migrations before returning.
    public static func open(
        url: String, poolSize: Int = 10, acquireTimeout: Duration = .seconds(5), startupTimeout: Duration = .seconds(30),
        eventLoopGroup: (any EventLoopGroup)? = nil, lifecycle: Lifecycle = .runsItself,
        logger: Logger = Logger(label: "cohort.postgres")
    ) async throws -> PostgresStore {
        let location = try PostgresURL(url)
        let client = PostgresClient(
            configuration: try location.clientConfiguration(poolSize: poolSize),
            eventLoopGroup: eventLoopGroup ?? PostgresClient.defaultEventLoopGroup, backgroundLogger: logger)
        let store = PostgresStore(
            client: client, logger: logger, acquireTimeout: acquireTimeout, startupTimeout: startupTimeout,
            location: "\(location)")
        guard case .runsItself = lifecycle else { return store }
        store.start { await store.runBackground() }
        do {
            try await store.prepare()
        } catch {
            try? await store.close()
            throw error
        }
        return store
    }

    /// Applies pending migrations, waiting up to the startup timeout for the database to answer.
    public func prepare() async throws {
        do {
            try await leased(timeout: startupTimeout) { connection in
                try await PostgresMigrations.migrate(connection, store: self)
            }
        } catch is LeaseTimedOut {
            throw PostgresURLError("PostgreSQL at \(location) did not answer within \(startupTimeout)")
        }
        logger.debug("opened PostgreSQL database", metadata: ["database": "\(location)"])
    }

    /// The connection pool and the pruning of write receipts, until the task is cancelled.
    func runBackground() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.client.run() }
            group.addTask { await self.pruneReceipts() }
        }
    }

    public func ping() async throws {
        try await statement { connection in try await self.run("SELECT 1", connection) }
    }

    /// Stops what ``open`` started (pruning, then the pool, which closes its connections); a store
    /// run as a service stops when its service does.
    public func close() async throws {
        for task in tasks.withLock({ $0 }).reversed() {
            task.cancel()
            await task.value
        }
    }

    /// Runs `body` in a READ COMMITTED write transaction, retried on serialisation failures and
    /// deadlocks, and on a connection lost before `COMMIT` was sent.
    func write<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction(.write, body)
    }

    /// Runs `body` in a REPEATABLE READ, READ ONLY transaction: one snapshot for every statement.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction(.read, body)
    }

    /// Runs `body`, one statement, outside a transaction: a single SELECT is atomic by itself,
    /// and BEGIN and COMMIT around it would be two more round trips.
    func statement<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await transaction(.statement, body)
    }

    enum TransactionKind {
        case write, read, statement

        var begin: PostgresQuery? {
            switch self {
            case .write: "BEGIN ISOLATION LEVEL READ COMMITTED"
            case .read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            case .statement: nil
            }
        }
    }

    /// What one try of a transaction came to.
    private enum Attempt<T: Sendable>: Sendable {
        case committed(T)
        /// `COMMIT` was sent and no answer came: it may or may not have happened.
        case inDoubt(T, WriteReceipt, String)
    }

    private func transaction<T: Sendable>(
        _ kind: TransactionKind, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        var reconnected = false
        while true {
            do {
                switch try await attemptOnce(kind, body) {
                case .committed(let result):
                    return result
                case .inDoubt(let result, let receipt, let cause):
                    switch await resolve(receipt) {
                    case .committed:
                        logger.notice("a COMMIT whose answer was lost had committed", metadata: ["cause": "\(cause)"])
                        return result
                    case .notCommitted:
                        logger.warning("database unavailable while committing; nothing was changed", metadata: ["cause": "\(cause)"])
                        throw StorageFailure.unavailable()
                    case .unknown:
                        logger.error(
                            "the outcome of a COMMIT is unknown: the database went away while committing",
                            metadata: ["cause": "\(cause)"])
                        throw StorageFailure.outcomeUnknown()
                    }
                }
            } catch {
                switch PostgresFailure(error) {
                case .retry where attempt < Self.maximumAttempts:
                    // 10, 20, 40, ... ms, with jitter, so the contenders do not collide again in step.
                    let base = 10 << (attempt - 1)
                    try await Task.sleep(for: .milliseconds(Int.random(in: base...(2 * base))))
                    attempt += 1
                case .connectionLost where !reconnected:
                    // Before COMMIT was sent nothing can have been committed (PostgreSQL aborts the
                    // transaction of a session that ends), so one more try on a new connection is
                    // safe; a pooled connection that died unnoticed is the usual cause.
                    reconnected = true
                case .retry, .unavailable, .connectionLost:
                    logger.warning("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
                    throw StorageFailure.unavailable()
                case .other(let error):
                    throw error
                }
            }
        }
    }

    private func attemptOnce<T: Sendable>(
        _ kind: TransactionKind, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> Attempt<T> {
        try await leased(timeout: acquireTimeout) { connection in
            guard let begin = kind.begin else { return .committed(try await body(connection)) }
            try await self.run(begin, connection)
            let result: T
            let receipt = kind == .write ? WriteReceipt() : nil
            do {
                result = try await body(connection)
                if let receipt { try await self.run(receipt.record, connection) }
            } catch {
                await self.rollBack(connection, after: error)
                throw error
            }
            do {
                try await self.run("COMMIT", connection)
            } catch let error where !(error is ConnectionLost) && PostgresFailure.isConnectionLevel(error) {
                // Sent, and the connection died before the answer: committed or not, nobody knows.
                guard let receipt else { throw error }
                return .inDoubt(result, receipt, String(reflecting: error))
            }
            return .committed(result)
        }
    }

    /// Undoes a failed transaction on a live connection. A closed one needs nothing (PostgreSQL
    /// rolls back the transaction of a session that ends); one whose ROLLBACK fails is closed,
    /// rather than going back to the pool inside a transaction.
    private func rollBack(_ connection: PostgresConnection, after error: any Error) async {
        guard !connection.isClosed, !PostgresFailure.isConnectionLevel(error) else { return }
        do {
            try await run("ROLLBACK", connection)
        } catch {
            _ = connection.close() as EventLoopFuture<Void>
        }
    }

    /// Leases a connection for `body`, giving up with ``LeaseTimedOut`` if none comes within
    /// `timeout`. Once `body` has started it runs to its end, or until
    /// ``transactionDeadline``, when its connection is closed under it.
    func leased<T: Sendable>(
        timeout: Duration, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let race = LeaseRace()
        let asked = ContinuousClock.now
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await self.client.withConnection { connection in
                    guard race.claim() else { throw LeaseTimedOut() }
                    self.metrics.leased(after: ContinuousClock.now - asked)
                    defer { self.metrics.returned() }
                    let deadline = connection.eventLoop.scheduleTask(in: TimeAmount(Self.transactionDeadline)) {
                        _ = connection.close() as EventLoopFuture<Void>
                    }
                    defer { deadline.cancel() }
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
    /// The connection broke before `COMMIT` was sent: nothing was committed.
    case connectionLost
    /// No connection to be had: answer 503.
    case unavailable
    /// Anything else, such as a `CohortError` from the rules: pass it on.
    case other(any Error)

    init(_ error: any Error) {
        switch error {
        case is CohortError: self = .other(error)
        case is LeaseTimedOut, is ConnectionPoolError: self = .unavailable
        case let error as PSQLError where error.code == .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            self = state == "40001" || state == "40P01" ? .retry : Self.isConnectionLevel(error) ? .connectionLost : .other(error)
        default: self = Self.isConnectionLevel(error) ? .connectionLost : .other(error)
        }
    }

    /// Whether `error` means the connection is gone, rather than a statement failing on it.
    static func isConnectionLevel(_ error: any Error) -> Bool {
        if error is ConnectionLost { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .server:
            // 08: connection exceptions; 57P: the server shutting down or the backend terminated;
            // 53300: too many connections.
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300"
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
            .queryCancelled, .messageDecodingFailure, .unexpectedBackendMessage:
            return true
        default:
            return false
        }
    }
}

extension PostgresStore: Service {
    /// Runs the connection pool and the pruning of write receipts until the service group shuts
    /// down; the group stops the HTTP server (draining its requests) before it signals this.
    public func run() async throws {
        try await cancelWhenGracefulShutdown { await self.runBackground() }
    }
}
