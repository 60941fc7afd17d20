import Foundation
import GRDB
import PostgresTestCluster
import Testing
@testable import Cartable
@testable import CartablePostgres

/// Claims scoped to campaigns, and a campaign's sending paused and resumed: the ``Outbox`` contract on each backend
/// (``OutboxBackend``), and outboxes written before the pause existed.
@Suite("Outbox: campaign scope and pause")
struct OutboxPauseTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func keys(_ rows: [OutboxMessage]) -> Set<String> { Set(rows.map(\.entry.idempotencyKey.rawValue)) }

    @Test("a claim scoped to campaigns takes only their rows; an empty set takes nothing; nil takes every campaign", arguments: OutboxBackend.testedHere)
    func claimScopedToCampaigns(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        for campaign in ["ours", "also-ours", "theirs"] { _ = try temporary.outbox.enqueue(entries(2, campaign: campaign), pacing: nil, now: now) }
        let none = try await temporary.outbox.claimDue(limit: 100, filter: ClaimFilter(campaigns: []), owner: .test("a"), leaseDuration: 60, now: now)
        #expect(none.isEmpty)
        let ours = try await temporary.outbox.claimDue(
            limit: 100, filter: ClaimFilter(channels: ["webhook"], campaigns: ["ours", "also-ours"]), owner: .test("a"), leaseDuration: 60, now: now)
        #expect(keys(ours) == ["ours/organiser/r0/webhook", "ours/organiser/r1/webhook", "also-ours/organiser/r0/webhook", "also-ours/organiser/r1/webhook"])
        // A campaign id that looks like SQL is a value like any other.
        let quoted = try await temporary.outbox.claimDue(
            limit: 100, filter: ClaimFilter(campaigns: ["theirs') OR ('1'='1"]), owner: .test("a"), leaseDuration: 60, now: now)
        #expect(quoted.isEmpty)
        let rest = try await temporary.outbox.claimDue(limit: 100, filter: ClaimFilter(), owner: .test("b"), leaseDuration: 60, now: now)
        #expect(keys(rest) == ["theirs/organiser/r0/webhook", "theirs/organiser/r1/webhook"])
    }

    @Test("a paused campaign's rows are claimed by no claim until resumed; the report lists it; pause and resume say what they did", arguments: OutboxBackend.testedHere)
    func pauseHoldsEveryClaim(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        let outbox = temporary.outbox
        defer { temporary.cleanUp() }
        _ = try outbox.enqueue(entries(2, campaign: "held"), pacing: nil, now: now)
        _ = try outbox.enqueue(entries(2, campaign: "open"), pacing: nil, now: now)
        // A campaign known only by its pacing (queued with nothing new) can be paused too.
        _ = try outbox.enqueue([], pacing: CampaignPacing(campaignID: "pacing-only", limits: openLimits), now: now)

        #expect(try await outbox.pause(campaignID: "held", now: now) == .changed)
        #expect(try await outbox.pause(campaignID: "held", now: now + 5) == .unchanged)
        #expect(try await outbox.pause(campaignID: "pacing-only", now: now) == .changed)
        #expect(try await outbox.pause(campaignID: "nobody", now: now) == .unknownCampaign)
        #expect(try await outbox.pausedCampaigns() == [
            PausedCampaign(campaignID: "held", pausedAt: now, waiting: 2), PausedCampaign(campaignID: "pacing-only", pausedAt: now, waiting: 0)])

        let claimed = try await outbox.claimDue(limit: 100, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now)
        #expect(keys(claimed) == ["open/organiser/r0/webhook", "open/organiser/r1/webhook"])
        let scoped = try await outbox.claimDue(limit: 100, filter: ClaimFilter(campaigns: ["held"]), owner: .test("a"), leaseDuration: 60, now: now)
        #expect(scoped.isEmpty)
        let heldKey = IdempotencyKey(campaign: "held", recipient: "r0", channel: .webhook)
        let one = try await outbox.claim(heldKey, caps: nil, owner: .test("a"), leaseDuration: 60, now: now)
        guard case .paused(let row) = one else {
            Issue.record("a paused campaign's row was not said to be held by the pause in the one-message claim: \(one)")
            return
        }
        #expect(row.state == .queued && row.attempts == 0)

        let report = try await outbox.report(campaignID: nil, errorLimit: 10)
        #expect(report.paused.map(\.campaignID) == ["held", "pacing-only"])
        #expect(report.states[.queued] == 2 && report.states[.sending] == 2)
        #expect(try await outbox.report(campaignID: "held", errorLimit: 10).paused == [PausedCampaign(campaignID: "held", pausedAt: now, waiting: 2)])
        #expect(try await outbox.report(campaignID: "open", errorLimit: 10).paused.isEmpty)

        #expect(try await outbox.resume(campaignID: "held") == .changed)
        #expect(try await outbox.resume(campaignID: "held") == .unchanged)
        #expect(try await outbox.resume(campaignID: "nobody") == .unknownCampaign)
        #expect(try await outbox.pausedCampaigns().map(\.campaignID) == ["pacing-only"])
        let afterResume = try await outbox.claimDue(limit: 100, filter: ClaimFilter(), owner: .test("b"), leaseDuration: 60, now: now)
        #expect(keys(afterResume) == ["held/organiser/r0/webhook", "held/organiser/r1/webhook"])
        #expect(afterResume.allSatisfy { $0.attempts == 1 }, "a pause costs no attempt")
        // The pause is stored in the outbox: another process opening it sees it.
        #expect(try await temporary.reopen().pausedCampaigns().map(\.campaignID) == ["pacing-only"])
    }

    @Test("a paused campaign's waiting rows: in the backlog as waiting, counted apart, due for no one; the report's oldest waiting row says it is paused",
          arguments: OutboxBackend.testedHere)
    func pausedRowsInBacklogAndReport(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        let outbox = temporary.outbox
        defer { temporary.cleanUp() }
        // The held campaign's rows were queued first (they are the oldest) and are due first.
        _ = try outbox.enqueue(entries(3, campaign: "held"), pacing: nil, now: now - 100)
        _ = try outbox.enqueue(entries(2, campaign: "open"), pacing: nil, now: now + 50)
        #expect(try await outbox.pause(campaignID: "held", now: now) == .changed)

        let backlog = try await outbox.backlog(channels: nil)
        #expect(backlog.states[.queued] == 5 && backlog.unfinished == 5, "paused rows are not final: still waiting")
        #expect(backlog.paused == 3)
        #expect(backlog.nextDue == now + 50, "a paused row is due for no one: the next due is the open campaign's")
        #expect(backlog.waitingChannels == ["webhook"])
        #expect(try await outbox.backlog(channels: ["x"]).paused == 0)

        let report = try await outbox.report(campaignID: nil, errorLimit: 10)
        let oldest = try #require(report.oldestWaiting)
        #expect(oldest.idempotencyKey.hasPrefix("held/") && oldest.campaignPaused)
        #expect(report.paused.map(\.waiting) == [3])
        #expect(try await outbox.report(campaignID: "open", errorLimit: 10).oldestWaiting?.campaignPaused == false)

        #expect(try await outbox.resume(campaignID: "held") == .changed)
        let resumed = try await outbox.backlog(channels: nil)
        #expect(resumed.paused == 0 && resumed.nextDue == now - 100)
        #expect(try await outbox.report(campaignID: nil, errorLimit: 10).oldestWaiting?.campaignPaused == false)
    }

    @Test("an SQLite outbox written before v3 opens: rows intact, migrated on write, read through a copy on read-only, pausable")
    func sqliteOutboxBeforeV3() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(3, campaign: "old"), pacing: nil, now: now)
        let path = temporary.outbox.path
        // Back to the schema today's main writes: v1 and v2, no paused_campaign, no v3 record.
        try await temporary.outbox.database.write { db in
            try db.execute(sql: "DROP TABLE paused_campaign")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v3: paused campaigns'")
        }
        try temporary.outbox.database.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let readOnly = try SQLiteOutbox(path: path, access: .readOnly)
        #expect(try await readOnly.report(campaignID: nil, errorLimit: 10).states[.queued] == 3)
        #expect(try await readOnly.pausedCampaigns().isEmpty)
        try readOnly.database.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "read-only leaves the file as it was")

        let outbox = try SQLiteOutbox(path: path, access: .readWrite)
        #expect(try await outbox.allMessages().count == 3)
        #expect(try await outbox.pause(campaignID: "old", now: now) == .changed)
        #expect(try await outbox.claimDue(limit: 10, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now).isEmpty)
        #expect(try await outbox.resume(campaignID: "old") == .changed)
        #expect(try await outbox.claimDue(limit: 10, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now).count == 3)
    }

    @Test("a PostgreSQL outbox at migration 1 (before the pause) is refused until migrated; migrate applies 2; rows intact, pausable",
          .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"))
    func postgresOutboxBeforeMigration2() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(3, campaign: "old"), pacing: nil, now: now)
        let database = try #require(temporary.databaseURL)
        // Back to the schema today's main writes: migration 1 only.
        try PostgresTestCluster.execute(["DROP TABLE paused_campaign", "DELETE FROM cartable_migration WHERE version = 2"], on: database)
        #expect {
            _ = try PostgresOutbox(urlText: database)
        } throws: { error in
            (error as? OutboxError)?.kind == .pendingMigrations && (error as? OutboxError)?.message.contains("pending: 2") == true
        }
        let migrating = try PostgresOutbox(urlText: database, requireCurrentSchema: false)
        defer { migrating.close() }
        #expect(try await migrating.migrate() == [2])
        let outbox = try PostgresOutbox(urlText: database)
        defer { outbox.close() }
        #expect(try await outbox.allMessages().count == 3)
        #expect(try await outbox.pause(campaignID: "old", now: now) == .changed)
        #expect(try await outbox.claimDue(limit: 10, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now).isEmpty)
        #expect(try await outbox.resume(campaignID: "old") == .changed)
        #expect(try await outbox.claimDue(limit: 10, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now).count == 3)
    }
}
