import Metrics

/// Memberships added or removed by the API, as Prometheus's `cohort_memberships_written_total`.
enum MembershipMetrics {
    private static let written = Counter(label: "cohort_memberships_written_total")

    /// Records `count` memberships written (no-op when metrics are off: swift-metrics' default
    /// backend discards).
    static func record(_ count: Int) {
        if count > 0 { written.increment(by: count) }
    }
}
