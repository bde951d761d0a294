#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Recently authenticated tokens, so that a busy client does not cost a database read per request.
///
/// Only successes are kept, for ``timeToLive``: a token made a moment ago by `cohort token create`
/// works at once, and nothing revokes tokens yet, so a short life costs no safety. Keyed by the
/// token's digest, never by the token itself.
public final class TokenCache: Sendable {
    public let timeToLive: Duration
    let capacity: Int
    private let entries = Mutex<[TokenDigest: (researcher: Researcher, expires: ContinuousClock.Instant)]>([:])

    public init(timeToLive: Duration = .seconds(30), capacity: Int = 10_000) {
        self.timeToLive = timeToLive
        self.capacity = capacity
    }

    func researcher(for digest: TokenDigest, now: ContinuousClock.Instant = .now) -> Researcher? {
        entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.expires > now else {
                entries[digest] = nil
                return nil
            }
            return entry.researcher
        }
    }

    func remember(_ researcher: Researcher, for digest: TokenDigest, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            // A crude bound: far more distinct tokens than any deployment has means a client is
            // guessing; start again rather than grow.
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[digest] = (researcher, now + timeToLive)
        }
    }
}
