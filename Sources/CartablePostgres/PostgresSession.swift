import Foundation
import PostgresNIO

/// One connection lent to a transaction or a read: runs statements and collects their rows.
///
/// Every statement is handed to the connection from its own event loop, after checking there that the connection is
/// still open. postgres-nio writes a query to its channel without a promise for the write: once the channel is closed
/// and its handlers removed (the server terminated its process, the server restarted, the watchdog closed it), a query
/// written there is dropped and its result never comes, not even when the connection is closed again. A caller
/// awaiting it would wait forever, holding its connection's slot. On the event loop the check and the write cannot
/// be separated by the close, so a statement either reaches postgres-nio's state machine, which fails it when the
/// connection goes, or fails here at once with ``ConnectionClosed``.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// What a statement gets when its connection was already closed: the connection is lost (see
    /// ``PostgresOutboxErrors/isConnectionLost(_:)``); nothing was sent.
    struct ConnectionClosed: Error, CustomStringConvertible {
        var description: String { "the connection was already closed" }
    }

    /// Runs a statement and returns all its rows and its command tag (how many rows it changed).
    @discardableResult
    func run(_ statement: PostgresStatement) async throws -> PostgresQueryResult {
        try await send(statement.query).get()
    }

    /// Runs a statement without parameters.
    func execute(_ sql: String) async throws {
        _ = try await send(PostgresQuery(unsafeSQL: sql)).get()
    }

    /// ``run(_:)``, blocking this thread.
    @discardableResult
    func blockingRun(_ statement: PostgresStatement) throws -> PostgresQueryResult {
        try send(statement.query).wait()
    }

    /// Sends a statement and returns at once: postgres-nio runs the statements sent on one connection one after
    /// another, in the order sent, so a caller may send the next before the previous is answered (a pipeline), and
    /// waits on each result when it needs it.
    func start(_ statement: PostgresStatement) -> EventLoopFuture<PostgresQueryResult> {
        send(statement.query)
    }

    /// ``execute(_:)``, blocking this thread.
    func blockingExecute(_ sql: String) throws {
        _ = try send(PostgresQuery(unsafeSQL: sql)).wait()
    }

    /// Sends `query` from the connection's event loop if the connection is open there, else fails with
    /// ``ConnectionClosed``.
    private func send(_ query: PostgresQuery) -> EventLoopFuture<PostgresQueryResult> {
        let connection = connection, logger = logger
        return connection.eventLoop.flatSubmit {
            guard !connection.isClosed else { return connection.eventLoop.makeFailedFuture(ConnectionClosed()) }
            return connection.query(query, logger: logger)
        }
    }
}
