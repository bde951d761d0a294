import Metrics

/// What a store reports of its connections, as metrics: how many are in use
/// (`cohort_database_connections_in_use`) and how long requests waited for one
/// (`cohort_database_wait_seconds`; on SQLite, the wait for the single writer), by store.
/// swift-metrics discards them unless the server runs with `--metrics`.
public struct PoolMetrics: Sendable {
    private let inUse: Meter
    private let wait: Metrics.Timer

    public init(store: String) {
        inUse = Meter(label: "cohort_database_connections_in_use", dimensions: [("store", store)])
        wait = Metrics.Timer(label: "cohort_database_wait_seconds", dimensions: [("store", store)], preferredDisplayUnit: .seconds)
    }

    /// A connection was lent after `waited`.
    public func leased(after waited: Duration) {
        wait.record(duration: waited)
        inUse.increment()
    }

    /// A connection was lent without waiting for one.
    public func lent() {
        inUse.increment()
    }

    public func returned() {
        inUse.decrement()
    }
}
