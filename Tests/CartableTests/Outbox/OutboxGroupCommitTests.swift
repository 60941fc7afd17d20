import Foundation
import GRDB
import Testing
@testable import Cartable

/// ``OutboxGroupCommit``: many concurrent callers share few transactions, and each returns only once its row is in
/// the file, as a second connection reads it.
@Suite("Outbox: group commits")
struct OutboxGroupCommitTests {
    @Test func manyConcurrentEnqueuesShareFewTransactionsAndEachReturnsOnceItsRowIsInTheFile() async throws {
        let temporary = try TemporaryOutbox(durability: .full)
        defer { temporary.cleanUp() }
        let group = OutboxGroupCommit(outbox: temporary.outbox)
        let pacing = CampaignPacing(campaignID: "c", limits: openLimits)
        let count = 300
        // A second connection, opened by the test, that reads the file as another process would.
        let reader = try DatabaseQueue(path: temporary.outbox.path)
        let rows = entries(count)
        let missing = try await withThrowingTaskGroup(of: Int.self) { tasks in
            for entry in rows {
                tasks.addTask {
                    try await group.enqueue(entry, pacing: pacing)
                    let found = try await reader.read { db in
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE idempotency_key = ?", arguments: [entry.idempotencyKey.rawValue]) ?? 0
                    }
                    return found == 1 ? 0 : 1
                }
            }
            return try await tasks.reduce(0, +)
        }
        #expect(missing == 0, "every caller found its row in the file once it returned")
        let statistics = group.statistics
        #expect(statistics.entries == count)
        // The first transaction may hold one entry; those that arrive while it is written share the next ones. The
        // bound is wide (the suite runs in parallel on two cores), yet one transaction per entry would break it.
        #expect(statistics.transactions <= count / 3, "\(statistics.transactions) transactions for \(count) entries")
        let total = try await reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") ?? 0 }
        #expect(total == count)
        let paced = try await temporary.outbox.pacing()
        #expect(paced.map(\.campaignID) == ["c"], "the campaign's pacing is stored with its rows")
    }

    @Test func aKeyAlreadyThereReturnsWithoutASecondRow() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        let group = OutboxGroupCommit(outbox: temporary.outbox)
        let entry = entries(1)[0]
        try await group.enqueue(entry, pacing: nil)
        try await group.enqueue(entry, pacing: nil)
        #expect(try await temporary.outbox.allMessages().count == 1)
        #expect(group.statistics == OutboxGroupCommit.Statistics(transactions: 2, entries: 2))
    }

    @Test func aFailedTransactionThrowsToEachOfItsCallers() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        let readOnly = try SQLiteOutbox(path: temporary.outbox.path, access: .readOnly)
        let group = OutboxGroupCommit(outbox: readOnly)
        await #expect(throws: OutboxError.self) { try await group.enqueue(entries(1)[0], pacing: nil) }
        #expect(try await temporary.outbox.allMessages().isEmpty)
        #expect(group.statistics.transactions == 0)
    }
}
