import CohortCore
import ServiceLifecycle

/// Keeps a store that needs no running (SQLite) open while the server runs, and closes it on
/// shutdown. PostgreSQL's store is a service itself (``PostgresStore/run()``).
///
/// The application's service group stops the HTTP server first (draining in-flight requests)
/// and this service after it, so no request finds the database closed.
struct StoreService: Service {
    let store: any CohortStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}
