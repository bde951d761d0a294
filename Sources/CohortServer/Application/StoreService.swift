import CohortCore
import ServiceLifecycle

/// Keeps the store open while the server runs and closes it on shutdown.
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
