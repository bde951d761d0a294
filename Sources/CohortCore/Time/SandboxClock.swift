import Synchronization

/// The sandbox's clock: the machine's time plus the advances made, which a test moves forward
/// (`POST /_cohort/clock`). It never goes backwards, whatever the machine's clock does, and a
/// reset does not rewind it.
public final class SandboxClock: CohortClock {
    private struct State {
        var offset: Int64 = 0
        /// The latest time answered: never answer earlier.
        var latest = Timestamp(secondsSince1970: .min)
    }

    private let state = Mutex(State())
    private let machine: @Sendable () -> Timestamp

    /// `machine` is the time it moves from (the system's, unless a test gives another).
    public init(machine: @escaping @Sendable () -> Timestamp = { .now() }) {
        self.machine = machine
    }

    public func now() -> Timestamp {
        let machineNow = machine()
        return state.withLock { state in
            let now = Timestamp(secondsSince1970: machineNow.secondsSince1970 + state.offset)
            state.latest = max(state.latest, now)
            return state.latest
        }
    }

    /// Moves the clock forward by `seconds`; a negative number is refused.
    @discardableResult
    public func advance(by seconds: Int64) throws(CohortError) -> Timestamp {
        guard seconds >= 0 else {
            throw CohortError.invalid("advance_seconds", "The clock only moves forward: give 0 or more seconds.")
        }
        guard seconds <= Self.longestAdvance else {
            throw CohortError.invalid("advance_seconds", "Give at most \(Self.longestAdvance) seconds (about 100 years).")
        }
        state.withLock { $0.offset += seconds }
        return now()
    }

    /// Sets the clock to `time`, which must not be before its time now.
    @discardableResult
    public func set(to time: Timestamp) throws(CohortError) -> Timestamp {
        let current = now()
        guard time >= current else {
            throw CohortError.invalid("now", "The clock only moves forward: \(time) is before its time now, \(current).")
        }
        return try advance(by: time.secondsSince1970 - current.secondsSince1970)
    }

    /// Bounds an advance, so that times stay writable (RFC 3339 years up to 9999).
    public static let longestAdvance: Int64 = 100 * 366 * 86_400
}
