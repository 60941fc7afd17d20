import Foundation
import PostgresNIO
import PostgresTestCluster
import Testing
@testable import Cartable
@testable import CartablePostgres

/// The outbox implementations the contract tests run against: SQLite always, PostgreSQL when a test cluster is named
/// by `CARTABLE_TEST_POSTGRES_URL` (`make test` starts one, see Tests/Postgres/cluster.sh). Without it the PostgreSQL
/// cases are left out, and ``PostgresAvailabilityTests`` says why (or fails, under `CI=true`).
enum OutboxBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The backends to test on this machine.
    static var testedHere: [OutboxBackend] { PostgresTestCluster.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }
}

/// What tests read of an outbox beyond its API: every row, and a row's attempt log.
protocol InspectableOutbox: Outbox {
    /// Every row, in id order.
    func allMessages() async throws -> [OutboxMessage]
    /// The attempt log of one row: number, outcome and detail of each attempt, in order.
    func attempts(messageID: Int64) async throws -> [(number: Int, outcome: String, detail: String?)]
}

extension SQLiteOutbox: InspectableOutbox {}

extension PostgresOutbox: InspectableOutbox {
    func allMessages() async throws -> [OutboxMessage] {
        try await read(PostgresStatement("SELECT \(PostgresRows.messageColumns) FROM message ORDER BY id")).rows.map(PostgresRows.message)
    }

    func attempts(messageID: Int64) async throws -> [(number: Int, outcome: String, detail: String?)] {
        var statement = PostgresStatement()
        let id = statement.bind(messageID)
        statement.append("SELECT number, outcome, detail FROM attempt WHERE message_id = \(id) ORDER BY id")
        return try await read(statement).rows.map { row in
            let cells = PostgresCells(row)
            return (number: try cells[0], outcome: try cells[1], detail: try cells[2])
        }
    }
}

/// A fresh outbox of either backend: an SQLite file in its own folder, or a new database in the test cluster
/// (migrated), removed by `cleanUp()`.
struct BackendOutbox {
    let backend: OutboxBackend
    let outbox: any InspectableOutbox
    private let sqlite: TemporaryOutbox?
    private let database: PostgresTestDatabase?

    init(_ backend: OutboxBackend) async throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let temporary = try TemporaryOutbox()
            sqlite = temporary
            database = nil
            outbox = temporary.outbox
        case .postgres:
            let created = try PostgresTestDatabase()
            database = created
            sqlite = nil
            let postgres = try PostgresOutbox(urlText: created.url, requireCurrentSchema: false)
            try await postgres.migrate()
            outbox = postgres
        }
    }

    /// The same outbox, opened anew.
    func reopen() throws -> any InspectableOutbox {
        if let sqlite { return try sqlite.reopen() }
        return try PostgresOutbox(urlText: database!.url)
    }

    /// The PostgreSQL database's URL (`nil` for SQLite).
    var databaseURL: String? { database?.url }

    func cleanUp() {
        sqlite?.cleanUp()
        (outbox as? PostgresOutbox)?.close()
        database?.drop()
    }
}

@Suite("PostgreSQL test cluster")
struct PostgresAvailabilityTests {
    @Test("the outbox tests run against a real PostgreSQL (CARTABLE_TEST_POSTGRES_URL, started by make test)")
    func clusterIsThere() throws {
        if let reason = PostgresTestCluster.skipReason {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("\(reason); under CI=true they must run")
                return
            }
            try Test.cancel(Comment(rawValue: reason))
        }
        try PostgresTestCluster.execute(["SELECT 1"])
    }
}
