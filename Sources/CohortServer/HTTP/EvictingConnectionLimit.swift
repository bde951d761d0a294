import Hummingbird
import HummingbirdCore
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hummingbird's hook on the server channel (`ApplicationConfiguration.availableConnectionsDelegate`,
/// installed as `AvailableConnectionsChannelHandler`): counts connections, stops accepting at
/// `maxConnections` (the kernel's backlog holds the rest, instead of accept() failing with EMFILE),
/// and above `registry.evictAbove` closes the longest-idle keep-alive connection for each newcomer.
struct EvictingConnectionLimit: AvailableConnectionsDelegate {
    let registry: ConnectionRegistry
    let maxConnections: Int
    private var open = 0

    init(registry: ConnectionRegistry, maxConnections: Int) {
        self.registry = registry
        self.maxConnections = maxConnections
    }

    mutating func connectionOpened() {
        self.open = self.registry.accepted()
    }

    mutating func connectionClosed() {
        self.open = self.registry.closed()
    }

    func isAcceptingNewConnections() -> Bool {
        self.open < self.maxConnections
    }

    /// The soft `RLIMIT_NOFILE` less `reserve` descriptors for everything that is not a client
    /// connection: listening socket, epoll/eventfd/timerfd per event loop, stdio, SQLite files
    /// and WAL, PostgreSQL pool, log files. NIO accepts up to `maxMessagesPerRead` (4) sockets per
    /// wakeup before the limit is checked again; the reserve covers that too.
    static func defaultMaxConnections(reserve: Int = 64) -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let ok = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0
        #else
        let ok = getrlimit(RLIMIT_NOFILE, &limit) == 0
        #endif
        guard ok else { return 1024 }
        // RLIM_INFINITY does not import cleanly on Linux; anything over 2^20 is "plenty".
        return max(16, Int(min(limit.rlim_cur, 1 << 20)) - reserve)
    }
}
