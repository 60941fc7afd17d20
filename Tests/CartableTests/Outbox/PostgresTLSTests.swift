import Foundation
import PostgresTestCluster
import Testing
@testable import Cartable
@testable import CartablePostgres

/// The outbox's TLS modes against the test cluster, which `make test` starts with TLS on and a certificate for
/// `localhost` only, signed by a private CA (`CARTABLE_TEST_POSTGRES_CA`). Checked on the server's side: each mode
/// that asks for TLS leaves this database's connections encrypted in `pg_stat_ssl`.
@Suite("PostgreSQL over TLS", .enabled(
    if: PostgresTestCluster.url != nil && PostgresTestCluster.certificateAuthority != nil,
    "CARTABLE_TEST_POSTGRES_URL or CARTABLE_TEST_POSTGRES_CA is not set (make test starts a cluster with TLS when openssl is there)"))
struct PostgresTLSTests {
    /// The database's URL with `host` in place of 127.0.0.1 and `query` after it.
    func url(_ database: PostgresTestDatabase, host: String = "127.0.0.1", _ query: String) -> String {
        database.url.replacingOccurrences(of: "@127.0.0.1:", with: "@\(host):") + "?" + query
    }

    /// How many of the database's connections the server sees encrypted, and how many in all.
    func connections(_ database: PostgresTestDatabase) throws -> (encrypted: Int, all: Int) {
        let from = "FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE datname = '\(database.name)'"
        return (try PostgresTestCluster.integer("SELECT count(*) \(from) AND ssl"), try PostgresTestCluster.integer("SELECT count(*) \(from)"))
    }

    @Test("require encrypts; verify-ca and verify-full check the certificate against sslrootcert; disable does not encrypt")
    func modesThatConnect() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let authority = try #require(PostgresTestCluster.certificateAuthority)
        let cases: [(query: String, host: String, encrypted: Bool)] = [
            ("sslmode=require", "127.0.0.1", true),
            ("sslmode=verify-ca&sslrootcert=\(authority)", "127.0.0.1", true),
            ("sslmode=verify-full&sslrootcert=\(authority)", "localhost", true),
            ("sslmode=disable", "127.0.0.1", false),
        ]
        for (index, item) in cases.enumerated() {
            let outbox = try PostgresOutbox(urlText: url(database, host: item.host, item.query), requireCurrentSchema: index > 0)
            if index == 0 { #expect(try await outbox.migrate() == [1, 2, 3, 4]) }
            #expect(try await outbox.report(campaignID: nil, errorLimit: 1).total == 0)
            let seen = try connections(database)
            #expect(seen.all > 0 && seen.encrypted == (item.encrypted ? seen.all : 0), "\(item.query): \(seen)")
            outbox.close()
        }
    }

    @Test("verify-full refuses a certificate for another name, and one no trusted root signed, saying what to check")
    func modesThatRefuse() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let authority = try #require(PostgresTestCluster.certificateAuthority)
        let secret = try #require(try PostgresURL(database.url, environment: [:]).password)
        // The certificate names localhost, not 127.0.0.1; and the system's roots do not know the private CA.
        let refusals = [("sslmode=verify-full&sslrootcert=\(authority)", "is not for the name 127.0.0.1", "sslmode=verify-ca"),
                        ("sslmode=verify-full", "TLS handshake", "sslrootcert")]
        for (query, reason, hint) in refusals {
            #expect {
                _ = try PostgresOutbox(urlText: url(database, query), requireCurrentSchema: false)
            } throws: { error in
                guard let error = error as? OutboxError else { return false }
                return error.kind == .cannotOpen && error.message.contains(reason) && error.hint?.contains(hint) == true
                    && !"\(error)".contains(secret)
            }
        }
    }
}
