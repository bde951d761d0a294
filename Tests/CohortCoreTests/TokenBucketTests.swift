import CohortCore
import Testing

/// The rate limit's arithmetic, on given times: a burst at once, then the rate.
@Suite struct TokenBucketTests {
    @Test func aFullBucketLetsTheBurstThroughThenRefuses() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: .zero)
        for _ in 0..<3 { #expect(bucket.take(now: .zero) == nil) }
        let wait = bucket.take(now: .zero)
        #expect(wait == .milliseconds(500))
    }

    @Test func itRefillsAtTheRateUpToTheBurst() {
        var bucket = TokenBucket(rate: 2, burst: 3, now: .zero)
        for _ in 0..<3 { _ = bucket.take(now: .zero) }
        #expect(bucket.take(now: .milliseconds(499)) != nil)
        #expect(bucket.take(now: .milliseconds(500)) == nil)
        #expect(bucket.take(now: .milliseconds(600)) != nil)
        // Ten seconds later it holds the burst, not twenty.
        for _ in 0..<3 { #expect(bucket.take(now: .seconds(10)) == nil) }
        #expect(bucket.take(now: .seconds(10)) != nil)
    }

    @Test func aRefusedRequestTakesNothing() {
        var bucket = TokenBucket(rate: 1, burst: 1, now: .zero)
        #expect(bucket.take(now: .zero) == nil)
        for _ in 0..<5 { #expect(bucket.take(now: .milliseconds(500)) == .milliseconds(500)) }
        #expect(bucket.take(now: .seconds(1)) == nil)
    }

    @Test func theLimiterKeepsABucketPerToken() {
        let limiter = RateLimiter(rate: 1, burst: 2)
        let ada = APIToken("ada").digest, bob = APIToken("bob").digest
        #expect(limiter.check(ada) == nil)
        #expect(limiter.check(ada) == nil)
        #expect(limiter.check(ada) != nil)
        #expect(limiter.check(bob) == nil)
    }
}
