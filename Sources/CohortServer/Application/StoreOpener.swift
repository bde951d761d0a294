import CohortCore
import CohortPostgres
import CohortSQLite
import Logging
import NIOCore

/// Opens the store a `--database` value names: a `postgres://` URL, or the path of a SQLite file.
public enum StoreOpener {
    public static func open(
        _ configuration: ServerConfiguration, eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger
    ) async throws -> any CohortStore {
        if PostgresURL.isPostgres(configuration.database) {
            return try await PostgresStore.open(
                url: configuration.database, poolSize: configuration.databasePoolSize,
                acquireTimeout: configuration.databaseTimeout, eventLoopGroup: eventLoopGroup, logger: logger)
        }
        return try SQLiteStore(path: configuration.database, logger: logger)
    }
}
