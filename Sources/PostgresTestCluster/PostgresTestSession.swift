import CartablePostgres
import Foundation
import PostgresNIO

/// One connection to a database of the test cluster, kept open between statements: a test holds a transaction on it
/// (a table lock that makes a sender's transaction wait) while it looks at the server and acts on other connections.
public final class PostgresTestSession: @unchecked Sendable {
    private let connection: PostgresConnection
    private let logger: Logger

    /// Opens a connection to the database of `url` (a URL of the test cluster, password included), blocking.
    public init(url: String) throws {
        let parsed = try PostgresURL(url, environment: [:])
        let configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password, database: parsed.database, tls: .disable)
        var logger = Logger(label: "cartable.tests.postgres")
        logger.logLevel = .critical
        self.logger = logger
        connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
    }

    /// Runs one statement, blocking.
    public func execute(_ sql: String) throws {
        _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
    }

    /// Runs a query and returns its first column, each value as text (`nil` for NULL); cast in the SQL (`::text`).
    public func column(_ sql: String) throws -> [String?] {
        try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().rows.map { row in
            try row.decode(String?.self)
        }
    }

    /// The process id of this session's server process, so that a test can leave it out of what it terminates.
    public func backendProcessID() throws -> String {
        try column("SELECT pg_backend_pid()::text").first.flatMap { $0 } ?? ""
    }

    /// Closes the connection, blocking.
    public func close() {
        _ = try? connection.close().wait()
    }
}
