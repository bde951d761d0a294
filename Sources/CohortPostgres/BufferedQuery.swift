import Logging
import NIOCore
import PostgresNIO

/// The connection had closed before the query reached PostgresNIO: it was never sent, so it
/// changed nothing.
struct ConnectionLost: Error, CustomStringConvertible {
    var description: String { "the PostgreSQL connection closed before the query was sent" }
}

extension PostgresConnection {
    /// Runs `query` and returns all its rows: the one way `CohortPostgres` talks to PostgreSQL,
    /// because PostgresNIO 1.33.2's other ways can kill the process or hang when the server goes
    /// away (`docs/deploy.md`, "PostgreSQL faults"):
    ///
    /// - Its async row sequence (`query(...)` with `collect()`, `execute`) pauses the row stream
    ///   after every batch until the consuming task asks for more; a server that closes the socket
    ///   in that pause trips a precondition in `RowStreamStateMachine.channelReadComplete()` on the
    ///   event loop, and the process dies. The EventLoopFuture API used here buffers every row as
    ///   it arrives and never pauses.
    /// - Every query is written with no promise, so one written after the channel closed, once NIO
    ///   has removed its handlers, is dropped and never answered. This starts the query on the
    ///   connection's event loop, where an open channel still has its handlers and fails the
    ///   query if it closes later; a closed one throws ``ConnectionLost`` at once.
    func bufferedQuery(_ query: PostgresQuery, logger: Logger) async throws -> PostgresQueryResult {
        let result = eventLoop.makePromise(of: PostgresQueryResult.self)
        eventLoop.execute {
            guard !self.isClosed else {
                result.fail(ConnectionLost())
                return
            }
            let future: EventLoopFuture<PostgresQueryResult> = self.query(query, logger: logger)
            future.cascade(to: result)
        }
        return try await result.futureResult.get()
    }
}
