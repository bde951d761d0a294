import Metrics

/// The database pool as metrics: connections in use (`cohort_database_connections_in_use`) and the
/// time requests waited for one (`cohort_database_wait_seconds`), by store. swift-metrics discards
/// them unless the server runs with `--metrics`.
struct PoolMetrics: Sendable {
    private let inUse: Meter
    private let wait: Metrics.Timer

    init(store: String) {
        inUse = Meter(label: "cohort_database_connections_in_use", dimensions: [("store", store)])
        wait = Metrics.Timer(label: "cohort_database_wait_seconds", dimensions: [("store", store)], preferredDisplayUnit: .seconds)
    }

    func leased(after waited: Duration) {
        wait.record(duration: waited)
        inUse.increment()
    }

    func returned() {
        inUse.decrement()
    }
}
