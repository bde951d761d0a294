import CohortCore
import CohortPostgres
import CohortSQLite
import Logging
import NIOCore
import ServiceLifecycle

/// Opens the store a `--database` value names: a `postgres://` URL, or the path of a SQLite file.
public enum StoreOpener {
    /// A store that runs itself, ready when this returns: for commands and tests.
    public static func open(
        _ configuration: ServerConfiguration, eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger
    ) async throws -> any CohortStore {
        if PostgresURL.isPostgres(configuration.database) {
            return try await openPostgres(configuration, eventLoopGroup: eventLoopGroup, lifecycle: .runsItself, logger: logger)
        }
        return try SQLiteStore(path: configuration.database, logger: logger)
    }

    /// A store for the server: the service that runs it in the application's service group, and
    /// what to do once the group runs and before the server listens (migrations).
    static func openForServing(
        _ configuration: ServerConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger
    ) async throws -> ServedStore {
        if PostgresURL.isPostgres(configuration.database) {
            let store = try await openPostgres(configuration, eventLoopGroup: eventLoopGroup, lifecycle: .service, logger: logger)
            return ServedStore(store: store, service: store, prepare: { try await store.prepare() })
        }
        let store = try SQLiteStore(path: configuration.database, logger: logger)
        return ServedStore(store: store, service: StoreService(store: store), prepare: {})
    }
}

extension StoreOpener {
    private static func openPostgres(
        _ configuration: ServerConfiguration, eventLoopGroup: (any EventLoopGroup)?, lifecycle: PostgresStore.Lifecycle,
        logger: Logger
    ) async throws -> PostgresStore {
        try await PostgresStore.open(
            url: configuration.database, poolSize: configuration.databasePoolSize,
            acquireTimeout: configuration.databaseTimeout, eventLoopGroup: eventLoopGroup, lifecycle: lifecycle,
            logger: logger)
    }
}

/// A store as the server runs it.
struct ServedStore: Sendable {
    let store: any CohortStore
    /// Runs in the application's service group, which stops it after the HTTP server.
    let service: any Service
    /// Called before the server listens, once the service runs.
    let prepare: @Sendable () async throws -> Void
}
