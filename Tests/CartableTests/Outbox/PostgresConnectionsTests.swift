import Foundation
import PostgresNIO
import PostgresTestCluster
import Testing
@testable import CartablePostgres

/// The outbox's connection pool against the test cluster: a connection whose server process is terminated, or that is
/// closed under a caller, fails what is sent on it at once (never a wait without end), and its slot comes back.
@Suite("PostgreSQL connections", .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"))
struct PostgresConnectionsTests {
    /// A pool of at most `maximum` connections to a database of its own.
    private func pool(_ database: PostgresTestDatabase, maximum: Int) throws -> PostgresConnections {
        PostgresConnections(configuration: try PostgresOutbox.configuration(PostgresURL(database.url, environment: [:])), maximum: maximum)
    }

    /// What ends a test body after its server process was terminated.
    private struct Gone: Error {}

    @Test("a transaction whose server process is terminated: the rollback on the closed connection fails at once, and the one slot serves the next transaction",
          .timeLimit(.minutes(4)))
    func terminatedTransaction() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connections = try pool(database, maximum: 1)
        defer { connections.shutDown() }

        let cut = await finishing(within: 60) {
            try await connections.transaction { session in
                _ = try? await session.execute("SELECT pg_terminate_backend(pg_backend_pid())")
                // Only once the channel is closed and its handlers are gone does a query sent on it go nowhere.
                try await session.connection.closeFuture.get()
                throw Gone()
            }
        }
        #expect(cut != nil, "the transaction never ended: its ROLLBACK on the closed connection got no answer")
        if case .failure(let error) = cut { #expect(error is Gone, "\(error)") }

        let next = await finishing(within: 60) {
            try await connections.transaction { session in
                try await session.run("SELECT 1").rows.count
            }
        }
        #expect(next.flatMap { try? $0.get() } == 1, "the slot of the closed connection came back")
        #expect(connections.inUse == 0)
    }

    @Test("a statement sent on a connection closed under its caller fails at once with a connection lost; the pool's count comes back to zero",
          .timeLimit(.minutes(4)))
    func closedUnderTheCaller() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connections = try pool(database, maximum: 2)
        defer { connections.shutDown() }

        let read = await finishing(within: 60) {
            try await connections.withConnection { connection in
                PostgresConnections.close(connection)
                try await connection.closeFuture.get()
                return try await PostgresSession(connection: connection, logger: connections.logger).run("SELECT 1").rows.count
            }
        }
        #expect(read != nil, "the read never ended")
        if case .failure(let error) = read {
            #expect(PostgresOutboxErrors.isConnectionLost(error), "\(error)")
        } else {
            Issue.record("a read on a closed connection did not fail: \(String(describing: read))")
        }
        #expect(connections.inUse == 0)
    }

    @Test("the blocking transaction (enqueue's): its server process terminated, it fails at once and frees its slot",
          .timeLimit(.minutes(4)))
    func terminatedBlockingTransaction() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connections = try pool(database, maximum: 1)
        defer { connections.shutDown() }

        // On a thread of its own: a blocked wait must not hold one of the few threads the tests' tasks run on.
        let cut = await finishingOnThread(within: 60) {
            try connections.blockingTransaction { session in
                _ = try? session.blockingExecute("SELECT pg_terminate_backend(pg_backend_pid())")
                try session.connection.closeFuture.wait()
                throw Gone()
            }
        }
        #expect(cut != nil, "the blocking transaction never ended")
        if case .failure(let error) = cut { #expect(error is Gone, "\(error)") }
        let next = await finishingOnThread(within: 60) {
            try connections.blockingTransaction { session in try session.blockingRun("SELECT 1").rows.count }
        }
        #expect(next.flatMap { try? $0.get() } == 1)
        #expect(connections.inUse == 0)
    }

    @Test("a transaction still running at its time limit: its connection is closed, it fails with a connection lost, and its slot comes back",
          .timeLimit(.minutes(4)))
    func timeLimit() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connections = try pool(database, maximum: 1)
        defer { connections.shutDown() }

        // The statement would run ten minutes; the wait allows one (the suite loads the machine), far past the limit.
        let slow = await finishing(within: 60) {
            try await connections.transaction(timeLimit: .seconds(1)) { session in
                try await session.execute("SELECT pg_sleep(600)")
            }
        }
        #expect(slow != nil, "the transaction outlived its limit by a minute")
        if case .failure(let error) = slow {
            #expect(PostgresOutboxErrors.isConnectionLost(error), "\(error)")
        } else if slow != nil {
            Issue.record("a transaction past its limit did not fail: \(String(describing: slow))")
        }
        #expect(connections.inUse == 0)
    }

    @Test("eight transactions on two connections while their server processes are terminated again and again: each ends, and every slot comes back",
          .timeLimit(.minutes(8)))
    func terminatedUnderLoad() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let connections = try pool(database, maximum: 2)
        defer { connections.shutDown() }
        let killer = try PostgresTestSession(url: database.url)
        defer { killer.close() }
        let killerProcess = try killer.backendProcessID()

        // Three minutes for all: a hang is for ever, and the whole suite on a shared machine once took over a minute.
        let transactions = (0..<8).map { index in
            Task {
                await finishing(within: 180) {
                    try await connections.transaction { session in
                        try await session.execute("SELECT pg_sleep(0.\(1 + index % 3))")
                        return index
                    }
                }
            }
        }
        for _ in 0..<15 {
            try await Task.sleep(for: .milliseconds(70))
            _ = try killer.column("""
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> \(killerProcess)
                """)
        }
        var ended = 0, lost = 0
        for transaction in transactions {
            switch await transaction.value {
            case nil: Issue.record("a transaction never ended")
            case .success?: ended += 1
            case .failure(let error)?:
                ended += 1
                #expect(PostgresOutboxErrors.isConnectionLost(error), "\(error)")
                lost += 1
            }
        }
        #expect(ended == 8)
        #expect(connections.inUse == 0, "every slot came back")
        let after = await finishing(within: 60) {
            try await connections.transaction { session in try await session.run("SELECT 1").rows.count }
        }
        #expect(after.flatMap { try? $0.get() } == 1)
    }
}

/// Runs `body` in a task of its own and waits at most `seconds` for it: `nil` when it has not ended by then (it is
/// left behind, so that a hang fails the test rather than hanging the suite).
private func finishing<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () async throws -> T) async -> Result<T, any Error>? {
    let once = Once()
    return await withCheckedContinuation { continuation in
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            if once.claim() { continuation.resume(returning: result) }
        }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            if once.claim() { continuation.resume(returning: nil) }
        }
    }
}

/// ``finishing(within:_:)`` for a body that blocks: it runs on a thread of its own.
private func finishingOnThread<T: Sendable>(within seconds: Double, _ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error>? {
    let once = Once()
    return await withCheckedContinuation { continuation in
        Thread.detachNewThread {
            let result = Result { try body() }
            if once.claim() { continuation.resume(returning: result) }
        }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            if once.claim() { continuation.resume(returning: nil) }
        }
    }
}

/// True for the first caller only.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}
