import CartablePostgres
import Foundation
import PostgresNIO

/// The private PostgreSQL cluster the tests run against, named by `CARTABLE_TEST_POSTGRES_URL` (a superuser's URL):
/// `make test` starts one with `Tests/Postgres/cluster.sh` and stops it after. Tests make a database each
/// (``PostgresTestDatabase``), so that they run in parallel without seeing each other's rows.
public enum PostgresTestCluster {
    /// The cluster's URL, or `nil` when no cluster was started (the PostgreSQL tests then say they were skipped).
    public static var url: String? {
        ProcessInfo.processInfo.environment["CARTABLE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Why the PostgreSQL tests cannot run here, or `nil` when they can.
    public static var skipReason: String? {
        url == nil
            ? "CARTABLE_TEST_POSTGRES_URL is not set: the PostgreSQL outbox tests were skipped (run `make test`, which starts a private cluster with Tests/Postgres/cluster.sh)"
            : nil
    }

    /// The file of the private CA that signed the cluster's TLS certificate (for `localhost` only), named by
    /// `CARTABLE_TEST_POSTGRES_CA`; `nil` when the cluster offers no TLS (`cluster.sh` found no openssl).
    public static var certificateAuthority: String? {
        ProcessInfo.processInfo.environment["CARTABLE_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs statements one by one outside a transaction (CREATE and DROP DATABASE cannot run in one), on the
    /// database of `url` (the cluster's own by default), blocking this thread.
    public static func execute(_ statements: [String], on url: String? = nil) throws {
        try withConnection(on: url) { connection, logger in
            for statement in statements {
                _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
            }
        }
    }

    /// The integer in the first column of the first row `query` returns, on the database of `url` (the cluster's own
    /// by default), blocking this thread.
    public static func integer(_ query: String, on url: String? = nil) throws -> Int {
        try withConnection(on: url) { connection, logger in
            let rows = try connection.query(PostgresQuery(unsafeSQL: query), logger: logger).wait()
            guard let row = rows.first else { throw PostgresURLError("no row: \(query)") }
            return try row.decode(Int.self)
        }
    }

    /// The text in the first column of every row `query` returns (NULL as `nil`), on the database of `url` (the
    /// cluster's own by default), blocking this thread.
    public static func texts(_ query: String, on url: String? = nil) throws -> [String?] {
        try withConnection(on: url) { connection, logger in
            try connection.query(PostgresQuery(unsafeSQL: query), logger: logger).wait().map { try $0.decode(String?.self) }
        }
    }

    /// An unencrypted connection to the database of `url` as the URL's user, closed after `body`.
    private static func withConnection<T>(on url: String?, _ body: (PostgresConnection, Logger) throws -> T) throws -> T {
        guard let text = url ?? Self.url else { throw PostgresURLError("CARTABLE_TEST_POSTGRES_URL is not set") }
        let parsed = try PostgresURL(text, environment: [:])
        let configuration = PostgresConnection.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password, database: parsed.database, tls: .disable)
        var logger = Logger(label: "cartable.tests.postgres")
        logger.logLevel = .critical
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
        defer { _ = try? connection.close().wait() }
        return try body(connection, logger)
    }
}

/// A database of its own in the test cluster, for one test; `drop()` removes it.
public struct PostgresTestDatabase: Sendable {
    /// Its name, `cartable_test_` and a random suffix.
    public let name: String
    /// Its URL, password included.
    public let url: String

    /// Creates the database.
    public init() throws {
        guard let cluster = PostgresTestCluster.url, var components = URLComponents(string: cluster) else {
            throw PostgresURLError("CARTABLE_TEST_POSTGRES_URL is not set")
        }
        name = "cartable_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        components.path = "/" + name
        url = components.string!
        try PostgresTestCluster.execute(["CREATE DATABASE \(name)"])
    }

    /// Drops the database, closing whatever connections are left on it.
    public func drop() {
        try? PostgresTestCluster.execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }
}
