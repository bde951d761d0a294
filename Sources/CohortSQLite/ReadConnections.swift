import CohortCore
import GRDB
import Synchronization

/// Read-only connections to the database file, lent out one per read and used on the calling
/// thread.
///
/// GRDB's `DatabasePool` hands each read to a reader from its own pool, which takes a barrier
/// on a shared dispatch queue, a semaphore and a dispatch group per read. Under concurrent load
/// on two cores those made threads wait for each other: a `GET` of one group spent about 55 µs
/// of server CPU in them against 7 µs running its query (docs/performance.md). Here a
/// connection is taken from a free list under an uncontended lock and its own serial queue runs
/// the read inline. In WAL mode a read-only connection sees every committed write and never
/// waits for the writer; writes still go through the pool's single writer.
final class ReadConnections: Sendable {
    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<(connections: [DatabaseQueue], closed: Bool)>(([], false))
    /// Idle connections kept open; more are opened under a burst and closed after it.
    private let keep: Int

    private let metrics: PoolMetrics

    init(path: String, configuration base: Configuration, metrics: PoolMetrics, keep: Int = 8) {
        var configuration = base
        configuration.readonly = true
        configuration.label = (base.label ?? "cohort") + ".read"
        self.path = path
        self.configuration = configuration
        self.keep = keep
        self.metrics = metrics
    }

    /// Runs `body` with a connection no other read is using.
    func with<T>(_ body: (DatabaseQueue) throws -> T) throws -> T {
        let lent = try idle.withLock { state throws -> DatabaseQueue? in
            if state.closed { throw DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "the store is closed") }
            return state.connections.popLast()
        }
        let connection = try lent ?? DatabaseQueue(path: path, configuration: configuration)
        // A read never waits for a connection: one is opened when none is idle.
        metrics.lent()
        defer {
            metrics.returned()
            let kept = idle.withLock { state in
                guard !state.closed, state.connections.count < keep else { return false }
                state.connections.append(connection)
                return true
            }
            if !kept { try? connection.close() }
        }
        return try body(connection)
    }

    /// Closes the idle connections; those lent out close when they come back.
    func close() {
        let connections = idle.withLock { state in
            state.closed = true
            defer { state.connections = [] }
            return state.connections
        }
        for connection in connections { try? connection.close() }
    }
}
