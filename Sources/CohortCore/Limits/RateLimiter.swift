import Synchronization

/// Prolific's rate limit, per token: a ``TokenBucket`` for each token digest, in this process.
///
/// With several instances on PostgreSQL each keeps its own buckets, so a client spread over N
/// instances by a load balancer may make up to N times the rate (`docs/deploy.md`).
public final class RateLimiter: Sendable {
    public let rate: Double
    public let burst: Double
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let buckets = Mutex<[TokenDigest: TokenBucket]>([:])
    /// Past this many buckets, full ones are forgotten (they would start full again anyway).
    private let capacity: Int

    public init(rate: Double, burst: Double, capacity: Int = 100_000) {
        self.rate = rate
        self.burst = burst
        self.capacity = capacity
        self.start = clock.now
    }

    /// `nil` when the request may go ahead; otherwise how long until the token may send another.
    public func check(_ digest: TokenDigest) -> Duration? {
        let now = clock.now - start
        return buckets.withLock { buckets in
            if buckets.count >= capacity { buckets = buckets.filter { !$0.value.isFull(now: now) } }
            var bucket = buckets[digest] ?? TokenBucket(rate: rate, burst: burst, now: now)
            let wait = bucket.take(now: now)
            buckets[digest] = bucket
            return wait
        }
    }
}
