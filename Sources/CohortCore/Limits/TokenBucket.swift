/// A token bucket: `burst` requests at once, refilled at `rate` per second.
///
/// Each request takes one unit if there is one; if not, it is refused and told how long until
/// one is back. Pure arithmetic over the times it is given, so that its rules are tested without
/// waiting.
public struct TokenBucket: Sendable, Hashable {
    public let rate: Double
    public let burst: Double
    private(set) var available: Double
    private(set) var updated: Duration

    /// A full bucket at time `now` (any monotonic clock's reading, as a duration since its start).
    public init(rate: Double, burst: Double, now: Duration) {
        precondition(rate > 0 && burst >= 1, "a bucket needs a positive rate and room for one request")
        self.rate = rate
        self.burst = burst
        self.available = burst
        self.updated = now
    }

    /// Takes one unit at `now`: `nil` when the request may go ahead, else how long until it could.
    public mutating func take(now: Duration) -> Duration? {
        refill(now: now)
        if available >= 1 {
            available -= 1
            return nil
        }
        return .seconds((1 - available) / rate)
    }

    /// Whether the bucket is full at `now`: a full bucket remembers nothing worth keeping.
    public func isFull(now: Duration) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.available >= burst
    }

    private mutating func refill(now: Duration) {
        guard now > updated else { return }
        let elapsed = Double((now - updated).components.seconds) + Double((now - updated).components.attoseconds) / 1e18
        available = min(burst, available + elapsed * rate)
        updated = now
    }
}
