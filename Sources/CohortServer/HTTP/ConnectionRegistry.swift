import Hummingbird
import HummingbirdCore
import NIOCore
import Synchronization

/// Whether a connection is idle (no request in flight, no request bytes since the last response)
/// and since when. Written by the connection's ``HTTP1ConnectionGuard`` on its event loop, read by
/// ``ConnectionRegistry`` from the server channel's event loop.
final class ConnectionActivity: Sendable {
    /// `NIODeadline.now().uptimeNanoseconds` when the connection became idle; 0 while busy.
    let idleSince = Atomic<UInt64>(0)

    func markIdle() { self.idleSince.store(max(1, NIODeadline.now().uptimeNanoseconds), ordering: .relaxed) }
    func markBusy() { self.idleSince.store(0, ordering: .relaxed) }
}

/// All open connections of one server, so that the longest-idle one can be closed when a new
/// connection would exceed the limit.
final class ConnectionRegistry: Sendable {
    /// Evict idle connections while more than this many are open.
    let evictAbove: Int
    /// A connection must have been idle this long to be evicted, so that a connection just
    /// accepted (whose first request may still be unread in the socket buffer) is not reset.
    let minimumIdle: TimeAmount
    /// Where to schedule a retry when eviction is wanted but no connection is idle long enough.
    private let eventLoop: any EventLoop

    private struct Entry: Sendable {
        let activity: ConnectionActivity
        let channel: any Channel
    }
    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        /// Connections accepted and not yet closed (counted by the server channel's delegate).
        var open = 0
        var retryScheduled = false
    }
    private let state = Mutex(State())

    init(evictAbove: Int, minimumIdle: TimeAmount = .seconds(1), eventLoop: any EventLoop) {
        self.evictAbove = evictAbove
        self.minimumIdle = minimumIdle
        self.eventLoop = eventLoop
    }

    func register(_ activity: ConnectionActivity, channel: any Channel) {
        self.state.withLock { $0.entries[ObjectIdentifier(activity)] = Entry(activity: activity, channel: channel) }
    }

    func unregister(_ activity: ConnectionActivity) {
        _ = self.state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(activity)) }
    }

    /// Called by ``EvictingConnectionLimit`` on the server channel's event loop.
    func accepted() -> Int {
        let open = self.state.withLock { state in
            state.open += 1
            return state.open
        }
        if open > self.evictAbove { self.evictLongestIdle() }
        return open
    }

    func closed() -> Int {
        self.state.withLock { state in
            state.open -= 1
            return state.open
        }
    }

    /// Asks the longest-idle connection to close. The connection is claimed (marked busy) so it is
    /// not picked twice; its guard closes it only if it is still idle on its own event loop. When
    /// none is idle long enough, tries again a little later while the server is still over.
    func evictLongestIdle() {
        let newestAllowed = NIODeadline.now().uptimeNanoseconds &- UInt64(self.minimumIdle.nanoseconds)
        enum Outcome { case evict(any Channel), retry, nothing }
        let outcome: Outcome = self.state.withLock { state in
            guard state.open > self.evictAbove else { return .nothing }
            var best: Entry?
            var bestSince = newestAllowed
            for entry in state.entries.values {
                let since = entry.activity.idleSince.load(ordering: .relaxed)
                if since != 0, since < bestSince {
                    best = entry
                    bestSince = since
                }
            }
            if let best,
                best.activity.idleSince.compareExchange(expected: bestSince, desired: 0, ordering: .relaxed).exchanged
            {
                return .evict(best.channel)
            }
            if state.retryScheduled { return .nothing }
            state.retryScheduled = true
            return .retry
        }
        switch outcome {
        case .evict(let channel):
            channel.pipeline.fireUserInboundEventTriggered(CloseIfIdleEvent())
        case .retry:
            self.eventLoop.scheduleTask(in: .milliseconds(Int64(self.minimumIdle.nanoseconds / 4_000_000))) {
                self.state.withLock { $0.retryScheduled = false }
                self.evictLongestIdle()
            }
        case .nothing:
            break
        }
    }

    /// The connection picked went busy before it could be closed: try another.
    func evictionDeclined() {
        self.evictLongestIdle()
    }
}
