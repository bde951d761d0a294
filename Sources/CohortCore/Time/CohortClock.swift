/// Where Cohort reads the time for everything it writes (`datetime_created`, and every time rule
/// to come), so that a sandbox can move it.
public protocol CohortClock: Sendable {
    func now() -> Timestamp
}

/// The machine's time.
public struct SystemClock: CohortClock {
    public init() {}

    public func now() -> Timestamp { .now() }
}
