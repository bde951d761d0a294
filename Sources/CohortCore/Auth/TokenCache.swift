#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Recently authenticated tokens, so that a busy client does not cost a database read per request.
///
/// Only successes are kept, for ``timeToLive``, so that a token made a moment ago by `cohort token
/// create` works at once; each under the store's revocation epoch when it was looked up, so that
/// once any token is revoked no entry from before is used again. Keyed by the token's digest,
/// never by the token itself.
public final class TokenCache: Sendable {
    public let timeToLive: Duration
    let capacity: Int
    private let entries = Mutex<[TokenDigest: (researcher: Researcher, expires: ContinuousClock.Instant, epoch: UInt64)]>(
        [:])

    public init(timeToLive: Duration = .seconds(30), capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    func researcher(for digest: TokenDigest, epoch: UInt64, now: ContinuousClock.Instant = .now) -> Researcher? {
        entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.expires > now, entry.epoch == epoch else {
                entries[digest] = nil
                return nil
            }
            return entry.researcher
        }
    }

    func remember(_ researcher: Researcher, for digest: TokenDigest, epoch: UInt64, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            // A crude bound: far more distinct tokens than any deployment has means a client is
            // guessing; start again rather than grow.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = (researcher, now + timeToLive, epoch)
        }
    }
}
